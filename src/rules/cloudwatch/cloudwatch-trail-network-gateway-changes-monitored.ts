import { defineCisMonitoringRule, eventNames } from './cis-monitoring.js';

/**
 * Compliant: a multi-region trail of management events delivers to a CloudWatch Logs log group
 * with a metric filter for network gateway changes (CIS 4.12), an alarm watches the filter's
 * metric, and the alarm notifies an SNS topic with subscribers.
 */
export default defineCisMonitoringRule({
  id: 'cloudwatch-trail-network-gateway-changes-monitored',
  control: 'cis-aws-v5.0:4.12',
  subject: 'network gateway changes',
  title: 'Network gateway changes raise a CloudWatch alarm',
  severity: 'low',
  rationale:
    'Attaching an internet gateway or a customer gateway gives a VPC a new way in or out; detaching one cuts connectivity. These changes are rare and significant, so each should be seen by someone responsible for the network.',
  pattern:
    '{($.eventName=CreateCustomerGateway)||($.eventName=DeleteCustomerGateway)||($.eventName=AttachInternetGateway)||($.eventName=CreateInternetGateway)||($.eventName=DeleteInternetGateway)||($.eventName=DetachInternetGateway)}',
  required: eventNames(
    'CreateCustomerGateway',
    'DeleteCustomerGateway',
    'AttachInternetGateway',
    'CreateInternetGateway',
    'DeleteInternetGateway',
    'DetachInternetGateway',
  ),
  metricName: 'NetworkGatewayChanges',
});
