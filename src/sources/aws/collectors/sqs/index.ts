import type { Collector } from '../../collector.js';
import { queues } from './queues.js';

export const SQS_COLLECTORS: Collector[] = [queues];
