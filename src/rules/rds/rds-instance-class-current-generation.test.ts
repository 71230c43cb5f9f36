import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-class-current-generation.js';

describe('rds-instance-class-current-generation', () => {
  it('flags previous-generation classes', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-class-current-generation.yaml', import.meta.url),
    );
  });

  it('takes the list of families from params', () => {
    expectResources(
      rule,
      [
        resource('AWS::RDS::DBInstance', 'FailM5Listed', { DBInstanceClass: 'db.m5.large' }),
        resource('AWS::RDS::DBInstance', 'PassM4NotListed', { DBInstanceClass: 'db.m4.large' }),
      ],
      { params: { previousGenerationFamilies: ['m5'] } },
    );
  });
});
