import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-table-capacity-not-overprovisioned.js';

const TABLE = 'AWS::DynamoDB::Table';
const DAY = 86_400;
/** Daily Sum of consumed units: `perSecond` average units per second each day. */
const consumed = (perSecond: number[], statistic = 'Sum') => ({
  Namespace: 'AWS/DynamoDB',
  Statistic: statistic,
  Unit: 'Count',
  PeriodSeconds: DAY,
  Values: perSecond.map((v) => v * DAY),
});
const table = (id: string, rcu: number, wcu: number, read: number[], write: number[], statistic = 'Sum') =>
  resource(
    TABLE,
    id,
    {
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: rcu, WriteCapacityUnits: wcu },
    },
    {
      observed: {
        Metrics: {
          ConsumedReadCapacityUnits: consumed(read, statistic),
          ConsumedWriteCapacityUnits: consumed(write, statistic),
        },
      },
    },
  );
const days = (n: number, v: number) => Array(n).fill(v) as number[];

describe('dynamodb-table-capacity-not-overprovisioned', () => {
  it('compares the busiest day with the provisioned capacity', () => {
    const findings = expectResources(rule, [
      table('FailReadFarAbove', 1000, 50, days(14, 12), days(14, 30)),
      table('PassWellUsed', 100, 50, [...days(13, 20), 75], days(14, 30)),
      table('ErrorMaximumStatistic', 100, 50, days(14, 100), days(14, 50), 'Maximum'),
      table('ErrorShortSeries', 100, 50, days(3, 1), days(3, 1)),
      resource(
        TABLE,
        'NotApplicableOnDemand',
        { BillingMode: 'PAY_PER_REQUEST' },
        { observed: { Metrics: {} } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailReadFarAbove')?.reason).toContain(
      '1000 RCU provisioned, the busiest day averaged 12 per second (1.2 %)',
    );
  });

  it('leaves dimensions under auto scaling alone', () => {
    const target = (dimension: string) =>
      resource('AWS::ApplicationAutoScaling::ScalableTarget', `t-${dimension}`, {
        ServiceNamespace: 'dynamodb',
        ResourceId: 'table/NotApplicableScaled',
        ScalableDimension: `dynamodb:table:${dimension}`,
        MinCapacity: 5,
        MaxCapacity: 500,
      });
    const policy = (dimension: string) =>
      resource('AWS::ApplicationAutoScaling::ScalingPolicy', `p-${dimension}`, {
        ServiceNamespace: 'dynamodb',
        ResourceId: 'table/NotApplicableScaled',
        ScalableDimension: `dynamodb:table:${dimension}`,
      });
    expectResources(rule, [
      target('ReadCapacityUnits'),
      target('WriteCapacityUnits'),
      policy('ReadCapacityUnits'),
      policy('WriteCapacityUnits'),
      table('NotApplicableScaled', 1000, 1000, days(14, 1), days(14, 1)),
    ]);
  });

  it('does not apply to templates', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/dynamodb-table-capacity-not-overprovisioned.yaml', import.meta.url),
      {
        resources: [
          table('FailLive', 500, 500, days(14, 1), days(14, 1)),
          table('PassLive', 10, 10, days(14, 8), days(14, 8)),
        ],
      },
    );
  });
  it('does not judge capacity that auto scaling may manage when scalable targets were not listed', () => {
    const findings = expectResources(
      rule,
      [table('ErrorTargetsUnread', 1000, 50, days(14, 12), days(14, 30))],
      {
        coverage: [deniedListing('AWS::ApplicationAutoScaling::ScalableTarget')],
      },
    );
    expect(findings[0]?.reason).toContain('its scalable targets were not all read');
  });
});
