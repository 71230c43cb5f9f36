import type { Collector } from '../../collector.js';
import { healthChecks } from './health-checks.js';

export const ROUTE53_COLLECTORS: Collector[] = [healthChecks];
