import { describe, expect, it } from 'vitest';
import { expectFixture, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-trail-nacl-changes-monitored.js';

/** A monitored trail of another account: trail → log group → metric filter with CIS's pattern → alarm → subscribed topic. */
const monitored = [
  resource('AWS::CloudTrail::Trail', 'PassMonitored', {
    IsLogging: true,
    IsMultiRegionTrail: true,
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:org-trail:*',
  }),
  resource('AWS::Logs::LogGroup', 'org-trail', { LogGroupName: 'org-trail' }),
  resource('AWS::Logs::MetricFilter', 'cis-4.11', {
    LogGroupName: 'org-trail',
    FilterPattern:
      '{($.eventName=CreateNetworkAcl)||($.eventName=CreateNetworkAclEntry)||($.eventName=DeleteNetworkAcl)||($.eventName=DeleteNetworkAclEntry)||($.eventName=ReplaceNetworkAclEntry)||($.eventName=ReplaceNetworkAclAssociation)}',
    MetricTransformations: [{ MetricName: 'NACLChanges', MetricNamespace: 'CISBenchmark', MetricValue: '1' }],
  }),
  resource('AWS::CloudWatch::Alarm', 'NACLChanges', {
    MetricName: 'NACLChanges',
    Namespace: 'CISBenchmark',
    AlarmActions: ['arn:aws:sns:us-east-1:123456789012:security-alerts'],
  }),
  resource('AWS::SNS::Topic', 'arn:aws:sns:us-east-1:123456789012:security-alerts', {
    Subscription: [{ Protocol: 'email', Endpoint: 'security@example.com' }],
  }),
];

describe('cloudwatch-trail-nacl-changes-monitored', () => {
  it('follows each multi-region trail to a filter with the CIS 4.11 conditions, an alarm and a subscribed topic', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudwatch-trail-nacl-changes-monitored.yaml', import.meta.url),
      {
        resources: monitored,
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassMonitored')).toContain('→ alarm NACLChanges → SNS topic');
    expect(reason('FailPatternLacksACondition')).toContain(
      'lacks $.eventName = "ReplaceNetworkAclAssociation"',
    );
    expect(reason('FailNoAlarmOnTheMetric')).toContain('no alarm watches it');
    expect(reason('FailTopicWithoutSubscribers')).toContain('no subscriptions');
  });
});
