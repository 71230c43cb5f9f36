import { describe, expect, it } from 'vitest';
import { deniedMetrics, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-not-idle.js';

const MB = 1024 * 1024;
const series = (values: number[], statistic = 'Average') => ({
  Namespace: 'AWS/EC2',
  Statistic: statistic,
  Unit: 'Percent',
  PeriodSeconds: 86400,
  Values: values,
});
const days = (n: number, v: number) => Array.from({ length: n }, () => v);
const instance = (id: string, cpu: number[], netMb: number[] | undefined, state = 'running') =>
  resource(
    'AWS::EC2::Instance',
    id,
    { InstanceType: 'm5.xlarge' },
    {
      observed: {
        State: state,
        Metrics: {
          CPUUtilization: series(cpu),
          ...(netMb
            ? {
                NetworkIn: series(
                  netMb.map((m) => m * MB * 0.6),
                  'Sum',
                ),
                NetworkOut: series(
                  netMb.map((m) => m * MB * 0.4),
                  'Sum',
                ),
              }
            : {}),
        },
      },
    },
  );

describe('ec2-instance-not-idle', () => {
  it('applies the Trusted Advisor criterion: CPU ≤ 10 % and network ≤ 5 MB on 4 of 14 days', () => {
    const findings = expectResources(rule, [
      instance('FailSandbox', days(14, 0.6), days(14, 0.5)),
      instance('PassBusyWeb', days(14, 38), days(14, 2400)),
      instance('PassLowCpuButBusyNetwork', days(14, 3), days(14, 40)),
      instance('PassThreeQuietDays', [...days(11, 30), 1, 1, 1], [...days(11, 100), 1, 1, 1]),
      instance('FailFourQuietDays', [...days(10, 30), 1, 1, 1, 1], [...days(10, 100), 1, 1, 1, 1]),
      instance('NotApplicableStopped', days(14, 0), days(14, 0), 'stopped'),
      instance('ErrorNoNetworkMetrics', days(14, 0.5), undefined),
      instance('PassBusyCpuWithoutNetworkMetrics', days(14, 35), undefined),
      resource(
        'AWS::EC2::Instance',
        'NotApplicableTemplate',
        { InstanceType: 't3.micro' },
        { origin: { source: 'cloudformation' } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailSandbox')?.reason).toBe(
      'EC2 instance FailSandbox (m5.xlarge) is idle on 14 of the last 14 days (CPU ≤ 10 % and network ≤ 5 MB): average CPU 0.6 % and network 512 KB a day over 14 days.',
    );
  });

  it('gives error, not "not applicable", when the metrics of a listed instance could not be read', () => {
    const bare = (id: string, account?: string) =>
      resource(
        'AWS::EC2::Instance',
        id,
        { InstanceType: 'm5.xlarge' },
        {
          observed: { State: 'running' },
          ...(account ? { account } : {}),
        },
      );
    const findings = expectResources(
      rule,
      [bare('ErrorMetricsDenied'), bare('NotApplicableOtherAccount', '444455556666')],
      {
        coverage: [deniedMetrics('AWS::EC2::Instance'), deniedMetrics('AWS::EC2::Volume', '444455556666')],
      },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorMetricsDenied')?.reason).toBe(
      'EC2 instance ErrorMetricsDenied: its CloudWatch metrics were not read (observed.Metrics of AWS::EC2::Instance not collected in 123456789012 us-east-1: GetMetricData failed with AccessDenied: not authorized).',
    );
  });

  it('takes the thresholds from its parameters', () => {
    expectResources(rule, [instance('FailUnder20', days(14, 15), days(14, 1))], {
      params: { cpuPercent: 20 },
    });
  });
});
