import type { AnyRule } from '../rule.js';
import distributionS3OriginAccessControl from './cloudfront-distribution-s3-origin-access-control.js';

/** The CloudFront rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const cloudfrontRules: readonly AnyRule[] = [distributionS3OriginAccessControl];
