/**
 * What the RDS rules need to know about a DB instance before they check a setting: whether a DB
 * cluster owns the setting (Aurora and Multi-AZ DB clusters keep backups, encryption, deletion
 * protection, IAM authentication and the port on the cluster), whether it is a read replica, and
 * its engine.
 */
import type { Resource } from '../../model/index.js';
import { error, label, notApplicable, type RuleResult } from '../rule.js';
import { text } from './values.js';

export const DB_INSTANCE = 'AWS::RDS::DBInstance';
export const DB_CLUSTER = 'AWS::RDS::DBCluster';

export function describeDb(db: Resource): string {
  return `${db.type === DB_CLUSTER ? 'RDS DB cluster' : 'RDS DB instance'} ${label(db)}`;
}

/**
 * `not_applicable` for a member of a DB cluster, where `what` is set on the cluster
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html:
 * "Amazon Aurora: Not applicable ... managed by the DB cluster"), `error` when membership is not
 * known, `undefined` for a standalone instance.
 */
export function clusterOwns(db: Resource, what: string): RuleResult | undefined {
  const cluster = text(db.props, 'DBClusterIdentifier');
  if (!cluster.known) return error(`${describeDb(db)}: ${cluster.reason}.`);
  if (cluster.value !== undefined) {
    return notApplicable(
      () => `${describeDb(db)} belongs to DB cluster ${cluster.value}, which holds its ${what}.`,
    );
  }
  const engine = text(db.props, 'Engine');
  if (engine.known && engine.value?.toLowerCase().startsWith('aurora')) {
    return notApplicable(() => `${describeDb(db)} runs ${engine.value}; its DB cluster holds its ${what}.`);
  }
  return undefined;
}

/**
 * The source of a read replica (`SourceDBInstanceIdentifier` in CloudFormation and in the
 * describe mapping), `undefined` for a primary.
 */
export function replicaSource(db: Resource): ReturnType<typeof text> {
  return text(db.props, 'SourceDBInstanceIdentifier');
}

/** The engine, lower-cased: `mysql`, `postgres`, `aurora-mysql`, `oracle-ee`, `sqlserver-se`, ... */
export function engineOf(db: Resource): ReturnType<typeof text> {
  const engine = text(db.props, 'Engine');
  return engine.known && engine.value !== undefined
    ? { ...engine, value: engine.value.toLowerCase() }
    : engine;
}

/** The engine family the per-engine tables below are keyed by. */
export function engineFamily(engine: string): string {
  if (engine === 'aurora' || engine === 'aurora-mysql') return 'aurora-mysql';
  if (engine.startsWith('oracle')) return 'oracle';
  if (engine.startsWith('sqlserver')) return 'sqlserver';
  if (engine.startsWith('db2')) return 'db2';
  if (engine.startsWith('custom-oracle')) return 'oracle';
  if (engine.startsWith('custom-sqlserver')) return 'sqlserver';
  return engine;
}
