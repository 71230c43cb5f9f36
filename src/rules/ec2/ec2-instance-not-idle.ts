import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { bytes, isMalformed, lastDays, metric, metricsNotRead } from './observed.js';

const MB = 1024 * 1024;

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/** The instance and its type, for reasons about its use: `EC2 instance i-1 (t3.micro)`. */
function named(instance: Resource): string {
  const type = instance.props.InstanceType;
  return `${who(instance)}${typeof type === 'string' ? ` (${type})` : ''}`;
}

/**
 * Compliant: a running instance is not idle by Trusted Advisor's "Low Utilization Amazon EC2
 * Instances" check: it is idle when its daily average CPU is at most 10 % and its daily network
 * I/O (in + out) at most 5 MB on at least 4 of the last 14 days. Instances that are not running,
 * or without CPU metrics in the snapshot (templates), are not applicable.
 */
export default defineRule({
  id: 'ec2-instance-not-idle',
  title: 'Running EC2 instance is not idle',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::Instance'],
  rationale:
    'An instance that does almost nothing costs the same per hour as a busy one. Forgotten sandboxes, test servers and instances of retired features are the commonest waste in an account. Trusted Advisor flags an instance whose daily average CPU stays at or below 10 % with at most 5 MB of network I/O on at least 4 of the last 14 days; such an instance can be stopped, downsized or terminated, or stopped automatically by a CloudWatch alarm on low CPU with the EC2 stop action.',
  remediation: {
    text: 'Stop or terminate the instance if it is no longer needed, or downsize it; for instances that must stay, create a CloudWatch alarm on low average CPU with the stop action so they stop themselves when idle.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <name>-idle-stop --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=InstanceId,Value=<instance-id> --statistic Average --period 3600 --evaluation-periods 24 --threshold 2 --comparison-operator LessThanThreshold --alarm-actions arn:aws:automate:<region>:ec2:stop',
    cloudformation:
      'IdleStopAlarm:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    Namespace: AWS/EC2\n    MetricName: CPUUtilization\n    Dimensions: [{ Name: InstanceId, Value: !Ref Instance }]\n    Statistic: Average\n    Period: 3600\n    EvaluationPeriods: 24\n    Threshold: 2\n    ComparisonOperator: LessThanThreshold\n    AlarmActions: [!Sub "arn:${AWS::Partition}:automate:${AWS::Region}:ec2:stop"]',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html#low-utilization-amazon-ec2-instances',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/UsingAlarmActions.html',
  ],
  params: z.object({
    cpuPercent: z
      .number()
      .min(0)
      .max(100)
      .default(10)
      .describe('Daily average CPU (%) at or below which a day is idle.'),
    networkMb: z
      .number()
      .min(0)
      .default(5)
      .describe('Daily network I/O (MB, in + out) at or below which a day is idle.'),
    minIdleDays: z
      .number()
      .int()
      .positive()
      .default(4)
      .describe('Idle days within the lookback that make the instance idle.'),
    lookbackDays: z.number().int().positive().default(14).describe('Days of metrics to look at.'),
  }),
  evaluate(instance, ctx) {
    const state = instance.observed?.State;
    if (typeof state === 'string' && state !== 'running')
      return notApplicable(() => `${who(instance)} is ${state}.`);
    const cpu = metric(instance, 'CPUUtilization');
    if (cpu === undefined) {
      const notRead = metricsNotRead(instance, ctx.graph);
      if (notRead) return error(`${who(instance)}: ${notRead}.`);
      return notApplicable(() => `${who(instance)} has no CPUUtilization metrics in the snapshot.`);
    }
    if (isMalformed(cpu)) return error(`${who(instance)}: ${cpu.malformed}.`);
    const netIn = metric(instance, 'NetworkIn');
    const netOut = metric(instance, 'NetworkOut');
    if (isMalformed(netIn)) return error(`${who(instance)}: ${netIn.malformed}.`);
    if (isMalformed(netOut)) return error(`${who(instance)}: ${netOut.malformed}.`);
    const p = ctx.params;
    const cpuDays = lastDays(cpu, p.lookbackDays);
    if (netIn === undefined || netOut === undefined) {
      // Idle needs low CPU and low network on the same days; too few low-CPU days settle it alone.
      let lowCpu = 0;
      for (let i = 0; i < cpuDays.length; i++) if (cpuDays[i]! <= p.cpuPercent) lowCpu++;
      if (cpuDays.length >= p.minIdleDays && lowCpu < p.minIdleDays) {
        return pass(() => {
          const average = cpuDays.reduce((a, b) => a + b, 0) / Math.max(1, cpuDays.length);
          return `${named(instance)} has CPU above ${p.cpuPercent} % on all but ${lowCpu} of the last ${cpuDays.length} days (average ${average.toFixed(1)} %).`;
        });
      }
      return error(
        `${who(instance)} has low CPU but no NetworkIn/NetworkOut metrics, which the idle check also needs.`,
      );
    }
    const inDays = lastDays(netIn, p.lookbackDays);
    const outDays = lastDays(netOut, p.lookbackDays);
    const days = Math.min(cpuDays.length, inDays.length, outDays.length);
    if (days < p.minIdleDays)
      return notApplicable(() => `${who(instance)} has only ${days} days of metrics.`);
    let idle = 0;
    let cpuSum = 0;
    let netSum = 0;
    for (let i = 1; i <= days; i++) {
      const c = cpuDays[cpuDays.length - i] as number;
      const n = (inDays[inDays.length - i] as number) + (outDays[outDays.length - i] as number);
      cpuSum += c;
      netSum += n;
      if (c <= p.cpuPercent && n <= p.networkMb * MB) idle++;
    }
    // The reason reads averages fixed here: a closure over the running sums would box them every day.
    const cpuAverage = cpuSum / days;
    const netAverage = netSum / days;
    const figures = () =>
      `average CPU ${cpuAverage.toFixed(1)} % and network ${bytes(netAverage)} a day over ${days} days`;
    if (idle >= p.minIdleDays) {
      return fail(
        `${named(instance)} is idle on ${idle} of the last ${days} days (CPU ≤ ${p.cpuPercent} % and network ≤ ${p.networkMb} MB): ${figures()}.`,
      );
    }
    return pass(
      () =>
        `${named(instance)} is idle on ${idle} of the last ${days} days (fewer than ${p.minIdleDays}): ${figures()}.`,
    );
  },
});
