import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-volumes` → 'AWS::EC2::Volume'. */
export const volumes = ec2Collector({
  id: 'ec2/volumes',
  resourceTypes: ['AWS::EC2::Volume'],
  command: DescribeVolumesCommand,
  items: 'Volumes',
  pageSize: 500,
});
