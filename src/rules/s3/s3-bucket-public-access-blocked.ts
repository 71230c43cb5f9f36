import { UNKNOWN_ACCOUNT, type Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import { BPA_FLAGS, effectiveBlock, type BpaFlag } from './bucket-access.js';

/** How reasons name the bucket. */
function who(bucket: Resource): string {
  return `S3 bucket ${label(bucket)}`;
}

/**
 * Compliant: all four Block Public Access settings are in force for the bucket, from the bucket's
 * own configuration or from the account-level configuration (S3 applies the most restrictive
 * combination of the two).
 */
export default defineRule({
  id: 's3-bucket-public-access-blocked',
  title: 'S3 bucket blocks public access, at bucket or account level',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    "Block Public Access overrides any bucket policy or ACL that would make data public, so a mistaken policy or a 'public-read' upload does not leak it. S3 applies the most restrictive combination of the bucket's and the account's settings, so the account-level block covers a bucket whose own setting is off. A template that omits the configuration gets S3's default for new buckets: all four settings on.",
  remediation: {
    text: 'Turn on all four settings for the account (preferred: it covers current and future buckets), or for the bucket. Serve public content through CloudFront with origin access control instead of a public bucket.',
    cli: 'aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\naws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    cloudformation:
      'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  IgnorePublicAcls: true\n  BlockPublicPolicy: true\n  RestrictPublicBuckets: true',
    terraform:
      'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  controls: ['cis-aws-v5.0:2.1.4', 'aws-fsbp:S3.8', 'pci-dss-v4.0:1.4.4'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-publicaccessblockconfiguration.html',
  ],
  evaluate(bucket, ctx) {
    // S3 applies the most restrictive combination of the bucket's and the account's settings.
    const { flags, account, bucketDefault } = effectiveBlock(bucket, ctx);
    // Most buckets have all four on: lists of the others are made only when there are some.
    let off: BpaFlag[] | undefined;
    let unknown: string[] | undefined;
    let byAccount = false;
    for (let i = 0; i < BPA_FLAGS.length; i++) {
      const flag = BPA_FLAGS[i]!;
      const state = flags[flag];
      if (state.on === false) (off ??= []).push(flag);
      else if (state.on === 'unknown') (unknown ??= []).push(state.reason);
      else if (state.by === 'account') byAccount = true;
    }

    if (off) {
      const accountNote = account
        ? `the account-level settings of ${bucket.account} do not cover ${off.length === 1 ? 'it' : 'them'}`
        : bucket.account === UNKNOWN_ACCOUNT
          ? 'the account is not known, so account-level settings cannot cover them'
          : `no account-level settings for ${bucket.account} are in the snapshot`;
      return fail(
        `${who(bucket)} does not block public access: ${off.join(', ')} off for the bucket, and ${accountNote}.`,
      );
    }
    if (unknown) return error(`${who(bucket)}: ${[...new Set(unknown)].join('; ')}.`);
    if (bucketDefault)
      return pass(
        () => `${who(bucket)} keeps S3's default for new buckets: all four Block Public Access settings on.`,
      );
    if (byAccount) {
      return pass(
        () =>
          `${who(bucket)} blocks public access: the account-level settings of ${bucket.account} cover what the bucket leaves off.`,
      );
    }
    return pass(() => `${who(bucket)} has all four Block Public Access settings on.`);
  },
});
