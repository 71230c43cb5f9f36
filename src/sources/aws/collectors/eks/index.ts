import type { Collector } from '../../collector.js';
import { clusters } from './clusters.js';

export const EKS_COLLECTORS: Collector[] = [clusters];
