import { DescribeNatGatewaysCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-nat-gateways` → 'AWS::EC2::NatGateway'. */
export const natGateways = ec2Collector({
  id: 'ec2/nat-gateways',
  resourceTypes: ['AWS::EC2::NatGateway'],
  command: DescribeNatGatewaysCommand,
  items: 'NatGateways',
  pageSize: 1000,
});
