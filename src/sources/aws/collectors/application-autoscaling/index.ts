import type { Collector } from '../../collector.js';
import { scalableTargets } from './scalable-targets.js';

export const APPLICATION_AUTOSCALING_COLLECTORS: Collector[] = [scalableTargets];
