import { DescribeCustomerGatewaysCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-customer-gateways` → 'AWS::EC2::CustomerGateway'. */
export const customerGateways = ec2Collector({
  id: 'ec2/customer-gateways',
  resourceTypes: ['AWS::EC2::CustomerGateway'],
  command: DescribeCustomerGatewaysCommand,
  items: 'CustomerGateways',
});
