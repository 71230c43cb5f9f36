import { z } from 'zod';
import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { DB_INSTANCE, describeDb } from './instance.js';
import { daysCovered, hasMetrics, lastDays, metric } from './metrics.js';
import { text } from './values.js';
import { metricsNotRead } from '../ec2/observed.js';

const DAY_MS = 86_400_000;

/**
 * Compliant: the DB instance had at least one connection in the last `lookbackDays` days
 * (observed `DatabaseConnections`), Trusted Advisor's "Amazon RDS Idle DB Instances" check.
 * Templates (no observed metrics), stopped instances and instances younger than the window are
 * not applicable.
 */
export default defineRule({
  id: 'rds-instance-not-idle',
  title: 'RDS DB instance has had connections recently',
  category: 'cost',
  severity: 'medium',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'An instance that nobody has connected to for a week is usually left over from a migration, a test or a decommissioned service, and it bills for compute, storage, backups and any Multi-AZ standby every hour. A final snapshot keeps the data for a fraction of the price.',
  remediation: {
    text: 'Confirm with the owner, take a final snapshot and delete the instance (or stop it for up to 7 days while deciding; RDS restarts stopped instances after 7 days).',
    cli: 'aws rds delete-db-instance --db-instance-identifier <db> --final-db-snapshot-identifier <db>-final\naws rds stop-db-instance --db-instance-identifier <db>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html#amazon-rds-idle-dbs-instances',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html',
  ],
  params: z.object({
    lookbackDays: z
      .number()
      .int()
      .positive()
      .default(7)
      .describe('Days without any connection after which an instance counts as idle (Trusted Advisor: 7).'),
  }),
  evaluate(db, ctx) {
    const who = describeDb(db);
    if (!hasMetrics(db)) {
      const notRead = metricsNotRead(db, ctx.graph);
      if (notRead) return error(`${who}: ${notRead}.`);
      return notApplicable(
        () => `${who} has no observed metrics; connections are only known for a running instance.`,
      );
    }
    const status = text(db.observed, 'DBInstanceStatus');
    if (status.known && status.value === 'stopped') {
      return notApplicable(() => `${who} is stopped; see its storage and snapshots for cost.`);
    }
    const days = ctx.params.lookbackDays;
    const created = db.observed?.InstanceCreateTime;
    const createdAt = typeof created === 'string' ? Date.parse(created) : NaN;
    if (!Number.isNaN(createdAt) && ctx.now.getTime() - createdAt < days * DAY_MS) {
      return notApplicable(() => `${who} is younger than the ${days}-day window.`);
    }
    const read = metric(db, 'DatabaseConnections');
    if (read.state === 'absent') return error(`${who}: DatabaseConnections was not collected.`);
    if (read.state === 'invalid') return error(`${who}: ${read.reason}.`);
    const window = lastDays(read.series, days);
    if (!window) {
      return error(
        `${who}: DatabaseConnections covers ${daysCovered(read.series)} days, less than the ${days}-day window.`,
      );
    }
    const peak = Math.max(...window);
    if (peak <= 0) {
      return fail(`${who} has had no database connections in the last ${days} days.`);
    }
    return pass(
      () =>
        `${who} had connections in the last ${days} days (${read.series.Statistic.toLowerCase()} up to ${peak} a day).`,
    );
  },
});
