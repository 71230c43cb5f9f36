import type { Collector } from '../../collector.js';
import { groups } from './groups.js';

export const AUTOSCALING_COLLECTORS: Collector[] = [groups];
