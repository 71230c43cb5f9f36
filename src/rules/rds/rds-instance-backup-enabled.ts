import { z } from 'zod';
import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { clusterOwns, DB_INSTANCE, describeDb, replicaSource } from './instance.js';
import { count } from './values.js';

/**
 * Compliant: the DB instance keeps automated backups (BackupRetentionPeriod > 0) for at least
 * `minRetentionDays`. Members of a DB cluster (the cluster keeps the backups) and read replicas
 * (their data is recoverable from the source) are not applicable.
 */
export default defineRule({
  id: 'rds-instance-backup-enabled',
  title: 'RDS DB instance keeps automated backups for the minimum retention',
  category: 'dr',
  severity: 'high',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'Automated backups (daily snapshots plus transaction logs) are what let you restore a database to any second of the retention period within minutes, after a dropped table or a bad deployment. With BackupRetentionPeriod 0 they are off: there is nothing to restore from and point-in-time recovery is impossible. Multi-AZ does not replace them: a standby replicates the mistake instantly, it only protects against the loss of an Availability Zone.',
  remediation: {
    text: 'Set a backup retention period of at least the minimum (7 days by default; up to 35) and a backup window outside peak hours. To also survive the loss of the region, replicate the backups to another region.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --backup-retention-period 7 --preferred-backup-window 03:00-03:30 --apply-immediately',
    cloudformation: 'BackupRetentionPeriod: 7\nPreferredBackupWindow: 03:00-03:30',
    terraform:
      'resource "aws_db_instance" "this" {\n  # ...\n  backup_retention_period = 7\n  backup_window           = "03:00-03:30"\n}',
  },
  controls: ['aws-fsbp:RDS.11'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11',
  ],
  params: z.object({
    minRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(35)
      .default(7)
      .describe('Shortest acceptable backup retention, in days (Security Hub RDS.11 uses 7).'),
  }),
  evaluate(db, ctx) {
    const owned = clusterOwns(db, 'automated backups');
    if (owned) return owned;
    const who = describeDb(db);
    const source = replicaSource(db);
    if (!source.known) return error(`${who}: ${source.reason}.`);
    if (source.value !== undefined) {
      return notApplicable(
        () => `${who} is a read replica of ${source.value}; backups are taken from the source.`,
      );
    }
    // CloudFormation and the CreateDBInstance API default BackupRetentionPeriod to 1 day.
    const retention = count(db.props, 'BackupRetentionPeriod', 1);
    if (!retention.known) return error(`${who}: ${retention.reason}.`);
    const days = retention.value;
    if (days <= 0) {
      return fail(
        `${who} has automated backups turned off (BackupRetentionPeriod 0): it cannot be restored from a backup or to a point in time.`,
      );
    }
    const note = retention.defaulted ? ' (the default, as BackupRetentionPeriod is not set)' : '';
    if (days < ctx.params.minRetentionDays) {
      return fail(
        `${who} keeps automated backups for ${days} day${days === 1 ? '' : 's'}${note}, less than the minimum of ${ctx.params.minRetentionDays}.`,
      );
    }
    return pass(() => `${who} keeps automated backups for ${days} days.`);
  },
});
