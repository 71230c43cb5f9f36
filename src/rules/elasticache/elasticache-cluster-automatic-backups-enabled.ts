import { z } from 'zod';
import { defineRule, error, fail, pass } from '../rule.js';
import { count } from '../rds/values.js';
import { CACHE_CLUSTER, describeCache, redisOnly, REPLICATION_GROUP } from './engine.js';

/**
 * Compliant: a Redis OSS or Valkey cache (replication group, or standalone cluster) takes daily
 * automatic backups kept at least `minRetentionDays` (SnapshotRetentionLimit). Memcached and the
 * nodes of a replication group are not applicable.
 */
export default defineRule({
  id: 'elasticache-cluster-automatic-backups-enabled',
  title: 'ElastiCache Redis OSS or Valkey cache takes automatic backups',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER],
  rationale:
    'Redis OSS and Valkey are often used as more than a cache (sessions, queues, leaderboards, rate limits), and that data is gone when the nodes are replaced, the group is deleted or a bad FLUSHALL runs. Automatic backups take a daily snapshot to restore a new cache from; the default retention is 0, which means none.',
  remediation: {
    text: 'Set a snapshot retention limit (days) and a snapshot window outside peak hours.',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --snapshot-retention-limit 7 --snapshot-window 03:00-04:00 --apply-immediately',
    cloudformation: 'SnapshotRetentionLimit: 7\nSnapshotWindow: 03:00-04:00',
    terraform:
      'resource "aws_elasticache_replication_group" "this" {\n  # ...\n  snapshot_retention_limit = 7\n  snapshot_window          = "03:00-04:00"\n}',
  },
  controls: ['aws-fsbp:ElastiCache.1'],
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html'],
  params: z.object({
    minRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(35)
      .default(1)
      .describe(
        'Shortest acceptable automatic backup retention, in days (Security Hub ElastiCache.1 uses 1).',
      ),
  }),
  evaluate(cache, ctx) {
    const skip = redisOnly(cache, 'backups');
    if (skip) return skip;
    const who = describeCache(cache);
    // "Default: 0 (that is, automatic backups are disabled for this cluster)".
    const days = count(cache.props, 'SnapshotRetentionLimit', 0);
    if (!days.known) return error(`${who}: ${days.reason}.`);
    if (days.value <= 0) {
      return fail(
        `${who} takes no automatic backups (SnapshotRetentionLimit ${days.defaulted ? 'not set' : '0'}).`,
      );
    }
    if (days.value < ctx.params.minRetentionDays) {
      return fail(
        `${who} keeps automatic backups ${days.value} days, less than the minimum of ${ctx.params.minRetentionDays}.`,
      );
    }
    return pass(() => `${who} keeps automatic backups ${days.value} day${days.value === 1 ? '' : 's'}.`);
  },
});
