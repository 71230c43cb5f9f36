import { defineRule, error, fail, label, pass, prop } from '../rule.js';

/** Compliant: the bucket's `VersioningConfiguration.Status` is `Enabled`. */
export default defineRule({
  id: 's3-bucket-versioning-enabled',
  title: 'S3 bucket has versioning enabled',
  category: 'dr',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'Versioning keeps every version of every object, so an overwrite or a delete (by mistake, by a faulty deploy or by ransomware) can be undone. A bucket that never had versioning, or had it suspended, keeps only the latest version. Versioning is also required for replication and Object Lock.',
  remediation: {
    text: 'Enable versioning on the bucket, and add a lifecycle rule that expires noncurrent versions to bound the cost.',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
    cloudformation: 'VersioningConfiguration:\n  Status: Enabled',
    terraform:
      'resource "aws_s3_bucket_versioning" "this" {\n  bucket = aws_s3_bucket.this.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}',
  },
  controls: ['aws-fsbp:S3.14'],
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
  evaluate(bucket) {
    const status = prop(bucket.props, 'VersioningConfiguration.Status');
    if (!status.known) return error(`S3 bucket ${label(bucket)}: ${status.reason}.`);
    if (status.value === 'Enabled') return pass(() => `S3 bucket ${label(bucket)} has versioning enabled.`);
    // Once enabled, versioning can only be suspended, never turned off again.
    if (status.value === 'Suspended') return fail(`S3 bucket ${label(bucket)} has versioning suspended.`);
    if (status.value === undefined)
      return fail(`S3 bucket ${label(bucket)} has no versioning configuration.`);
    return error(
      `S3 bucket ${label(bucket)} has an unrecognised versioning status ${JSON.stringify(status.value)}.`,
    );
  },
});
