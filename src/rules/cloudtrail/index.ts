import type { AnyRule } from '../rule.js';
import accountMultiRegionTrailPresent from './cloudtrail-account-multi-region-trail-present.js';
import trailBucketAccessLoggingEnabled from './cloudtrail-trail-bucket-access-logging-enabled.js';
import trailBucketNotPublic from './cloudtrail-trail-bucket-not-public.js';
import trailCloudwatchLogsEnabled from './cloudtrail-trail-cloudwatch-logs-enabled.js';
import trailKmsEncryptionEnabled from './cloudtrail-trail-kms-encryption-enabled.js';
import trailLogFileValidationEnabled from './cloudtrail-trail-log-file-validation-enabled.js';
import trailMultiRegionEnabled from './cloudtrail-trail-multi-region-enabled.js';

/** The CloudTrail rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const cloudtrailRules: readonly AnyRule[] = [
  trailMultiRegionEnabled,
  accountMultiRegionTrailPresent,
  trailLogFileValidationEnabled,
  trailKmsEncryptionEnabled,
  trailCloudwatchLogsEnabled,
  trailBucketAccessLoggingEnabled,
  trailBucketNotPublic,
];
