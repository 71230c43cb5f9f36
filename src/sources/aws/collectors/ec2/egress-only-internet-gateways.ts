import { DescribeEgressOnlyInternetGatewaysCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-egress-only-internet-gateways` → 'AWS::EC2::EgressOnlyInternetGateway'. */
export const egressOnlyInternetGateways = ec2Collector({
  id: 'ec2/egress-only-internet-gateways',
  resourceTypes: ['AWS::EC2::EgressOnlyInternetGateway'],
  command: DescribeEgressOnlyInternetGatewaysCommand,
  items: 'EgressOnlyInternetGateways',
  pageSize: 255,
});
