import type { Collector } from '../../collector.js';
import { hubs } from './hub.js';

export const SECURITYHUB_COLLECTORS: Collector[] = [hubs];
