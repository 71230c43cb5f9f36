import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './backup-vault-lock-enabled.js';

describe('backup-vault-lock-enabled', () => {
  it('passes vaults with a lock configuration and fails those without', async () => {
    await expectFixture(rule, new URL('./fixtures/backup-vault-lock-enabled.yaml', import.meta.url));
  });

  it('accepts the Locked flag of a live vault', () => {
    expectResources(rule, [
      resource(
        'AWS::Backup::BackupVault',
        'PassLiveLocked',
        { BackupVaultName: 'a' },
        { observed: { Locked: true } },
      ),
      resource(
        'AWS::Backup::BackupVault',
        'FailLiveUnlocked',
        { BackupVaultName: 'b' },
        { observed: { Locked: false } },
      ),
    ]);
  });
});
