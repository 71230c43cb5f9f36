import { z } from 'zod';
import { defineRule, error, fail, pass } from '../rule.js';
import { count } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/**
 * Compliant: the cluster takes automated snapshots (AutomatedSnapshotRetentionPeriod > 0) and keeps
 * them at least `minRetentionDays` (Security Hub Redshift.3: 7).
 */
export default defineRule({
  id: 'redshift-cluster-automatic-snapshots-enabled',
  title: 'Redshift cluster keeps automated snapshots for the minimum retention',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [CLUSTER],
  rationale:
    'Automated snapshots (about every 8 hours or 5 GB of changes) are what a cluster is restored from after a bad load, a dropped table or a failed node group. A retention of 0 turns them off; the default of 1 day leaves a weekend-long mistake unrecoverable. They are also what cross-region snapshot copy sends to the DR region.',
  remediation: {
    text: 'Set the automated snapshot retention to at least the minimum (up to 35 days).',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --automated-snapshot-retention-period 7',
    cloudformation: 'AutomatedSnapshotRetentionPeriod: 7',
    terraform:
      'resource "aws_redshift_cluster" "this" {\n  # ...\n  automated_snapshot_retention_period = 7\n}',
  },
  controls: ['aws-fsbp:Redshift.3'],
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#about-automated-snapshots',
  ],
  params: z.object({
    minRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(35)
      .default(7)
      .describe(
        'Shortest acceptable automated snapshot retention, in days (Security Hub Redshift.3 uses 7).',
      ),
  }),
  evaluate(cluster, ctx) {
    const who = describeCluster(cluster);
    // "Default value is 1"; 0 disables automated snapshots.
    const days = count(cluster.props, 'AutomatedSnapshotRetentionPeriod', 1);
    if (!days.known) return error(`${who}: ${days.reason}.`);
    if (days.value <= 0) return fail(`${who} has automated snapshots turned off (retention 0).`);
    if (days.value < ctx.params.minRetentionDays) {
      return fail(
        `${who} keeps automated snapshots ${days.value} day${days.value === 1 ? '' : 's'}${days.defaulted ? ' (the default)' : ''}, less than the minimum of ${ctx.params.minRetentionDays}.`,
      );
    }
    return pass(() => `${who} keeps automated snapshots ${days.value} days.`);
  },
});
