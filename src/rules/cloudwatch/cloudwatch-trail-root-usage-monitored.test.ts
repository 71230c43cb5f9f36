import { describe, expect, it } from 'vitest';
import { expectFixture, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-trail-root-usage-monitored.js';

/** A monitored trail of another account: trail → log group → metric filter with CIS's pattern → alarm → subscribed topic. */
const monitored = [
  resource('AWS::CloudTrail::Trail', 'PassMonitored', {
    IsLogging: true,
    IsMultiRegionTrail: true,
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:org-trail:*',
  }),
  resource('AWS::Logs::LogGroup', 'org-trail', { LogGroupName: 'org-trail' }),
  resource('AWS::Logs::MetricFilter', 'cis-4.3', {
    LogGroupName: 'org-trail',
    FilterPattern:
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    MetricTransformations: [
      { MetricName: 'RootAccountUsage', MetricNamespace: 'CISBenchmark', MetricValue: '1' },
    ],
  }),
  resource('AWS::CloudWatch::Alarm', 'RootAccountUsage', {
    MetricName: 'RootAccountUsage',
    Namespace: 'CISBenchmark',
    AlarmActions: ['arn:aws:sns:us-east-1:123456789012:security-alerts'],
  }),
  resource('AWS::SNS::Topic', 'arn:aws:sns:us-east-1:123456789012:security-alerts', {
    Subscription: [{ Protocol: 'email', Endpoint: 'security@example.com' }],
  }),
];

describe('cloudwatch-trail-root-usage-monitored', () => {
  it('follows each multi-region trail to a filter with the CIS 4.3 conditions, an alarm and a subscribed topic', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudwatch-trail-root-usage-monitored.yaml', import.meta.url),
      {
        resources: monitored,
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassMonitored')).toContain('→ alarm RootAccountUsage → SNS topic');
    expect(reason('FailPatternLacksACondition')).toContain('lacks $.userIdentity.type = "Root"');
    expect(reason('FailNoAlarmOnTheMetric')).toContain('no alarm watches it');
    expect(reason('FailTopicWithoutSubscribers')).toContain('no subscriptions');
  });
});
