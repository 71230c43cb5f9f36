import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../../rules/rule.js';
import { parseTime } from '../../rules/ec2/observed.js';

/** RDS event categories that mean something went wrong (DescribeEvents `EventCategories`). */
const BAD = new Set(['failure', 'failover', 'low storage', 'recovery', 'availability']);

interface RdsEvent {
  Date?: unknown;
  Message?: unknown;
  EventCategories?: unknown;
}

/**
 * Healthy: no RDS event of a failure, failover, low-storage, recovery or availability category in
 * the look-back window (`observed.Events`, as DescribeEvents returns them for the instance).
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html
 */
export default defineRule({
  id: 'rds-instance-no-failure-events',
  title: 'RDS DB instance had no failure or failover event recently',
  category: 'health',
  severity: 'high',
  resourceTypes: ['AWS::RDS::DBInstance'],
  rationale:
    'RDS records failures, failovers, storage running out and recoveries as events. A failover means the application lost its connections and a standby took over; a low-storage event comes before the instance stops accepting writes. These are the database’s own account of an incident.',
  remediation: {
    text: 'Read the event messages, check the instance’s logs and metrics around that time, and subscribe an SNS topic to the failure, failover and low storage categories so the next one pages someone.',
    cli: 'aws rds describe-events --source-type db-instance --source-identifier <db> --duration 10080',
  },
  controls: [],
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html'],
  params: z.object({
    lookbackDays: z.number().positive().default(7).describe('Days of events to look at (RDS keeps 14).'),
  }),
  evaluate(db, ctx) {
    const who = `RDS DB instance ${label(db)}`;
    const events = db.observed?.Events;
    if (!Array.isArray(events)) {
      // A failed DescribeEvents after the instance was listed: the check was not made.
      const notRead = ctx.graph.unreadProperty(db, 'observed.Events');
      if (notRead) return error(`${who}: its events were not read (${notRead.message.replace(/\.$/, '')}).`);
      return notApplicable(`${who} has no observed events (known only in a live account).`);
    }
    const since = ctx.now.getTime() - ctx.params.lookbackDays * 86_400_000;
    const bad = (events as RdsEvent[]).filter((e) => {
      const at = parseTime(e?.Date);
      const cats = Array.isArray(e?.EventCategories) ? (e.EventCategories as unknown[]) : [];
      return (
        at !== undefined && at.getTime() >= since && cats.some((c) => typeof c === 'string' && BAD.has(c))
      );
    });
    if (bad.length === 0) {
      return pass(`${who} had no failure or failover event in the last ${ctx.params.lookbackDays} days.`);
    }
    const text = bad
      .slice(-3)
      .map(
        (e) =>
          `${String(e.Date).slice(0, 16).replace('T', ' ')} ${(e.EventCategories as string[]).join('/')}: ${String(e.Message)}`,
      )
      .join('; ');
    return fail(
      `${who} had ${bad.length} failure or failover event(s) in the last ${ctx.params.lookbackDays} days: ${text}.`,
    );
  },
});
