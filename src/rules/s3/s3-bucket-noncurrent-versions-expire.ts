import { defineRule, error, fail, notApplicable, pass, prop } from '../rule.js';
import { describeBucket } from './refs.js';
import { enabledLifecycleRules } from './lifecycle.js';

/**
 * Compliant: a versioned bucket (versioning `Enabled` or `Suspended`, so it holds noncurrent
 * versions) has an enabled lifecycle rule that expires noncurrent versions
 * (`NoncurrentVersionExpiration`, or the older `NoncurrentVersionExpirationInDays`). Buckets never
 * versioned, and buckets with MFA delete (which S3 does not allow a lifecycle configuration on), are
 * not applicable.
 */
export default defineRule({
  id: 's3-bucket-noncurrent-versions-expire',
  title: 'Versioned S3 bucket expires noncurrent object versions',
  category: 'cost',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'With versioning, an overwrite or delete keeps the previous version, billed at full price, forever. A bucket rewritten daily grows by its whole size every day while its listing looks unchanged. Expiring noncurrent versions after the recovery window the business needs keeps the protection versioning gives and bounds its cost; transitioning them to a colder class alone only slows the growth.',
  remediation: {
    text: 'Add a lifecycle rule that expires noncurrent versions after the recovery window (for example 90 days), optionally keeping the newest few, and removes expired delete markers.',
    cli: 'aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration \'{"Rules":[{"ID":"expire-noncurrent","Status":"Enabled","Filter":{},"NoncurrentVersionExpiration":{"NoncurrentDays":90},"Expiration":{"ExpiredObjectDeleteMarker":true}}]}\'',
    cloudformation:
      'LifecycleConfiguration:\n  Rules:\n    - Id: expire-noncurrent\n      Status: Enabled\n      NoncurrentVersionExpiration:\n        NoncurrentDays: 90\n      ExpiredObjectDeleteMarker: true',
    terraform:
      'resource "aws_s3_bucket_lifecycle_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    id     = "expire-noncurrent"\n    status = "Enabled"\n    filter {}\n    noncurrent_version_expiration {\n      noncurrent_days = 90\n    }\n  }\n}',
  },
  controls: ['aws-fsbp:S3.10'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html#lifecycle-config-conceptual-ex6',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-10',
  ],
  evaluate(bucket) {
    const versioning = prop(bucket.props, 'VersioningConfiguration.Status');
    if (!versioning.known) return error(`${describeBucket(bucket)}: ${versioning.reason}.`);
    if (versioning.value !== 'Enabled' && versioning.value !== 'Suspended') {
      return notApplicable(
        () => `${describeBucket(bucket)} has never been versioned, so it holds no noncurrent versions.`,
      );
    }
    const mfa = prop(bucket.observed, 'MFADelete');
    if (mfa.known && mfa.value === 'Enabled') {
      return notApplicable(
        () =>
          `${describeBucket(bucket)} has MFA delete enabled, and S3 allows no lifecycle configuration with it.`,
      );
    }
    const rules = enabledLifecycleRules(bucket);
    if (!rules.known) return error(`${describeBucket(bucket)}: ${rules.reason}.`);
    const expiring = (rules.value ?? []).filter(
      (r) =>
        r.raw.NoncurrentVersionExpiration !== undefined ||
        r.raw.NoncurrentVersionExpirationInDays !== undefined,
    );
    if (expiring.length > 0) {
      return pass(
        () =>
          `${describeBucket(bucket)} expires noncurrent versions (lifecycle rule ${expiring.map((r) => r.label).join(', ')}).`,
      );
    }
    const state = versioning.value === 'Enabled' ? 'is versioned' : 'has versioning suspended';
    if (!rules.value || rules.value.length === 0) {
      return fail(
        `${describeBucket(bucket)} ${state} but has no enabled lifecycle rule, so every noncurrent version is kept and billed.`,
      );
    }
    return fail(
      `${describeBucket(bucket)} ${state} but none of its lifecycle rules expires noncurrent versions, so they are kept and billed.`,
    );
  },
});
