import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './backup-vault-lock-enabled.js';

const VAULT = 'AWS::Backup::BackupVault';

describe('backup-vault-lock-enabled', () => {
  it('passes vaults with a lock configuration and fails those without', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/backup-vault-lock-enabled.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassComplianceLock')).toContain('in compliance mode');
    expect(reason('PassGovernanceLock')).toContain('in governance mode');
  });

  it('accepts the Locked flag of a live vault', () => {
    expectResources(rule, [
      resource(VAULT, 'PassLiveLocked', { BackupVaultName: 'a' }, { observed: { Locked: true } }),
      resource(VAULT, 'FailLiveUnlocked', { BackupVaultName: 'b' }, { observed: { Locked: false } }),
    ]);
  });

  it('tells the mode of a live lock by its LockDate, as the collector maps ListBackupVaults', () => {
    const live = (id: string, lockDate?: string) =>
      resource(
        VAULT,
        id,
        { BackupVaultName: id, LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 365 } },
        { observed: { Locked: true, ...(lockDate ? { LockDate: lockDate } : {}) } },
      );
    // The run's clock is TEST_NOW (2026-06-01): one lock date is past, one still ahead.
    const findings = expectResources(rule, [
      live('PassComplianceImmutable', '2026-01-10T00:00:00.000Z'),
      live('PassComplianceInGracePeriod', '2026-06-03T00:00:00.000Z'),
      live('PassGovernance'),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassComplianceImmutable')).toContain(
      'in compliance mode (immutable since 2026-01-10T00:00:00.000Z)',
    );
    expect(reason('PassComplianceInGracePeriod')).toContain(
      'in compliance mode (still changeable until 2026-06-03T00:00:00.000Z)',
    );
    expect(reason('PassGovernance')).toContain('in governance mode');
  });
});
