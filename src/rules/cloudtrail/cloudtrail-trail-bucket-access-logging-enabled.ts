import { defineRule, error, fail, label, pass, prop } from '../rule.js';
import { bucketText, TRAIL, trailBucket } from './trails.js';

/**
 * Compliant: the S3 bucket the trail delivers to has server access logging on, so reads and
 * deletes of the audit logs themselves are recorded.
 */
export default defineRule({
  id: 'cloudtrail-trail-bucket-access-logging-enabled',
  title: 'S3 bucket of a CloudTrail trail has server access logging enabled',
  category: 'compliance',
  severity: 'low',
  resourceTypes: [TRAIL],
  rationale:
    'CloudTrail records API calls, but the S3 data events of its own log bucket are normally not logged. Server access logs of that bucket show who read, copied or deleted the audit logs, which an investigation needs when the trail itself is in question.',
  remediation: {
    text: 'Enable server access logging on the trail bucket, delivering to a separate log bucket in the same account and region.',
    cli: 'aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<access-log-bucket>","TargetPrefix":"<trail-bucket>/"}}\'',
    cloudformation:
      'LoggingConfiguration:\n  DestinationBucketName: !Ref AccessLogBucket\n  LogFilePrefix: cloudtrail-bucket/',
    terraform:
      'resource "aws_s3_bucket_logging" "trail" {\n  bucket        = aws_s3_bucket.trail.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "cloudtrail-bucket/"\n}',
  },
  controls: ['cis-aws-v5.0:3.4', 'aws-fsbp:CloudTrail.7'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
  ],
  evaluate(trail, ctx) {
    const who = `CloudTrail trail ${label(trail)}`;
    const bucket = trailBucket(trail, ctx.graph);
    if (bucket.kind === 'unknown') return error(`${who}: ${bucket.reason}.`);
    if (bucket.kind === 'absent' || bucket.kind === 'malformed') return error(`${who} names no S3 bucket.`);
    if (bucket.kind === 'outside') {
      return error(
        `${who} delivers to bucket ${bucket.ref}, which is not in the snapshot, so its logging cannot be checked.`,
      );
    }
    const logging = prop(bucket.resource.props, 'LoggingConfiguration');
    if (!logging.known) return error(`${who}: bucket ${bucketText(bucket)}: ${logging.reason}.`);
    if (logging.value === undefined) {
      return fail(`${who} delivers to bucket ${bucketText(bucket)}, which has no server access logging.`);
    }
    return pass(() => `${who} delivers to bucket ${bucketText(bucket)}, which has server access logging.`);
  },
});
