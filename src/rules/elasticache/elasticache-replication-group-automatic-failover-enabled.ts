import { defineRule, error, fail, pass } from '../rule.js';
import { flag } from '../rds/values.js';
import { describeCache, redisOnly, REPLICATION_GROUP } from './engine.js';

/** Compliant: the replication group promotes a replica automatically when its primary fails. */
export default defineRule({
  id: 'elasticache-replication-group-automatic-failover-enabled',
  title: 'ElastiCache replication group fails over automatically',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [REPLICATION_GROUP],
  rationale:
    'With automatic failover (and replicas in other Availability Zones, Multi-AZ), ElastiCache promotes a replica within seconds to minutes when the primary node or its zone fails. Without it, writes fail until someone promotes a replica by hand or the node is replaced, and the application that relies on the cache goes down with it.',
  remediation: {
    text: 'Add at least one replica in another Availability Zone and enable automatic failover and Multi-AZ.',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --automatic-failover-enabled --multi-az-enabled --apply-immediately',
    cloudformation: 'AutomaticFailoverEnabled: true\nMultiAZEnabled: true\nNumCacheClusters: 2',
    terraform:
      'resource "aws_elasticache_replication_group" "this" {\n  # ...\n  automatic_failover_enabled = true\n  multi_az_enabled           = true\n  num_cache_clusters         = 2\n}',
  },
  controls: ['aws-fsbp:ElastiCache.3'],
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html'],
  evaluate(group) {
    const skip = redisOnly(group, 'failover');
    if (skip) return skip;
    const who = describeCache(group);
    // "Default: false"; cluster-mode enabled groups require true.
    const on = flag(group.props, 'AutomaticFailoverEnabled', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} fails over to a replica automatically.`)
      : fail(
          `${who} has automatic failover ${on.defaulted ? 'not configured (off by default)' : 'off'}: a primary failure stops writes until someone acts.`,
        );
  },
});
