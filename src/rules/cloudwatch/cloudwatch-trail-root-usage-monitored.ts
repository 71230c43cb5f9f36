import { defineCisMonitoringRule } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for use of the root user (CIS 4.3), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-root-usage-monitored',
  control: 'cis-aws-v5.0:4.3',
  subject: 'use of the root user',
  title: 'Use of the root user raises a CloudWatch alarm',
  severity: 'high',
  rationale:
    'The root user cannot be restricted by IAM policies or SCPs of its own account and should be used for a handful of tasks a year. Any root activity outside those is either an emergency someone should know about or a compromise; an alarm makes sure somebody hears about it the same day.',
  pattern:
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  required: [{ field: 'userIdentity.type', op: '=', value: 'Root' }],
  metricName: 'RootAccountUsage',
  note: 'Only the $.userIdentity.type = "Root" condition is required; CIS adds $.userIdentity.invokedBy NOT EXISTS and $.eventType != "AwsServiceEvent" to skip calls AWS services make on root\'s behalf.',
});
