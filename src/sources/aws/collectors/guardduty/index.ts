import type { Collector } from '../../collector.js';
import { detectors } from './detectors.js';

export const GUARDDUTY_COLLECTORS: Collector[] = [detectors];
