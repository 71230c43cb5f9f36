import type { Collector } from '../../collector.js';
import { pipelines } from './pipelines.js';

export const CODEPIPELINE_COLLECTORS: Collector[] = [pipelines];
