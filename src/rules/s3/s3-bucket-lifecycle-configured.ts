import { defineRule, error, fail, notApplicable, pass, prop } from '../rule.js';
import { describeBucket } from './refs.js';
import { enabledLifecycleRules } from './lifecycle.js';

/**
 * Compliant: the bucket has at least one enabled lifecycle rule. A bucket with MFA delete enabled is
 * not applicable: S3 does not allow a lifecycle configuration on such a bucket.
 */
export default defineRule({
  id: 's3-bucket-lifecycle-configured',
  title: 'S3 bucket has a lifecycle rule',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'Without a lifecycle rule every object stays in its storage class until someone deletes it by hand, which rarely happens: logs, exports and build artefacts pile up in S3 Standard for years, and unfinished multipart uploads are billed invisibly. A rule that moves old data to a cheaper class, expires it, and aborts incomplete uploads keeps the bill proportional to what is still needed.',
  remediation: {
    text: 'Add a lifecycle rule that fits the data: transition to Standard-IA or Glacier after some days, expire after the retention period, and abort incomplete multipart uploads after a week.',
    cli: 'aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration \'{"Rules":[{"ID":"tidy","Status":"Enabled","Filter":{},"Transitions":[{"Days":90,"StorageClass":"GLACIER"}],"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}]}\'',
    cloudformation:
      'LifecycleConfiguration:\n  Rules:\n    - Id: tidy\n      Status: Enabled\n      Transitions:\n        - StorageClass: GLACIER\n          TransitionInDays: 90\n      AbortIncompleteMultipartUpload:\n        DaysAfterInitiation: 7',
    terraform:
      'resource "aws_s3_bucket_lifecycle_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    id     = "tidy"\n    status = "Enabled"\n    filter {}\n    transition {\n      days          = 90\n      storage_class = "GLACIER"\n    }\n    abort_incomplete_multipart_upload {\n      days_after_initiation = 7\n    }\n  }\n}',
  },
  controls: ['aws-fsbp:S3.13'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
  ],
  evaluate(bucket) {
    const rules = enabledLifecycleRules(bucket);
    if (!rules.known) return error(`${describeBucket(bucket)}: ${rules.reason}.`);
    if (rules.value && rules.value.length > 0) {
      const enabled = rules.value;
      const n = enabled.length;
      return pass(
        () =>
          `${describeBucket(bucket)} has lifecycle rule${n > 1 ? 's' : ''} ${enabled.map((r) => r.label).join(', ')} enabled.`,
      );
    }
    const mfa = prop(bucket.observed, 'MFADelete');
    if (mfa.known && mfa.value === 'Enabled') {
      return notApplicable(
        () =>
          `${describeBucket(bucket)} has MFA delete enabled, and S3 allows no lifecycle configuration with it.`,
      );
    }
    if (rules.value === undefined)
      return fail(
        `${describeBucket(bucket)} has no lifecycle configuration, so objects are kept in their storage class until deleted by hand.`,
      );
    return fail(`${describeBucket(bucket)} has a lifecycle configuration but no enabled rule.`);
  },
});
