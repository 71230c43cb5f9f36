import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for VPC changes (CIS 4.14), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-vpc-changes-monitored',
  control: 'cis-aws-v5.0:4.14',
  subject: 'VPC changes',
  title: 'VPC changes raise a CloudWatch alarm',
  severity: 'low',
  rationale:
    'New VPCs, changed VPC attributes and new peering connections change what can talk to what, including across accounts. A peering accepted without review connects networks that were meant to stay apart.',
  pattern:
    '{($.eventName=CreateVpc)||($.eventName=DeleteVpc)||($.eventName=ModifyVpcAttribute)||($.eventName=AcceptVpcPeeringConnection)||($.eventName=CreateVpcPeeringConnection)||($.eventName=DeleteVpcPeeringConnection)||($.eventName=RejectVpcPeeringConnection)||($.eventName=AttachClassicLinkVpc)||($.eventName=DetachClassicLinkVpc)||($.eventName=DisableVpcClassicLink)||($.eventName=EnableVpcClassicLink)}',
  required: eventNames(
    'CreateVpc',
    'DeleteVpc',
    'ModifyVpcAttribute',
    'AcceptVpcPeeringConnection',
    'CreateVpcPeeringConnection',
    'DeleteVpcPeeringConnection',
    'RejectVpcPeeringConnection',
  ),
  metricName: 'VPCChanges',
  note: 'The four ClassicLink events CIS also lists are not required: ClassicLink was retired with EC2-Classic.',
});
