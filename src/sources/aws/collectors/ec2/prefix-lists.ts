import { DescribeManagedPrefixListsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-managed-prefix-lists` → 'AWS::EC2::PrefixList'. */
export const prefixLists = ec2Collector({
  id: 'ec2/prefix-lists',
  resourceTypes: ['AWS::EC2::PrefixList'],
  command: DescribeManagedPrefixListsCommand,
  items: 'PrefixLists',
  pageSize: 100,
});
