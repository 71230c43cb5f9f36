import type { Collector } from '../../collector.js';
import { tables } from './tables.js';

export const DYNAMODB_COLLECTORS: Collector[] = [tables];
