import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-subnets` → 'AWS::EC2::Subnet'. */
export const subnets = ec2Collector({
  id: 'ec2/subnets',
  resourceTypes: ['AWS::EC2::Subnet'],
  command: DescribeSubnetsCommand,
  items: 'Subnets',
  pageSize: 1000,
});
