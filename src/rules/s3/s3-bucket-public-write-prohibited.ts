import { defineRule, error, fail, pass } from '../rule.js';
import { describeBucket } from './refs.js';
import { publicAccess } from './bucket-access.js';

/**
 * Compliant: neither the bucket policy nor the bucket ACL lets everyone write the bucket, or Block
 * Public Access (bucket or account level) stops what they grant. The policy is read one statement
 * at a time (see policy.ts): a grant to everyone counts as restricted only when a condition pins it
 * to fixed values of aws:SourceVpce, aws:SourceIp, aws:SourceAccount, aws:PrincipalOrgID and the
 * like; a Deny to everyone takes a grant back only on the resources it covers. An existing bucket
 * whose ACL is not in the input is an error, unless ACLs are disabled or IgnorePublicAcls is on.
 * Object ACLs are not in the model and are not weighed.
 */
export default defineRule({
  id: 's3-bucket-public-write-prohibited',
  title: 'S3 bucket does not allow public write access',
  category: 'security',
  severity: 'critical',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'A bucket anyone can write to can be filled with malware or illegal content served under your name, run up storage costs, or have its data overwritten or deleted; a public grant of s3:PutBucketPolicy or WRITE_ACP hands over the bucket itself. Block Public Access stops such grants, so they only matter where it is switched off.',
  remediation: {
    text: 'Remove the statements that grant write access to Principal `*` (or pin them to your VPC endpoint, source account or organisation with a condition), set the ACL to private, and turn on Block Public Access for the bucket and the account.',
    cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\naws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
    cloudformation:
      'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  IgnorePublicAcls: true\n  BlockPublicPolicy: true\n  RestrictPublicBuckets: true\nOwnershipControls:\n  Rules:\n    - ObjectOwnership: BucketOwnerEnforced',
    terraform:
      'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  controls: ['aws-fsbp:S3.3', 'pci-dss-v4.0:1.4.4'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html',
  ],
  evaluate(bucket, ctx) {
    const access = publicAccess(bucket, ctx, 'write');
    switch (access.status) {
      case 'public':
        return fail(`${describeBucket(bucket)} lets anyone write it: ${access.via.join('; ')}.`);
      case 'unknown':
        return error(
          `${describeBucket(bucket)}: whether anyone can write it is not known: ${access.reason}.`,
        );
      case 'blocked':
        return pass(
          () =>
            `${describeBucket(bucket)} grants public write access (${access.via.join('; ')}), but ${access.by} stops it.`,
        );
      case 'private':
        return pass(
          () => `${describeBucket(bucket)} grants no public write access: ${access.notes.join('; ')}.`,
        );
    }
  },
});
