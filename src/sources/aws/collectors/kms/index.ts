import type { Collector } from '../../collector.js';
import { aliases } from './aliases.js';
import { keys } from './keys.js';

export const KMS_COLLECTORS: Collector[] = [aliases, keys];
