import { defineCisMonitoringRule } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for unauthorized API calls (CIS 4.1), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-unauthorized-api-calls-monitored',
  control: 'cis-aws-v5.0:4.1',
  subject: 'unauthorized API calls',
  title: 'Unauthorized API calls raise a CloudWatch alarm',
  severity: 'medium',
  rationale:
    "A burst of AccessDenied and UnauthorizedOperation errors is what stolen credentials look like while an intruder feels out what they can do, and also what a broken deployment role looks like. An alarm on them turns a quiet probe into a page within minutes instead of a discovery in next month's audit.",
  pattern:
    '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}',
  required: [
    { field: 'errorCode', op: '=', value: '*UnauthorizedOperation' },
    { field: 'errorCode', op: '=', value: 'AccessDenied*' },
  ],
  metricName: 'UnauthorizedAPICalls',
});
