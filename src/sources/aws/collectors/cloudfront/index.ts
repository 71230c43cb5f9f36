import type { Collector } from '../../collector.js';
import { distributions } from './distributions.js';

export const CLOUDFRONT_COLLECTORS: Collector[] = [distributions];
