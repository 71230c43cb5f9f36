import { UNKNOWN_ACCOUNT } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, prop } from '../rule.js';
import { sameRegion } from './refs.js';

const BUCKET = 'AWS::S3::Bucket';

/**
 * Compliant: a bucket with server access logging delivers its logs to another bucket, in the same
 * region and account. Buckets without logging are not applicable (see the logging-enabled rule).
 */
export default defineRule({
  id: 's3-bucket-access-log-target-differs',
  title: 'S3 bucket delivers access logs to a different bucket in the same region',
  category: 'security',
  severity: 'medium',
  resourceTypes: [BUCKET],
  rationale:
    'A bucket that logs into itself writes a log object for every log object delivered, so logs grow without end, cost rises and the records an audit needs drown in log-on-log noise. S3 also delivers access logs only to a bucket in the same region and account as the source, so a target elsewhere means no logs at all.',
  remediation: {
    text: 'Create a dedicated log bucket in the same region and account, allow the S3 logging service to write to it, and point the source bucket at it with a prefix per source.',
    cli: 'aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}\'',
    cloudformation:
      'LoggingConfiguration:\n  DestinationBucketName: !Ref AccessLogBucket\n  LogFilePrefix: my-bucket/',
    terraform:
      'resource "aws_s3_bucket_logging" "this" {\n  bucket        = aws_s3_bucket.this.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "my-bucket/"\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-loggingconfiguration.html',
  ],
  evaluate(bucket, ctx) {
    const logging = prop(bucket.props, 'LoggingConfiguration');
    if (!logging.known) return error(`S3 bucket ${label(bucket)}: ${logging.reason}.`);
    if (logging.value === undefined)
      return notApplicable(() => `S3 bucket ${label(bucket)} has no server access logging.`);
    const dest = prop(bucket.props, 'LoggingConfiguration.DestinationBucketName');
    if (!dest.known) return error(`S3 bucket ${label(bucket)}: ${dest.reason}.`);
    // CloudFormation: "By default, logs are stored in the bucket where the LoggingConfiguration property is defined."
    if (dest.value === undefined) {
      return fail(`S3 bucket ${label(bucket)} delivers access logs to itself (no DestinationBucketName).`);
    }
    if (typeof dest.value !== 'string') {
      return error(`S3 bucket ${label(bucket)} has a log destination that is not a bucket name.`);
    }
    const target = ctx.graph.resolve(dest.value, BUCKET, bucket);
    if (target === bucket || dest.value === bucket.props.BucketName) {
      return fail(`S3 bucket ${label(bucket)} delivers access logs to itself.`);
    }
    if (!target) {
      return error(
        `S3 bucket ${label(bucket)} delivers access logs to ${dest.value}, which is not in the snapshot, so its region and account cannot be checked.`,
      );
    }
    const region = sameRegion(bucket, target);
    if (region === false) {
      return fail(
        `S3 bucket ${label(bucket)} in ${bucket.region} delivers access logs to ${label(target)} in ${target.region}; S3 delivers only within one region.`,
      );
    }
    if (
      bucket.account !== UNKNOWN_ACCOUNT &&
      target.account !== UNKNOWN_ACCOUNT &&
      bucket.account !== target.account
    ) {
      return fail(
        `S3 bucket ${label(bucket)} delivers access logs to ${label(target)} in account ${target.account}; the target must be in the same account (${bucket.account}).`,
      );
    }
    if (region === undefined) {
      return error(
        `S3 bucket ${label(bucket)} delivers access logs to ${label(target)}, but the region of one of them is not known.`,
      );
    }
    return pass(
      () =>
        `S3 bucket ${label(bucket)} delivers access logs to a different bucket, ${label(target)}, in the same region.`,
    );
  },
});
