import { defineRule, error, fail, pass } from '../rule.js';
import { describeBucket } from './refs.js';
import { notificationsOf } from './notifications.js';

/**
 * Compliant: the bucket sends event notifications: at least one SNS, SQS or Lambda configuration, or
 * EventBridge delivery turned on.
 */
export default defineRule({
  id: 's3-bucket-event-notifications-enabled',
  title: 'S3 bucket sends event notifications',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'Event notifications tell a person or a process when objects are created, deleted or restored, as it happens. Without them, an unexpected deletion, a mass overwrite by ransomware or an upload that should never have happened is noticed only when someone looks, often days later. Turning on EventBridge delivery costs nothing until a rule uses it and lets any later consumer subscribe.',
  remediation: {
    text: 'Turn on EventBridge delivery for the bucket (then route the events you care about with EventBridge rules), or add an SNS, SQS or Lambda notification for object creation and removal.',
    cli: 'aws s3api put-bucket-notification-configuration --bucket <bucket> --notification-configuration \'{"EventBridgeConfiguration":{}}\'',
    cloudformation: 'NotificationConfiguration:\n  EventBridgeConfiguration:\n    EventBridgeEnabled: true',
    terraform:
      'resource "aws_s3_bucket_notification" "this" {\n  bucket      = aws_s3_bucket.this.id\n  eventbridge = true\n}',
  },
  controls: ['aws-fsbp:S3.11'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-11',
  ],
  evaluate(bucket) {
    const notifications = notificationsOf(bucket);
    if (!notifications.known) return error(`${describeBucket(bucket)}: ${notifications.reason}.`);
    const n = notifications.value;
    if (!n || n.destinations.length === 0) {
      return fail(
        `${describeBucket(bucket)} sends no event notifications, so creations and deletions go unnoticed until someone looks.`,
      );
    }
    const targets = n.destinations.filter((d) => d !== 'EventBridge');
    const parts = [
      ...(n.events.length > 0 ? [`${n.events.join(', ')} to ${targets.join(', ')}`] : []),
      ...(n.eventBridge ? ['every event to EventBridge'] : []),
    ];
    return pass(() => `${describeBucket(bucket)} sends event notifications: ${parts.join('; ')}.`);
  },
});
