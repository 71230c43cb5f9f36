import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass, prop } from '../rule.js';
import { count } from '../rds/values.js';
import { VAULT } from './coverage.js';

/**
 * The lock's mode. A live vault says it by its LockDate (DescribeBackupVault, ListBackupVaults):
 * only a compliance-mode lock has one, and from that date on the lock cannot be changed or removed;
 * ChangeableForDays is not readable back. A template says it by ChangeableForDays.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeBackupVault.html
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
function lockMode(vault: Resource, now: Date): string {
  const lockDate = vault.observed?.LockDate;
  if (typeof lockDate === 'string') {
    const at = Date.parse(lockDate);
    if (!Number.isNaN(at)) {
      return at <= now.getTime()
        ? `compliance mode (immutable since ${lockDate})`
        : `compliance mode (still changeable until ${lockDate})`;
    }
  }
  const changeable = prop(vault.props, 'LockConfiguration.ChangeableForDays');
  return changeable.known && changeable.value !== undefined ? 'compliance mode' : 'governance mode';
}

/**
 * Compliant: the backup vault has AWS Backup Vault Lock (LockConfiguration with a minimum
 * retention), in governance or compliance mode. Live data may report the lock as
 * `observed.Locked` / `MinRetentionDays` (DescribeBackupVault) instead, and its mode by
 * `observed.LockDate`.
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
  evaluate(vault, ctx) {
    const who = `AWS Backup vault ${label(vault)}`;
    const lock = prop(vault.props, 'LockConfiguration');
    if (!lock.known) return error(`${who}: ${lock.reason}.`);
    if (lock.value === undefined) {
      const locked = vault.observed?.Locked;
      if (locked === true) {
        const mode = lockMode(vault, ctx.now);
        return pass(() => `${who} is locked (Vault Lock in ${mode}).`);
      }
      return fail(
        `${who} has no Vault Lock: its recovery points can be deleted before their retention ends.`,
      );
    }
    const min = count(vault.props, 'LockConfiguration.MinRetentionDays', undefined);
    if (!min.known) return error(`${who}: ${min.reason}.`);
    const mode = lockMode(vault, ctx.now);
    return pass(
      () =>
        `${who} has a Vault Lock in ${mode}${min.value !== undefined ? ` keeping recovery points at least ${min.value} days` : ''}.`,
    );
  },
});
