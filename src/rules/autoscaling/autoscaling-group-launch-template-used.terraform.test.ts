import { describe, expect, it } from 'vitest';
import { expectTerraformFixture } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-launch-template-used.js';

describe('autoscaling-group-launch-template-used on Terraform', () => {
  it('finds the launch template of a mixed_instances_policy', async () => {
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/autoscaling-group-launch-template-used-terraform', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id.endsWith('PassMixedInstancesPolicy'))?.reason).toContain(
      'mixed instances policy',
    );
  });
});
