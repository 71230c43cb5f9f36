import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-vpcs` → 'AWS::EC2::VPC', 'AWS::EC2::VPCCidrBlock'. */
export const vpcs = ec2Collector({
  id: 'ec2/vpcs',
  resourceTypes: ['AWS::EC2::VPC', 'AWS::EC2::VPCCidrBlock'],
  command: DescribeVpcsCommand,
  items: 'Vpcs',
  pageSize: 1000,
});
