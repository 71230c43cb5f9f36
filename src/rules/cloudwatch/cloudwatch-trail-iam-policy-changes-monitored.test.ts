import { describe, expect, it } from 'vitest';
import { expectFixture, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-trail-iam-policy-changes-monitored.js';

/** A monitored trail of another account: trail → log group → metric filter with CIS's pattern → alarm → subscribed topic. */
const monitored = [
  resource('AWS::CloudTrail::Trail', 'PassMonitored', {
    IsLogging: true,
    IsMultiRegionTrail: true,
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:org-trail:*',
  }),
  resource('AWS::Logs::LogGroup', 'org-trail', { LogGroupName: 'org-trail' }),
  resource('AWS::Logs::MetricFilter', 'cis-4.4', {
    LogGroupName: 'org-trail',
    FilterPattern:
      '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
    MetricTransformations: [
      { MetricName: 'IAMPolicyChanges', MetricNamespace: 'CISBenchmark', MetricValue: '1' },
    ],
  }),
  resource('AWS::CloudWatch::Alarm', 'IAMPolicyChanges', {
    MetricName: 'IAMPolicyChanges',
    Namespace: 'CISBenchmark',
    AlarmActions: ['arn:aws:sns:us-east-1:123456789012:security-alerts'],
  }),
  resource('AWS::SNS::Topic', 'arn:aws:sns:us-east-1:123456789012:security-alerts', {
    Subscription: [{ Protocol: 'email', Endpoint: 'security@example.com' }],
  }),
];

describe('cloudwatch-trail-iam-policy-changes-monitored', () => {
  it('follows each multi-region trail to a filter with the CIS 4.4 conditions, an alarm and a subscribed topic', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudwatch-trail-iam-policy-changes-monitored.yaml', import.meta.url),
      {
        resources: monitored,
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassMonitored')).toContain('→ alarm IAMPolicyChanges → SNS topic');
    expect(reason('FailPatternLacksACondition')).toContain('lacks $.eventName = "DetachGroupPolicy"');
    expect(reason('FailNoAlarmOnTheMetric')).toContain('no alarm watches it');
    expect(reason('FailTopicWithoutSubscribers')).toContain('no subscriptions');
  });
});
