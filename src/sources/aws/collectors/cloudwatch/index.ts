import type { Collector } from '../../collector.js';
import { alarms } from './alarms.js';

export const CLOUDWATCH_COLLECTORS: Collector[] = [alarms];
