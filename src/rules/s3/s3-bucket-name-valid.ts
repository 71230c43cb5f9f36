import { defineRule, error, fail, label, notApplicable, pass, prop } from '../rule.js';

// General purpose bucket naming rules:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const ALLOWED = /^[a-z0-9.-]+$/;
const ENDS = /^[a-z0-9](?:.*[a-z0-9])?$/i;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
// Reserved for access point aliases, Object Lambda aliases, Multi-Region Access Points,
// directory buckets and table buckets.
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** The common case, checked without building a list: a valid name. */
const PLAIN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function isValid(name: string): boolean {
  if (!PLAIN.test(name) || name.includes('..') || IP_ADDRESS.test(name)) return false;
  // Indexed loops: this runs for every bucket, and needs no iterator.
  for (let i = 0; i < RESERVED_PREFIXES.length; i++) if (name.startsWith(RESERVED_PREFIXES[i]!)) return false;
  for (let i = 0; i < RESERVED_SUFFIXES.length; i++) if (name.endsWith(RESERVED_SUFFIXES[i]!)) return false;
  return true;
}

/** Every naming rule the name breaks, in the order the S3 documentation lists them. */
function bucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63)
    problems.push(`is ${name.length} characters long (3 to 63 allowed)`);
  if (!ALLOWED.test(name)) {
    const bad = [...new Set(name.replace(/[a-z0-9.-]/g, ''))].join('');
    problems.push(
      `contains characters other than lowercase letters, numbers, dots and hyphens (${JSON.stringify(bad)})`,
    );
  }
  if (!ENDS.test(name)) problems.push('does not begin and end with a letter or number');
  if (name.includes('..')) problems.push('contains two adjacent periods');
  if (IP_ADDRESS.test(name)) problems.push('is formatted as an IP address');
  for (const p of RESERVED_PREFIXES)
    if (name.startsWith(p)) problems.push(`starts with the reserved prefix ${p}`);
  for (const s of RESERVED_SUFFIXES)
    if (name.endsWith(s)) problems.push(`ends with the reserved suffix ${s}`);
  return problems;
}

/**
 * Compliant: the bucket's `BucketName` follows the general purpose bucket naming rules. Buckets
 * without a `BucketName` get a generated, valid name and are not applicable.
 */
export default defineRule({
  id: 's3-bucket-name-valid',
  title: 'S3 bucket name follows the S3 naming rules',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'S3 rejects a bucket name with upper-case letters, underscores, a trailing hyphen, adjacent periods, an IP-address form or a reserved prefix or suffix, so the stack fails to create, often late in a deploy. Catching the name in the template saves the failed rollout.',
  remediation: {
    text: 'Rename the bucket: 3 to 63 lowercase letters, numbers, hyphens and dots, starting and ending with a letter or number; or omit BucketName and let CloudFormation generate one.',
    cloudformation: 'BucketName: !Sub "acme-${AWS::AccountId}-${AWS::Region}-logs"',
    terraform: 'resource "aws_s3_bucket" "this" {\n  bucket_prefix = "acme-logs-"\n}',
  },
  controls: [],
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html'],
  evaluate(bucket) {
    const name = prop(bucket.props, 'BucketName');
    if (!name.known) return error(`S3 bucket ${label(bucket)}: ${name.reason}.`);
    if (name.value === undefined) {
      return notApplicable(
        () => `S3 bucket ${label(bucket)} has no BucketName; the generated name is valid.`,
      );
    }
    if (typeof name.value !== 'string')
      return error(`S3 bucket ${label(bucket)} has a BucketName that is not a string.`);
    if (isValid(name.value))
      return pass(() => `S3 bucket name ${JSON.stringify(name.value)} follows the naming rules.`);
    const problems = bucketNameProblems(name.value);
    return fail(`S3 bucket name ${JSON.stringify(name.value)} ${problems.join('; ')}.`);
  },
});
