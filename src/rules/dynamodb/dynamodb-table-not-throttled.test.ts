import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-table-not-throttled.js';

const TABLE = 'AWS::DynamoDB::Table';
const daily = (values: number[]) => ({
  Namespace: 'AWS/DynamoDB',
  Statistic: 'Sum',
  Unit: 'Count',
  PeriodSeconds: 86_400,
  Values: values,
});
const provisioned = {
  BillingMode: 'PROVISIONED',
  ProvisionedThroughput: { ReadCapacityUnits: 100, WriteCapacityUnits: 50 },
};

describe('dynamodb-table-not-throttled', () => {
  it('fails a table that throttles at peak and names the remedy for its capacity mode', () => {
    const findings = expectResources(rule, [
      resource(TABLE, 'FailFixedCapacityThrottles', provisioned, {
        observed: {
          Metrics: {
            ThrottledRequests: daily([0, 0, 1304, 0, 2210, 4518, 5021]),
            ReadThrottleEvents: daily([0, 0, 1250, 0, 2150, 4402, 4877]),
            WriteThrottleEvents: daily([0, 0, 54, 0, 60, 116, 144]),
          },
        },
      }),
      resource(
        TABLE,
        'FailOnDemandHotKey',
        { BillingMode: 'PAY_PER_REQUEST' },
        {
          observed: { Metrics: { ReadThrottleEvents: daily([0, 0, 0, 0, 0, 0, 12]) } },
        },
      ),
      resource(TABLE, 'PassNoThrottling', provisioned, {
        observed: { Metrics: { ThrottledRequests: daily(Array(14).fill(0) as number[]) } },
      }),
      // Throttled two weeks ago, quiet in the last 7 days.
      resource(TABLE, 'PassOldThrottlingOnly', provisioned, {
        observed: { Metrics: { ThrottledRequests: daily([900, 800, 0, 0, 0, 0, 0, 0, 0, 0]) } },
      }),
      resource(TABLE, 'ErrorNoThrottleMetrics', provisioned, {
        observed: { Metrics: { ConsumedReadCapacityUnits: daily([1]) } },
      }),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailFixedCapacityThrottles')).toContain('enable auto scaling');
    expect(reason('FailFixedCapacityThrottles')).toContain('SQS queue would only delay');
    expect(reason('FailFixedCapacityThrottles')).toContain('13053 requests');
    expect(reason('FailOnDemandHotKey')).toContain('hot partition key');
  });

  it('tolerates maxThrottledRequests', () => {
    expectResources(
      rule,
      [
        resource(TABLE, 'PassFewThrottles', provisioned, {
          observed: { Metrics: { ThrottledRequests: daily([0, 3, 0, 2, 0, 0, 0]) } },
        }),
      ],
      { params: { maxThrottledRequests: 10 } },
    );
  });

  it('does not apply to templates', async () => {
    await expectFixture(rule, new URL('./fixtures/dynamodb-table-not-throttled.yaml', import.meta.url), {
      resources: [
        resource(TABLE, 'FailLive', provisioned, {
          observed: { Metrics: { ThrottledRequests: daily([5]) } },
        }),
        resource(TABLE, 'PassLive', provisioned, {
          observed: { Metrics: { ThrottledRequests: daily([0]) } },
        }),
      ],
    });
  });
});
