import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, notApplicable, pass, type GraphView } from '../rule.js';
import {
  clusterOwns,
  DB_CLUSTER,
  DB_INSTANCE,
  describeDb,
  engineFamily,
  engineOf,
  replicaSource,
} from './instance.js';
import { count } from './values.js';

/** The port each engine listens on unless told otherwise. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  mysql: 3306,
  mariadb: 3306,
  'aurora-mysql': 3306,
  postgres: 5432,
  'aurora-postgresql': 5432,
  oracle: 1521,
  sqlserver: 1433,
  db2: 50000,
};

/** A read replica takes its engine and port from its source when the template omits them. */
function source(db: Resource, graph: GraphView): Resource | undefined {
  if (db.type !== DB_INSTANCE) return undefined;
  const id = replicaSource(db);
  return id.known && id.value !== undefined ? graph.resolve(id.value, DB_INSTANCE, db) : undefined;
}

/**
 * Compliant: the DB instance or cluster listens on a port other than its engine's default (3306
 * MySQL/MariaDB, 5432 PostgreSQL, 1521 Oracle, 1433 SQL Server, 50000 Db2). Members of a DB
 * cluster are not applicable (the cluster sets the port).
 */
export default defineRule({
  id: 'rds-database-port-not-default',
  title: 'RDS database listens on a port other than the engine default',
  category: 'security',
  severity: 'low',
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  rationale:
    "Scanners and automated attacks try the engines' well-known ports first. A non-default port is no access control, and security groups must still allow only the application tier, but it takes the database out of the cheapest sweeps and makes stray probes stand out in the flow logs.",
  remediation: {
    text: "Choose a non-default port, update the security group rules and the applications' connection strings, then change the port (the instance restarts).",
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --db-port-number 13306 --apply-immediately',
    cloudformation: "Port: '13306'",
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  port = 13306\n}',
  },
  controls: ['aws-fsbp:RDS.23'],
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-23'],
  evaluate(db, ctx) {
    if (db.type === DB_INSTANCE) {
      const owned = clusterOwns(db, 'port');
      if (owned) return owned;
    }
    const who = describeDb(db);
    const from = source(db, ctx.graph);
    let engine = engineOf(db);
    if (engine.known && engine.value === undefined && from) engine = engineOf(from);
    if (!engine.known) return error(`${who}: ${engine.reason}.`);
    if (engine.value === undefined) return error(`${who} names no engine, so its default port is not known.`);
    const standard = DEFAULT_PORTS[engineFamily(engine.value)];
    if (standard === undefined)
      return notApplicable(() => `${who} runs ${engine.value}, whose default port is not listed.`);
    let port = count(db.props, 'Port', undefined);
    if (port.known && port.value === undefined && from) port = count(from.props, 'Port', undefined);
    if (!port.known) return error(`${who}: ${port.reason}.`);
    if (port.value === undefined || port.value === standard) {
      return fail(
        `${who} listens on ${engine.value}'s default port ${standard}${port.value === undefined ? ' (Port not set)' : ''}.`,
      );
    }
    return pass(() => `${who} listens on port ${port.value}, not ${engine.value}'s default ${standard}.`);
  },
});
