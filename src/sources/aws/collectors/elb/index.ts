import type { Collector } from '../../collector.js';
import { loadBalancers } from './load-balancers.js';

export const ELB_COLLECTORS: Collector[] = [loadBalancers];
