import { describe, expect, it } from 'vitest';
import { expectTerraformFixture } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-elb-health-check-enabled.js';

describe('autoscaling-group-elb-health-check-enabled on Terraform', () => {
  it('sees load balancers attached by aws_autoscaling_attachment', async () => {
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/autoscaling-group-elb-health-check-enabled-terraform', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id.endsWith('PassClassicElbAttachedElbChecks'))?.reason).toContain(
      'classic load balancers',
    );
  });
});
