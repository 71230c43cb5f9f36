import type { Collector } from '../../collector.js';
import { accountPublicAccessBlock } from './account-public-access-block.js';
import { buckets } from './buckets.js';

/** S3 collectors. */
export const S3_COLLECTORS: Collector[] = [accountPublicAccessBlock, buckets];
