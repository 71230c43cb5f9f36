import { DescribeDBSnapshotsCommand } from '@aws-sdk/client-rds';
import type { Collector } from '../../collector.js';
import { str } from '../helpers.js';
import { tagsOf } from '../tags.js';

/** `rds describe-db-snapshots` → `AWS::RDS::DBSnapshot` (model-only type, id = snapshot identifier). */
export const dbSnapshots: Collector = {
  id: 'rds/db-snapshots',
  service: 'rds',
  resourceTypes: ['AWS::RDS::DBSnapshot'],
  list: [
    {
      command: DescribeDBSnapshotsCommand,
      action: 'rds:DescribeDBSnapshots',
      items: ['DBSnapshots'],
      paginate: { inputToken: 'Marker', outputToken: 'Marker', pageSize: ['MaxRecords', 100] },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.DBSnapshots ?? []).flatMap((s) => {
        const id = str(s.DBSnapshotIdentifier);
        if (!id) return [];
        return [
          {
            type: 'AWS::RDS::DBSnapshot',
            id,
            arn: str(s.DBSnapshotArn),
            name: id,
            tags: tagsOf(s.TagList),
            props: {
              DBSnapshotIdentifier: id,
              DBInstanceIdentifier: s.DBInstanceIdentifier,
              Engine: s.Engine,
              Encrypted: s.Encrypted,
              KmsKeyId: s.KmsKeyId,
              SnapshotType: s.SnapshotType,
              AllocatedStorage: s.AllocatedStorage,
            },
            observed: {
              Status: s.Status,
              SnapshotCreateTime: s.SnapshotCreateTime,
              SourceRegion: s.SourceRegion,
            },
          },
        ];
      }),
  },
};
