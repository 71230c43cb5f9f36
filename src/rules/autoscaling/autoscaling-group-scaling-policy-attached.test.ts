import { describe, it } from 'vitest';
import { expectFixture, expectTerraformFixture } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-scaling-policy-attached.js';

describe('autoscaling-group-scaling-policy-attached', () => {
  it('needs a scaling policy or scheduled action when the size may vary', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/autoscaling-group-scaling-policy-attached.yaml', import.meta.url),
    );
  });

  it('finds the aws_autoscaling_policy and aws_autoscaling_schedule resources of a Terraform group', async () => {
    await expectTerraformFixture(
      rule,
      new URL('./fixtures/autoscaling-group-scaling-policy-attached-terraform', import.meta.url),
    );
  });
});
