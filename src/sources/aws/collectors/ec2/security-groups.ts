import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-security-groups` → 'AWS::EC2::SecurityGroup'. */
export const securityGroups = ec2Collector({
  id: 'ec2/security-groups',
  resourceTypes: ['AWS::EC2::SecurityGroup'],
  command: DescribeSecurityGroupsCommand,
  items: 'SecurityGroups',
  pageSize: 1000,
});
