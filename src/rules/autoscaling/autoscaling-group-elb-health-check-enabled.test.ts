import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-elb-health-check-enabled.js';

describe('autoscaling-group-elb-health-check-enabled', () => {
  it('needs ELB among the health check types of groups behind a load balancer', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/autoscaling-group-elb-health-check-enabled.yaml', import.meta.url),
    );
  });
});
