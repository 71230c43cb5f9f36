/**
 * Reading CloudWatch alarms: the metric an alarm watches, its actions, the EC2 actions AWS runs
 * itself (stop / terminate / recover / reboot), and whether an SNS action reaches anybody.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-alarm.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { asBoolean, asNumber, type GraphView } from '../rule.js';
import { follow, subTemplate, type Link } from './references.js';

export const ALARM = 'AWS::CloudWatch::Alarm';
export const COMPOSITE_ALARM = 'AWS::CloudWatch::CompositeAlarm';
export const SNS_TOPIC = 'AWS::SNS::Topic';
const SUBSCRIPTION = 'AWS::SNS::Subscription';

/** One metric an alarm evaluates. */
export interface AlarmMetric {
  readonly namespace: unknown;
  readonly name: unknown;
  readonly dimensions: readonly unknown[];
}

/**
 * The metrics of an alarm: the single metric (`Namespace`, `MetricName`, `Dimensions`), or each
 * `MetricStat` of a metric-math alarm's `Metrics`.
 */
export function alarmMetrics(alarm: Resource): AlarmMetric[] {
  const p = alarm.props;
  const out: AlarmMetric[] = [];
  if (p.MetricName !== undefined) {
    out.push({
      namespace: p.Namespace,
      name: p.MetricName,
      dimensions: Array.isArray(p.Dimensions) ? p.Dimensions : [],
    });
  }
  if (Array.isArray(p.Metrics)) {
    for (const m of p.Metrics) {
      const metric = (m as { MetricStat?: { Metric?: Record<string, unknown> } } | null)?.MetricStat?.Metric;
      if (!metric) continue;
      const dims = metric.Dimensions;
      out.push({
        namespace: metric.Namespace,
        name: metric.MetricName,
        dimensions: Array.isArray(dims) ? dims : [],
      });
    }
  }
  return out;
}

/** The value of dimension `name` of a metric, when it is a plain string. */
export function dimension(metric: AlarmMetric, name: string): string | undefined {
  for (const d of metric.dimensions) {
    const dim = d as { Name?: unknown; Value?: unknown } | null;
    if (dim?.Name === name && typeof dim.Value === 'string') return dim.Value;
  }
  return undefined;
}

/** `ActionsEnabled` defaults to true; only an explicit false turns the actions off. */
export function actionsEnabled(alarm: Resource): boolean {
  return asBoolean(alarm.props.ActionsEnabled) !== false;
}

/** The entries of an action list (`AlarmActions`, `OKActions`, `InsufficientDataActions`). */
export function actions(alarm: Resource, key = 'AlarmActions'): readonly unknown[] {
  const list = alarm.props[key];
  return Array.isArray(list) ? list : [];
}

export type Ec2Action = 'stop' | 'terminate' | 'recover' | 'reboot';

// arn:aws:automate:<region>:ec2:<action>, and the older SWF form
// arn:aws:swf:<region>:<account>:action/actions/AWS_EC2.InstanceId.<Action>/1.0.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/UsingAlarmActions.html
const AUTOMATE = /^arn:aws[a-z-]*:automate:[^:]*:ec2:(stop|terminate|recover|reboot)$/;
const SWF =
  /^arn:aws[a-z-]*:swf:[^:]*:[^:]*:action\/actions\/AWS_EC2\.InstanceId\.(Stop|Terminate|Reboot)\/1\.0$/;

/**
 * The EC2 action an alarm action runs, if it is one. In a template the ARN is often
 * `!Sub arn:aws:automate:${AWS::Region}:ec2:stop`: the action does not depend on the region, so
 * the `Fn::Sub` text is read with its variables blanked.
 */
export function ec2Action(value: unknown): Ec2Action | undefined {
  const text = typeof value === 'string' ? value : subTemplate(value)?.replace(/\$\{[^}]*\}/g, 'x');
  if (text === undefined) return undefined;
  const m = AUTOMATE.exec(text) ?? SWF.exec(text);
  return m ? (m[1]!.toLowerCase() as Ec2Action) : undefined;
}

/** Whether an SNS topic reaches anybody, and how the reason says so. */
export type Reach =
  | { readonly subscribed: true; readonly text: string }
  | { readonly subscribed: false; readonly text: string; readonly unknown?: boolean };

/**
 * A topic has subscribers when its `Subscription` list is not empty, an `AWS::SNS::Subscription`
 * names it, or the live attribute `SubscriptionsConfirmed` is above zero. A live subscription whose
 * endpoint has not confirmed it yet (`observed.PendingConfirmation`) delivers nothing and does not
 * count. When a live topic's counts could not be read and no confirmed subscription names it,
 * whether it reaches anybody is not known: the account's subscription listing may lack
 * subscribers owned by other accounts.
 * https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
 */
export function topicReach(topic: Resource, graph: GraphView): Reach {
  const inline = topic.props.Subscription;
  if (isUnresolved(inline))
    return { subscribed: false, unknown: true, text: 'its subscriptions are not known' };
  const own = Array.isArray(inline) ? inline.length : 0;
  const named = graph.referencing(topic).filter((r) => r.type === SUBSCRIPTION);
  const pending = named.filter((r) => r.observed?.PendingConfirmation === true).length;
  const counted = topic.observed?.SubscriptionsConfirmed;
  const confirmed = asNumber(counted);
  const count = Math.max(own + named.length - pending, confirmed ?? 0);
  if (count > 0) return { subscribed: true, text: `${count} subscription${count === 1 ? '' : 's'}` };
  if (isUnresolved(counted))
    return { subscribed: false, unknown: true, text: 'subscription counts that could not be read' };
  const waiting = Math.max(pending, asNumber(topic.observed?.SubscriptionsPending) ?? 0);
  if (waiting > 0)
    return { subscribed: false, text: `no confirmed subscriptions (${waiting} pending confirmation)` };
  return { subscribed: false, text: 'no subscriptions' };
}

/**
 * The alarm's actions that may be SNS topics, followed into the snapshot. EC2 actions and ARNs
 * of other services (Auto Scaling policies, Systems Manager, Lambda) are left out; a Ref to a
 * template topic is kept.
 */
export function topicActions(alarm: Resource, graph: GraphView, key = 'AlarmActions'): Link[] {
  const links: Link[] = [];
  actions(alarm, key).forEach((a, i) => {
    if (ec2Action(a) !== undefined) return;
    if (typeof a === 'string' && a.startsWith('arn:') && !a.includes(':sns:')) return;
    links.push(follow(a, `${key}[${i}]`, SNS_TOPIC, graph, alarm));
  });
  return links;
}

const byInstance = new WeakMap<GraphView, Map<string, Resource[]>>();

const NO_ALARMS: readonly Resource[] = [];

/** Alarms with an `InstanceId` dimension equal to the instance's id (indexed once per graph). */
export function alarmsOnInstance(instance: Resource, graph: GraphView): readonly Resource[] {
  let index = byInstance.get(graph);
  if (!index) {
    index = new Map();
    for (const alarm of graph.byType(ALARM)) {
      for (const metric of alarmMetrics(alarm)) {
        const id = dimension(metric, 'InstanceId');
        if (id === undefined) continue;
        const list = index.get(id) ?? [];
        if (!list.includes(alarm)) list.push(alarm);
        index.set(id, list);
      }
    }
    byInstance.set(graph, index);
  }
  const alarms = index.get(instance.id);
  // Most instances have no alarm: answer those without a new empty list.
  if (alarms === undefined) return NO_ALARMS;
  // Template logical ids repeat across files; keep the alarms of the instance's own file or account.
  return alarms.filter((a) =>
    instance.origin.file !== undefined
      ? a.origin.file === instance.origin.file
      : a.account === instance.account && a.region === instance.region,
  );
}

const DAY_MS = 86_400_000;

/** `since 2026-11-02 (20 days)` from an alarm's `StateUpdatedTimestamp`, or '' when unknown. */
export function stateSince(alarm: Resource, now: Date): string {
  const at = alarm.observed?.StateUpdatedTimestamp;
  if (typeof at !== 'string' && !(at instanceof Date)) return '';
  const time = new Date(at).getTime();
  if (!Number.isFinite(time)) return '';
  const days = (now.getTime() - time) / DAY_MS;
  const span =
    days >= 1
      ? `${Math.floor(days)} day${Math.floor(days) === 1 ? '' : 's'}`
      : `${Math.max(1, Math.round(days * 24))} hours`;
  return ` since ${new Date(time).toISOString().slice(0, 10)} (${span})`;
}

/** The alarm's state reason as a clause, without its trailing period. */
export function stateReason(alarm: Resource): string {
  const r = alarm.observed?.StateReason;
  return typeof r === 'string' && r.trim() !== '' ? `: ${r.trim().replace(/\.$/, '')}` : '';
}
