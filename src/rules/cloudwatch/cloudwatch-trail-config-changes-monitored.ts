import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for AWS Config configuration changes (CIS 4.9), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-config-changes-monitored',
  control: 'cis-aws-v5.0:4.9',
  subject: 'AWS Config configuration changes',
  title: 'AWS Config configuration changes raise a CloudWatch alarm',
  severity: 'low',
  rationale:
    'Stopping the configuration recorder or deleting its delivery channel blinds configuration history and every Config rule, a quiet way to make later changes invisible to compliance checks. An alarm on these calls keeps the recorder honest.',
  pattern:
    '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder))}',
  required: eventNames(
    'StopConfigurationRecorder',
    'DeleteDeliveryChannel',
    'PutDeliveryChannel',
    'PutConfigurationRecorder',
  ),
  metricName: 'AWSConfigChanges',
});
