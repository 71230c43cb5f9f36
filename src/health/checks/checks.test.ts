import { describe, expect, it } from 'vitest';
import { TEST_NOW, expectResources, resource } from '../../../test/rule-fixtures.js';
import autoscalingGroupInstancesHealthy from './autoscaling-group-instances-healthy.js';
import lambdaFunctionErrorsLow from './lambda-function-errors-low.js';
import lambdaFunctionNotThrottled from './lambda-function-not-throttled.js';
import rdsInstanceNoFailureEvents from './rds-instance-no-failure-events.js';
import { healthChecks } from './index.js';

const daily = (values: number[]) => ({
  Namespace: 'AWS/Lambda',
  Statistic: 'Sum',
  Unit: 'Count',
  PeriodSeconds: 86400,
  Values: values,
});
const hoursAgo = (h: number) => new Date(TEST_NOW.getTime() - h * 3_600_000).toISOString();

describe('health checks', () => {
  it('are rules of the health category with unique ids', () => {
    expect(new Set(healthChecks.map((c) => c.id)).size).toBe(healthChecks.length);
    for (const c of healthChecks) expect(c.category).toBe('health');
  });

  it('lambda-function-errors-low: fails above 10 % errors on any of the last 7 days', () => {
    const findings = expectResources(lambdaFunctionErrorsLow, [
      resource(
        'AWS::Lambda::Function',
        'FailLoop',
        {},
        { observed: { Metrics: { Invocations: daily([100, 100, 9800]), Errors: daily([1, 1, 3400]) } } },
      ),
      resource(
        'AWS::Lambda::Function',
        'PassFew',
        {},
        { observed: { Metrics: { Invocations: daily([100, 100, 100]), Errors: daily([1, 5, 2]) } } },
      ),
      resource('AWS::Lambda::Function', 'NotApplicableTemplate', {}),
      resource(
        'AWS::Lambda::Function',
        'ErrorBad',
        {},
        { observed: { Metrics: { Invocations: daily([1]), Errors: { Values: ['x'] } } } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailLoop')!.reason).toContain(
      '34.7 % of invocations failed in the last day',
    );
  });

  it('lambda-function-not-throttled: fails on throttles in the look-back', () => {
    const findings = expectResources(lambdaFunctionNotThrottled, [
      resource(
        'AWS::Lambda::Function',
        'FailThrottled',
        { ReservedConcurrentExecutions: 5 },
        { observed: { Metrics: { Throttles: daily([0, 612]) } } },
      ),
      resource(
        'AWS::Lambda::Function',
        'PassYesterdayOnly',
        {},
        { observed: { Metrics: { Throttles: daily([40, 0]) } } },
      ),
      resource('AWS::Lambda::Function', 'NotApplicableNoMetric', {}, { observed: { Metrics: {} } }),
    ]);
    expect(findings.find((f) => f.status === 'fail')!.reason).toBe(
      'Lambda function FailThrottled had 612 throttled invocations in the last day (reserved concurrency 5).',
    );
  });

  it('rds-instance-no-failure-events: fails on failure and failover events of the last 7 days', () => {
    const event = (h: number, cat: string, msg: string) => ({
      Date: hoursAgo(h),
      EventCategories: [cat],
      Message: msg,
    });
    const findings = expectResources(rdsInstanceNoFailureEvents, [
      resource(
        'AWS::RDS::DBInstance',
        'FailHost',
        {},
        {
          observed: {
            Events: [
              event(50, 'failure', 'host failure'),
              event(49, 'availability', 'DB instance restarted'),
            ],
          },
        },
      ),
      resource(
        'AWS::RDS::DBInstance',
        'PassBackup',
        {},
        { observed: { Events: [event(3, 'backup', 'Finished DB Instance backup')] } },
      ),
      resource(
        'AWS::RDS::DBInstance',
        'PassOld',
        {},
        { observed: { Events: [event(24 * 10, 'failover', 'old')] } },
      ),
      resource('AWS::RDS::DBInstance', 'NotApplicableTemplate', {}),
    ]);
    expect(findings.find((f) => f.status === 'fail')!.reason).toMatch(
      /had 2 failure or failover event\(s\).*failure: host failure/,
    );
  });

  it('autoscaling-group-instances-healthy: fails on Unhealthy instances', () => {
    expectResources(autoscalingGroupInstancesHealthy, [
      resource(
        'AWS::AutoScaling::AutoScalingGroup',
        'FailOne',
        {},
        {
          observed: {
            Instances: [
              { InstanceId: 'i-1', HealthStatus: 'Unhealthy', LifecycleState: 'InService' },
              { InstanceId: 'i-2', HealthStatus: 'Healthy', LifecycleState: 'InService' },
            ],
          },
        },
      ),
      resource(
        'AWS::AutoScaling::AutoScalingGroup',
        'PassAll',
        {},
        {
          observed: {
            Instances: [{ InstanceId: 'i-3', HealthStatus: 'Healthy', LifecycleState: 'InService' }],
          },
        },
      ),
      resource('AWS::AutoScaling::AutoScalingGroup', 'NotApplicableTemplate', {}),
    ]);
  });
});
