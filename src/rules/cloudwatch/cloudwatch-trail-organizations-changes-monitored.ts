import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for AWS Organizations changes (CIS 4.15), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-organizations-changes-monitored',
  control: 'cis-aws-v5.0:4.15',
  subject: 'AWS Organizations changes',
  title: 'AWS Organizations changes raise a CloudWatch alarm',
  severity: 'medium',
  rationale:
    'Organizations changes move accounts out from under guardrail SCPs, detach those SCPs, or remove an account from the organisation altogether. They are made from the management account and should be few; an alarm on each one protects the guardrails every other account relies on.',
  pattern:
    '{($.eventSource=organizations.amazonaws.com) && (($.eventName=AcceptHandshake)||($.eventName=AttachPolicy)||($.eventName=CreateAccount)||($.eventName=CreateOrganizationalUnit)||($.eventName=CreatePolicy)||($.eventName=DeclineHandshake)||($.eventName=DeleteOrganization)||($.eventName=DeleteOrganizationalUnit)||($.eventName=DeletePolicy)||($.eventName=DetachPolicy)||($.eventName=DisablePolicyType)||($.eventName=EnablePolicyType)||($.eventName=InviteAccountToOrganization)||($.eventName=LeaveOrganization)||($.eventName=MoveAccount)||($.eventName=RemoveAccountFromOrganization)||($.eventName=UpdatePolicy)||($.eventName=UpdateOrganizationalUnit))}',
  required: eventNames(
    'AcceptHandshake',
    'AttachPolicy',
    'CreateAccount',
    'CreateOrganizationalUnit',
    'CreatePolicy',
    'DeclineHandshake',
    'DeleteOrganization',
    'DeleteOrganizationalUnit',
    'DeletePolicy',
    'DetachPolicy',
    'DisablePolicyType',
    'EnablePolicyType',
    'InviteAccountToOrganization',
    'LeaveOrganization',
    'MoveAccount',
    'RemoveAccountFromOrganization',
    'UpdatePolicy',
    'UpdateOrganizationalUnit',
  ),
  metricName: 'OrganizationsChanges',
});
