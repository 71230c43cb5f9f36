import { describe, expect, it } from 'vitest';
import { expectFixture, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-trail-organizations-changes-monitored.js';

/** A monitored trail of another account: trail → log group → metric filter with CIS's pattern → alarm → subscribed topic. */
const monitored = [
  resource('AWS::CloudTrail::Trail', 'PassMonitored', {
    IsLogging: true,
    IsMultiRegionTrail: true,
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:org-trail:*',
  }),
  resource('AWS::Logs::LogGroup', 'org-trail', { LogGroupName: 'org-trail' }),
  resource('AWS::Logs::MetricFilter', 'cis-4.15', {
    LogGroupName: 'org-trail',
    FilterPattern:
      '{($.eventSource=organizations.amazonaws.com) && (($.eventName=AcceptHandshake)||($.eventName=AttachPolicy)||($.eventName=CreateAccount)||($.eventName=CreateOrganizationalUnit)||($.eventName=CreatePolicy)||($.eventName=DeclineHandshake)||($.eventName=DeleteOrganization)||($.eventName=DeleteOrganizationalUnit)||($.eventName=DeletePolicy)||($.eventName=DetachPolicy)||($.eventName=DisablePolicyType)||($.eventName=EnablePolicyType)||($.eventName=InviteAccountToOrganization)||($.eventName=LeaveOrganization)||($.eventName=MoveAccount)||($.eventName=RemoveAccountFromOrganization)||($.eventName=UpdatePolicy)||($.eventName=UpdateOrganizationalUnit))}',
    MetricTransformations: [
      { MetricName: 'OrganizationsChanges', MetricNamespace: 'CISBenchmark', MetricValue: '1' },
    ],
  }),
  resource('AWS::CloudWatch::Alarm', 'OrganizationsChanges', {
    MetricName: 'OrganizationsChanges',
    Namespace: 'CISBenchmark',
    AlarmActions: ['arn:aws:sns:us-east-1:123456789012:security-alerts'],
  }),
  resource('AWS::SNS::Topic', 'arn:aws:sns:us-east-1:123456789012:security-alerts', {
    Subscription: [{ Protocol: 'email', Endpoint: 'security@example.com' }],
  }),
];

describe('cloudwatch-trail-organizations-changes-monitored', () => {
  it('follows each multi-region trail to a filter with the CIS 4.15 conditions, an alarm and a subscribed topic', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudwatch-trail-organizations-changes-monitored.yaml', import.meta.url),
      {
        resources: monitored,
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassMonitored')).toContain('→ alarm OrganizationsChanges → SNS topic');
    expect(reason('FailPatternLacksACondition')).toContain('lacks $.eventName = "UpdateOrganizationalUnit"');
    expect(reason('FailNoAlarmOnTheMetric')).toContain('no alarm watches it');
    expect(reason('FailTopicWithoutSubscribers')).toContain('no subscriptions');
  });
});
