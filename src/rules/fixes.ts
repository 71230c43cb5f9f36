/**
 * The registry of automated fixes: every `<rule-id>.fix.ts` beside its rule, listed explicitly
 * like the rules themselves. `cloudrounds fix`, `scan --fix` and `policy --fix` read it.
 */
import cloudtrailTrailLogFileValidationEnabled from './cloudtrail/cloudtrail-trail-log-file-validation-enabled.fix.js';
import cloudtrailTrailMultiRegionEnabled from './cloudtrail/cloudtrail-trail-multi-region-enabled.fix.js';
import dynamodbTableAutoscalingEnabled from './dynamodb/dynamodb-table-autoscaling-enabled.fix.js';
import dynamodbTablePitrEnabled from './dynamodb/dynamodb-table-pitr-enabled.fix.js';
import ec2EbsDefaultEncryptionEnabled from './ec2/ec2-ebs-default-encryption-enabled.fix.js';
import ec2InstanceImdsv2Required from './ec2/ec2-instance-imdsv2-required.fix.js';
import ec2SecurityGroupAdminPortsRestricted from './ec2/ec2-security-group-admin-ports-restricted.fix.js';
import type { AnyFix } from './fix.js';
import kmsKeyRotationEnabled from './kms/kms-key-rotation-enabled.fix.js';
import rdsClusterDeletionProtectionEnabled from './rds/rds-cluster-deletion-protection-enabled.fix.js';
import rdsInstanceBackupEnabled from './rds/rds-instance-backup-enabled.fix.js';
import rdsInstanceDeletionProtectionEnabled from './rds/rds-instance-deletion-protection-enabled.fix.js';
import s3AccountPublicAccessBlockEnabled from './s3/s3-account-public-access-block-enabled.fix.js';
import s3BucketDefaultEncryptionKms from './s3/s3-bucket-default-encryption-kms.fix.js';
import s3BucketPublicAccessBlocked from './s3/s3-bucket-public-access-blocked.fix.js';
import s3BucketSecureTransportRequired from './s3/s3-bucket-secure-transport-required.fix.js';
import s3BucketVersioningEnabled from './s3/s3-bucket-versioning-enabled.fix.js';

export const ALL_FIXES: readonly AnyFix[] = [
  cloudtrailTrailLogFileValidationEnabled,
  cloudtrailTrailMultiRegionEnabled,
  dynamodbTableAutoscalingEnabled,
  dynamodbTablePitrEnabled,
  ec2EbsDefaultEncryptionEnabled,
  ec2InstanceImdsv2Required,
  ec2SecurityGroupAdminPortsRestricted,
  kmsKeyRotationEnabled,
  rdsClusterDeletionProtectionEnabled,
  rdsInstanceBackupEnabled,
  rdsInstanceDeletionProtectionEnabled,
  s3AccountPublicAccessBlockEnabled,
  s3BucketDefaultEncryptionKms,
  s3BucketPublicAccessBlocked,
  s3BucketSecureTransportRequired,
  s3BucketVersioningEnabled,
];

const BY_RULE = new Map(ALL_FIXES.map((fix) => [fix.rule, fix]));

/** The fix that closes a rule's findings, if one is declared. */
export function fixFor(ruleId: string): AnyFix | undefined {
  return BY_RULE.get(ruleId);
}

/** Every write action any fix may call, sorted, for the `policy --fix` statement. */
export function fixWriteActions(): string[] {
  return [...new Set(ALL_FIXES.flatMap((fix) => fix.actions))].sort();
}
