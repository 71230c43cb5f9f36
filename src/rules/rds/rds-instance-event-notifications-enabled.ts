import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass, type GraphView } from '../rule.js';
import { unreadReason } from '../unread.js';
import { DB_INSTANCE, describeDb } from './instance.js';
import { flag, isUnknown, refersTo, sameAccountAndRegion, strings, text, type Maybe } from './values.js';

const SUBSCRIPTION = 'AWS::RDS::EventSubscription';

/**
 * Subscription statuses in which RDS sends nothing: it lost the right to publish to the topic, the
 * topic is gone, or the subscription is being deleted
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_EventSubscription.html).
 */
const NOT_DELIVERING = new Set(['no-permission', 'topic-not-exist', 'deleting']);

interface Cover {
  subscription: Resource;
  /** Event categories it sends; empty means all of them. */
  categories: string[];
}

/**
 * Whether one subscription sends this instance's events. An absent SourceType means events of
 * every source; absent SourceIds means every source of the type
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-eventsubscription.html).
 */
function covers(sub: Resource, db: Resource, graph: GraphView): Maybe {
  const enabled = flag(sub.props, 'Enabled', true);
  if (!enabled.known) return { unknown: enabled.reason };
  if (!enabled.value) return false;
  const type = text(sub.props, 'SourceType');
  if (!type.known) return { unknown: type.reason };
  if (type.value !== undefined && type.value !== 'db-instance') return false;
  const ids = sub.props.SourceIds;
  if (ids === undefined || (Array.isArray(ids) && ids.length === 0)) return true;
  if (!Array.isArray(ids))
    return refersTo(ids, db, (n) => graph.get(n, undefined, sub) !== undefined, 'SourceIds');
  const identifier = db.props.DBInstanceIdentifier;
  let unknown: Maybe | undefined;
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    if (typeof identifier === 'string' && id === identifier) return true;
    const m = refersTo(id, db, (n) => graph.get(n, undefined, sub) !== undefined, `SourceIds[${i}]`);
    if (m === true) return true;
    if (isUnknown(m)) unknown ??= m;
  }
  return unknown ?? false;
}

/**
 * Compliant: an enabled RDS event subscription in the instance's account and region sends the
 * instance's events, at least the categories in `eventCategories`, to an SNS topic. A live
 * subscription whose status says it cannot publish (`no-permission`, `topic-not-exist`) or is being
 * deleted covers nothing.
 */
export default defineRule({
  id: 'rds-instance-event-notifications-enabled',
  title: 'RDS DB instance events are sent to an SNS topic',
  category: 'reliability',
  severity: 'low',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'RDS publishes events (backup started and finished, failover, failure, low storage, maintenance) through an event subscription to an SNS topic; without one, a failed backup or an unplanned failover is only seen by whoever happens to open the console. RDS event notifications are the simple, built-in way to be told; CloudWatch alarms on metrics cover thresholds, not these events.',
  remediation: {
    text: 'Create an RDS event subscription for source type db-instance that covers the instance (or all instances) with at least the required categories, and subscribe the on-call address or chat integration to its SNS topic.',
    cli: 'aws rds create-event-subscription --subscription-name <name> --sns-topic-arn <topic-arn> --source-type db-instance --source-ids <db> --event-categories backup failure failover "low storage" maintenance',
    cloudformation:
      'DbEvents:\n  Type: AWS::RDS::EventSubscription\n  Properties:\n    SnsTopicArn: !Ref DbEventsTopic\n    SourceType: db-instance\n    SourceIds: [!Ref Database]\n    EventCategories: [backup, failure, failover, low storage, maintenance]',
    terraform:
      'resource "aws_db_event_subscription" "this" {\n  name        = "db-events"\n  sns_topic   = aws_sns_topic.db_events.arn\n  source_type = "db-instance"\n  source_ids  = [aws_db_instance.this.identifier]\n  event_categories = ["backup", "failure", "failover", "low storage", "maintenance"]\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html',
  ],
  params: z.object({
    eventCategories: z
      .array(z.string())
      .default(['backup', 'failure'])
      .describe(
        'Event categories that must reach SNS (RDS names: backup, failure, failover, low storage, maintenance, ...).',
      ),
  }),
  evaluate(db, ctx) {
    const who = describeDb(db);
    const found: Cover[] = [];
    // Subscriptions that may cover the instance: what they would add, and why it is not known.
    const maybe: Array<{ categories: string[]; reason: string }> = [];
    // Subscriptions that name the instance but deliver nothing in their collected state.
    const broken: Resource[] = [];
    for (const sub of ctx.graph.byType(SUBSCRIPTION)) {
      // A subscription of a template not yet placed may or may not be where the instance is.
      const placed = sameAccountAndRegion(sub, db);
      if (placed === false) continue;
      const m = covers(sub, db, ctx.graph);
      if (m === false) continue;
      const status = sub.observed?.Status;
      if (typeof status === 'string' && NOT_DELIVERING.has(status)) {
        broken.push(sub);
        continue;
      }
      const categories = strings(sub.props, 'EventCategories');
      const sent = categories.known ? categories.value.map((c) => c.toLowerCase()) : [];
      if (placed === undefined || isUnknown(m) || !categories.known) {
        const reason =
          placed === undefined
            ? 'its account or region cannot be compared with the instance’s'
            : isUnknown(m)
              ? m.unknown
              : (categories as { reason: string }).reason;
        maybe.push({ categories: sent, reason: `event subscription ${label(sub)}: ${reason}` });
      } else found.push({ subscription: sub, categories: sent });
    }
    const required = ctx.params.eventCategories.map((c) => c.toLowerCase());
    const missingFrom = (covers: Array<{ categories: string[] }>) => {
      if (covers.some((c) => c.categories.length === 0)) return [];
      const sent = new Set(covers.flatMap((c) => c.categories));
      return required.filter((c) => !sent.has(c));
    };
    const missing = missingFrom(found);
    const subs = found.map((c) => label(c.subscription)).join(', ');
    if (found.length > 0 && missing.length === 0) {
      const which = found.some((c) => c.categories.length === 0) ? '' : `${required.join(', ')} `;
      return pass(() => `${who} sends its ${which}events to SNS through ${subs}.`);
    }
    // An undecidable subscription matters only if it could supply what is missing.
    if (maybe.length > 0 && missingFrom([...found, ...maybe]).length === 0) {
      return error(`${who}: ${maybe[0]!.reason}.`);
    }
    // Subscriptions are in the instance's account and region; those never listed may send the rest.
    const unread = unreadReason(ctx.graph, SUBSCRIPTION, db.account, db.region);
    if (unread) {
      const what = found.length > 0 ? `event categories ${missing.join(', ')}` : 'its events';
      return error(`${who}: whether an RDS event subscription sends ${what} is not known: ${unread}.`);
    }
    const notSending =
      broken.length === 0
        ? ''
        : ` (${broken.map((s) => `event subscription ${label(s)} is ${String(s.observed?.Status)}`).join('; ')}, so it sends nothing)`;
    if (found.length === 0) {
      return fail(
        `${who} is covered by no enabled RDS event subscription${notSending}, so its backup and failure events reach nobody.`,
      );
    }
    return fail(
      `${who} is covered by ${subs}, but not for event categories ${missing.join(', ')}${notSending}.`,
    );
  },
});
