import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for network ACL changes (CIS 4.11), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-nacl-changes-monitored',
  control: 'cis-aws-v5.0:4.11',
  subject: 'network ACL changes',
  title: 'Network ACL changes raise a CloudWatch alarm',
  severity: 'low',
  rationale:
    "Network ACLs are the subnet-level deny list (the notebook blocks a scanner's /32 with one). A changed or reordered entry can silently re-admit a blocked address or cut a tier off; an alarm makes each change visible.",
  pattern:
    '{($.eventName=CreateNetworkAcl)||($.eventName=CreateNetworkAclEntry)||($.eventName=DeleteNetworkAcl)||($.eventName=DeleteNetworkAclEntry)||($.eventName=ReplaceNetworkAclEntry)||($.eventName=ReplaceNetworkAclAssociation)}',
  required: eventNames(
    'CreateNetworkAcl',
    'CreateNetworkAclEntry',
    'DeleteNetworkAcl',
    'DeleteNetworkAclEntry',
    'ReplaceNetworkAclEntry',
    'ReplaceNetworkAclAssociation',
  ),
  metricName: 'NACLChanges',
});
