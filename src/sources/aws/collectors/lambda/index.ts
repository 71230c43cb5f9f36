import type { Collector } from '../../collector.js';
import { eventInvokeConfigs } from './event-invoke-configs.js';
import { functions } from './functions.js';

export const LAMBDA_COLLECTORS: Collector[] = [functions, eventInvokeConfigs];
