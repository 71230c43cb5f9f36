import { DescribeDBClustersCommand } from '@aws-sdk/client-rds';
import type { Collector } from '../../collector.js';

/** `rds describe-db-clusters` → `AWS::RDS::DBCluster`, through the describe-JSON RDS mapper. */
export const dbClusters: Collector = {
  id: 'rds/db-clusters',
  service: 'rds',
  resourceTypes: ['AWS::RDS::DBCluster'],
  list: [
    {
      command: DescribeDBClustersCommand,
      action: 'rds:DescribeDBClusters',
      items: ['DBClusters'],
      paginate: { inputToken: 'Marker', outputToken: 'Marker', pageSize: ['MaxRecords', 100] },
    },
  ],
  mapping: { kind: 'describe-json' },
};
