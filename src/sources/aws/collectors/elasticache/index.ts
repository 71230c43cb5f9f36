import type { Collector } from '../../collector.js';
import { cacheClusters } from './cache-clusters.js';
import { replicationGroups } from './replication-groups.js';

export const ELASTICACHE_COLLECTORS: Collector[] = [replicationGroups, cacheClusters];
