import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-type-current-generation.js';

describe('ec2-instance-type-current-generation', () => {
  it('fails previous-generation families on instances, launch templates and launch configurations', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/ec2-instance-type-current-generation.yaml', import.meta.url),
    );
  });

  it('takes the family list from its parameters', () => {
    expectResources(
      rule,
      [resource('AWS::EC2::Instance', 'FailM4WhenListed', { InstanceType: 'm4.large' })],
      {
        params: { previousGenerationFamilies: ['m4'] },
      },
    );
  });
});
