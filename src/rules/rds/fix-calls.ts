/**
 * What the RDS fixes share: one ModifyDBInstance / ModifyDBCluster step that sets some attributes,
 * captures them with the matching Describe call and puts the captured values back on undo. Not a fix.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
 */
import type { Resource } from '../../model/index.js';
import type { FixStep } from '../fix.js';
import { callFor, capturedAt, physicalName } from '../fix-support.js';

interface Kind {
  noun: string;
  idMember: 'DBInstanceIdentifier' | 'DBClusterIdentifier';
  modify: 'ModifyDBInstance' | 'ModifyDBCluster';
  describe: 'DescribeDBInstances' | 'DescribeDBClusters';
  /** The list member of the Describe answer. */
  list: 'DBInstances' | 'DBClusters';
}

export const DB_INSTANCE_KIND: Kind = {
  noun: 'DB instance',
  idMember: 'DBInstanceIdentifier',
  modify: 'ModifyDBInstance',
  describe: 'DescribeDBInstances',
  list: 'DBInstances',
};

export const DB_CLUSTER_KIND: Kind = {
  noun: 'DB cluster',
  idMember: 'DBClusterIdentifier',
  modify: 'ModifyDBCluster',
  describe: 'DescribeDBClusters',
  list: 'DBClusters',
};

/**
 * A step that sets `settings` on the instance or cluster. `applyImmediately` (for a setting RDS
 * otherwise defers to the maintenance window) is asked only when `needsNow` says so for the values
 * set, because it also applies every modification already pending on the resource.
 */
export function modifyStep(
  db: Resource,
  kind: Kind,
  description: string,
  settings: Record<string, unknown>,
  needsNow: (values: Record<string, unknown>) => boolean = () => false,
): FixStep {
  const id = physicalName(db, kind.idMember);
  const modify = (values: Record<string, unknown>) =>
    callFor(db, 'rds', kind.modify, `rds:${kind.modify}`, {
      [kind.idMember]: id,
      ...values,
      ...(needsNow(values) ? { ApplyImmediately: true } : {}),
    });
  return {
    description: `${description} of ${kind.noun} ${id}`,
    call: modify(settings),
    capture: callFor(db, 'rds', kind.describe, `rds:${kind.describe}`, { [kind.idMember]: id }),
    undo: (captured) => {
      const previous: Record<string, unknown> = {};
      for (const name of Object.keys(settings)) {
        const value = capturedAt(captured, kind.list, 0, name);
        if (value === undefined) {
          return { irreversible: `the captured ${kind.describe} answer does not show the previous ${name}` };
        }
        previous[name] = value;
      }
      return { call: modify(previous) };
    },
  };
}
