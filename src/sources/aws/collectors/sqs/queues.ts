import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft, UnitContext } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, flag, policyDocument, str } from '../helpers.js';

const QUEUE = 'AWS::SQS::Queue';

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → `<name>`. */
function queueName(url: string): string {
  const parts = url.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? url;
}

/** The account in a queue URL's path, when it has one. */
function queueAccount(url: string): string | undefined {
  return /^https?:\/\/[^/]+\/(\d{12})\//.exec(url)?.[1];
}

/** A numeric attribute (`"30"`) as a number. */
function count(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** An epoch-seconds attribute (`CreatedTimestamp`) as an ISO date. */
function epoch(value: unknown): string | undefined {
  const seconds = count(value);
  return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
}

/** A JSON attribute (`Policy`, `RedrivePolicy`) as a document; absent when the queue has none. */
function document(value: unknown): unknown {
  return str(value) === undefined ? undefined : policyDocument(value);
}

/**
 * GetQueueAttributes (`All`) under CloudFormation's property names: the access policy as the
 * queue's `PolicyDocument` (where `AWS::SQS::QueuePolicy` folds), `KmsMasterKeyId` only when SSE-KMS
 * is on, `SqsManagedSseEnabled` as a boolean (SQS reports `"false"` on a queue with SSE-KMS or
 * without encryption), the redrive policies as documents, the FIFO settings only on FIFO queues
 * (SQS does not return them for standard queues). Message counts and timestamps are run-time facts in
 * `observed`; no message is read.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html
 */
function readable(url: string, a: Json): ResourceDraft {
  const name = queueName(url);
  const fifo = flag(a.FifoQueue) === true;
  const kms = str(a.KmsMasterKeyId);
  return {
    type: QUEUE,
    id: url,
    arn: str(a.QueueArn),
    name,
    props: {
      QueueName: name,
      FifoQueue: fifo ? true : undefined,
      ContentBasedDeduplication: fifo ? flag(a.ContentBasedDeduplication) : undefined,
      DeduplicationScope: fifo ? str(a.DeduplicationScope) : undefined,
      FifoThroughputLimit: fifo ? str(a.FifoThroughputLimit) : undefined,
      DelaySeconds: count(a.DelaySeconds),
      MaximumMessageSize: count(a.MaximumMessageSize),
      MessageRetentionPeriod: count(a.MessageRetentionPeriod),
      ReceiveMessageWaitTimeSeconds: count(a.ReceiveMessageWaitTimeSeconds),
      VisibilityTimeout: count(a.VisibilityTimeout),
      KmsMasterKeyId: kms,
      KmsDataKeyReusePeriodSeconds: kms ? count(a.KmsDataKeyReusePeriodSeconds) : undefined,
      SqsManagedSseEnabled: flag(a.SqsManagedSseEnabled),
      RedrivePolicy: document(a.RedrivePolicy),
      RedriveAllowPolicy: document(a.RedriveAllowPolicy),
      PolicyDocument: document(a.Policy),
    },
    observed: {
      ApproximateNumberOfMessages: count(a.ApproximateNumberOfMessages),
      ApproximateNumberOfMessagesNotVisible: count(a.ApproximateNumberOfMessagesNotVisible),
      ApproximateNumberOfMessagesDelayed: count(a.ApproximateNumberOfMessagesDelayed),
      CreatedTimestamp: epoch(a.CreatedTimestamp),
      LastModifiedTimestamp: epoch(a.LastModifiedTimestamp),
    },
  };
}

/**
 * A queue whose GetQueueAttributes failed (the runner records the gap): the listing gives only its
 * URL, which names its account and name, so its ARN is known and a FIFO queue is told by its
 * `.fifo` name. Every attribute is unresolved, never absent, because absent means "not set" (no
 * encryption, no access policy), so the rules reading them give `error`.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html
 */
function unreadable(url: string, ctx: UnitContext): ResourceDraft {
  const name = queueName(url);
  const unknown = unresolved(
    `sqs get-queue-attributes --queue-url ${url} --attribute-names All`,
    'the attributes of this queue could not be read',
  );
  const account = queueAccount(url) ?? ctx.account;
  const fifo = name.endsWith('.fifo');
  const props: Json = {
    QueueName: name,
    KmsMasterKeyId: unknown,
    SqsManagedSseEnabled: unknown,
    RedrivePolicy: unknown,
    PolicyDocument: unknown,
  };
  if (fifo) props.FifoQueue = true;
  return {
    type: QUEUE,
    id: url,
    arn: `arn:${ctx.partition}:sqs:${ctx.region}:${account}:${name}`,
    name,
    props,
    observed: { ApproximateNumberOfMessages: unknown },
  };
}

/**
 * `sqs list-queues` + per queue `get-queue-attributes --attribute-names All` → `AWS::SQS::Queue`
 * (id = queue URL, as `Ref` gives it; ARN from `QueueArn`). ListQueues returns at most 1,000 queues
 * and no token unless `MaxResults` is set, so every page asks for 1,000. A queue deleted between the
 * listing and its attributes call (`AWS.SimpleQueueService.NonExistentQueue`, the JSON protocol's
 * `QueueDoesNotExist`) is left out; one whose attributes could not be read has them unresolved.
 * Queue tags (`ListQueueTags`) are not read: no rule judges them yet.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html#aws-resource-sqs-queue-return-values
 */
export const queues: Collector = {
  id: 'sqs/queues',
  service: 'sqs',
  resourceTypes: [QUEUE],
  list: [
    {
      command: ListQueuesCommand,
      action: 'sqs:ListQueues',
      items: ['QueueUrls'],
      wrap: 'QueueUrl',
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxResults', 1000] },
    },
  ],
  details: [
    {
      name: 'attributes',
      command: GetQueueAttributesCommand,
      action: 'sqs:GetQueueAttributes',
      // The JSON protocol carries the query protocol's code in `x-amzn-query-error`, which the SDK
      // gives as the error's `Code`; the error's name is the JSON shape's.
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-api-responses.html
      notConfigured: ['AWS.SimpleQueueService.NonExistentQueue', 'QueueDoesNotExist'],
      input: (q) =>
        typeof q.QueueUrl === 'string' ? { QueueUrl: q.QueueUrl, AttributeNames: ['All'] } : undefined,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.QueueUrls ?? []).flatMap((q): ResourceDraft[] => {
        const url = str(q.QueueUrl);
        if (!url) return [];
        const answer = detailOf(q, 'attributes');
        // Deleted since it was listed.
        if (answer === null) return [];
        return [isJson(answer?.Attributes) ? readable(url, answer.Attributes) : unreadable(url, ctx)];
      }),
  },
};
