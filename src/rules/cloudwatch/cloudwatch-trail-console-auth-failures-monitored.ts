import { defineCisMonitoringRule } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for console authentication failures (CIS 4.6), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-console-auth-failures-monitored',
  control: 'cis-aws-v5.0:4.6',
  subject: 'console authentication failures',
  title: 'Console authentication failures raise a CloudWatch alarm',
  severity: 'low',
  rationale:
    'Repeated failed console sign-ins are password guessing against IAM users; an alarm shows the attempt (and its source addresses in the events) before it succeeds, and points at users whose passwords are being targeted.',
  pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  required: [
    { field: 'eventName', op: '=', value: 'ConsoleLogin' },
    { field: 'errorMessage', op: '=', value: 'Failed authentication' },
  ],
  metricName: 'ConsoleSigninFailures',
});
