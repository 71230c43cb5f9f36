import type { Collector } from '../../collector.js';
import { rules } from './rules.js';

export const EVENTS_COLLECTORS: Collector[] = [rules];
