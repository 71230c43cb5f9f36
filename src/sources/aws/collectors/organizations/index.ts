import type { Collector } from '../../collector.js';
import { structure } from './structure.js';

export const ORGANIZATIONS_COLLECTORS: Collector[] = [structure];
