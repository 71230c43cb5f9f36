import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { clusterOwns, DB_INSTANCE, describeDb, engineFamily, engineOf } from './instance.js';
import { strings } from './values.js';

/** The logs Security Hub RDS.9 expects each engine to publish to CloudWatch Logs. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  mysql: ['audit', 'error', 'general', 'slowquery'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
  postgres: ['postgresql', 'upgrade'],
  oracle: ['alert', 'audit', 'trace', 'listener'],
  sqlserver: ['error', 'agent'],
  db2: ['diag.log', 'notify.log'],
};

/**
 * Compliant: the DB instance publishes its engine's logs (per Security Hub RDS.9) to CloudWatch
 * Logs. Members of a DB cluster are not applicable (the cluster exports the logs).
 */
export default defineRule({
  id: 'rds-instance-log-exports-enabled',
  title: 'RDS DB instance publishes its database logs to CloudWatch Logs',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'Database logs (errors, slow queries, audit records of who connected and what they ran) stay on the instance only for a short while and disappear with it. Published to CloudWatch Logs they are kept for as long as the log group says, can be searched during an incident and alarmed on, and survive the deletion of the instance.',
  remediation: {
    text: "Export the engine's logs to CloudWatch Logs (for MySQL/MariaDB audit logs also add the MARIADB_AUDIT_PLUGIN option; for general and slow query logs set log_output=FILE) and set a retention on the log groups.",
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --cloudwatch-logs-export-configuration \'{"EnableLogTypes":["audit","error","general","slowquery"]}\'',
    cloudformation: 'EnableCloudwatchLogsExports: [audit, error, general, slowquery]',
    terraform:
      'resource "aws_db_instance" "this" {\n  # ...\n  enabled_cloudwatch_logs_exports = ["audit", "error", "general", "slowquery"]\n}',
  },
  controls: ['aws-fsbp:RDS.9', 'pci-dss-v4.0:10.2.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-9',
  ],
  evaluate(db) {
    const owned = clusterOwns(db, 'log exports');
    if (owned) return owned;
    const who = describeDb(db);
    const engine = engineOf(db);
    if (!engine.known) return error(`${who}: ${engine.reason}.`);
    if (engine.value === undefined) return error(`${who} names no engine, so its log types are not known.`);
    const required = REQUIRED[engineFamily(engine.value)];
    if (!required)
      return notApplicable(() => `${who} runs ${engine.value}, for which no log types are required.`);
    const exported = strings(db.props, 'EnableCloudwatchLogsExports');
    if (!exported.known) return error(`${who}: ${exported.reason}.`);
    const missing = required.filter((t) => !exported.value.includes(t));
    if (missing.length === 0)
      return pass(() => `${who} publishes ${required.join(', ')} logs to CloudWatch Logs.`);
    if (missing.length === required.length) {
      return fail(`${who} publishes no database logs to CloudWatch Logs (expected ${required.join(', ')}).`);
    }
    return fail(`${who} does not publish its ${missing.join(', ')} logs to CloudWatch Logs.`);
  },
});
