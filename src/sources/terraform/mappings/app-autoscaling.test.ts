import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import { unresolved, type Resource, type Snapshot } from '../../../model/index.js';
import dynamoAutoscaling from '../../../rules/dynamodb/dynamodb-table-autoscaling-enabled.js';
import { loadPlan, makePlan, ref } from '../fixtures/make-plan.js';
import { terraformSource } from '../index.js';

const byId = (s: Snapshot, id: string): Resource => {
  const r = s.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id} in ${s.resources.map((x) => x.id).join(', ')}`);
  return r;
};
const tableRef = (address: string, suffix = '') =>
  unresolved({ 'Fn::Sub': [`table/\${Table}${suffix}`, { Table: { Ref: address } }] }, 'known after apply');
const tableFinding = (s: Snapshot, id: string) =>
  runRules(s, { rules: [dynamoAutoscaling] }).findings.find((f) => f.resource.id === id);

describe('Application Auto Scaling from .tf configuration', () => {
  const dir = fileURLToPath(new URL('../fixtures/hcl/autoscaling', import.meta.url));

  it('maps targets and policies; a policy that reads its target’s attributes names the target', async () => {
    const s = await terraformSource.load(dir, {});
    expect(byId(s, 'aws_appautoscaling_target.orders_read')).toMatchObject({
      type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      region: 'eu-west-1',
      props: {
        ServiceNamespace: 'dynamodb',
        ResourceId: tableRef('aws_dynamodb_table.orders'),
        ScalableDimension: 'dynamodb:table:ReadCapacityUnits',
        MinCapacity: 5,
        MaxCapacity: 100,
      },
    });
    expect(byId(s, 'aws_appautoscaling_policy.orders_read')).toMatchObject({
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      props: {
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: 'aws_appautoscaling_target.orders_read',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          ScaleInCooldown: 60,
          ScaleOutCooldown: 60,
          PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBReadCapacityUtilization' },
        },
      },
    });
    // `.id` of a table is its name too; the index stays in the template text.
    expect(byId(s, 'aws_appautoscaling_target.by_date_read').props.ResourceId).toEqual(
      tableRef('aws_dynamodb_table.orders', '/index/byDate'),
    );
    // Literals stay literals; a policy written with literals keeps the three linking properties.
    expect(byId(s, 'aws_appautoscaling_target.orders_write').props.ResourceId).toBe('table/orders');
    expect(byId(s, 'aws_appautoscaling_policy.orders_write').props).toEqual({
      PolicyName: 'orders-write',
      PolicyType: 'TargetTrackingScaling',
      ServiceNamespace: 'dynamodb',
      ResourceId: 'table/orders',
      ScalableDimension: 'dynamodb:table:WriteCapacityUnits',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBWriteCapacityUtilization' },
      },
    });
    expect(byId(s, 'aws_appautoscaling_target.api').props.ResourceId).toBe('service/main/api');
    expect(byId(s, 'aws_appautoscaling_policy.api_up').props).toEqual({
      PolicyName: 'api-up',
      PolicyType: 'StepScaling',
      ScalingTargetId: 'aws_appautoscaling_target.api',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        Cooldown: 60,
        MetricAggregationType: 'Maximum',
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    });
    expect(s.coverage.filter((g) => g.kind === 'unsupported-type')).toEqual([]);
  });

  it('lets the auto scaling rule follow each dimension of the table and its index', async () => {
    const s = await terraformSource.load(dir, {});
    const finding = tableFinding(s, 'aws_dynamodb_table.orders');
    expect(finding?.status).toBe('fail');
    // Only the index's write capacity lacks a policy: the other three dimensions were matched.
    expect(finding?.reason).toBe(
      'DynamoDB table aws_dynamodb_table.orders (orders) is provisioned without working auto scaling: write capacity of index byDate has scalable target aws_appautoscaling_target.by_date_write but no scaling policy.',
    );
    // Inside a module, references are relative to it; the links hold the full addresses.
    expect(byId(s, 'module.sessions.aws_appautoscaling_target.read').props.ResourceId).toEqual(
      tableRef('module.sessions.aws_dynamodb_table.this'),
    );
    expect(byId(s, 'module.sessions.aws_appautoscaling_policy.write').props.ScalingTargetId).toBe(
      'module.sessions.aws_appautoscaling_target.write',
    );
    expect(tableFinding(s, 'module.sessions.aws_dynamodb_table.this')?.status).toBe('pass');
  });
});

describe('Application Auto Scaling from a plan', () => {
  const table = {
    address: 'aws_dynamodb_table.orders',
    after: {
      name: 'orders',
      billing_mode: 'PROVISIONED',
      hash_key: 'id',
      read_capacity: 5,
      write_capacity: 5,
      attribute: [{ name: 'id', type: 'S' }],
    },
  };
  const policy = (name: string, target: string, dimension: string, resourceId?: string) => ({
    address: `aws_appautoscaling_policy.${name}`,
    after: {
      name,
      policy_type: 'TargetTrackingScaling',
      service_namespace: 'dynamodb',
      scalable_dimension: dimension,
      ...(resourceId ? { resource_id: resourceId } : {}),
      target_tracking_scaling_policy_configuration: [
        { target_value: 70, predefined_metric_specification: [{ predefined_metric_type: 'X' }] },
      ],
    },
    unknown: resourceId ? {} : { resource_id: true },
    expressions: {
      name: { constant_value: name },
      policy_type: { constant_value: 'TargetTrackingScaling' },
      resource_id: ref(`${target}.resource_id`, target),
      scalable_dimension: ref(`${target}.scalable_dimension`, target),
      service_namespace: ref(`${target}.service_namespace`, target),
    },
  });

  it('reads a resource_id the plan knows, and links the policy by its references', () => {
    const s = loadPlan(
      makePlan(
        [
          table,
          {
            address: 'aws_appautoscaling_target.read',
            after: {
              service_namespace: 'dynamodb',
              resource_id: 'table/orders',
              scalable_dimension: 'dynamodb:table:ReadCapacityUnits',
              min_capacity: 5,
              max_capacity: 50,
            },
            expressions: {
              resource_id: ref('aws_dynamodb_table.orders.name', 'aws_dynamodb_table.orders'),
            },
          },
          policy(
            'read',
            'aws_appautoscaling_target.read',
            'dynamodb:table:ReadCapacityUnits',
            'table/orders',
          ),
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_appautoscaling_target.read').props).toEqual({
      ServiceNamespace: 'dynamodb',
      ResourceId: 'table/orders',
      ScalableDimension: 'dynamodb:table:ReadCapacityUnits',
      MinCapacity: 5,
      MaxCapacity: 50,
    });
    expect(byId(s, 'aws_appautoscaling_policy.read').props).toMatchObject({
      ScalingTargetId: 'aws_appautoscaling_target.read',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: 'X' },
      },
    });
    expect(tableFinding(s, 'aws_dynamodb_table.orders')?.reason).toContain('write capacity is fixed');
  });

  it('turns an unknown resource_id that refers to the table into the table’s template form', () => {
    const target = (name: string, dimension: string) => ({
      address: `aws_appautoscaling_target.${name}`,
      after: {
        service_namespace: 'dynamodb',
        scalable_dimension: dimension,
        min_capacity: 5,
        max_capacity: 50,
      },
      unknown: { resource_id: true },
      expressions: {
        service_namespace: { constant_value: 'dynamodb' },
        scalable_dimension: { constant_value: dimension },
        resource_id: ref('aws_dynamodb_table.orders.id', 'aws_dynamodb_table.orders'),
      },
    });
    const s = loadPlan(
      makePlan(
        [
          table,
          target('read', 'dynamodb:table:ReadCapacityUnits'),
          target('write', 'dynamodb:table:WriteCapacityUnits'),
          target('index_read', 'dynamodb:index:ReadCapacityUnits'),
          policy('read', 'aws_appautoscaling_target.read', 'dynamodb:table:ReadCapacityUnits'),
          policy('write', 'aws_appautoscaling_target.write', 'dynamodb:table:WriteCapacityUnits'),
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_appautoscaling_target.read').props.ResourceId).toEqual(
      tableRef('aws_dynamodb_table.orders'),
    );
    // A plan keeps no expression text: which index is not known.
    expect(byId(s, 'aws_appautoscaling_target.index_read').props.ResourceId).toEqual(
      tableRef('aws_dynamodb_table.orders', '/index/(not known)'),
    );
    expect(byId(s, 'aws_appautoscaling_policy.write').props.ScalingTargetId).toBe(
      'aws_appautoscaling_target.write',
    );
    // The table has no index: both its dimensions are scaled, and the unknown index does not matter.
    expect(tableFinding(s, 'aws_dynamodb_table.orders')?.status).toBe('pass');
  });
});
