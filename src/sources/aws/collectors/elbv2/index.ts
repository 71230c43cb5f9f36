import type { Collector } from '../../collector.js';
import { loadBalancers } from './load-balancers.js';
import { targetGroups } from './target-groups.js';

export const ELBV2_COLLECTORS: Collector[] = [loadBalancers, targetGroups];
