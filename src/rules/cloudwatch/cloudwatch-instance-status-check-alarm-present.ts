import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { unreadReason } from '../unread.js';
import {
  ALARM,
  actions,
  actionsEnabled,
  alarmMetrics,
  alarmsOnInstance,
  ec2Action,
  type Ec2Action,
} from './alarms.js';

const INSTANCE = 'AWS::EC2::Instance';
const STATUS_METRICS = new Set([
  'StatusCheckFailed',
  'StatusCheckFailed_System',
  'StatusCheckFailed_Instance',
]);
/** The actions that bring an impaired instance back into service. */
const RESTORING: ReadonlySet<Ec2Action> = new Set(['recover', 'reboot']);

/** The first of an alarm's actions that recovers or reboots the instance. */
function restoringAction(alarm: Resource): Ec2Action | undefined {
  for (const a of actions(alarm)) {
    const action = ec2Action(a);
    if (action !== undefined && RESTORING.has(action)) return action;
  }
  return undefined;
}

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/**
 * Compliant: an instance outside Auto Scaling has a CloudWatch alarm on a status-check metric
 * (`StatusCheckFailed`, `_System` or `_Instance`) whose enabled actions recover or reboot it.
 * Instances that are stopped or terminated, or belong to an Auto Scaling group, are not applicable.
 */
export default defineRule({
  id: 'cloudwatch-instance-status-check-alarm-present',
  title: 'EC2 instance recovers or reboots through an alarm when a status check fails',
  category: 'reliability',
  severity: 'low',
  resourceTypes: [INSTANCE],
  rationale:
    'A failed system status check means the host has a problem; a failed instance status check means the guest is stuck (kernel panic, exhausted memory, broken network configuration). A CloudWatch alarm with the EC2 recover action moves the instance to healthy hardware with the same id, addresses and volumes; the reboot action restarts a stuck guest. Without one, the instance stays impaired until somebody notices. Simplified automatic recovery covers only system checks on supported types and tells nobody.',
  remediation: {
    text: 'Create an alarm on StatusCheckFailed_System with the recover action (and one on StatusCheckFailed_Instance with the reboot action), both notifying the operations topic too.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <instance>-system-check --namespace AWS/EC2 --metric-name StatusCheckFailed_System --dimensions Name=InstanceId,Value=<instance-id> --statistic Maximum --period 60 --evaluation-periods 2 --threshold 0 --comparison-operator GreaterThanThreshold --alarm-actions arn:aws:automate:<region>:ec2:recover <sns-topic-arn>',
    cloudformation:
      'SystemCheckAlarm:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    Namespace: AWS/EC2\n    MetricName: StatusCheckFailed_System\n    Dimensions: [{ Name: InstanceId, Value: !Ref Instance }]\n    Statistic: Maximum\n    Period: 60\n    EvaluationPeriods: 2\n    Threshold: 0\n    ComparisonOperator: GreaterThanThreshold\n    AlarmActions: [!Sub "arn:aws:automate:${AWS::Region}:ec2:recover", !Ref OpsAlerts]',
    terraform:
      'resource "aws_cloudwatch_metric_alarm" "system_check" {\n  alarm_name          = "${aws_instance.this.id}-system-check"\n  namespace           = "AWS/EC2"\n  metric_name         = "StatusCheckFailed_System"\n  dimensions          = { InstanceId = aws_instance.this.id }\n  statistic           = "Maximum"\n  period              = 60\n  evaluation_periods  = 2\n  threshold           = 0\n  comparison_operator = "GreaterThanThreshold"\n  alarm_actions       = ["arn:aws:automate:${var.region}:ec2:recover", aws_sns_topic.ops.arn]\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/UsingAlarmActions.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-recover.html',
  ],
  evaluate(instance, ctx) {
    if (instance.tags['aws:autoscaling:groupName']) {
      return notApplicable(
        () => `${who(instance)} belongs to an Auto Scaling group, which replaces impaired instances.`,
      );
    }
    const state = instance.observed?.State;
    if (state !== undefined && state !== 'running' && state !== 'pending') {
      return notApplicable(
        () => `${who(instance)} is ${String(state)}; status checks run only on running instances.`,
      );
    }
    const checks = alarmsOnInstance(instance, ctx.graph).filter((a) =>
      alarmMetrics(a).some((m) => typeof m.name === 'string' && STATUS_METRICS.has(m.name)),
    );
    for (const alarm of checks) {
      if (!actionsEnabled(alarm)) continue;
      const action = restoringAction(alarm);
      if (action)
        return pass(
          () => `${who(instance)} has alarm ${label(alarm)}, which ${action}s it when a status check fails.`,
        );
    }
    // Alarms that were never listed may include one that recovers it.
    const unread = unreadReason(ctx.graph, ALARM, instance.account, instance.region);
    if (unread)
      return error(`${who(instance)}: whether an alarm recovers or reboots it is not known: ${unread}.`);
    const autoRecovery = instance.props.MaintenanceOptions as { AutoRecovery?: unknown } | undefined;
    const disabled =
      autoRecovery?.AutoRecovery === 'disabled' ? '; simplified automatic recovery is disabled too' : '';
    if (checks.length > 0) {
      return fail(
        `${who(instance)} has status-check alarm ${checks.map(label).join(', ')}, but none recovers or reboots it${disabled}.`,
      );
    }
    return fail(
      `${who(instance)} has no alarm that recovers or reboots it when a status check fails${disabled}.`,
    );
  },
});
