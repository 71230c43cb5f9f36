import type { Collector } from '../../collector.js';
import { services } from './services.js';

/** ECS collectors. */
export const ECS_COLLECTORS: Collector[] = [services];
