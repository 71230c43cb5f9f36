import { defineRule, error, fail, isPlanned, pass, prop } from '../rule.js';
import { describeBucket } from './refs.js';
import { aclsDisabled } from './bucket-access.js';

/**
 * Compliant: the bucket's Object Ownership is `BucketOwnerEnforced`, so ACLs are disabled and only
 * policies grant access. A bucket a template creates without `OwnershipControls` gets
 * `BucketOwnerEnforced` by default (since April 2023); an existing bucket without them is a legacy
 * bucket whose ACLs are in force.
 */
export default defineRule({
  id: 's3-bucket-acls-disabled',
  title: 'S3 bucket has ACLs disabled (Object Ownership is bucket owner enforced)',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    "ACLs are a second, older permission system beside bucket and IAM policies: an object uploaded by another account with its own ACL stays owned by that account, and a 'public-read' ACL on one object exposes it whatever the bucket policy says. With ACLs disabled the bucket owner owns every object and policies alone decide access, which is what people reviewing the policy assume.",
  remediation: {
    text: 'Set Object Ownership to BucketOwnerEnforced, after moving any access that ACLs grant (for example S3 log delivery through the log delivery group) into the bucket policy.',
    cli: 'aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
    cloudformation: 'OwnershipControls:\n  Rules:\n    - ObjectOwnership: BucketOwnerEnforced',
    terraform:
      'resource "aws_s3_bucket_ownership_controls" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    object_ownership = "BucketOwnerEnforced"\n  }\n}',
  },
  controls: ['aws-fsbp:S3.12'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-migrating-acls-prerequisites.html',
  ],
  evaluate(bucket) {
    const disabled = aclsDisabled(bucket);
    if (!disabled.known) return error(`${describeBucket(bucket)}: ${disabled.reason}.`);
    if (disabled.value) {
      return pass(
        bucket.props.OwnershipControls === undefined
          ? `${describeBucket(bucket)} keeps S3's default for new buckets: Object Ownership BucketOwnerEnforced, ACLs disabled.`
          : `${describeBucket(bucket)} has ACLs disabled (Object Ownership BucketOwnerEnforced).`,
      );
    }
    const ownership = prop(bucket.props, 'OwnershipControls.Rules.0.ObjectOwnership');
    if (ownership.known && typeof ownership.value === 'string') {
      return fail(
        `${describeBucket(bucket)} has Object Ownership ${ownership.value}, so ACLs still grant access beside its policies.`,
      );
    }
    return fail(
      isPlanned(bucket)
        ? `${describeBucket(bucket)} has ownership controls without BucketOwnerEnforced, so ACLs still grant access.`
        : `${describeBucket(bucket)} has no ownership controls (a bucket older than April 2023), so its ACLs are in force.`,
    );
  },
});
