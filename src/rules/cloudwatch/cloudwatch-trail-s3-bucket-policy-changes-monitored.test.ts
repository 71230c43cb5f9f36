import { describe, expect, it } from 'vitest';
import { expectFixture, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-trail-s3-bucket-policy-changes-monitored.js';

/** A monitored trail of another account: trail → log group → metric filter with CIS's pattern → alarm → subscribed topic. */
const monitored = [
  resource('AWS::CloudTrail::Trail', 'PassMonitored', {
    IsLogging: true,
    IsMultiRegionTrail: true,
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:org-trail:*',
  }),
  resource('AWS::Logs::LogGroup', 'org-trail', { LogGroupName: 'org-trail' }),
  resource('AWS::Logs::MetricFilter', 'cis-4.8', {
    LogGroupName: 'org-trail',
    FilterPattern:
      '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl)||($.eventName=PutBucketPolicy)||($.eventName=PutBucketCors)||($.eventName=PutBucketLifecycle)||($.eventName=PutBucketReplication)||($.eventName=DeleteBucketPolicy)||($.eventName=DeleteBucketCors)||($.eventName=DeleteBucketLifecycle)||($.eventName=DeleteBucketReplication))}',
    MetricTransformations: [
      { MetricName: 'S3BucketPolicyChanges', MetricNamespace: 'CISBenchmark', MetricValue: '1' },
    ],
  }),
  resource('AWS::CloudWatch::Alarm', 'S3BucketPolicyChanges', {
    MetricName: 'S3BucketPolicyChanges',
    Namespace: 'CISBenchmark',
    AlarmActions: ['arn:aws:sns:us-east-1:123456789012:security-alerts'],
  }),
  resource('AWS::SNS::Topic', 'arn:aws:sns:us-east-1:123456789012:security-alerts', {
    Subscription: [{ Protocol: 'email', Endpoint: 'security@example.com' }],
  }),
];

describe('cloudwatch-trail-s3-bucket-policy-changes-monitored', () => {
  it('follows each multi-region trail to a filter with the CIS 4.8 conditions, an alarm and a subscribed topic', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudwatch-trail-s3-bucket-policy-changes-monitored.yaml', import.meta.url),
      {
        resources: monitored,
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassMonitored')).toContain('→ alarm S3BucketPolicyChanges → SNS topic');
    expect(reason('FailPatternLacksACondition')).toContain('lacks $.eventName = "DeleteBucketReplication"');
    expect(reason('FailNoAlarmOnTheMetric')).toContain('no alarm watches it');
    expect(reason('FailTopicWithoutSubscribers')).toContain('no subscriptions');
  });
});
