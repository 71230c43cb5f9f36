import { DescribeVpcPeeringConnectionsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-vpc-peering-connections` → 'AWS::EC2::VPCPeeringConnection'. */
export const vpcPeeringConnections = ec2Collector({
  id: 'ec2/vpc-peering-connections',
  resourceTypes: ['AWS::EC2::VPCPeeringConnection'],
  command: DescribeVpcPeeringConnectionsCommand,
  items: 'VpcPeeringConnections',
  pageSize: 1000,
});
