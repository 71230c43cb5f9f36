/**
 * `rds/event-subscriptions` driven through the real SDK against the local endpoint with recorded
 * responses (one subscription a page), beside `rds/db-instances`, and
 * `rds-instance-event-notifications-enabled` run on what was collected: a subscription that was not
 * listed is unknown, so the rule gives `error`, never `fail` or `pass`.
 */
import { describe, expect, it } from 'vitest';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { dbInstances } from './db-instances.js';
import { eventSubscriptions } from './event-subscriptions.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [dbInstances, eventSubscriptions],
  now: NOW,
});

const SUBSCRIPTION = 'AWS::RDS::EventSubscription';
const RULE = 'rds-instance-event-notifications-enabled';

describe('rds/event-subscriptions', () => {
  it('lists subscriptions page by page with Marker and maps them to CloudFormation’s properties', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const calls = endpoint.log.filter((r) => r.operation === 'DescribeEventSubscriptions');
    expect(calls.map((r) => r.service)).toEqual(['rds', 'rds']);
    expect(calls[0]!.params.Marker).toBeUndefined();
    expect(typeof calls[1]!.params.Marker).toBe('string');

    const subs = snapshot.resources.filter((r) => r.type === SUBSCRIPTION);
    expect(subs.map((s) => s.id).sort()).toEqual(['all-instances-paused', 'orders-db-events']);
    const orders = subs.find((s) => s.id === 'orders-db-events')!;
    expect(orders).toMatchObject({
      arn: 'arn:aws:rds:us-east-1:111122223333:es:orders-db-events',
      account: '111122223333',
      region: 'us-east-1',
    });
    expect(orders.props).toEqual({
      SubscriptionName: 'orders-db-events',
      SnsTopicArn: 'arn:aws:sns:us-east-1:111122223333:ops-alerts',
      SourceType: 'db-instance',
      SourceIds: ['orders-db'],
      EventCategories: ['backup', 'failure', 'failover'],
      Enabled: true,
    });
    expect(orders.observed).toEqual({
      Status: 'active',
      SubscriptionCreationTime: '2025-03-04 09:12:45.113',
    });
    // No source ids and no categories: every instance, every category, as a template leaving them out.
    expect(subs.find((s) => s.id === 'all-instances-paused')!.props).toEqual({
      SubscriptionName: 'all-instances-paused',
      SnsTopicArn: 'arn:aws:sns:us-east-1:111122223333:db-noise',
      SourceType: 'db-instance',
      Enabled: false,
    });
  });

  it('lets the rule pass an instance a subscription covers and fail one only a disabled one covers', async () => {
    const { snapshot } = await collect();
    const { statuses, findings } = statusesByRule(snapshot, [RULE], NOW);
    expect(statuses[RULE]).toEqual({ 'orders-db': 'pass', 'reports-db': 'fail' });
    expect(findings.find((f) => f.resource.id === 'orders-db')!.reason).toContain('orders-db-events');
  });

  it('records a gap when the listing is denied, and the rule gives error for every instance', async () => {
    const { snapshot } = await collect({ deny: ['rds:DescribeEventSubscriptions'] });
    expect(snapshot.resources.filter((r) => r.type === SUBSCRIPTION)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: SUBSCRIPTION,
        account: '111122223333',
        region: 'us-east-1',
      }),
    ]);
    const { statuses } = statusesByRule(snapshot, [RULE], NOW);
    expect(statuses[RULE]).toEqual({ 'orders-db': 'error', 'reports-db': 'error' });
  });
});
