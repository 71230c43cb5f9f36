/**
 * The SQS collector driven through the real SDK against the local endpoint with recorded responses
 * (one queue a page), and what reads queues run on what it collected: the encryption rule, the IAM
 * engine's resource-policy rules and the Lambda dead-letter rule's link from a function to its
 * queue. Attributes that could not be read are judged `error`, never a pass or a fail.
 */
import { describe, expect, it } from 'vitest';
import { createGraph } from '../../../../engine/index.js';
import { isUnresolved, type Resource, type Snapshot } from '../../../../model/index.js';
import { iamEngine } from '../../../../questions/iam-findings.js';
import { allRules } from '../../../../rules/index.js';
import { resourceIn, useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { queues } from './queues.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [queues],
  now: NOW,
});

const QUEUE = 'AWS::SQS::Queue';
const ACCOUNT = '111122223333';
const URL_OF = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/`;
const ARN_OF = `arn:aws:sqs:us-east-1:${ACCOUNT}:`;
/** SSE-SQS; a policy that lets one SNS topic send; 12 messages waiting. */
const ORDERS = `${URL_OF}orders`;
/** SSE-KMS with a customer managed key; the dead-letter queue of `orders`. */
const PAYMENTS = `${URL_OF}payments`;
/** Unencrypted; a policy that lets anyone send. */
const LEGACY = `${URL_OF}legacy-events`;
/** FIFO, SSE-SQS. */
const FIFO = `${URL_OF}orders.fifo`;
/** Listed, then deleted before its attributes were asked for. */
const RETIRED = `${URL_OF}retired-jobs`;

/** Every rule on SQS queues, so a new one is run here too. */
const QUEUE_RULES = allRules.filter((r) => r.resourceTypes.includes(QUEUE)).map((r) => r.id);
const ENCRYPTED = 'sqs-queue-encrypted-at-rest';
const PUBLIC = 'iam-resource-policy-not-public';
const EXTERNAL = 'iam-resource-policy-no-external-access';

const byId = (snapshot: Snapshot, id: string): Resource => resourceIn(snapshot, QUEUE, id);

/** The IAM engine's statuses on queues (it reports only failures and errors). */
function iamStatuses(snapshot: Snapshot): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const { findings } = iamEngine().run(snapshot, { suppressions: [], params: {} });
  for (const f of findings) if (f.resource.type === QUEUE) (out[f.ruleId] ??= {})[f.resource.id] = f.status;
  return out;
}

describe('sqs/queues', () => {
  it('lists queues page by page, asking for 1,000 a page, and reads every attribute of each', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const lists = endpoint.log.filter((r) => r.operation === 'ListQueues');
    expect(lists).toHaveLength(5);
    // Without MaxResults, ListQueues stops at 1,000 queues and gives no token.
    expect(lists.every((r) => r.service === 'sqs' && r.params.MaxResults === 1000)).toBe(true);
    expect(lists[0]!.params.NextToken).toBeUndefined();
    expect(lists.slice(1).every((r) => typeof r.params.NextToken === 'string')).toBe(true);
    const attributes = endpoint.log.filter((r) => r.operation === 'GetQueueAttributes');
    expect(attributes.map((r) => r.params.QueueUrl).sort()).toEqual(
      [ORDERS, PAYMENTS, LEGACY, FIFO, RETIRED].sort(),
    );
    expect(attributes.every((r) => JSON.stringify(r.params.AttributeNames) === '["All"]')).toBe(true);
    // The queue deleted since the listing is left out, without a gap.
    expect(snapshot.resources.map((r) => r.id).sort()).toEqual([ORDERS, PAYMENTS, LEGACY, FIFO].sort());
  });

  it('maps the attributes to CloudFormation’s properties and the message counts to observed', async () => {
    const { snapshot } = await collect();
    const orders = byId(snapshot, ORDERS);
    expect(orders).toMatchObject({
      arn: `${ARN_OF}orders`,
      name: 'orders',
      account: ACCOUNT,
      region: 'us-east-1',
    });
    expect(orders.props).toEqual({
      QueueName: 'orders',
      DelaySeconds: 0,
      MaximumMessageSize: 262144,
      MessageRetentionPeriod: 345600,
      ReceiveMessageWaitTimeSeconds: 0,
      VisibilityTimeout: 30,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: `${ARN_OF}payments`, maxReceiveCount: 5 },
      // The policy JSON as a document, where AWS::SQS::QueuePolicy folds.
      PolicyDocument: {
        Version: '2012-10-17',
        Id: 'orders-policy',
        Statement: [
          expect.objectContaining({ Sid: 'FromOrderTopic', Principal: { Service: 'sns.amazonaws.com' } }),
        ],
      },
    });
    expect(orders.observed).toEqual({
      ApproximateNumberOfMessages: 12,
      ApproximateNumberOfMessagesNotVisible: 0,
      ApproximateNumberOfMessagesDelayed: 0,
      CreatedTimestamp: '2025-01-01T12:00:00.000Z',
      LastModifiedTimestamp: '2025-10-09T08:53:20.000Z',
    });

    expect(byId(snapshot, PAYMENTS).props).toMatchObject({
      KmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      KmsDataKeyReusePeriodSeconds: 300,
      SqsManagedSseEnabled: false,
      RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [`${ARN_OF}orders`] },
    });
    expect(byId(snapshot, PAYMENTS).props).not.toHaveProperty('PolicyDocument');
    expect(byId(snapshot, LEGACY).props).not.toHaveProperty('KmsMasterKeyId');
    // FIFO settings only on the FIFO queue.
    expect(byId(snapshot, FIFO).props).toMatchObject({
      QueueName: 'orders.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: true,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
    expect(orders.props).not.toHaveProperty('FifoQueue');
  });

  it('judges encryption and public access of the queues as collected', async () => {
    const { snapshot } = await collect();
    const { statuses } = statusesByRule(snapshot, QUEUE_RULES, NOW);
    expect(statuses[ENCRYPTED]).toEqual({
      [ORDERS]: 'pass',
      [PAYMENTS]: 'pass',
      [LEGACY]: 'fail',
      [FIFO]: 'pass',
    });
    // The SNS grant is limited to one topic by its source ARN; the legacy policy lets anyone send.
    expect(iamStatuses(snapshot)).toEqual({ [PUBLIC]: { [LEGACY]: 'fail' } });
  });

  it('lets a Lambda function’s dead-letter queue ARN find the collected queue', async () => {
    const { snapshot } = await collect();
    const graph = createGraph(snapshot.resources, snapshot.coverage);
    expect(graph.resolve(`${ARN_OF}payments`, QUEUE)?.id).toBe(PAYMENTS);
  });

  it('leaves the attributes of a queue it was denied unresolved, so the rules reading them give errors', async () => {
    const { snapshot } = await collect({
      deny: [`sqs:GetQueueAttributes/${ORDERS}`, `sqs:GetQueueAttributes/${FIFO}`],
    });
    for (const id of [ORDERS, FIFO]) {
      expect(snapshot.coverage).toContainEqual(
        expect.objectContaining({ kind: 'access-denied', resourceType: QUEUE, resourceId: id }),
      );
      const queue = byId(snapshot, id);
      for (const key of ['KmsMasterKeyId', 'SqsManagedSseEnabled', 'PolicyDocument', 'RedrivePolicy'])
        expect(isUnresolved(queue.props[key]), `${id} ${key}`).toBe(true);
    }
    // The URL still gives the ARN, and the name tells the FIFO queue.
    expect(byId(snapshot, FIFO)).toMatchObject({ arn: `${ARN_OF}orders.fifo`, props: { FifoQueue: true } });
    expect(byId(snapshot, ORDERS).props).not.toHaveProperty('FifoQueue');

    const { statuses, findings } = statusesByRule(snapshot, QUEUE_RULES, NOW);
    expect(statuses[ENCRYPTED]).toEqual({
      [ORDERS]: 'error',
      [PAYMENTS]: 'pass',
      [LEGACY]: 'fail',
      [FIFO]: 'error',
    });
    expect(findings.find((f) => f.ruleId === ENCRYPTED && f.resource.id === ORDERS)?.reason).toContain(
      'the attributes of this queue could not be read',
    );
    expect(iamStatuses(snapshot)).toEqual({
      [PUBLIC]: { [ORDERS]: 'error', [LEGACY]: 'fail', [FIFO]: 'error' },
      [EXTERNAL]: { [ORDERS]: 'error', [FIFO]: 'error' },
    });
  });

  it('records a denied listing as a gap for the type, with no queues', async () => {
    const { snapshot } = await collect({ deny: ['sqs:ListQueues'] });
    expect(snapshot.resources).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: QUEUE, account: ACCOUNT }),
    ]);
    expect(snapshot.coverage[0]).not.toHaveProperty('resourceId');
    expect(
      createGraph(snapshot.resources, snapshot.coverage).unread(QUEUE, ACCOUNT, 'us-east-1'),
    ).toBeDefined();
  });
});
