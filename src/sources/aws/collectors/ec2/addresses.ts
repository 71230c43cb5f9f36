import { DescribeAddressesCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-addresses` → 'AWS::EC2::EIP'. */
export const addresses = ec2Collector({
  id: 'ec2/addresses',
  resourceTypes: ['AWS::EC2::EIP'],
  command: DescribeAddressesCommand,
  items: 'Addresses',
});
