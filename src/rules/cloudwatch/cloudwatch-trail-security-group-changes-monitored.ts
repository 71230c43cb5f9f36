import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for security group changes (CIS 4.10), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-security-group-changes-monitored',
  control: 'cis-aws-v5.0:4.10',
  subject: 'security group changes',
  title: 'Security group changes raise a CloudWatch alarm',
  severity: 'medium',
  rationale:
    'Security groups are the instance firewall: one new rule can open SSH or a database to the internet. An alarm on every change catches the "temporary" rule that was never removed and the rule an intruder adds for their own access.',
  pattern:
    '{($.eventName=AuthorizeSecurityGroupIngress)||($.eventName=AuthorizeSecurityGroupEgress)||($.eventName=RevokeSecurityGroupIngress)||($.eventName=RevokeSecurityGroupEgress)||($.eventName=CreateSecurityGroup)||($.eventName=DeleteSecurityGroup)}',
  required: eventNames(
    'AuthorizeSecurityGroupIngress',
    'AuthorizeSecurityGroupEgress',
    'RevokeSecurityGroupIngress',
    'RevokeSecurityGroupEgress',
    'CreateSecurityGroup',
    'DeleteSecurityGroup',
  ),
  metricName: 'SecurityGroupChanges',
});
