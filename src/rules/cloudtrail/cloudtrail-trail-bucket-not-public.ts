import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass, type RuleContext, type RuleResult } from '../rule.js';
import { BPA_FLAGS, effectiveBlock, publicAccess, type PublicAccess } from '../s3/bucket-access.js';
import { bucketText, TRAIL, trailBucket } from './trails.js';

/**
 * Compliant: nobody outside can read or write the bucket the trail delivers to. S3's public-access
 * evaluation is shared with the S3 rules (src/rules/s3/bucket-access.ts): Block Public Access
 * (bucket and account level), ACL grants (canned or live) to the public groups, and policy
 * statements that allow everyone without a condition pinning them to fixed sources.
 */
export default defineRule({
  id: 'cloudtrail-trail-bucket-not-public',
  title: 'S3 bucket of a CloudTrail trail is not publicly accessible',
  category: 'security',
  severity: 'critical',
  resourceTypes: [TRAIL],
  rationale:
    "A public trail bucket hands the whole account's activity to anyone: principals, resource names, source addresses, errors that reveal what exists. A public write grant also lets anyone plant or overwrite log files.",
  remediation: {
    text: 'Turn on S3 Block Public Access for the trail bucket (or the account), and remove public ACL grants and statements that allow `*` without a condition pinning them to fixed sources (aws:SecureTransport does not); CloudTrail needs only its service principal in the bucket policy.',
    cli: 'aws s3api put-public-access-block --bucket <trail-bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    cloudformation:
      'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  IgnorePublicAcls: true\n  BlockPublicPolicy: true\n  RestrictPublicBuckets: true',
    terraform:
      'resource "aws_s3_bucket_public_access_block" "trail" {\n  bucket                  = aws_s3_bucket.trail.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  controls: ['aws-fsbp:CloudTrail.6'],
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  evaluate(trail, ctx): RuleResult {
    const who = `CloudTrail trail ${label(trail)}`;
    const bucket = trailBucket(trail, ctx.graph);
    if (bucket.kind === 'unknown') return error(`${who}: ${bucket.reason}.`);
    if (bucket.kind === 'absent' || bucket.kind === 'malformed') return error(`${who} names no S3 bucket.`);
    if (bucket.kind === 'outside') {
      return error(
        `${who} delivers to bucket ${bucket.ref}, which is not in the snapshot, so its access cannot be checked.`,
      );
    }
    const where = `${who} delivers to bucket ${bucketText(bucket)}`;
    const read = publicAccess(bucket.resource, ctx, 'read');
    const write = publicAccess(bucket.resource, ctx, 'write');
    const open = [read, write].flatMap((a) => (a.status === 'public' ? a.via : []));
    // S3's own verdict on the policy (GetBucketPolicyStatus), unless RestrictPublicBuckets confines it.
    const status = (bucket.resource.observed?.PolicyStatus as { IsPublic?: unknown } | undefined)?.IsPublic;
    if (status === true && effectiveBlock(bucket.resource, ctx).flags.RestrictPublicBuckets.on !== true)
      open.push('S3 reports its bucket policy as public');
    if (open.length > 0) return fail(`${where}, which is public: ${[...new Set(open)].join('; ')}.`);
    const unknown = [read, write].flatMap((a) => (a.status === 'unknown' ? [a.reason] : []));
    if (unknown.length > 0) return error(`${where}: ${[...new Set(unknown)].join('; ')}.`);
    return pass(() => `${where}, which is not public: ${privateText(read, write, bucket.resource, ctx)}.`);
  },
});

/** Why neither reads nor writes are public, for the pass reason. */
function privateText(
  read: PublicAccess,
  write: PublicAccess,
  bucket: Resource,
  ctx: Pick<RuleContext, 'graph'>,
): string {
  const parts: string[] = [];
  for (const a of [read, write]) {
    if (a.status === 'blocked') parts.push(`${a.via.join('; ')}, but ${a.by} stops it`);
  }
  const flags = effectiveBlock(bucket, ctx).flags;
  if (BPA_FLAGS.every((f) => flags[f].on === true)) parts.push('it blocks public access');
  else if (parts.length === 0) {
    parts.push(
      'nothing in its policy or ACL grants public access, though Block Public Access is not fully on (see s3-bucket-public-access-blocked)',
    );
  }
  return [...new Set(parts)].join('; ');
}
