import { isUnresolved, type Resource } from '../../model/index.js';
import {
  asNumber,
  defineRule,
  describeUnresolved,
  error,
  label,
  notApplicable,
  pass,
  fail,
  type GraphView,
} from '../rule.js';

const POLICY = 'AWS::AutoScaling::ScalingPolicy';
const SCHEDULED = 'AWS::AutoScaling::ScheduledAction';

/** Scaling policies and scheduled actions that name the group, by id (templates) or name (live). */
function scalersOf(group: Resource, graph: GraphView): Resource[] {
  const names = new Set([group.id]);
  if (group.name) names.add(group.name);
  const own = group.props.AutoScalingGroupName;
  if (typeof own === 'string') names.add(own);
  const out = new Set<Resource>();
  for (const type of [POLICY, SCHEDULED]) {
    for (const r of graph.byType(type)) {
      const target = r.props.AutoScalingGroupName;
      if (
        typeof target === 'string' &&
        names.has(target) &&
        r.account === group.account &&
        r.region === group.region
      )
        out.add(r);
    }
  }
  return [...out];
}

/**
 * Compliant: an Auto Scaling group whose size may vary (MinSize below MaxSize) has a scaling
 * policy or a scheduled action. Fixed-size groups (MinSize equal to MaxSize) keep a count on
 * purpose and are not applicable.
 */
export default defineRule({
  id: 'autoscaling-group-scaling-policy-attached',
  title: 'Auto Scaling group with a size range has a scaling policy',
  category: 'reliability',
  severity: 'low',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  rationale:
    'A group with a minimum and a maximum but no scaling policy never moves between them: it stays at its desired capacity through a traffic spike (and throttles or falls over) and through the night (and pays for idle instances). The range suggests scaling was intended; target tracking on CPU or requests per target is the simplest policy to add.',
  remediation: {
    text: 'Add a target tracking policy (for example average CPU at 50 %, or ALB requests per target), or scheduled actions for predictable load; or set MinSize equal to MaxSize if the size is meant to be fixed.',
    cli: 'aws autoscaling put-scaling-policy --auto-scaling-group-name <asg-name> --policy-name cpu50 --policy-type TargetTrackingScaling --target-tracking-configuration \'{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50}\'',
    cloudformation:
      'CpuTracking:\n  Type: AWS::AutoScaling::ScalingPolicy\n  Properties:\n    AutoScalingGroupName: !Ref Group\n    PolicyType: TargetTrackingScaling\n    TargetTrackingConfiguration:\n      PredefinedMetricSpecification: { PredefinedMetricType: ASGAverageCPUUtilization }\n      TargetValue: 50',
    terraform:
      'resource "aws_autoscaling_policy" "cpu" {\n  autoscaling_group_name = aws_autoscaling_group.this.name\n  policy_type            = "TargetTrackingScaling"\n  target_tracking_configuration {\n    predefined_metric_specification {\n      predefined_metric_type = "ASGAverageCPUUtilization"\n    }\n    target_value = 50\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html',
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html',
  ],
  evaluate(group, ctx) {
    const who = `Auto Scaling group ${label(group)}`;
    const min = asNumber(group.props.MinSize);
    const max = asNumber(group.props.MaxSize);
    if (min !== undefined && max !== undefined && min >= max) {
      return notApplicable(() => `${who} has a fixed size (${min}).`);
    }
    const scalers = scalersOf(group, ctx.graph);
    if (scalers.length > 0) return pass(() => `${who} scales with ${scalers.map(label).join(', ')}.`);
    // A live group carries the names its own DescribePolicies / DescribeScheduledActions returned.
    const live = [group.observed?.ScalingPolicies, group.observed?.ScheduledActions];
    const named = live.flatMap((v) => (Array.isArray(v) ? (v as unknown[]).map(String) : []));
    if (named.length > 0) return pass(() => `${who} scales with ${named.join(', ')}.`);
    const unread = live.find(isUnresolved);
    if (unread) return error(`${who}: ${describeUnresolved('', unread)}.`);
    const range = min !== undefined && max !== undefined ? ` between ${min} and ${max}` : '';
    return fail(
      `${who} may run${range} instances but no scaling policy or scheduled action in the snapshot names it, so it never scales.`,
    );
  },
});
