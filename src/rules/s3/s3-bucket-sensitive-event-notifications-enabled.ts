import { z } from 'zod';
import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { describeBucket } from './refs.js';
import { missingEvents, notificationsOf } from './notifications.js';
import { inScope, outOfScope, scopeParams } from './scope.js';

/**
 * Compliant: a bucket that holds sensitive data notifies every object creation and every removal
 * (all of `s3:ObjectCreated:*` and `s3:ObjectRemoved:*`, or EventBridge delivery, which carries
 * every event). Which buckets hold sensitive data is read from a tag (default
 * `data-classification` = `sensitive`, `confidential` or `restricted`) or from bucket-name patterns;
 * other buckets are not applicable (s3-bucket-event-notifications-enabled covers every bucket).
 */
export default defineRule({
  id: 's3-bucket-sensitive-event-notifications-enabled',
  title: 'S3 bucket with sensitive data notifies every object change',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'For sensitive documents the owner needs to hear of every change as it happens: a new file that should not be there, a contract overwritten, a folder deleted. S3 event notifications to an SNS topic (or EventBridge) do that without polling. A configuration that covers only some event types (PUT but not multipart uploads or copies, deletes but not delete markers) leaves exactly the changes that were not thought of unreported.',
  remediation: {
    text: 'Send `s3:ObjectCreated:*` and `s3:ObjectRemoved:*` to an SNS topic the data owners subscribe to (the topic policy must let s3.amazonaws.com publish for this bucket), or turn on EventBridge delivery and route the events with a rule.',
    cli: 'aws s3api put-bucket-notification-configuration --bucket <bucket> --notification-configuration \'{"TopicConfigurations":[{"TopicArn":"<topic-arn>","Events":["s3:ObjectCreated:*","s3:ObjectRemoved:*"]}]}\'',
    cloudformation:
      'NotificationConfiguration:\n  TopicConfigurations:\n    - Event: s3:ObjectCreated:*\n      Topic: !Ref ChangesTopic\n    - Event: s3:ObjectRemoved:*\n      Topic: !Ref ChangesTopic',
    terraform:
      'resource "aws_s3_bucket_notification" "this" {\n  bucket = aws_s3_bucket.this.id\n  topic {\n    topic_arn = aws_sns_topic.changes.arn\n    events    = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ways-to-add-notification-config-to-bucket.html',
  ],
  params: z.object(
    scopeParams(['sensitive', 'confidential', 'restricted'], 'a bucket as holding sensitive data'),
  ),
  evaluate(bucket, ctx) {
    const scope = inScope(bucket, ctx.params);
    if (!scope.known) return error(`${describeBucket(bucket)}: ${scope.reason}.`);
    if (scope.value === undefined) {
      return notApplicable(
        () => `${describeBucket(bucket)} is not classified sensitive: ${outOfScope(ctx.params)}.`,
      );
    }
    const notifications = notificationsOf(bucket);
    if (!notifications.known) return error(`${describeBucket(bucket)}: ${notifications.reason}.`);
    const n = notifications.value;
    if (!n || n.destinations.length === 0) {
      return fail(
        `${describeBucket(bucket)} holds sensitive data (${scope.value}) but sends no event notifications, so nobody hears of changes.`,
      );
    }
    const missing = [...missingEvents(n, 'object creation'), ...missingEvents(n, 'object removal')];
    if (missing.length > 0) {
      return fail(
        `${describeBucket(bucket)} holds sensitive data (${scope.value}) but its notifications leave out ${missing.join(', ')}.`,
      );
    }
    const filtered = n.filtered > 0 ? ` (${n.filtered} configuration(s) filter on key prefix or suffix)` : '';
    return pass(
      () =>
        `${describeBucket(bucket)} holds sensitive data (${scope.value}) and notifies every object creation and removal (${n.destinations.join(', ')})${filtered}.`,
    );
  },
});
