import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-instances` → 'AWS::EC2::Instance'. */
export const instances = ec2Collector({
  id: 'ec2/instances',
  resourceTypes: ['AWS::EC2::Instance'],
  command: DescribeInstancesCommand,
  items: 'Reservations',
  pageSize: 1000,
});
