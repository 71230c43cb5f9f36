import type { Collector } from '../../collector.js';
import { clusters } from './clusters.js';

export const REDSHIFT_COLLECTORS: Collector[] = [clusters];
