import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-vpc-endpoints` → 'AWS::EC2::VPCEndpoint'. */
export const vpcEndpoints = ec2Collector({
  id: 'ec2/vpc-endpoints',
  resourceTypes: ['AWS::EC2::VPCEndpoint'],
  command: DescribeVpcEndpointsCommand,
  items: 'VpcEndpoints',
  pageSize: 1000,
});
