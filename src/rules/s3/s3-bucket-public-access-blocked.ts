import { UNKNOWN_ACCOUNT, type Resource } from '../../model/index.js';
import { asBoolean, defineRule, error, fail, known, label, pass, prop, type Known } from '../rule.js';

const ACCOUNT_TYPE = 'AWS::S3::AccountPublicAccessBlock';
const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
const BUCKET_PATHS = FLAGS.map((f) => `PublicAccessBlockConfiguration.${f}`);
/** Sources that describe a bucket to be created rather than one that exists. */
const PLANNED = new Set(['cloudformation', 'terraform']);

/**
 * One setting of the account-level block. Its props hold the four flags at the top level, as the
 * s3control API, AWS Config and Terraform's `aws_s3_account_public_access_block` do; the bucket
 * shape (`PublicAccessBlockConfiguration.<flag>`) is read too.
 */
function accountFlag(account: Resource, index: number): Known {
  const flag = FLAGS[index]!;
  const top = known(account.props[flag], flag);
  return top.known && top.value === undefined ? prop(account.props, BUCKET_PATHS[index]!) : top;
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
    const config = prop(bucket.props, 'PublicAccessBlockConfiguration');
    // "By default, new buckets, access points, and objects don't allow public access": a bucket a
    // template creates without the property gets all four settings. An existing bucket without a
    // configuration (GetPublicAccessBlock: NoSuchPublicAccessBlockConfiguration) has none.
    const bucketDefault = config.known && config.value === undefined && PLANNED.has(bucket.origin.source);
    const account =
      bucket.account === UNKNOWN_ACCOUNT
        ? undefined
        : ctx.graph.accountResource(ACCOUNT_TYPE, bucket.account);

    let off: string[] | undefined;
    let unknown: string[] | undefined;
    let byAccount = 0;
    for (let i = 0; i < FLAGS.length; i++) {
      const own = bucketDefault ? undefined : prop(bucket.props, BUCKET_PATHS[i]!);
      if (!own || (own.known && asBoolean(own.value) === true)) continue;
      const acct = account ? accountFlag(account, i) : undefined;
      if (acct?.known && asBoolean(acct.value) === true) {
        byAccount++;
        continue;
      }
      if (!own.known) (unknown ??= []).push(own.reason);
      else if (acct && !acct.known) (unknown ??= []).push(`account ${account!.id}: ${acct.reason}`);
      else (off ??= []).push(FLAGS[i]!);
    }

    const who = `S3 bucket ${label(bucket)}`;
    if (off) {
      const accountNote = account
        ? `the account-level settings of ${bucket.account} do not cover ${off.length === 1 ? 'it' : 'them'}`
        : bucket.account === UNKNOWN_ACCOUNT
          ? 'the account is not known, so account-level settings cannot cover them'
          : `no account-level settings for ${bucket.account} are in the snapshot`;
      return fail(
        `${who} does not block public access: ${off.join(', ')} off for the bucket, and ${accountNote}.`,
      );
    }
    if (unknown) return error(`${who}: ${unknown.join('; ')}.`);
    if (bucketDefault)
      return pass(`${who} keeps S3's default for new buckets: all four Block Public Access settings on.`);
    if (byAccount > 0) {
      return pass(
        `${who} blocks public access: the account-level settings of ${bucket.account} cover what the bucket leaves off.`,
      );
    }
    return pass(`${who} has all four Block Public Access settings on.`);
  },
});
