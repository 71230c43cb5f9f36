import type { Collector } from '../../collector.js';
import { dbClusters } from './db-clusters.js';
import { dbInstances } from './db-instances.js';
import { dbSnapshots } from './db-snapshots.js';
import { eventSubscriptions } from './event-subscriptions.js';
import { events } from './events.js';

export const RDS_COLLECTORS: Collector[] = [dbClusters, dbInstances, dbSnapshots, eventSubscriptions, events];
