import type { Resource } from '../../model/index.js';
import { isUnresolved } from '../../model/index.js';
import { defineRule, error, fail, label, pass, type RuleResult } from '../rule.js';
import bucketPublicAccessBlocked from '../s3/s3-bucket-public-access-blocked.js';
import { bucketText, TRAIL, trailBucket } from './trails.js';

/** Canned ACLs that grant access to everyone or to every AWS account. */
const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  const aws = (principal as { AWS?: unknown }).AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/**
 * What in the bucket's own configuration grants public access: an Allow statement for every
 * principal without any condition, a public canned ACL, or AWS's own verdict (`observed.PolicyStatus`,
 * GetBucketPolicyStatus). A condition (aws:SourceArn, aws:PrincipalOrgID...) is taken to narrow
 * the grant; deciding whether it really does is the IAM engine's job.
 */
function publicGrants(bucket: Resource): string[] {
  const grants: string[] = [];
  const status = (bucket.observed?.PolicyStatus as { IsPublic?: unknown } | undefined)?.IsPublic;
  if (status === true) grants.push('S3 reports its bucket policy as public');
  const statements = (bucket.props.PolicyDocument as { Statement?: unknown } | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  list.forEach((s: unknown, i) => {
    if (s === null || typeof s !== 'object' || isUnresolved(s)) return;
    const st = s as Record<string, unknown>;
    if (st.Effect === 'Allow' && isEveryone(st.Principal) && st.Condition === undefined) {
      grants.push(`policy statement ${typeof st.Sid === 'string' ? st.Sid : `[${i}]`} allows everyone`);
    }
  });
  const acl = bucket.props.AccessControl;
  if (typeof acl === 'string' && PUBLIC_ACLS.has(acl)) grants.push(`canned ACL ${acl}`);
  return grants;
}

/**
 * Compliant: the bucket the trail delivers to is not public: Block Public Access is in force for
 * it (bucket or account level), or nothing in its policy or ACL grants access to everyone.
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
    text: 'Turn on S3 Block Public Access for the trail bucket (or the account), and remove statements that allow `*` without conditions and public ACLs; CloudTrail needs only its service principal in the bucket policy.',
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
    // Block Public Access overrides public policies and ACLs (the S3 rule combines bucket and account level).
    const blocked = bucketPublicAccessBlocked.evaluate(bucket.resource, { ...ctx, params: {} });
    if (blocked.status === 'pass') return pass(() => `${where}, which blocks public access.`);
    const grants = publicGrants(bucket.resource);
    if (grants.length > 0) {
      return fail(
        `${where}, which is public: ${grants.join('; ')}, and Block Public Access does not stop it.`,
      );
    }
    if (blocked.status === 'error') return error(`${where}: ${blocked.reason}`);
    return pass(
      () =>
        `${where}; nothing in its policy or ACL grants public access, though Block Public Access is not fully on (see s3-bucket-public-access-blocked).`,
    );
  },
});
