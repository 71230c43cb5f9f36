import type { Collector } from '../../collector.js';
import { subscriptions } from './subscriptions.js';
import { topics } from './topics.js';

export const SNS_COLLECTORS: Collector[] = [topics, subscriptions];
