import { dynamodbRules } from './dynamodb/index.js';
import { ec2Rules } from './ec2/index.js';
import type { AnyRule } from './rule.js';
import { s3Rules } from './s3/index.js';

/**
 * Every rule, assembled from the per-service registries (`src/rules/<service>/index.ts`). A new
 * service folder adds one import and one spread here; test/meta/rules.test.ts checks that the
 * folders on disk and this list agree.
 */
export const allRules: readonly AnyRule[] = [...dynamodbRules, ...ec2Rules, ...s3Rules];

export * from './rule.js';
