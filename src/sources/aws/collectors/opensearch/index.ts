import type { Collector } from '../../collector.js';
import { domains } from './domains.js';

export const OPENSEARCH_COLLECTORS: Collector[] = [domains];
