import { describe, expect, it } from 'vitest';
import { UNKNOWN_ACCOUNT, UNKNOWN_REGION } from '../../model/index.js';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-table-autoscaling-enabled.js';

const TABLE = 'AWS::DynamoDB::Table';
const TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';
const POLICY = 'AWS::ApplicationAutoScaling::ScalingPolicy';

/** A scalable target and its policy as describe-scalable-targets / describe-scaling-policies give them. */
const scaled = (resourceId: string, dimension: string) => [
  resource(TARGET, `${resourceId}|${dimension}`, {
    ServiceNamespace: 'dynamodb',
    ResourceId: resourceId,
    ScalableDimension: dimension,
    MinCapacity: 5,
    MaxCapacity: 100,
  }),
  resource(POLICY, `policy-${resourceId}-${dimension}`, {
    PolicyType: 'TargetTrackingScaling',
    ServiceNamespace: 'dynamodb',
    ResourceId: resourceId,
    ScalableDimension: dimension,
  }),
];

describe('dynamodb-table-autoscaling-enabled', () => {
  it('finds scalable targets by table reference or name, and needs a policy on each', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/dynamodb-table-autoscaling-enabled.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailFixedCapacity')).toContain('BillingMode not set');
    expect(reason('FailReadOnlyNoPolicy')).toContain('no scaling policy');
    expect(reason('FailReadOnlyNoPolicy')).toContain('write capacity is fixed');
    expect(reason('FailGlobalTableFixedRead')).toContain('read capacity in eu-west-1');
    expect(reason('FailGlobalTableReplicaIndexFixedRead')).toContain(
      'read capacity of index byDate in us-east-1',
    );
  });

  it('errs when a target that names the table cannot be placed in its account and region', () => {
    // Two templates before deploy: which account and region each goes to is not known.
    const undeployed = (file: string) => ({
      account: UNKNOWN_ACCOUNT,
      region: UNKNOWN_REGION,
      origin: { source: 'cloudformation' as const, file },
    });
    const elsewhere = (r: ReturnType<typeof resource>) => ({ ...r, ...undeployed('scaling.yaml') });
    expectResources(rule, [
      ...scaled('table/orders', 'dynamodb:table:ReadCapacityUnits').map(elsewhere),
      ...scaled('table/orders', 'dynamodb:table:WriteCapacityUnits').map(elsewhere),
      resource(
        TABLE,
        'ErrorScaledFromAnotherTemplate',
        { TableName: 'orders', BillingMode: 'PROVISIONED' },
        undeployed('tables.yaml'),
      ),
      resource(
        TABLE,
        'FailNotNamedByAnyTarget',
        { TableName: 'feed', BillingMode: 'PROVISIONED' },
        undeployed('tables.yaml'),
      ),
    ]);
  });

  it('checks every global secondary index of a live table too', () => {
    expectResources(rule, [
      ...scaled('table/PassAllScaled', 'dynamodb:table:ReadCapacityUnits'),
      ...scaled('table/PassAllScaled', 'dynamodb:table:WriteCapacityUnits'),
      ...scaled('table/PassAllScaled/index/byDate', 'dynamodb:index:ReadCapacityUnits'),
      ...scaled('table/PassAllScaled/index/byDate', 'dynamodb:index:WriteCapacityUnits'),
      ...scaled('table/FailIndexFixed', 'dynamodb:table:ReadCapacityUnits'),
      ...scaled('table/FailIndexFixed', 'dynamodb:table:WriteCapacityUnits'),
      resource(TABLE, 'PassAllScaled', {
        BillingMode: 'PROVISIONED',
        GlobalSecondaryIndexes: [{ IndexName: 'byDate' }],
      }),
      resource(TABLE, 'FailIndexFixed', {
        BillingMode: 'PROVISIONED',
        GlobalSecondaryIndexes: [{ IndexName: 'byDate' }],
      }),
    ]);
  });
  it('does not call capacity fixed when scalable targets or policies were not listed', () => {
    expectResources(
      rule,
      [
        resource(TABLE, 'ErrorTargetsUnread', { TableName: 'orders', BillingMode: 'PROVISIONED' }),
        resource(
          TABLE,
          'ErrorPoliciesUnread',
          { TableName: 'feed', BillingMode: 'PROVISIONED' },
          { region: 'eu-west-1' },
        ),
        ...scaled('table/feed', 'dynamodb:table:ReadCapacityUnits')
          .filter((r) => r.type === TARGET)
          .map((r) => ({ ...r, region: 'eu-west-1' })),
        ...scaled('table/feed', 'dynamodb:table:WriteCapacityUnits')
          .filter((r) => r.type === TARGET)
          .map((r) => ({ ...r, region: 'eu-west-1' })),
        resource(
          TABLE,
          'FailFixedReadElsewhere',
          { TableName: 'logs', BillingMode: 'PROVISIONED' },
          { region: 'ap-south-1' },
        ),
      ],
      {
        coverage: [deniedListing(TARGET), deniedListing(POLICY, '123456789012', 'eu-west-1')],
      },
    );
  });
});
