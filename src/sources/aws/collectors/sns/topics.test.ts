/**
 * The SNS collectors driven through the real SDK against the local endpoint with recorded
 * responses (one topic or subscription a page), and what reads topics run on what they collected:
 * the topic rules, the IAM engine's resource-policy rules and the alarm-subscriber logic of the CIS
 * monitoring rules. What could not be read is judged `error`, never a pass.
 */
import { describe, expect, it } from 'vitest';
import { createGraph } from '../../../../engine/index.js';
import { isUnresolved, type Resource, type Snapshot } from '../../../../model/index.js';
import { iamEngine } from '../../../../questions/iam-findings.js';
import { topicActions, topicReach } from '../../../../rules/cloudwatch/alarms.js';
import { allRules } from '../../../../rules/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { alarms } from '../cloudwatch/alarms.js';
import { keptEndpoint, redactSubscription, subscriptions } from './subscriptions.js';
import { topics } from './topics.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [topics, subscriptions, alarms],
  now: NOW,
});

const TOPIC = 'AWS::SNS::Topic';
const SUBSCRIPTION = 'AWS::SNS::Subscription';
const ACCOUNT = '111122223333';
const ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:`;
/** KMS-encrypted, the default policy plus CloudWatch; a confirmed e-mail and a confirmed webhook. */
const OPS = `${ARN}ops-alerts`;
/** Unencrypted, a policy that lets anyone publish and subscribe; one e-mail pending confirmation. */
const BUILD = `${ARN}build-events`;
/** FIFO, encrypted with the AWS managed key; an SQS queue subscribed. */
const ORDERS = `${ARN}orders.fifo`;
/** Listed, then deleted before its attributes were asked for (NotFound). */
const RETIRED = `${ARN}retired-alerts`;
/** The webhook's secret, which no snapshot may hold. */
const API_KEY = '0f8e2c1a-5b6d-4e3f-9a7b-1c2d3e4f5a6b';

/** Every rule on SNS topics, so a new one is run here too. */
const TOPIC_RULES = allRules.filter((r) => r.resourceTypes.includes(TOPIC)).map((r) => r.id);
const ENCRYPTED = 'sns-topic-encrypted-at-rest';
const PUBLIC = 'iam-resource-policy-not-public';
const EXTERNAL = 'iam-resource-policy-no-external-access';

const byId = (snapshot: Snapshot, type: string, id: string): Resource => {
  const found = snapshot.resources.find((r) => r.type === type && r.id === id);
  if (!found) throw new Error(`no ${type} ${id}`);
  return found;
};
const idsOf = (snapshot: Snapshot, type: string) =>
  snapshot.resources.filter((r) => r.type === type).map((r) => r.id);

/** The IAM engine's statuses on topics (it reports only failures and errors). */
function iamStatuses(snapshot: Snapshot): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const { findings } = iamEngine().run(snapshot, { suppressions: [], params: {} });
  for (const f of findings) if (f.resource.type === TOPIC) (out[f.ruleId] ??= {})[f.resource.id] = f.status;
  return out;
}

/** What each alarm's SNS actions reach, as the CIS monitoring rules read it. */
function reachOfAlarms(snapshot: Snapshot): Record<string, string> {
  const graph = createGraph(snapshot.resources, snapshot.coverage);
  const out: Record<string, string> = {};
  for (const alarm of graph.byType('AWS::CloudWatch::Alarm')) {
    for (const link of topicActions(alarm, graph)) {
      if (link.kind !== 'found') {
        out[alarm.id] = link.kind;
        continue;
      }
      const reach = topicReach(link.resource, graph);
      const verdict = reach.subscribed ? 'subscribed' : reach.unknown ? 'unknown' : 'unsubscribed';
      out[alarm.id] = `${verdict}: ${reach.text}`;
    }
  }
  return out;
}

describe('sns/topics and sns/subscriptions', () => {
  it('lists topics and subscriptions page by page and reads each topic’s attributes', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    // ListTopics and ListSubscriptions take no page size: each page asks with the previous NextToken.
    for (const [operation, pages] of [
      ['ListTopics', 4],
      ['ListSubscriptions', 5],
    ] as const) {
      const calls = endpoint.log.filter((r) => r.operation === operation);
      expect(calls.map((r) => r.service)).toEqual(Array(pages).fill('sns'));
      expect(calls[0]!.params).toEqual({});
      expect(calls.slice(1).every((r) => typeof r.params.NextToken === 'string')).toBe(true);
    }
    const attributeCalls = endpoint.log.filter((r) => r.operation === 'GetTopicAttributes');
    expect(attributeCalls.map((r) => r.params.TopicArn).sort()).toEqual([OPS, BUILD, ORDERS, RETIRED].sort());
    // The topic deleted since the listing is left out, without a gap.
    expect(idsOf(snapshot, TOPIC).sort()).toEqual([OPS, BUILD, ORDERS].sort());
  });

  it('maps the attributes to CloudFormation’s properties and the subscription counts to observed', async () => {
    const { snapshot } = await collect();
    const ops = byId(snapshot, TOPIC, OPS);
    expect(ops).toMatchObject({ arn: OPS, name: 'ops-alerts', region: 'us-east-1', account: ACCOUNT });
    expect(ops.props).toEqual({
      TopicName: 'ops-alerts',
      DisplayName: 'Ops alerts',
      KmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      // The policy JSON as a document, where AWS::SNS::TopicPolicy folds.
      PolicyDocument: {
        Version: '2008-10-17',
        Id: '__default_policy_ID',
        Statement: [
          expect.objectContaining({ Sid: '__default_statement_ID', Principal: { AWS: '*' } }),
          expect.objectContaining({ Sid: 'AllowCloudWatchAlarms', Action: 'sns:Publish' }),
        ],
      },
    });
    expect(ops.observed).toEqual({
      SubscriptionsConfirmed: 2,
      SubscriptionsPending: 0,
      SubscriptionsDeleted: 0,
    });

    // No key and an empty display name: both absent, as in a template that does not set them.
    const build = byId(snapshot, TOPIC, BUILD);
    expect(build.props).not.toHaveProperty('KmsMasterKeyId');
    expect(build.props).not.toHaveProperty('DisplayName');
    expect(build.observed).toEqual({
      SubscriptionsConfirmed: 0,
      SubscriptionsPending: 1,
      SubscriptionsDeleted: 1,
    });

    expect(byId(snapshot, TOPIC, ORDERS).props).toMatchObject({
      TopicName: 'orders.fifo',
      KmsMasterKeyId: 'alias/aws/sns',
      FifoTopic: true,
      ContentBasedDeduplication: false,
      FifoThroughputScope: 'Topic',
      SignatureVersion: '2',
    });
  });

  it('keeps each subscription’s topic, protocol and endpoint, marks a pending one and drops webhook secrets', async () => {
    const { snapshot } = await collect();
    const subs = snapshot.resources.filter((r) => r.type === SUBSCRIPTION);
    expect(subs.map((s) => [s.id, s.props, s.observed?.PendingConfirmation])).toEqual(
      expect.arrayContaining([
        [
          `${OPS}:6d3e8a40-2f1b-4c5d-9e8f-0a1b2c3d4e5f`,
          { TopicArn: OPS, Protocol: 'email', Endpoint: 'oncall@example.com' },
          false,
        ],
        [
          `${OPS}:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d`,
          { TopicArn: OPS, Protocol: 'https', Endpoint: 'https://api.opsgenie.com/********' },
          false,
        ],
        [
          `${ORDERS}:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f`,
          {
            TopicArn: ORDERS,
            Protocol: 'sqs',
            Endpoint: 'arn:aws:sqs:us-east-1:111122223333:orders-audit.fifo',
          },
          false,
        ],
        // No ARN until confirmed: the id names its topic and endpoint.
        [
          `${BUILD}/PendingConfirmation/email:dev-lead@example.com`,
          { TopicArn: BUILD, Protocol: 'email', Endpoint: 'dev-lead@example.com' },
          true,
        ],
      ]),
    );
    // The `Deleted` entry is no subscription.
    expect(subs).toHaveLength(4);
    expect(subs.find((s) => s.observed?.PendingConfirmation === true)?.arn).toBeUndefined();
    expect(JSON.stringify(snapshot)).not.toContain(API_KEY);
  });

  it('keeps the scheme and host of a webhook endpoint only', () => {
    expect(keptEndpoint('https', 'https://hooks.example.com/services/T0/B0/secret')).toBe(
      'https://hooks.example.com/********',
    );
    expect(keptEndpoint('http', 'http://user:pass@alerts.example.com:8080/')).toBe(
      'http://alerts.example.com:8080/********',
    );
    expect(keptEndpoint('https', 'https://alerts.example.com/')).toBe('https://alerts.example.com/');
    expect(keptEndpoint('https', 'not a url')).toBe('********');
    expect(keptEndpoint('some-future-protocol', 'opaque-value')).toBe('********');
    expect(keptEndpoint('lambda', 'arn:aws:lambda:us-east-1:111122223333:function:notify')).toBe(
      'arn:aws:lambda:us-east-1:111122223333:function:notify',
    );
  });

  it('gives pending webhooks that differ only in their redacted part ids of their own', () => {
    if (subscriptions.mapping.kind !== 'resources') throw new Error('subscriptions map their own resources');
    const pending = (hook: string) =>
      redactSubscription({
        TopicArn: BUILD,
        Protocol: 'https',
        SubscriptionArn: 'PendingConfirmation',
        Endpoint: `https://hooks.example.com/services/${hook}`,
      });
    const drafts = subscriptions.mapping.map(
      { items: { Subscriptions: [pending('T0/B0/first'), pending('T0/B1/second')] }, gaps: [] },
      { account: ACCOUNT, region: 'us-east-1', clientRegion: 'us-east-1', partition: 'aws' },
    );
    expect(drafts.map((d) => d.id)).toEqual([
      `${BUILD}/PendingConfirmation/https:https://hooks.example.com/********`,
      `${BUILD}/PendingConfirmation/https:https://hooks.example.com/********#2`,
    ]);
  });

  it('judges encryption and public access of the topics as collected', async () => {
    const { snapshot } = await collect();
    const { statuses } = statusesByRule(snapshot, TOPIC_RULES, NOW);
    expect(statuses[ENCRYPTED]).toEqual({ [OPS]: 'pass', [BUILD]: 'fail', [ORDERS]: 'pass' });
    // The default policy (any principal, on condition of the owner account) is not public.
    expect(iamStatuses(snapshot)).toEqual({ [PUBLIC]: { [BUILD]: 'fail' } });
  });

  it('tells an alarm topic with confirmed subscribers from one whose only subscription is pending', async () => {
    const { snapshot } = await collect();
    expect(reachOfAlarms(snapshot)).toEqual({
      'prod-web-1-cpu-high': 'subscribed: 2 subscriptions',
      'build-failures': 'unsubscribed: no confirmed subscriptions (1 pending confirmation)',
    });
    const { statuses } = statusesByRule(snapshot, ['cloudwatch-alarm-actions-configured'], NOW);
    expect(statuses['cloudwatch-alarm-actions-configured']).toEqual({
      'prod-web-1-cpu-high': 'pass',
      'build-failures': 'pass',
    });
  });

  it('leaves the attributes of a topic it was denied unresolved, so the rules reading them give errors', async () => {
    const { snapshot } = await collect({
      deny: [`sns:GetTopicAttributes/${OPS}`, `sns:GetTopicAttributes/${ORDERS}`],
    });
    for (const id of [OPS, ORDERS]) {
      expect(snapshot.coverage).toContainEqual(
        expect.objectContaining({ kind: 'access-denied', resourceType: TOPIC, resourceId: id }),
      );
      const topic = byId(snapshot, TOPIC, id);
      for (const key of ['KmsMasterKeyId', 'PolicyDocument', 'DisplayName'])
        expect(isUnresolved(topic.props[key]), `${id} ${key}`).toBe(true);
      expect(isUnresolved(topic.observed?.SubscriptionsConfirmed)).toBe(true);
    }
    // The name still says which is a FIFO topic.
    expect(byId(snapshot, TOPIC, ORDERS).props).toMatchObject({ TopicName: 'orders.fifo', FifoTopic: true });
    expect(byId(snapshot, TOPIC, OPS).props).not.toHaveProperty('FifoTopic');

    const { statuses, findings } = statusesByRule(snapshot, TOPIC_RULES, NOW);
    expect(statuses[ENCRYPTED]).toEqual({ [OPS]: 'error', [BUILD]: 'fail', [ORDERS]: 'error' });
    expect(findings.find((f) => f.ruleId === ENCRYPTED && f.resource.id === OPS)?.reason).toContain(
      'the attributes of this topic could not be read',
    );
    expect(iamStatuses(snapshot)).toEqual({
      [PUBLIC]: { [OPS]: 'error', [BUILD]: 'fail', [ORDERS]: 'error' },
      [EXTERNAL]: { [OPS]: 'error', [ORDERS]: 'error' },
    });
    // The listing still shows the alarm topic's two confirmed subscriptions.
    expect(reachOfAlarms(snapshot)['prod-web-1-cpu-high']).toBe('subscribed: 2 subscriptions');
  });

  it('does not conclude that a denied topic with only a pending subscription reaches nobody', async () => {
    const { snapshot } = await collect({ deny: [`sns:GetTopicAttributes/${BUILD}`] });
    // Subscribers in other accounts are not in this account's listing; the counts were not read.
    expect(reachOfAlarms(snapshot)['build-failures']).toBe(
      'unknown: subscription counts that could not be read',
    );
  });

  it('records a denied subscription listing as a gap, and still judges reach from the topics’ counts', async () => {
    const { snapshot } = await collect({ deny: ['sns:ListSubscriptions'] });
    expect(idsOf(snapshot, SUBSCRIPTION)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: SUBSCRIPTION, account: ACCOUNT }),
    ]);
    expect(snapshot.coverage[0]).not.toHaveProperty('resourceId');
    const graph = createGraph(snapshot.resources, snapshot.coverage);
    expect(graph.unread(SUBSCRIPTION, ACCOUNT, 'us-east-1')?.kind).toBe('access-denied');
    expect(idsOf(snapshot, TOPIC).sort()).toEqual([OPS, BUILD, ORDERS].sort());
    expect(reachOfAlarms(snapshot)).toEqual({
      'prod-web-1-cpu-high': 'subscribed: 2 subscriptions',
      'build-failures': 'unsubscribed: no confirmed subscriptions (1 pending confirmation)',
    });
  });

  it('records a denied topic listing as a gap for the type, with no topics', async () => {
    const { snapshot } = await collect({ deny: ['sns:ListTopics'] });
    expect(idsOf(snapshot, TOPIC)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: TOPIC }),
    ]);
    expect(
      createGraph(snapshot.resources, snapshot.coverage).unread(TOPIC, ACCOUNT, 'us-east-1'),
    ).toBeDefined();
    // The alarms name topics that were never read: not in the snapshot, so not judged as unsubscribed.
    expect(reachOfAlarms(snapshot)).toEqual({
      'prod-web-1-cpu-high': 'outside',
      'build-failures': 'outside',
    });
  });
});
