import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for disabling or scheduled deletion of KMS keys (CIS 4.7), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-kms-key-deletion-monitored',
  control: 'cis-aws-v5.0:4.7',
  subject: 'disabling or scheduled deletion of KMS keys',
  title: 'Disabling or scheduling deletion of a KMS key raises a CloudWatch alarm',
  severity: 'medium',
  rationale:
    'Data encrypted under a disabled or deleted key is unreadable: scheduling deletion of a customer managed key is a destructive act, whether by mistake or as ransom. The waiting period (7 to 30 days) allows cancellation only if someone notices, which is what the alarm is for.',
  pattern:
    '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}',
  required: eventNames('DisableKey', 'ScheduleKeyDeletion'),
  metricName: 'DisableOrDeleteCMK',
});
