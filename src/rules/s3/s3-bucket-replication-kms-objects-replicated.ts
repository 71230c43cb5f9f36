import { defineRule, error, fail, known, notApplicable, pass, prop } from '../rule.js';
import { describeBucket } from './refs.js';
import { enabledReplicationRules } from './replication.js';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

/**
 * Compliant: a bucket whose default encryption is SSE-KMS (or DSSE-KMS) replicates its KMS-encrypted
 * objects: every enabled replication rule selects them (`SourceSelectionCriteria.
 * SseKmsEncryptedObjects.Status: Enabled`) and names the key to encrypt replicas with
 * (`Destination.EncryptionConfiguration.ReplicaKmsKeyID`). Buckets that do not replicate, or do not
 * encrypt with KMS by default, are not applicable.
 */
export default defineRule({
  id: 's3-bucket-replication-kms-objects-replicated',
  title: 'S3 replication includes objects encrypted with KMS',
  category: 'dr',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'By default S3 replication skips objects encrypted with AWS KMS keys. On a bucket that encrypts everything with SSE-KMS the replication rule then copies nothing, reports no failure, and the disaster-recovery bucket stays empty until the day it is needed. Replicating them takes an explicit opt-in and a key in the destination region.',
  remediation: {
    text: 'In every replication rule, enable SourceSelectionCriteria.SseKmsEncryptedObjects and set Destination.EncryptionConfiguration.ReplicaKmsKeyID to a key in the destination region; give the replication role kms:Decrypt on the source key and kms:Encrypt on the replica key. Replicate objects written meanwhile with S3 Batch Replication.',
    cloudformation:
      'Rules:\n  - Id: to-dr-region\n    Status: Enabled\n    SourceSelectionCriteria:\n      SseKmsEncryptedObjects:\n        Status: Enabled\n    Destination:\n      Bucket: arn:aws:s3:::my-bucket-dr\n      EncryptionConfiguration:\n        ReplicaKmsKeyID: arn:aws:kms:ap-southeast-1:111122223333:key/<key-id>',
    terraform:
      'rule {\n  source_selection_criteria {\n    sse_kms_encrypted_objects {\n      status = "Enabled"\n    }\n  }\n  destination {\n    bucket = aws_s3_bucket.dr.arn\n    encryption_configuration {\n      replica_kms_key_id = aws_kms_key.dr.arn\n    }\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html',
  ],
  evaluate(bucket) {
    const rules = enabledReplicationRules(bucket);
    if (!rules.known) return error(`${describeBucket(bucket)}: ${rules.reason}.`);
    if (!rules.value || rules.value.length === 0)
      return notApplicable(() => `${describeBucket(bucket)} has no enabled replication rule.`);
    const encryption = prop(bucket.props, 'BucketEncryption.ServerSideEncryptionConfiguration');
    if (!encryption.known) return error(`${describeBucket(bucket)}: ${encryption.reason}.`);
    let kms = false;
    for (const [i, r] of (Array.isArray(encryption.value) ? encryption.value : []).entries()) {
      const algorithm = known(
        (r as { ServerSideEncryptionByDefault?: { SSEAlgorithm?: unknown } } | undefined)
          ?.ServerSideEncryptionByDefault?.SSEAlgorithm,
        `BucketEncryption.ServerSideEncryptionConfiguration.${i}.ServerSideEncryptionByDefault.SSEAlgorithm`,
      );
      if (!algorithm.known) return error(`${describeBucket(bucket)}: ${algorithm.reason}.`);
      if (typeof algorithm.value === 'string' && KMS_ALGORITHMS.has(algorithm.value)) kms = true;
    }
    if (!kms)
      return notApplicable(
        () =>
          `${describeBucket(bucket)} does not encrypt with a KMS key by default, so its objects replicate without KMS settings.`,
      );

    const problems: string[] = [];
    const unknown: string[] = [];
    for (const rule of rules.value) {
      const selected = prop(rule.raw, 'SourceSelectionCriteria.SseKmsEncryptedObjects.Status');
      const key = prop(rule.raw, 'Destination.EncryptionConfiguration.ReplicaKmsKeyID');
      if (!selected.known) unknown.push(`${rule.path}.${selected.reason}`);
      else if (selected.value !== 'Enabled')
        problems.push(
          `rule ${rule.label} does not select KMS-encrypted objects (SourceSelectionCriteria.SseKmsEncryptedObjects)`,
        );
      // A key named by a template expression is set, though its ARN is known only at deploy; only a
      // bare parameter reference could turn out empty.
      if (!key.known) {
        if (typeof (key.unresolved.expression as { Ref?: unknown } | null)?.Ref === 'string') {
          unknown.push(`${rule.path}.${key.reason}`);
        }
      } else if (key.value === undefined || key.value === '') {
        problems.push(`rule ${rule.label} names no ReplicaKmsKeyID for the replicas`);
      }
    }
    if (problems.length > 0) {
      return fail(
        `${describeBucket(bucket)} encrypts with KMS by default, but ${problems.join('; ')}, so its objects are not replicated.`,
      );
    }
    if (unknown.length > 0) return error(`${describeBucket(bucket)}: ${unknown.join('; ')}.`);
    return pass(
      () =>
        `${describeBucket(bucket)} replicates its KMS-encrypted objects and re-encrypts them with a replica key in every rule.`,
    );
  },
});
