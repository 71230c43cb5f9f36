import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for CloudTrail configuration changes (CIS 4.5), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-cloudtrail-changes-monitored',
  control: 'cis-aws-v5.0:4.5',
  subject: 'CloudTrail configuration changes',
  title: 'CloudTrail configuration changes raise a CloudWatch alarm',
  severity: 'medium',
  rationale:
    'Stopping or deleting a trail, or pointing it at another bucket, is the first step of covering tracks: every later action goes unrecorded. StopLogging is also recorded by the trail it stops, so an alarm on it is the last chance to notice.',
  pattern:
    '{($.eventName=CreateTrail)||($.eventName=UpdateTrail)||($.eventName=DeleteTrail)||($.eventName=StartLogging)||($.eventName=StopLogging)}',
  required: eventNames('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'),
  metricName: 'CloudTrailConfigChanges',
});
