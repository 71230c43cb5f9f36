import type { AnyRule } from '../rule.js';
import clusterAutomaticBackupsEnabled from './elasticache-cluster-automatic-backups-enabled.js';
import replicationGroupAutomaticFailoverEnabled from './elasticache-replication-group-automatic-failover-enabled.js';
import replicationGroupEncryptedAtRest from './elasticache-replication-group-encrypted-at-rest.js';
import replicationGroupEncryptedInTransit from './elasticache-replication-group-encrypted-in-transit.js';

/** The ElastiCache rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const elasticacheRules: readonly AnyRule[] = [
  clusterAutomaticBackupsEnabled,
  replicationGroupAutomaticFailoverEnabled,
  replicationGroupEncryptedAtRest,
  replicationGroupEncryptedInTransit,
];
