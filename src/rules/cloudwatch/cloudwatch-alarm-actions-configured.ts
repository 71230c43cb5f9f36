import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass, type GraphView } from '../rule.js';
import { unreadReason } from '../unread.js';
import { actions, actionsEnabled, ALARM, COMPOSITE_ALARM } from './alarms.js';
import { subTemplate } from './references.js';

/**
 * The composite alarm whose `AlarmRule` names this alarm (by name, ARN, or `${LogicalId}` in a
 * template's `Fn::Sub`); such a child alarm needs no actions of its own.
 */
function parentComposite(alarm: Resource, graph: GraphView): Resource | undefined {
  const names = [alarm.props.AlarmName, alarm.name, alarm.arn, alarm.id].filter(
    (n): n is string => typeof n === 'string',
  );
  const logical = alarm.origin.logicalId;
  return graph.find(COMPOSITE_ALARM, (c) => {
    if (c === alarm) return false;
    const rule = c.props.AlarmRule;
    const text = typeof rule === 'string' ? rule : subTemplate(rule);
    if (text === undefined) return false;
    if (
      logical &&
      c.origin.file === alarm.origin.file &&
      new RegExp(`\\$\\{${logical}(\\.[A-Za-z]+)?\\}`).test(text)
    )
      return true;
    return names.some((n) => text.includes(`"${n}"`) || text.includes(`(${n})`));
  });
}

/** How reasons name the alarm: `CloudWatch alarm <id>`. */
function who(alarm: Resource): string {
  return `CloudWatch alarm ${label(alarm)}`;
}

/**
 * Compliant: the alarm has its actions enabled and at least one action for the ALARM state
 * (`AlarmActions`), or it is a child of a composite alarm that acts for it.
 */
export default defineRule({
  id: 'cloudwatch-alarm-actions-configured',
  title: 'CloudWatch alarm acts when it goes into ALARM',
  category: 'health',
  severity: 'medium',
  resourceTypes: [ALARM, COMPOSITE_ALARM],
  rationale:
    'An alarm without an ALARM action changes colour on a dashboard nobody watches at 3 a.m.: no page, no ticket, no automatic stop or recovery. Disabled actions have the same effect and are easy to leave behind after maintenance. Child alarms of a composite alarm are the exception: the composite acts for them.',
  remediation: {
    text: 'Add an SNS topic (or an EC2, Auto Scaling or Systems Manager action) to AlarmActions and keep ActionsEnabled true; or delete alarms nobody needs.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <alarm> ... --alarm-actions <sns-topic-arn>\naws cloudwatch enable-alarm-actions --alarm-names <alarm>',
    cloudformation: 'ActionsEnabled: true\nAlarmActions:\n  - !Ref OpsAlertsTopic',
    terraform:
      'resource "aws_cloudwatch_metric_alarm" "this" {\n  # ...\n  actions_enabled = true\n  alarm_actions   = [aws_sns_topic.ops_alerts.arn]\n}',
  },
  controls: ['aws-fsbp:CloudWatch.15', 'aws-fsbp:CloudWatch.17'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html',
  ],
  evaluate(alarm, ctx) {
    const enabled = alarm.props.ActionsEnabled;
    if (isUnresolved(enabled))
      return error(`${who(alarm)}: ${describeUnresolved('ActionsEnabled', enabled)}.`);
    if (!actionsEnabled(alarm)) return fail(`${who(alarm)} has its actions disabled (ActionsEnabled false).`);
    const list = alarm.props.AlarmActions;
    if (isUnresolved(list)) return error(`${who(alarm)}: ${describeUnresolved('AlarmActions', list)}.`);
    const count = actions(alarm).length;
    if (count > 0) return pass(() => `${who(alarm)} has ${count} ALARM action${count === 1 ? '' : 's'}.`);
    const parent = parentComposite(alarm, ctx.graph);
    if (parent)
      return pass(
        () => `${who(alarm)} has no actions of its own but feeds composite alarm ${label(parent)}.`,
      );
    // A composite alarm that was never listed may be the one it feeds.
    const unread = unreadReason(ctx.graph, COMPOSITE_ALARM, alarm.account, alarm.region);
    if (unread)
      return error(
        `${who(alarm)} has no ALARM action of its own; whether it feeds a composite alarm is not known: ${unread}.`,
      );
    const others = ['OKActions', 'InsufficientDataActions'].filter((k) => actions(alarm, k).length > 0);
    const note = others.length > 0 ? ` (it has only ${others.join(' and ')})` : '';
    return fail(`${who(alarm)} has no ALARM action, so nobody is told when it fires${note}.`);
  },
});
