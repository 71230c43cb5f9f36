import { DescribeNetworkAclsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-network-acls` → 'AWS::EC2::NetworkAcl'. */
export const networkAcls = ec2Collector({
  id: 'ec2/network-acls',
  resourceTypes: ['AWS::EC2::NetworkAcl'],
  command: DescribeNetworkAclsCommand,
  items: 'NetworkAcls',
  pageSize: 100,
});
