import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-not-idle.js';

const DB = 'AWS::RDS::DBInstance';
const connections = (values: number[], statistic = 'Maximum') => ({
  Metrics: {
    DatabaseConnections: {
      Namespace: 'AWS/RDS',
      Statistic: statistic,
      Unit: 'Count',
      PeriodSeconds: 86_400,
      Values: values,
    },
  },
  InstanceCreateTime: '2025-01-01T00:00:00Z',
  DBInstanceStatus: 'available',
});

describe('rds-instance-not-idle', () => {
  it('fails an instance without connections for the whole window and passes one with any', () => {
    expectResources(rule, [
      resource(
        DB,
        'FailNoConnectionsForTwoWeeks',
        {},
        { observed: connections(Array(14).fill(0) as number[]) },
      ),
      // Busy a fortnight ago, silent for the last 7 days: idle by Trusted Advisor's criterion.
      resource(
        DB,
        'FailQuietLastWeek',
        {},
        { observed: connections([5, 9, 3, 4, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0]) },
      ),
      resource(
        DB,
        'PassOneConnectionYesterday',
        {},
        { observed: connections([0, 0, 0, 0, 0, 0, 1], 'Average') },
      ),
      resource(DB, 'ErrorOnlyThreeDays', {}, { observed: connections([0, 0, 0]) }),
      resource(
        DB,
        'ErrorMetricMissing',
        {},
        { observed: { Metrics: {}, InstanceCreateTime: '2025-01-01T00:00:00Z' } },
      ),
      resource(
        DB,
        'NotApplicableStopped',
        {},
        { observed: { ...connections(Array(7).fill(0) as number[]), DBInstanceStatus: 'stopped' } },
      ),
      resource(
        DB,
        'NotApplicableNew',
        {},
        { observed: { ...connections([0, 0]), InstanceCreateTime: '2026-05-30T00:00:00Z' } },
      ),
    ]);
  });

  it('honours lookbackDays', () => {
    expectResources(
      rule,
      [
        resource(
          DB,
          'PassWithinThirtyDays',
          {},
          { observed: connections([...Array(29).fill(0), 3] as number[]) },
        ),
      ],
      {
        params: { lookbackDays: 30 },
      },
    );
  });

  it('does not apply to templates, which carry no metrics', async () => {
    await expectFixture(rule, new URL('./fixtures/rds-instance-not-idle.yaml', import.meta.url), {
      resources: [
        resource(DB, 'FailLiveIdle', {}, { observed: connections(Array(7).fill(0) as number[]) }),
        resource(DB, 'PassLiveBusy', {}, { observed: connections(Array(7).fill(12) as number[]) }),
      ],
    });
  });
});
