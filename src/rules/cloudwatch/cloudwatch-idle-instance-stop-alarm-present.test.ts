import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-idle-instance-stop-alarm-present.js';

const INSTANCE = 'AWS::EC2::Instance';
const ALARM = 'AWS::CloudWatch::Alarm';
const MIB = 1024 * 1024;
const daily = (Namespace: string, Statistic: string, Unit: string, Values: number[]) => ({
  Namespace,
  Statistic,
  Unit,
  PeriodSeconds: 86400,
  Values,
});
const running = (cpu: number[], networkMbPerDay?: number) => ({
  observed: {
    State: 'running',
    Metrics: {
      CPUUtilization: daily('AWS/EC2', 'Average', 'Percent', cpu),
      ...(networkMbPerDay === undefined
        ? {}
        : {
            NetworkIn: daily(
              'AWS/EC2',
              'Sum',
              'Bytes',
              cpu.map(() => (networkMbPerDay / 2) * MIB),
            ),
            NetworkOut: daily(
              'AWS/EC2',
              'Sum',
              'Bytes',
              cpu.map(() => (networkMbPerDay / 2) * MIB),
            ),
          }),
    },
  },
});
const idleCpu = Array.from({ length: 14 }, () => 0.6);
const busyCpu = Array.from({ length: 14 }, () => 45);
const cpuAlarm = (instance: string, action: string, more: Record<string, unknown> = {}) =>
  resource(ALARM, `alarm-${instance}`, {
    Namespace: 'AWS/EC2',
    MetricName: 'CPUUtilization',
    Dimensions: [{ Name: 'InstanceId', Value: instance }],
    Statistic: 'Average',
    Period: 300,
    EvaluationPeriods: 12,
    Threshold: 5,
    ComparisonOperator: 'LessThanThreshold',
    AlarmActions: [action],
    ...more,
  });

describe('cloudwatch-idle-instance-stop-alarm-present', () => {
  it('asks idle running instances for a low-CPU alarm with the stop or terminate action', () => {
    const findings = expectResources(rule, [
      resource(INSTANCE, 'FailIdleWithoutAlarm', { InstanceType: 'm5.xlarge' }, running(idleCpu, 0.5)),
      resource(INSTANCE, 'PassIdleWithStopAlarm', {}, running(idleCpu, 0.5)),
      cpuAlarm('PassIdleWithStopAlarm', 'arn:aws:automate:us-east-1:ec2:stop'),
      resource(INSTANCE, 'PassIdleWithLegacyTerminateAction', {}, running(idleCpu)),
      cpuAlarm(
        'PassIdleWithLegacyTerminateAction',
        'arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate/1.0',
      ),
      resource(INSTANCE, 'FailAlarmOnlyNotifies', {}, running(idleCpu, 0.5)),
      cpuAlarm('FailAlarmOnlyNotifies', 'arn:aws:sns:us-east-1:123456789012:ops'),
      resource(INSTANCE, 'FailStopAlarmDisabled', {}, running(idleCpu, 0.5)),
      cpuAlarm('FailStopAlarmDisabled', 'arn:aws:automate:us-east-1:ec2:stop', { ActionsEnabled: false }),
      resource(INSTANCE, 'NotApplicableBusy', {}, running(busyCpu, 800)),
      resource(INSTANCE, 'NotApplicableLowCpuButBusyNetwork', {}, running(idleCpu, 1500)),
      resource(INSTANCE, 'NotApplicableStopped', {}, { observed: { State: 'stopped' } }),
      resource(INSTANCE, 'NotApplicableTemplateInstance', { InstanceType: 't3.micro' }),
      resource(
        INSTANCE,
        'NotApplicableInAutoScalingGroup',
        {},
        { ...running(idleCpu, 0.5), tags: { 'aws:autoscaling:groupName': 'web' } },
      ),
      resource(INSTANCE, 'ErrorBrokenSeries', {}, running([Number.NaN, 1, 1, 1, 1])),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailIdleWithoutAlarm')?.reason).toBe(
      'EC2 instance FailIdleWithoutAlarm is idle on 14 of the last 14 days (at most 10 % CPU and 5 MB network I/O), and no CloudWatch alarm stops it when its CPU stays low.',
    );
  });

  it('takes Trusted Advisor’s thresholds as parameters', () => {
    expectResources(rule, [
      resource(INSTANCE, 'NotApplicableIdleDaysRaised', {}, running(idleCpu.slice(0, 3), 0.5)),
    ]);
    expectResources(
      rule,
      [resource(INSTANCE, 'FailThreeIdleDaysEnough', {}, running(idleCpu.slice(0, 3), 0.5))],
      {
        params: { idleDays: 3 },
      },
    );
  });
  it('does not fail an idle instance when the alarms of its account and region were not listed', () => {
    const findings = expectResources(
      rule,
      [resource(INSTANCE, 'ErrorAlarmsUnread', {}, running(idleCpu, 0.5))],
      { coverage: [deniedListing(ALARM)] },
    );
    expect(findings[0]?.reason).toContain('whether an alarm stops it is not known');
  });
});
