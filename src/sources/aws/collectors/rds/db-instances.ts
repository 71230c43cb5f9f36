import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import type { Collector } from '../../collector.js';

/** `rds describe-db-instances` → `AWS::RDS::DBInstance` + `AWS::RDS::DBSubnetGroup`, through the describe-JSON RDS mapper. */
export const dbInstances: Collector = {
  id: 'rds/db-instances',
  service: 'rds',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBSubnetGroup'],
  list: [
    {
      command: DescribeDBInstancesCommand,
      action: 'rds:DescribeDBInstances',
      items: ['DBInstances'],
      paginate: { inputToken: 'Marker', outputToken: 'Marker', pageSize: ['MaxRecords', 100] },
    },
  ],
  mapping: { kind: 'describe-json' },
};
