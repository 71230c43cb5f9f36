import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './backup-plan-cross-region-copy-enabled.js';

const PLAN = 'AWS::Backup::BackupPlan';
const plan = (id: string, copyTo?: string) =>
  resource(PLAN, id, {
    BackupPlan: {
      BackupPlanName: id,
      BackupPlanRule: [
        {
          RuleName: 'daily',
          TargetBackupVault: 'prod-vault',
          ...(copyTo ? { CopyActions: [{ DestinationBackupVaultArn: copyTo }] } : {}),
        },
      ],
    },
  });

describe('backup-plan-cross-region-copy-enabled', () => {
  it('compares the copy destination region with the plan region', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/backup-plan-cross-region-copy-enabled.yaml', import.meta.url),
      { deployed: true },
    );
    expect(findings.find((f) => f.resource.id === 'PassCopiesToDrRegion')?.reason).toContain(
      'ap-southeast-1',
    );
    expect(findings.find((f) => f.resource.id === 'FailCopiesToSameRegionVault')?.reason).toContain(
      'only within',
    );
  });

  it('reads live plans, whose destinations are ARNs', () => {
    expectResources(rule, [
      plan('PassToDr', 'arn:aws:backup:ap-southeast-1:123456789012:backup-vault:prod-dr-vault'),
      plan('FailToSameRegion', 'arn:aws:backup:us-east-1:210987654321:backup-vault:central'),
      plan('FailNoCopy'),
    ]);
  });
});
