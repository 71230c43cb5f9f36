import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for S3 bucket policy changes (CIS 4.8), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-s3-bucket-policy-changes-monitored',
  control: 'cis-aws-v5.0:4.8',
  subject: 'S3 bucket policy changes',
  title: 'S3 bucket policy changes raise a CloudWatch alarm',
  severity: 'medium',
  rationale:
    'Bucket policies, ACLs, CORS, lifecycle and replication rules decide who can read data, where copies go and when objects are deleted. A changed policy is how a bucket becomes public or replicates to a foreign account; an alarm lets the owner confirm each change.',
  pattern:
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl)||($.eventName=PutBucketPolicy)||($.eventName=PutBucketCors)||($.eventName=PutBucketLifecycle)||($.eventName=PutBucketReplication)||($.eventName=DeleteBucketPolicy)||($.eventName=DeleteBucketCors)||($.eventName=DeleteBucketLifecycle)||($.eventName=DeleteBucketReplication))}',
  required: eventNames(
    'PutBucketAcl',
    'PutBucketPolicy',
    'PutBucketCors',
    'PutBucketLifecycle',
    'PutBucketReplication',
    'DeleteBucketPolicy',
    'DeleteBucketCors',
    'DeleteBucketLifecycle',
    'DeleteBucketReplication',
  ),
  metricName: 'S3BucketPolicyChanges',
});
