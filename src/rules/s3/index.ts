import type { AnyRule } from '../rule.js';
import accountPublicAccessBlockEnabled from './s3-account-public-access-block-enabled.js';
import bucketAccessLogTargetDiffers from './s3-bucket-access-log-target-differs.js';
import bucketAccessLoggingEnabled from './s3-bucket-access-logging-enabled.js';
import bucketAclsDisabled from './s3-bucket-acls-disabled.js';
import bucketCrossAccountAccessRestricted from './s3-bucket-cross-account-access-restricted.js';
import bucketDefaultEncryptionKms from './s3-bucket-default-encryption-kms.js';
import bucketEventNotificationsEnabled from './s3-bucket-event-notifications-enabled.js';
import bucketLifecycleConfigured from './s3-bucket-lifecycle-configured.js';
import bucketMfaDeleteEnabled from './s3-bucket-mfa-delete-enabled.js';
import bucketNameValid from './s3-bucket-name-valid.js';
import bucketNoncurrentVersionsExpire from './s3-bucket-noncurrent-versions-expire.js';
import bucketObjectLockEnabled from './s3-bucket-object-lock-enabled.js';
import bucketPublicAccessBlocked from './s3-bucket-public-access-blocked.js';
import bucketPublicReadProhibited from './s3-bucket-public-read-prohibited.js';
import bucketPublicWriteProhibited from './s3-bucket-public-write-prohibited.js';
import bucketReplicationCrossRegion from './s3-bucket-replication-cross-region.js';
import bucketReplicationDestinationVersioned from './s3-bucket-replication-destination-versioned.js';
import bucketReplicationKmsObjectsReplicated from './s3-bucket-replication-kms-objects-replicated.js';
import bucketSecureTransportRequired from './s3-bucket-secure-transport-required.js';
import bucketSensitiveEventNotificationsEnabled from './s3-bucket-sensitive-event-notifications-enabled.js';
import bucketVersioningEnabled from './s3-bucket-versioning-enabled.js';

/** The S3 rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const s3Rules: readonly AnyRule[] = [
  accountPublicAccessBlockEnabled,
  bucketAccessLogTargetDiffers,
  bucketAccessLoggingEnabled,
  bucketAclsDisabled,
  bucketCrossAccountAccessRestricted,
  bucketDefaultEncryptionKms,
  bucketEventNotificationsEnabled,
  bucketLifecycleConfigured,
  bucketMfaDeleteEnabled,
  bucketNameValid,
  bucketNoncurrentVersionsExpire,
  bucketObjectLockEnabled,
  bucketPublicAccessBlocked,
  bucketPublicReadProhibited,
  bucketPublicWriteProhibited,
  bucketReplicationCrossRegion,
  bucketReplicationDestinationVersioned,
  bucketReplicationKmsObjectsReplicated,
  bucketSecureTransportRequired,
  bucketSensitiveEventNotificationsEnabled,
  bucketVersioningEnabled,
];
