import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-network-interfaces` → 'AWS::EC2::NetworkInterface'. */
export const networkInterfaces = ec2Collector({
  id: 'ec2/network-interfaces',
  resourceTypes: ['AWS::EC2::NetworkInterface'],
  command: DescribeNetworkInterfacesCommand,
  items: 'NetworkInterfaces',
  pageSize: 1000,
});
