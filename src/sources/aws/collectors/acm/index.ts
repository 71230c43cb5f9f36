import type { Collector } from '../../collector.js';
import { certificates } from './certificates.js';

export const ACM_COLLECTORS: Collector[] = [certificates];
