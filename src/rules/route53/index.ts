import type { AnyRule } from '../rule.js';
import healthCheckHealthy from './route53-health-check-healthy.js';
import recordFailoverPrimaryHasHealthCheck from './route53-record-failover-primary-has-health-check.js';
import recordS3WebsiteBucketMatchesName from './route53-record-s3-website-bucket-matches-name.js';

/** The Route 53 rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const route53Rules: readonly AnyRule[] = [
  healthCheckHealthy,
  recordFailoverPrimaryHasHealthCheck,
  recordS3WebsiteBucketMatchesName,
];
