import type { Collector } from '../../collector.js';
import { deliveries } from './deliveries.js';
import { deliverySources } from './delivery-sources.js';
import { logGroups } from './log-groups.js';
import { metricFilters } from './metric-filters.js';

export const LOGS_COLLECTORS: Collector[] = [logGroups, metricFilters, deliverySources, deliveries];
