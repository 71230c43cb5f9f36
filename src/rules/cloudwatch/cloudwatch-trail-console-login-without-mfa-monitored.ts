import { defineCisMonitoringRule } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for console sign-ins without MFA (CIS 4.2), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-console-login-without-mfa-monitored',
  control: 'cis-aws-v5.0:4.2',
  subject: 'console sign-ins without MFA',
  title: 'Console sign-ins without MFA raise a CloudWatch alarm',
  severity: 'medium',
  rationale:
    'A console sign-in with only a password means a user without MFA, or a policy that does not enforce it; a phished password is then all an attacker needs. Alarming on each such sign-in finds the users to fix and shows an account takeover as it happens.',
  pattern:
    '{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed !="Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success")}',
  required: [
    { field: 'eventName', op: '=', value: 'ConsoleLogin' },
    { field: 'additionalEventData.MFAUsed', op: '!=', value: 'Yes' },
  ],
  metricName: 'ConsoleSigninWithoutMFA',
});
