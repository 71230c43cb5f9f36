import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { asNumber, defineRule, error, fail, label, notApplicable, pass, type GraphView } from '../rule.js';
import { unreadReason } from '../unread.js';
import { ALARM, actionsEnabled, actions, alarmMetrics, alarmsOnInstance, ec2Action } from './alarms.js';
import { metricsNotRead } from '../ec2/observed.js';

const INSTANCE = 'AWS::EC2::Instance';
const MIB = 1024 * 1024;

/**
 * The daily values of `observed.Metrics.<name>` (architecture.md "Conventions for observed"), newest
 * last, as stored: {@link daysAgo} reads one as a number.
 */
function series(instance: Resource, name: string): readonly unknown[] | undefined {
  const metrics = instance.observed?.Metrics as Record<string, { Values?: unknown }> | undefined;
  const values = metrics?.[name]?.Values;
  return Array.isArray(values) ? values : undefined;
}

/** The value `fromEnd` days before the newest one; NaN when it is missing or not a number. */
function daysAgo(values: readonly unknown[], fromEnd: number): number {
  const v = values[values.length - 1 - fromEnd];
  // A finite number is taken as it is: through asNumber's `number | undefined` it would be boxed.
  return typeof v === 'number' && Number.isFinite(v) ? v : (asNumber(v) ?? NaN);
}

/**
 * How many of the last `days` days were idle: CPU at most `cpuPercent` and, when both network
 * series are there, network in plus out at most `networkMb`; `undefined` when a CPU value is not a
 * number.
 */
function idleDayCount(
  cpu: readonly unknown[],
  netIn: readonly unknown[] | undefined,
  netOut: readonly unknown[] | undefined,
  days: number,
  p: { readonly cpuPercent: number; readonly networkMb: number },
): number | undefined {
  let idle = 0;
  for (let fromEnd = days - 1; fromEnd >= 0; fromEnd--) {
    const load = daysAgo(cpu, fromEnd);
    if (Number.isNaN(load)) return undefined;
    const quiet =
      !netIn || !netOut || (daysAgo(netIn, fromEnd) + daysAgo(netOut, fromEnd)) / MIB <= p.networkMb;
    if (load <= p.cpuPercent && quiet) idle++;
  }
  return idle;
}

/** An alarm that stops or terminates the instance when its CPU stays low. */
function stopAlarm(instance: Resource, graph: GraphView): Resource | undefined {
  return alarmsOnInstance(instance, graph).find(
    (alarm) =>
      actionsEnabled(alarm) &&
      alarmMetrics(alarm).some(
        (m) => m.name === 'CPUUtilization' && (m.namespace === 'AWS/EC2' || m.namespace === undefined),
      ) &&
      typeof alarm.props.ComparisonOperator === 'string' &&
      alarm.props.ComparisonOperator.startsWith('LessThan') &&
      actions(alarm).some((a) => {
        const action = ec2Action(a);
        return action === 'stop' || action === 'terminate';
      }),
  );
}

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/**
 * Compliant: a running instance that is idle by Trusted Advisor's "Low Utilization Amazon EC2
 * Instances" criteria (daily average CPU at most 10 % and network I/O at most 5 MB on at least 4
 * of the last 14 days) has a CloudWatch alarm on its CPUUtilization that stops (or terminates) it.
 * Busy, stopped and Auto Scaling instances, and instances without metrics (templates), are not applicable.
 */
export default defineRule({
  id: 'cloudwatch-idle-instance-stop-alarm-present',
  title: 'Idle EC2 instance has a CloudWatch alarm that stops it',
  category: 'cost',
  severity: 'low',
  resourceTypes: [INSTANCE],
  rationale:
    'An instance that idles for days bills every hour of it. A CloudWatch alarm on low average CPU with the EC2 stop action shuts it down automatically once it has been idle for the alarm period, so a forgotten sandbox or a CI runner between jobs stops costing compute; its EBS volumes and data remain.',
  remediation: {
    text: 'Stop or terminate the instance if nobody needs it; otherwise add an alarm on its average CPUUtilization below a low threshold for an hour or more with the EC2 stop action.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <instance>-idle-stop --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=InstanceId,Value=<instance-id> --statistic Average --period 300 --evaluation-periods 12 --threshold 5 --comparison-operator LessThanThreshold --alarm-actions arn:aws:automate:<region>:ec2:stop',
    cloudformation:
      'IdleStopAlarm:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    Namespace: AWS/EC2\n    MetricName: CPUUtilization\n    Dimensions: [{ Name: InstanceId, Value: !Ref Instance }]\n    Statistic: Average\n    Period: 300\n    EvaluationPeriods: 12\n    Threshold: 5\n    ComparisonOperator: LessThanThreshold\n    AlarmActions: [!Sub "arn:aws:automate:${AWS::Region}:ec2:stop"]',
    terraform:
      'resource "aws_cloudwatch_metric_alarm" "idle_stop" {\n  alarm_name          = "${aws_instance.this.id}-idle-stop"\n  namespace           = "AWS/EC2"\n  metric_name         = "CPUUtilization"\n  dimensions          = { InstanceId = aws_instance.this.id }\n  statistic           = "Average"\n  period              = 300\n  evaluation_periods  = 12\n  threshold           = 5\n  comparison_operator = "LessThanThreshold"\n  alarm_actions       = ["arn:aws:automate:${var.region}:ec2:stop"]\n}',
  },
  controls: [],
  params: z.object({
    cpuPercent: z
      .number()
      .positive()
      .default(10)
      .describe('Highest daily average CPU (%) of an idle day (Trusted Advisor: 10).'),
    networkMb: z
      .number()
      .positive()
      .default(5)
      .describe('Highest daily network I/O (MB in plus out) of an idle day (Trusted Advisor: 5).'),
    idleDays: z
      .number()
      .int()
      .positive()
      .default(4)
      .describe('Idle days needed within the look-back period (Trusted Advisor: 4).'),
    lookbackDays: z
      .number()
      .int()
      .positive()
      .default(14)
      .describe('Days of daily metrics looked at (Trusted Advisor: 14).'),
  }),
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/UsingAlarmActions.html',
    'https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html#low-utilization-amazon-ec2-instances',
  ],
  evaluate(instance, ctx) {
    const { cpuPercent, networkMb, idleDays, lookbackDays } = ctx.params;
    if (instance.tags['aws:autoscaling:groupName']) {
      return notApplicable(
        () =>
          `${who(instance)} belongs to an Auto Scaling group, which would replace a stopped instance; scale the group instead.`,
      );
    }
    const state = instance.observed?.State;
    if (state !== undefined && state !== 'running')
      return notApplicable(() => `${who(instance)} is ${String(state)}, so it is not billed for compute.`);
    const cpu = series(instance, 'CPUUtilization');
    if (cpu === undefined) {
      const notRead = metricsNotRead(instance, ctx.graph);
      if (notRead) return error(`${who(instance)}: ${notRead}.`);
      return notApplicable(
        () =>
          `${who(instance)} has no CPUUtilization metrics in the snapshot (utilisation is known only for a live instance).`,
      );
    }
    const days = Math.min(lookbackDays, cpu.length);
    if (days === 0) return error(`${who(instance)} has an empty CPUUtilization series.`);
    const netIn = series(instance, 'NetworkIn');
    const netOut = series(instance, 'NetworkOut');
    const haveNetwork = netIn !== undefined && netOut !== undefined;
    const idle = idleDayCount(cpu, netIn, netOut, days, ctx.params);
    if (idle === undefined) return error(`${who(instance)} has a CPUUtilization value that is not a number.`);
    const idleText = () =>
      `idle on ${idle} of the last ${days} days (at most ${cpuPercent} % CPU${haveNetwork ? ` and ${networkMb} MB network I/O` : ' (no network metrics)'})`;
    if (idle < idleDays)
      return notApplicable(() => `${who(instance)} is not idle: ${idleText()}, fewer than ${idleDays}.`);
    const alarm = stopAlarm(instance, ctx.graph);
    if (alarm)
      return pass(
        () => `${who(instance)} is ${idleText()}, and alarm ${label(alarm)} stops it when its CPU stays low.`,
      );
    // Alarms that were never listed may include the one that stops it.
    const unread = unreadReason(ctx.graph, ALARM, instance.account, instance.region);
    if (unread)
      return error(`${who(instance)} is ${idleText()}; whether an alarm stops it is not known: ${unread}.`);
    return fail(
      `${who(instance)} is ${idleText()}, and no CloudWatch alarm stops it when its CPU stays low.`,
    );
  },
});
