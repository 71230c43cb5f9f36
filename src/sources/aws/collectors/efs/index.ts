import type { Collector } from '../../collector.js';
import { fileSystems } from './file-systems.js';

export const EFS_COLLECTORS: Collector[] = [fileSystems];
