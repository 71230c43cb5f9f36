import { defineRule, error, fail, label, pass, prop } from '../rule.js';
import { count } from '../rds/values.js';
import { VAULT } from './coverage.js';

/**
 * Compliant: the backup vault has AWS Backup Vault Lock (LockConfiguration with a minimum
 * retention), in governance or compliance mode. Live data may report the lock as
 * `observed.Locked` / `MinRetentionDays` (DescribeBackupVault) instead.
 */
export default defineRule({
  id: 'backup-vault-lock-enabled',
  title: 'AWS Backup vault is protected by Vault Lock',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [VAULT],
  rationale:
    'Backups are the last line of defence against ransomware and against a compromised administrator, and both go after the backups first. Vault Lock enforces a minimum (and maximum) retention on every recovery point in the vault, so they cannot be deleted early or have their lifecycle shortened; in compliance mode not even the root user can remove the lock once its grace period ends.',
  remediation: {
    text: 'Add a Vault Lock with a minimum retention at least as long as the plans need (governance mode first; compliance mode once the retention is right, because it cannot be undone after ChangeableForDays).',
    cli: 'aws backup put-backup-vault-lock-configuration --backup-vault-name <vault> --min-retention-days 7 --max-retention-days 365 --changeable-for-days 3',
    cloudformation:
      'LockConfiguration:\n  MinRetentionDays: 7\n  MaxRetentionDays: 365\n  ChangeableForDays: 3',
    terraform:
      'resource "aws_backup_vault_lock_configuration" "this" {\n  backup_vault_name   = aws_backup_vault.this.name\n  min_retention_days  = 7\n  max_retention_days  = 365\n  changeable_for_days = 3\n}',
  },
  controls: [],
  references: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html'],
  evaluate(vault) {
    const who = `AWS Backup vault ${label(vault)}`;
    const lock = prop(vault.props, 'LockConfiguration');
    if (!lock.known) return error(`${who}: ${lock.reason}.`);
    if (lock.value === undefined) {
      const locked = vault.observed?.Locked;
      if (locked === true) return pass(() => `${who} is locked (Vault Lock).`);
      return fail(
        `${who} has no Vault Lock: its recovery points can be deleted before their retention ends.`,
      );
    }
    const min = count(vault.props, 'LockConfiguration.MinRetentionDays', undefined);
    if (!min.known) return error(`${who}: ${min.reason}.`);
    const changeable = prop(vault.props, 'LockConfiguration.ChangeableForDays');
    const mode = changeable.known && changeable.value !== undefined ? 'compliance' : 'governance';
    return pass(
      () =>
        `${who} has a Vault Lock in ${mode} mode${min.value !== undefined ? ` keeping recovery points at least ${min.value} days` : ''}.`,
    );
  },
});
