import { z } from 'zod';
import { asBoolean, defineRule, error, fail, notApplicable, pass, prop } from '../rule.js';
import { describeBucket } from './refs.js';
import { inScope, outOfScope, scopeParams } from './scope.js';

/**
 * Compliant: a bucket holding critical data has S3 Object Lock enabled (`ObjectLockEnabled: true`,
 * or `ObjectLockConfiguration.ObjectLockEnabled: Enabled`). Which buckets hold critical data is read
 * from a tag (default `data-classification` = `critical`) or bucket-name patterns; `allBuckets`
 * applies the rule everywhere, as Security Hub S3.15 does.
 */
export default defineRule({
  id: 's3-bucket-object-lock-enabled',
  title: 'S3 bucket with critical data has Object Lock enabled',
  category: 'dr',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'Object Lock stores objects write-once-read-many: a locked version cannot be overwritten or deleted until its retention date, in compliance mode not even by the root user. It is what regulations on record retention (SEC 17a-4, FINRA, many audit-log rules) ask for, and the one protection of backups and ledgers that survives ransomware running with full S3 permissions.',
  remediation: {
    text: 'Enable Object Lock on the bucket (versioning must be on) and set a default retention rule: GOVERNANCE mode while testing, COMPLIANCE mode for records that must not be deleted.',
    cli: 'aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":365}}}\'',
    cloudformation:
      'ObjectLockEnabled: true\nObjectLockConfiguration:\n  ObjectLockEnabled: Enabled\n  Rule:\n    DefaultRetention:\n      Mode: GOVERNANCE\n      Days: 365\nVersioningConfiguration:\n  Status: Enabled',
    terraform:
      'resource "aws_s3_bucket_object_lock_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 365\n    }\n  }\n}',
  },
  controls: ['aws-fsbp:S3.15', 'pci-dss-v4.0:10.5.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html',
  ],
  params: z.object(scopeParams(['critical'], 'a bucket as holding critical data')),
  evaluate(bucket, ctx) {
    const scope = inScope(bucket, ctx.params);
    if (!scope.known) return error(`${describeBucket(bucket)}: ${scope.reason}.`);
    if (scope.value === undefined) {
      return notApplicable(
        () => `${describeBucket(bucket)} is not classified as critical data: ${outOfScope(ctx.params)}.`,
      );
    }
    const flag = prop(bucket.props, 'ObjectLockEnabled');
    const config = prop(bucket.props, 'ObjectLockConfiguration.ObjectLockEnabled');
    if (flag.known && asBoolean(flag.value) === true)
      return pass(
        () => `${describeBucket(bucket)} holds critical data (${scope.value}) and has Object Lock enabled.`,
      );
    if (config.known && config.value === 'Enabled')
      return pass(
        () => `${describeBucket(bucket)} holds critical data (${scope.value}) and has Object Lock enabled.`,
      );
    if (!flag.known) return error(`${describeBucket(bucket)}: ${flag.reason}.`);
    if (!config.known) return error(`${describeBucket(bucket)}: ${config.reason}.`);
    return fail(
      `${describeBucket(bucket)} holds critical data (${scope.value}) but has no Object Lock, so its versions can be deleted by anyone allowed to.`,
    );
  },
});
