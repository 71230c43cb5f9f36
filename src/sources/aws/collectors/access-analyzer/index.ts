import type { Collector } from '../../collector.js';
import { analyzers } from './analyzers.js';

export const ACCESS_ANALYZER_COLLECTORS: Collector[] = [analyzers];
