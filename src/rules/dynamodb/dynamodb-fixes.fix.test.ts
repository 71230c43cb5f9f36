import { describe, expect, it } from 'vitest';
import { rescanFixed } from '../../../test/fix-fixtures.js';
import { resource } from '../../../test/rule-fixtures.js';
import { createGraph } from '../../engine/index.js';
import { callsOf, stepsOf } from '../fix-testing.js';
import scalingFix from './dynamodb-table-autoscaling-enabled.fix.js';
import scalingRule from './dynamodb-table-autoscaling-enabled.js';
import pitrFix from './dynamodb-table-pitr-enabled.fix.js';
import pitrRule from './dynamodb-table-pitr-enabled.js';

const table = resource('AWS::DynamoDB::Table', 'orders', {
  TableName: 'orders',
  BillingMode: 'PROVISIONED',
  ProvisionedThroughput: { ReadCapacityUnits: 50, WriteCapacityUnits: 10 },
  GlobalSecondaryIndexes: [
    { IndexName: 'byDate', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
  ],
});
const key = (ResourceId: string, ScalableDimension: string) => ({
  ServiceNamespace: 'dynamodb',
  ResourceId,
  ScalableDimension,
});

describe('fix dynamodb-table-autoscaling-enabled', () => {
  it('registers every dimension of the table and its indexes with a target-tracking policy', () => {
    const graph = createGraph([table]);
    const calls = callsOf(scalingFix.plan(table, { params: scalingFix.params!.parse({}), graph }));
    expect(calls).toHaveLength(8);
    expect(calls.slice(0, 2)).toEqual([
      {
        client: 'application-auto-scaling',
        operation: 'RegisterScalableTarget',
        input: {
          ...key('table/orders', 'dynamodb:table:ReadCapacityUnits'),
          MinCapacity: 50,
          MaxCapacity: 200,
        },
      },
      {
        client: 'application-auto-scaling',
        operation: 'PutScalingPolicy',
        input: {
          PolicyName: 'DynamoDBReadCapacityUtilization:table/orders',
          ...key('table/orders', 'dynamodb:table:ReadCapacityUnits'),
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 70,
            PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBReadCapacityUtilization' },
          },
        },
      },
    ]);
    expect(calls[6]).toMatchObject({
      operation: 'RegisterScalableTarget',
      input: {
        ...key('table/orders/index/byDate', 'dynamodb:index:WriteCapacityUnits'),
        MinCapacity: 5,
        MaxCapacity: 20,
      },
    });
  });

  it('only adds the missing policy to an existing target, and honours the bounds given', () => {
    const target = resource('AWS::ApplicationAutoScaling::ScalableTarget', 'read-target', {
      ...key('table/orders', 'dynamodb:table:ReadCapacityUnits'),
      MinCapacity: 50,
      MaxCapacity: 500,
    });
    const plain = { ...table, props: { ...table.props, GlobalSecondaryIndexes: undefined } };
    const graph = createGraph([plain, target]);
    const calls = callsOf(
      scalingFix.plan(plain, {
        params: scalingFix.params!.parse({ minCapacity: 10, maxCapacity: 100, targetUtilization: 60 }),
        graph,
      }),
    );
    expect(calls.map((c) => c.operation)).toEqual([
      'PutScalingPolicy',
      'RegisterScalableTarget',
      'PutScalingPolicy',
    ]);
    expect(calls[1]!.input).toMatchObject({ MinCapacity: 10, MaxCapacity: 100 });
    expect(calls[2]!.input).toMatchObject({ TargetTrackingScalingPolicyConfiguration: { TargetValue: 60 } });
  });

  it('undoes a new target by deregistering it, an existing one by restoring its bounds; a policy likewise', () => {
    const graph = createGraph([table]);
    const [register, policy] = stepsOf(
      scalingFix.plan(table, { params: scalingFix.params!.parse({}), graph }),
    );
    const k = key('table/orders', 'dynamodb:table:ReadCapacityUnits');
    expect(register!.capture).toMatchObject({
      operation: 'DescribeScalableTargets',
      input: {
        ServiceNamespace: 'dynamodb',
        ResourceIds: ['table/orders'],
        ScalableDimension: k.ScalableDimension,
      },
    });
    expect(register!.undo!({ ScalableTargets: [] })).toMatchObject({
      call: { operation: 'DeregisterScalableTarget', input: k },
    });
    expect(register!.undo!({ ScalableTargets: [{ MinCapacity: 5, MaxCapacity: 6 }] })).toMatchObject({
      call: { operation: 'RegisterScalableTarget', input: { ...k, MinCapacity: 5, MaxCapacity: 6 } },
    });
    expect(policy!.undo!({ ScalingPolicies: [] })).toMatchObject({
      call: {
        operation: 'DeleteScalingPolicy',
        input: { PolicyName: 'DynamoDBReadCapacityUtilization:table/orders', ...k },
      },
    });
    const old = {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 50 },
    };
    expect(policy!.undo!({ ScalingPolicies: [old] })).toMatchObject({
      call: { operation: 'PutScalingPolicy', input: old },
    });
  });

  it('refuses on-demand tables and bounds that make no range', () => {
    const graph = createGraph([]);
    const params = scalingFix.params!.parse({});
    expect(
      scalingFix.plan({ ...table, props: { BillingMode: 'PAY_PER_REQUEST' } }, { params, graph }),
    ).toHaveProperty('cannot');
    expect(
      scalingFix.plan(table, {
        params: scalingFix.params!.parse({ minCapacity: 100, maxCapacity: 50 }),
        graph,
      }),
    ).toMatchObject({ cannot: expect.stringContaining('not above') });
  });

  it('makes the failing template tables pass: new targets and policies, a policy for a bare target, inline global table settings', () => {
    const fixed = rescanFixed(
      scalingRule,
      scalingFix,
      new URL('./fixtures/dynamodb-table-autoscaling-enabled.yaml', import.meta.url),
    );
    expect(Object.keys(fixed.outcomes).length).toBeGreaterThan(2);
    expect(Object.entries(fixed.outcomes).filter(([, o]) => o !== 'pass')).toEqual([]);
    expect(fixed.patches.FailReadOnlyNoPolicy).toEqual([
      expect.objectContaining({
        op: 'add-resource',
        type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
        properties: expect.objectContaining({ ScalingTargetId: { Ref: 'FeedReadTarget' } }),
      }),
      expect.objectContaining({ op: 'add-resource', type: 'AWS::ApplicationAutoScaling::ScalableTarget' }),
      expect.objectContaining({ op: 'add-resource', type: 'AWS::ApplicationAutoScaling::ScalingPolicy' }),
    ]);
  });
});

describe('fix dynamodb-table-pitr-enabled (template patches)', () => {
  it('makes the failing template tables pass and refuses the global table', () => {
    const fixed = rescanFixed(
      pitrRule,
      pitrFix,
      new URL('./fixtures/dynamodb-table-pitr-enabled.yaml', import.meta.url),
    );
    expect(fixed.outcomes).toMatchObject({ FailPitrDisabled: 'pass', FailPitrNotConfigured: 'pass' });
    expect(fixed.outcomes.FailGlobalTableOneReplicaWithout).toMatch(/^cannot/);
  });
});
