/**
 * Reading a bucket's event notifications (CloudFormation `NotificationConfiguration`): which events
 * reach SNS, SQS, Lambda or EventBridge.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
 */
import type { Resource } from '../../model/index.js';
import { asBoolean, known, prop, type Known } from '../rule.js';

const DESTINATIONS = [
  ['TopicConfigurations', 'SNS topic'],
  ['QueueConfigurations', 'SQS queue'],
  ['LambdaConfigurations', 'Lambda function'],
] as const;

/** What a bucket notifies: the event types per destination kind, and whether EventBridge gets everything. */
export interface Notifications {
  /** `s3:ObjectCreated:*` and the like, as configured. */
  readonly events: readonly string[];
  /** `SNS topic`, `SQS queue`, `Lambda function`, `EventBridge`. */
  readonly destinations: readonly string[];
  /** EventBridge receives every S3 event of the bucket. */
  readonly eventBridge: boolean;
  /** How many configurations filter on key prefix or suffix (they see only part of the bucket). */
  readonly filtered: number;
}

export function notificationsOf(bucket: Resource): Known<Notifications | undefined> {
  const config = prop(bucket.props, 'NotificationConfiguration');
  if (!config.known) return config;
  if (config.value === undefined) return { known: true, value: undefined };
  const events: string[] = [];
  const destinations = new Set<string>();
  let filtered = 0;
  for (const [property, kind] of DESTINATIONS) {
    const list = prop(bucket.props, `NotificationConfiguration.${property}`);
    if (!list.known) return list;
    if (!Array.isArray(list.value)) continue;
    for (let i = 0; i < list.value.length; i++) {
      const entry = list.value[i] as Record<string, unknown> | undefined;
      const event = known(entry?.Event, `NotificationConfiguration.${property}.${i}.Event`);
      if (!event.known) return event;
      if (typeof event.value !== 'string') continue;
      events.push(event.value);
      destinations.add(kind);
      if (entry?.Filter !== undefined) filtered++;
    }
  }
  const bridge = prop(bucket.props, 'NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled');
  if (!bridge.known) return bridge;
  const eventBridge = asBoolean(bridge.value) === true;
  if (eventBridge) destinations.add('EventBridge');
  return { known: true, value: { events, destinations: [...destinations], eventBridge, filtered } };
}

/** The concrete event types of a family: what `s3:ObjectCreated:*` stands for. */
const FAMILIES = {
  'object creation': [
    's3:ObjectCreated:Put',
    's3:ObjectCreated:Post',
    's3:ObjectCreated:Copy',
    's3:ObjectCreated:CompleteMultipartUpload',
  ],
  'object removal': ['s3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated'],
} as const;

export type EventFamily = keyof typeof FAMILIES;

/**
 * The event types of a family that the configured events leave out (none when EventBridge is on:
 * it receives every event). `s3:ObjectCreated:*` covers all four creation types.
 */
export function missingEvents(notifications: Notifications, family: EventFamily): string[] {
  if (notifications.eventBridge) return [];
  const patterns = notifications.events.map(
    (e) => new RegExp(`^${e.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`),
  );
  return FAMILIES[family].filter((t) => !patterns.some((p) => p.test(t)));
}
