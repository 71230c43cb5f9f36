import type { Collector } from '../collector.js';
import { EC2_COLLECTORS } from './ec2/index.js';
import { IAM_COLLECTORS } from './iam/index.js';
import { S3_COLLECTORS } from './s3/index.js';

/** Every collector, by service folder. `cloudrounds policy` and the runner read this list. */
export const COLLECTORS: readonly Collector[] = [...EC2_COLLECTORS, ...S3_COLLECTORS, ...IAM_COLLECTORS];

/** Collectors by id. */
export function collectorsById(list: readonly Collector[] = COLLECTORS): Map<string, Collector> {
  return new Map(list.map((c) => [c.id, c]));
}
