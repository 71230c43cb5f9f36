import { defineRule, error, fail, pass, prop } from '../rule.js';
import { DB_INSTANCE, describeDb } from './instance.js';
import { count } from './values.js';

/**
 * Compliant: Enhanced Monitoring collects OS metrics from the DB instance (MonitoringInterval 1,
 * 5, 10, 15, 30 or 60 seconds) with a monitoring role.
 */
export default defineRule({
  id: 'rds-instance-enhanced-monitoring-enabled',
  title: 'RDS DB instance has Enhanced Monitoring enabled',
  category: 'reliability',
  severity: 'low',
  resourceTypes: [DB_INSTANCE],
  rationale:
    "Enhanced Monitoring reads operating-system metrics (per-process CPU, memory, swap, file system, disk I/O) from an agent on the DB host at up to one-second granularity. CloudWatch's standard RDS metrics come from the hypervisor once a minute and cannot tell which process is eating the memory when a database slows down or runs out of it.",
  remediation: {
    text: 'Set a monitoring interval (60 seconds is a good default) and a monitoring role that trusts monitoring.rds.amazonaws.com with the AmazonRDSEnhancedMonitoringRole policy.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --monitoring-interval 60 --monitoring-role-arn arn:aws:iam::<account>:role/rds-monitoring-role --apply-immediately',
    cloudformation: 'MonitoringInterval: 60\nMonitoringRoleArn: !GetAtt RdsMonitoringRole.Arn',
    terraform:
      'resource "aws_db_instance" "this" {\n  # ...\n  monitoring_interval = 60\n  monitoring_role_arn = aws_iam_role.rds_monitoring.arn\n}',
  },
  controls: ['aws-fsbp:RDS.6'],
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html'],
  evaluate(db) {
    const who = describeDb(db);
    // MonitoringInterval defaults to 0: Enhanced Monitoring off.
    const interval = count(db.props, 'MonitoringInterval', 0);
    if (!interval.known) return error(`${who}: ${interval.reason}.`);
    if (interval.value <= 0) {
      return fail(
        `${who} has Enhanced Monitoring off (MonitoringInterval ${interval.defaulted ? 'not set' : '0'}).`,
      );
    }
    // Only the presence of a role matters here; an ARN known only after deploy is still a role.
    const role = prop(db.props, 'MonitoringRoleArn');
    if (role.known && role.value === undefined) {
      return fail(
        `${who} sets MonitoringInterval ${interval.value} but no MonitoringRoleArn, so no OS metrics are published.`,
      );
    }
    return pass(() => `${who} has Enhanced Monitoring every ${interval.value} seconds.`);
  },
});
