import type { Collector } from '../../collector.js';
import { functions } from './functions.js';

export const LAMBDA_COLLECTORS: Collector[] = [functions];
