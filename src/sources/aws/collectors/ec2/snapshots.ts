import { DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-snapshots` → 'AWS::EC2::Snapshot'. */
export const snapshots = ec2Collector({
  id: 'ec2/snapshots',
  resourceTypes: ['AWS::EC2::Snapshot'],
  command: DescribeSnapshotsCommand,
  items: 'Snapshots',
  pageSize: 1000,
  input: { OwnerIds: ['self'] },
});
