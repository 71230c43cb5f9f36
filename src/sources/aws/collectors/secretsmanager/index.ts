import type { Collector } from '../../collector.js';
import { secrets } from './secrets.js';

export const SECRETSMANAGER_COLLECTORS: Collector[] = [secrets];
