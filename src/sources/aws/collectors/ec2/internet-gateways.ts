import { DescribeInternetGatewaysCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-internet-gateways` → 'AWS::EC2::InternetGateway'. */
export const internetGateways = ec2Collector({
  id: 'ec2/internet-gateways',
  resourceTypes: ['AWS::EC2::InternetGateway'],
  command: DescribeInternetGatewaysCommand,
  items: 'InternetGateways',
  pageSize: 1000,
});
