import type { Collector } from '../../collector.js';
import { alarms } from './alarms.js';
import { bucketMetrics } from './bucket-metrics.js';
import { metrics } from './metrics.js';

export const CLOUDWATCH_COLLECTORS: Collector[] = [alarms, metrics, bucketMetrics];
