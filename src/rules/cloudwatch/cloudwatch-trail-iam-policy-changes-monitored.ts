import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for IAM policy changes (CIS 4.4), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-iam-policy-changes-monitored',
  control: 'cis-aws-v5.0:4.4',
  subject: 'IAM policy changes',
  title: 'IAM policy changes raise a CloudWatch alarm',
  severity: 'medium',
  rationale:
    'Attaching AdministratorAccess to a role, or adding a new version of a managed policy, is the usual way to escalate privileges and to keep access after a compromise. An alarm on every IAM policy change lets the team confirm each one was intended.',
  pattern:
    '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
  required: eventNames(
    'DeleteGroupPolicy',
    'DeleteRolePolicy',
    'DeleteUserPolicy',
    'PutGroupPolicy',
    'PutRolePolicy',
    'PutUserPolicy',
    'CreatePolicy',
    'DeletePolicy',
    'CreatePolicyVersion',
    'DeletePolicyVersion',
    'AttachRolePolicy',
    'DetachRolePolicy',
    'AttachUserPolicy',
    'DetachUserPolicy',
    'AttachGroupPolicy',
    'DetachGroupPolicy',
  ),
  metricName: 'IAMPolicyChanges',
});
