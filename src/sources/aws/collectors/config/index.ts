import type { Collector } from '../../collector.js';
import { recorders } from './recorders.js';

export const CONFIG_COLLECTORS: Collector[] = [recorders];
