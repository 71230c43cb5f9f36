import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for route table changes (CIS 4.13), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-route-table-changes-monitored',
  control: 'cis-aws-v5.0:4.13',
  subject: 'route table changes',
  title: 'Route table changes raise a CloudWatch alarm',
  severity: 'low',
  rationale:
    'A route decides where traffic goes: a new 0.0.0.0/0 route to an internet gateway makes a private subnet public, and a route through an unknown instance can capture traffic. Alarming on route changes catches both the mistake and the attack.',
  pattern:
    '{($.eventSource=ec2.amazonaws.com) && (($.eventName=CreateRoute)||($.eventName=CreateRouteTable)||($.eventName=ReplaceRoute)||($.eventName=ReplaceRouteTableAssociation)||($.eventName=DeleteRouteTable)||($.eventName=DeleteRoute)||($.eventName=DisassociateRouteTable))}',
  required: eventNames(
    'CreateRoute',
    'CreateRouteTable',
    'ReplaceRoute',
    'ReplaceRouteTableAssociation',
    'DeleteRouteTable',
    'DeleteRoute',
    'DisassociateRouteTable',
  ),
  metricName: 'RouteTableChanges',
});
