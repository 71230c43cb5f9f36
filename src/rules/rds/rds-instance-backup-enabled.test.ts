import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-backup-enabled.js';

describe('rds-instance-backup-enabled', () => {
  it('fails retention 0 and retention under the minimum, and skips replicas and cluster members', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-backup-enabled.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailBackupsOff')).toContain('turned off');
    expect(reason('FailDefaultOneDay')).toContain('the default');
    expect(reason('ErrorRetentionFromParameter')).toContain('BackupRetentionPeriod is not known');
  });

  it('takes the minimum from params, and still fails retention 0', () => {
    expectResources(
      rule,
      [
        resource('AWS::RDS::DBInstance', 'PassThreeDaysOverTwo', {
          Engine: 'mysql',
          BackupRetentionPeriod: 3,
        }),
        resource('AWS::RDS::DBInstance', 'FailOneDayUnderTwo', { Engine: 'mysql', BackupRetentionPeriod: 1 }),
        resource('AWS::RDS::DBInstance', 'FailZero', { Engine: 'mysql', BackupRetentionPeriod: 0 }),
      ],
      { params: { minRetentionDays: 2 } },
    );
  });
});
