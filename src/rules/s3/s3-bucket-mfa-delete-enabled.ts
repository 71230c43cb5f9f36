import { z } from 'zod';
import { defineRule, error, fail, isPlanned, notApplicable, pass, prop } from '../rule.js';
import { describeBucket } from './refs.js';
import { enabledLifecycleRules } from './lifecycle.js';
import { inScope, outOfScope, scopeParams } from './scope.js';

/**
 * Compliant: a bucket holding critical data has MFA delete enabled, as `GetBucketVersioning`
 * reports it (`observed.MFADelete` = `Enabled`). MFA delete cannot be set in CloudFormation or by
 * anyone but the root user through the API, so planned buckets are not applicable; nor are buckets
 * with a lifecycle configuration, which S3 does not allow with MFA delete (Security Hub S3.20 skips
 * them too). Which buckets hold critical data is read from a tag (default `data-classification` =
 * `critical`) or bucket-name patterns; `allBuckets` applies the rule everywhere, as CIS 2.1.2 does.
 */
export default defineRule({
  id: 's3-bucket-mfa-delete-enabled',
  title: 'S3 bucket with critical data has MFA delete enabled',
  category: 'dr',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    "Versioning keeps old versions, but anyone allowed s3:DeleteObjectVersion, or allowed to suspend versioning, can still destroy them, including an attacker holding stolen admin keys. With MFA delete, permanently deleting a version or changing the versioning state also needs the root user's MFA code, so critical records survive a compromised account and a careless script alike, without changing anything for readers and writers.",
  remediation: {
    text: "Sign in with the root user's credentials and MFA device and enable MFA delete with versioning (the API only; not the console, CloudFormation or an IAM user). Remove any lifecycle configuration first: S3 does not allow both.",
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:aws:iam::<account>:mfa/root-account-mfa-device <code>"',
    terraform:
      'resource "aws_s3_bucket_versioning" "this" {\n  bucket = aws_s3_bucket.this.id\n  mfa    = "<root-mfa-serial> <code>"\n  versioning_configuration {\n    status     = "Enabled"\n    mfa_delete = "Enabled"\n  }\n}',
  },
  controls: ['cis-aws-v5.0:2.1.2', 'aws-fsbp:S3.20'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html',
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
    const lifecycle = enabledLifecycleRules(bucket);
    if (lifecycle.known && lifecycle.value !== undefined) {
      return notApplicable(
        () =>
          `${describeBucket(bucket)} has a lifecycle configuration, and S3 does not allow MFA delete with one.`,
      );
    }
    const mfa = prop(bucket.observed, 'MFADelete');
    if (mfa.known && mfa.value === 'Enabled') {
      return pass(
        () => `${describeBucket(bucket)} holds critical data (${scope.value}) and has MFA delete enabled.`,
      );
    }
    if (mfa.known && mfa.value === 'Disabled') {
      return fail(
        `${describeBucket(bucket)} holds critical data (${scope.value}) but has MFA delete disabled, so any principal allowed s3:DeleteObjectVersion can destroy its versions.`,
      );
    }
    if (isPlanned(bucket)) {
      return notApplicable(
        () =>
          `${describeBucket(bucket)} is defined in a template, which cannot set MFA delete (only the root user can, through the API); check the deployed bucket.`,
      );
    }
    // GetBucketVersioning reports MFADelete only once versioning has been configured.
    const versioning = prop(bucket.props, 'VersioningConfiguration.Status');
    if (versioning.known && versioning.value === undefined && bucket.observed !== undefined) {
      return fail(
        `${describeBucket(bucket)} holds critical data (${scope.value}) but has never been versioned, so MFA delete is off.`,
      );
    }
    return error(
      `${describeBucket(bucket)}: the MFA delete state (GetBucketVersioning MFADelete) was not collected.`,
    );
  },
});
