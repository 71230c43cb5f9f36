import type { Collector } from '../../collector.js';
import { trails } from './trails.js';

export const CLOUDTRAIL_COLLECTORS: Collector[] = [trails];
