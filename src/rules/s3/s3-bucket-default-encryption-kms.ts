import { isUnresolved } from '../../model/index.js';
import { defineRule, error, fail, known, pass, prop } from '../rule.js';
import { referencedIds, describeBucket } from './refs.js';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

/**
 * Compliant: the bucket's default encryption uses an AWS KMS key (SSE-KMS `aws:kms` or DSSE-KMS
 * `aws:kms:dsse`). Since January 2023 every bucket without a configuration encrypts with SSE-S3
 * (`AES256`), which this rule does not accept.
 */
export default defineRule({
  id: 's3-bucket-default-encryption-kms',
  title: 'S3 bucket encrypts new objects with an AWS KMS key by default',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'Every S3 object is encrypted at rest, but with SSE-S3 anyone allowed s3:GetObject reads the plaintext: the key is invisible and uncontrollable. With a KMS key, reading also needs kms:Decrypt on that key, so the key policy becomes a second, independent gate; every use of the key is logged in CloudTrail; and disabling the key cuts off access at once. S3 Bucket Keys keep the KMS request cost low.',
  remediation: {
    text: 'Set default encryption to SSE-KMS with a customer managed key whose key policy admits only the roles that need the data, and turn on the S3 Bucket Key. Existing objects keep their encryption until rewritten.',
    cli: 'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}\'',
    cloudformation:
      'BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: aws:kms\n        KMSMasterKeyID: !GetAtt DataKey.Arn\n      BucketKeyEnabled: true',
    terraform:
      'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.data.arn\n    }\n    bucket_key_enabled = true\n  }\n}',
  },
  controls: ['aws-fsbp:S3.17', 'pci-dss-v4.0:3.5.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
  ],
  evaluate(bucket) {
    const rules = prop(bucket.props, 'BucketEncryption.ServerSideEncryptionConfiguration');
    if (!rules.known) return error(`${describeBucket(bucket)}: ${rules.reason}.`);
    if (!Array.isArray(rules.value) || rules.value.length === 0) {
      return fail(
        `${describeBucket(bucket)} has no default encryption configuration, so S3 encrypts with SSE-S3 (AES256), not a KMS key.`,
      );
    }
    for (let i = 0; i < rules.value.length; i++) {
      const base = `BucketEncryption.ServerSideEncryptionConfiguration.${i}.ServerSideEncryptionByDefault`;
      const byDefault = (rules.value[i] as Record<string, unknown> | undefined)
        ?.ServerSideEncryptionByDefault;
      const algorithm = known(
        (byDefault as Record<string, unknown> | undefined)?.SSEAlgorithm,
        `${base}.SSEAlgorithm`,
      );
      if (!algorithm.known) return error(`${describeBucket(bucket)}: ${algorithm.reason}.`);
      if (typeof algorithm.value === 'string' && KMS_ALGORITHMS.has(algorithm.value)) {
        const key = (byDefault as Record<string, unknown>).KMSMasterKeyID;
        const which =
          key === undefined
            ? 'the AWS managed key aws/s3'
            : typeof key === 'string'
              ? key
              : isUnresolved(key) && referencedIds(key.expression).length === 1
                ? `key ${referencedIds(key.expression)[0]}`
                : 'a KMS key chosen at deploy';
        return pass(
          () => `${describeBucket(bucket)} encrypts new objects with ${algorithm.value} using ${which}.`,
        );
      }
      if (algorithm.value !== undefined) {
        return fail(
          `${describeBucket(bucket)} encrypts new objects with ${String(algorithm.value)} (S3 managed keys), not a KMS key.`,
        );
      }
    }
    return fail(
      `${describeBucket(bucket)} names no default encryption algorithm, so S3 encrypts with SSE-S3 (AES256), not a KMS key.`,
    );
  },
});
