/**
 * The CIS "monitoring" controls (CIS AWS Foundations v5.0 section 4.1–4.15): a CloudWatch Logs
 * metric filter on the log group of a multi-region CloudTrail trail, an alarm on the filter's
 * metric, and an SNS topic with subscribers among the alarm's actions. Each control is one rule
 * file; this module holds what they share.
 *
 * How a filter pattern is judged: the pattern text is split into its `$.field op value` terms
 * (whitespace and quoting normalised), and every condition the control needs must appear as a
 * term with the same field, operator and value (`$.eventName = "CreateVpc"` equals
 * `($.eventName=CreateVpc)`). Extra conditions are allowed; two different values of one field that
 * must hold together (`&&`, read with parentheses, `&&` binding tighter than `||`) are rejected when
 * they are exact or are alternatives of the control, since no event satisfies both. The pattern is
 * not evaluated against events. The alarm must be in the account and Region of the metric filter,
 * where its metric is published.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
import type { Resource } from '../../model/index.js';
import { isUnresolved, parseArn } from '../../model/index.js';
import {
  coveringTrails,
  coveringTrailUnread,
  logging,
  managementEvents,
  multiRegion,
  recordsAllManagementEverywhere,
  TRAIL,
} from '../cloudtrail/trails.js';
import {
  defineRule,
  error,
  fail,
  label,
  notApplicable,
  pass,
  type ControlId,
  type GraphView,
  type Rule,
  type RuleResult,
  type Severity,
} from '../rule.js';
import { sameAccountAndRegion } from '../rds/values.js';
import { unreadReason } from '../unread.js';
import { actionsEnabled, ALARM, alarmMetrics, topicActions, topicReach } from './alarms.js';
import { follow, LOG_GROUP, logGroupName, type Link } from './references.js';

export const METRIC_FILTER = 'AWS::Logs::MetricFilter';

/** One condition of a filter pattern: `$.field op value`, or `$.field NOT EXISTS` (no value). */
export interface Term {
  readonly field: string;
  readonly op: string;
  readonly value?: string;
}

// $.a.b[0] = "x" | $.a != x* | $.a NOT EXISTS | $.a IS NULL ...
const TERM =
  /\$\.([A-Za-z0-9_.[\]*-]+)\s*(?:(!=|=|<=|>=|<|>)\s*("(?:[^"\\]|\\.)*"|[^\s&|)}]+)|\s+(NOT\s+EXISTS|IS\s+NULL|IS\s+TRUE|IS\s+FALSE|EXISTS)\b)/g;
const JOIN = /&&|\|\|/g;

/** The terms of a JSON filter pattern, in order, with the `&&` / `||` that precedes each. */
export function patternTerms(pattern: string): Array<Term & { readonly joinedBy?: '&&' | '||' }> {
  const text = pattern.replace(/\s+/g, ' ');
  const out: Array<Term & { joinedBy?: '&&' | '||' }> = [];
  let last = 0;
  for (const m of text.matchAll(TERM)) {
    const between = text.slice(last, m.index).match(JOIN);
    const joinedBy = between ? (between[between.length - 1] as '&&' | '||') : undefined;
    last = m.index + m[0].length;
    const field = m[1]!;
    if (m[4] !== undefined) {
      out.push({ field, op: m[4].replace(/\s+/, ' '), ...(joinedBy ? { joinedBy } : {}) });
      continue;
    }
    const raw = m[3]!;
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    out.push({ field, op: m[2]!, value, ...(joinedBy ? { joinedBy } : {}) });
  }
  return out;
}

export function termText(t: Term): string {
  return t.value === undefined ? `$.${t.field} ${t.op}` : `$.${t.field} ${t.op} "${t.value}"`;
}

/** `$.eventName = <name>` for each name. */
export function eventNames(...names: string[]): Term[] {
  return names.map((value) => ({ field: 'eventName', op: '=', value }));
}

type Token = '&&' | '||' | '(' | ')' | number;

const TERM_AT = new RegExp(TERM.source, 'y');

/** The pattern as operators, parentheses and term numbers (in the order of {@link patternTerms}). */
function tokens(pattern: string): Token[] {
  const text = pattern.replace(/\s+/g, ' ');
  const out: Token[] = [];
  let terms = 0;
  for (let i = 0; i < text.length;) {
    TERM_AT.lastIndex = i;
    if (TERM_AT.exec(text)) {
      out.push(terms++);
      i = TERM_AT.lastIndex;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      out.push(two);
      i += 2;
      continue;
    }
    if (text[i] === '(' || text[i] === ')') out.push(text[i] as '(' | ')');
    i++;
  }
  return out;
}

type Expr = { readonly op: '&&' | '||'; readonly children: readonly Expr[] } | number;

/** The pattern's boolean structure (`&&` binds tighter than `||`), or undefined when it does not parse. */
function parse(toks: readonly Token[]): Expr | undefined {
  let at = 0;
  const chain = (op: '&&' | '||', next: () => Expr | undefined): Expr | undefined => {
    const children: Expr[] = [];
    for (;;) {
      const e = next();
      if (e === undefined) return undefined;
      children.push(e);
      if (toks[at] !== op) break;
      at++;
    }
    return children.length === 1 ? children[0] : { op, children };
  };
  const primary = (): Expr | undefined => {
    const t = toks[at];
    if (typeof t === 'number') {
      at++;
      return t;
    }
    if (t !== '(') return undefined;
    at++;
    const e = or();
    if (toks[at] !== ')') return undefined;
    at++;
    return e;
  };
  const and = () => chain('&&', primary);
  const or = (): Expr | undefined => chain('||', and);
  const e = or();
  return at === toks.length ? e : undefined;
}

function termsOf(e: Expr): number[] {
  return typeof e === 'number' ? [e] : e.children.flatMap(termsOf);
}

/** Pairs of terms that must hold together: their nearest common group is an `&&`. */
function conjoined(e: Expr, out: Array<[number, number]> = []): Array<[number, number]> {
  if (typeof e === 'number') return out;
  if (e.op === '&&') {
    const groups = e.children.map(termsOf);
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++)
        for (const a of groups[i]!) for (const b of groups[j]!) out.push([a, b]);
  }
  for (const c of e.children) conjoined(c, out);
  return out;
}

/** The conditions of `required` that the pattern lacks, or why the pattern can never match. */
export function patternShortfall(pattern: string, required: readonly Term[]): string[] {
  const terms = patternTerms(pattern);
  if (terms.length === 0) return ['it is not a JSON filter pattern (no $.field conditions)'];
  const problems = new Set<string>();
  const expr = parse(tokens(pattern));
  // Without a parse, only neighbours joined by && are known to be joined.
  const pairs: Array<[number, number]> = expr
    ? conjoined(expr)
    : terms.flatMap((t, i) => (t.joinedBy === '&&' ? [[i - 1, i] as [number, number]] : []));
  const wanted = new Set(required.map(termText));
  for (const [i, j] of pairs) {
    const a = terms[i]!;
    const b = terms[j]!;
    if (a.field !== b.field || a.op !== '=' || b.op !== '=' || a.value === b.value) continue;
    // Two exact values of one field never both match; the control's alternatives (joined by || in
    // its pattern) are exclusive too, wildcards and all (`*UnauthorizedOperation`, `AccessDenied*`).
    const exact = !a.value!.includes('*') && !b.value!.includes('*');
    if (exact || (wanted.has(termText(a)) && wanted.has(termText(b)))) {
      problems.add(`it joins ${termText(a)} and ${termText(b)} with &&, which no event satisfies`);
    }
  }
  const has = new Set(terms.map(termText));
  const missing = required.filter((t) => !has.has(termText(t)));
  if (missing.length > 0) problems.add(`it lacks ${missing.map(termText).join(', ')}`);
  return [...problems];
}

/** What one CIS monitoring control asks for. */
export interface CisMonitoring {
  readonly id: string;
  /** The CIS v5.0 control, e.g. `cis-aws-v5.0:4.1`. */
  readonly control: ControlId;
  /** What is monitored, as a reason says it: `unauthorized API calls`. */
  readonly subject: string;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  /** CIS's recommended filter pattern (used in the remediation). */
  readonly pattern: string;
  /** The conditions a pattern must contain. */
  readonly required: readonly Term[];
  /** The metric name the remediation suggests. */
  readonly metricName: string;
  /** Said in the reasons when a filter is judged, e.g. which listed events are optional. */
  readonly note?: string;
}

type Verdict = { readonly status: 'pass' | 'fail' | 'error'; readonly text: string; readonly stage: number };

/** A metric filter with the log group its `LogGroupName` leads to, and its place in the snapshot. */
interface FilterTarget {
  readonly filter: Resource;
  readonly target: Link;
  readonly position: number;
}

interface MonitoringIndex {
  /** Filters by the log group resource they were found to name. */
  readonly filtersByGroup: ReadonlyMap<Resource, readonly FilterTarget[]>;
  /** Filters by the name of their log group (found: its `name`; not in the snapshot: the reference). */
  readonly filtersByName: ReadonlyMap<string, readonly FilterTarget[]>;
  /** Alarms by `<namespace> <metric name>` of each metric they watch, in snapshot order. */
  readonly alarmsByMetric: ReadonlyMap<string, readonly Resource[]>;
  readonly alarmPosition: ReadonlyMap<Resource, number>;
}

const monitoringIndexes = new WeakMap<GraphView, MonitoringIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

function metricKey(namespace: unknown, name: unknown): string | undefined {
  return typeof namespace === 'string' && typeof name === 'string' ? `${namespace}\u0000${name}` : undefined;
}

/**
 * Metric filters by log group and alarms by metric, built once per graph: every CIS monitoring
 * rule follows every trail to its filters and their alarms, which would otherwise read every
 * filter and alarm of the organisation for each trail.
 */
function monitoringIndex(graph: GraphView): MonitoringIndex {
  let index = monitoringIndexes.get(graph);
  if (index) return index;
  const filtersByGroup = new Map<Resource, FilterTarget[]>();
  const filtersByName = new Map<string, FilterTarget[]>();
  graph.byType(METRIC_FILTER).forEach((filter, position) => {
    const target = follow(filter.props.LogGroupName, 'LogGroupName', LOG_GROUP, graph, filter);
    const entry = { filter, target, position };
    if (target.kind === 'found') {
      push(filtersByGroup, target.resource, entry);
      if (target.resource.name !== undefined) push(filtersByName, target.resource.name, entry);
    } else if (target.kind === 'outside') push(filtersByName, target.ref, entry);
  });
  const alarmsByMetric = new Map<string, Resource[]>();
  const alarmPosition = new Map<Resource, number>();
  graph.byType(ALARM).forEach((alarm, position) => {
    alarmPosition.set(alarm, position);
    for (const m of alarmMetrics(alarm)) {
      const key = metricKey(m.namespace, m.name);
      if (key !== undefined) push(alarmsByMetric, key, alarm);
    }
  });
  index = { filtersByGroup, filtersByName, alarmsByMetric, alarmPosition };
  monitoringIndexes.set(graph, index);
  return index;
}

/** Filters whose `LogGroupName` is the trail's log group (the same resource, or the same name). */
function filtersOn(group: Link, trail: Resource, graph: GraphView): Resource[] {
  const name =
    group.kind === 'found'
      ? typeof group.resource.props.LogGroupName === 'string'
        ? group.resource.props.LogGroupName
        : group.resource.name
      : group.kind === 'outside'
        ? logGroupName(group.ref)
        : undefined;
  const index = monitoringIndex(graph);
  // Every filter that can match is filed under the group resource or under the name.
  const candidates = new Set<FilterTarget>([
    ...(group.kind === 'found' ? (index.filtersByGroup.get(group.resource) ?? []) : []),
    ...(name !== undefined ? (index.filtersByName.get(name) ?? []) : []),
  ]);
  const matches = (f: Resource, target: Link): boolean => {
    if (group.kind === 'found' && target.kind === 'found') return target.resource === group.resource;
    const filterGroup =
      target.kind === 'found' ? target.resource.name : target.kind === 'outside' ? target.ref : undefined;
    const sameAccount = f.account === trail.account || f.origin.file === trail.origin.file;
    return sameAccount && name !== undefined && filterGroup === name;
  };
  return [...candidates]
    .filter((c) => matches(c.filter, c.target))
    .sort((a, b) => a.position - b.position)
    .map((c) => c.filter);
}

/** The alarms that watch one of the metrics, in snapshot order. */
function alarmsOn(
  metrics: ReadonlyArray<{ MetricName?: unknown; MetricNamespace?: unknown }>,
  graph: GraphView,
): Resource[] {
  const index = monitoringIndex(graph);
  const alarms = new Set<Resource>();
  for (const m of metrics) {
    const key = metricKey(m.MetricNamespace, m.MetricName);
    for (const alarm of (key !== undefined ? index.alarmsByMetric.get(key) : undefined) ?? [])
      alarms.add(alarm);
  }
  return [...alarms].sort((a, b) => index.alarmPosition.get(a)! - index.alarmPosition.get(b)!);
}

/**
 * The account and Region of the trail's log group, where its metric filters are: the group's own,
 * else those of its ARN (`CloudWatchLogsLogGroupArn`), else the trail's.
 */
function groupPlace(group: Link, trail: Resource): { account: string; region: string } {
  if (group.kind === 'found') return { account: group.resource.account, region: group.resource.region };
  if (group.kind === 'outside') {
    const arn = parseArn(group.ref);
    if (arn.ok && arn.value.account !== '' && arn.value.region !== '')
      return { account: arn.value.account, region: arn.value.region };
  }
  return { account: trail.account, region: trail.region };
}

/** Follows one trail through filter → alarm → topic; the verdict of the most complete chain. */
function checkTrail(spec: CisMonitoring, trail: Resource, graph: GraphView): Verdict {
  const who = `trail ${label(trail)}`;
  const group = follow(
    trail.props.CloudWatchLogsLogGroupArn,
    'CloudWatchLogsLogGroupArn',
    LOG_GROUP,
    graph,
    trail,
    logGroupName,
  );
  if (group.kind === 'unknown') return { status: 'error', stage: 0, text: group.reason };
  if (group.kind === 'absent' || group.kind === 'malformed') {
    return {
      status: 'fail',
      stage: 0,
      text: `${who} does not deliver to CloudWatch Logs, so no metric filter sees its events`,
    };
  }
  const groupName = group.kind === 'found' ? label(group.resource) : logGroupName(group.ref);
  const filters = filtersOn(group, trail, graph);
  // Filters that were never listed may hold the one the control asks for.
  const place = groupPlace(group, trail);
  const filtersUnread = unreadReason(graph, METRIC_FILTER, place.account, place.region);
  if (filters.length === 0) {
    if (filtersUnread) {
      return {
        status: 'error',
        stage: 1,
        text: `the metric filters of log group ${groupName} of ${who} were not read (${filtersUnread})`,
      };
    }
    return { status: 'fail', stage: 1, text: `log group ${groupName} of ${who} has no metric filters` };
  }
  let best: Verdict = { status: 'fail', stage: 1, text: '' };
  const better = (v: Verdict) => {
    if (v.stage > best.stage || (v.stage === best.stage && best.text === '')) best = v;
  };
  const near: string[] = [];
  let unknown: string | undefined;
  for (const filter of filters) {
    const pattern = filter.props.FilterPattern;
    if (isUnresolved(pattern) || typeof pattern !== 'string') {
      unknown ??= `the pattern of metric filter ${label(filter)} is not known`;
      continue;
    }
    const shortfall = patternShortfall(pattern, spec.required);
    if (shortfall.length > 0) {
      near.push(`${label(filter)}: ${shortfall.join('; ')}`);
      continue;
    }
    const v = checkFilter(filter, graph);
    if (v.status === 'pass') return v;
    better(v);
  }
  // A filter whose pattern is not known might complete the chain: nothing short of a pass is certain.
  if (unknown)
    return { status: 'error', stage: best.stage, text: best.text ? `${unknown}, and ${best.text}` : unknown };
  if (best.text === '' && filtersUnread) {
    return {
      status: 'error',
      stage: 1,
      text: `no metric filter read on log group ${groupName} of ${who} matches the CIS pattern, and the others were not read (${filtersUnread})`,
    };
  }
  if (best.text === '') {
    const detail = near.length > 0 ? ` (${near.slice(0, 3).join(' | ')})` : '';
    return {
      status: 'fail',
      stage: 1,
      text: `no metric filter on log group ${groupName} of ${who} matches the CIS pattern${detail}`,
    };
  }
  return best;
}

/** A matching filter: is its metric alarmed, and does an alarm reach subscribers? */
function checkFilter(filter: Resource, graph: GraphView): Verdict {
  const transforms = Array.isArray(filter.props.MetricTransformations)
    ? filter.props.MetricTransformations
    : [];
  const metrics = transforms
    .map((t) => t as { MetricName?: unknown; MetricNamespace?: unknown })
    .filter((t) => typeof t.MetricName === 'string' && typeof t.MetricNamespace === 'string');
  const metricText = metrics.map((m) => `${String(m.MetricNamespace)}/${String(m.MetricName)}`).join(', ');
  const via = `metric filter ${label(filter)}`;
  // Metrics are stored per account and Region: only an alarm in the filter's account and Region
  // watches the metric the filter publishes, whatever its name.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_architecture.html
  const alarms = alarmsOn(metrics, graph).filter((a) => sameAccountAndRegion(a, filter) !== false);
  if (alarms.length === 0) {
    // Alarms that were never listed may watch the metric.
    const alarmsUnread = unreadReason(graph, ALARM, filter.account, filter.region);
    if (alarmsUnread) {
      return {
        status: 'error',
        stage: 2,
        text: `${via} counts into ${metricText || 'no metric'}, and the alarms of its account and Region were not read (${alarmsUnread})`,
      };
    }
    return {
      status: 'fail',
      stage: 2,
      text: `${via} counts into ${metricText || 'no metric'}, but no alarm watches it in its account and Region`,
    };
  }
  let best: Verdict | undefined;
  let undecided: Verdict | undefined;
  for (const alarm of alarms) {
    if (!actionsEnabled(alarm)) {
      best ??= {
        status: 'fail',
        stage: 3,
        text: `alarm ${label(alarm)} on ${metricText} has its actions disabled`,
      };
      continue;
    }
    // A template alarm and a filter of another source or file may be deployed anywhere.
    if (sameAccountAndRegion(alarm, filter) === undefined) {
      undecided ??= {
        status: 'error',
        stage: 3,
        text: `alarm ${label(alarm)} watches a metric named ${metricText}, but whether it is in the account and Region of ${via} is not known`,
      };
      continue;
    }
    const topics = topicActions(alarm, graph);
    for (const t of topics) {
      if (t.kind === 'found') {
        const reach = topicReach(t.resource, graph);
        if (reach.subscribed) {
          return {
            status: 'pass',
            stage: 4,
            text: `${via} → alarm ${label(alarm)} → SNS topic ${label(t.resource)} (${reach.text})`,
          };
        }
        best = {
          status: reach.unknown ? 'error' : 'fail',
          stage: 3,
          text: `alarm ${label(alarm)} notifies SNS topic ${label(t.resource)}, which has ${reach.text}`,
        };
      } else if (t.kind === 'outside' || t.kind === 'unknown') {
        const what =
          t.kind === 'outside'
            ? `topic ${t.ref}, which is not in the snapshot`
            : `a topic that is not known (${t.reason})`;
        best ??= {
          status: 'error',
          stage: 3,
          text: `alarm ${label(alarm)} notifies ${what}, so its subscribers cannot be checked`,
        };
      }
    }
    best ??= {
      status: 'fail',
      stage: 3,
      text: `alarm ${label(alarm)} on ${metricText} notifies no SNS topic`,
    };
  }
  // An alarm that may be elsewhere could still complete the chain: short of a pass, not known.
  return undecided ?? best!;
}

/**
 * Defines one CIS monitoring rule. It evaluates CloudTrail trails: a trail that records all
 * management events in every region must have its events monitored, through its own log group or
 * that of another such trail covering the same account. Other trails are not applicable (their
 * scope is the multi-region rule's question).
 */
export function defineCisMonitoringRule(spec: CisMonitoring): Rule {
  const number = spec.control.slice(spec.control.indexOf(':') + 1);
  const what = `CIS ${number} (${spec.subject})`;
  return defineRule({
    id: spec.id,
    title: spec.title,
    category: 'compliance',
    severity: spec.severity,
    resourceTypes: [TRAIL],
    rationale: spec.rationale,
    remediation: {
      text: `Create a metric filter with the CIS ${number} pattern on the log group of the multi-region trail, an alarm on its metric (Sum >= 1 over 5 minutes), and an SNS topic with at least one confirmed subscriber as the alarm action.`,
      cli:
        `aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name ${spec.metricName} --metric-transformations metricName=${spec.metricName},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '${spec.pattern}'\n` +
        `aws cloudwatch put-metric-alarm --alarm-name ${spec.metricName} --metric-name ${spec.metricName} --namespace CISBenchmark --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --treat-missing-data notBreaching --alarm-actions <sns-topic-arn>`,
      cloudformation:
        `${spec.metricName}Filter:\n  Type: AWS::Logs::MetricFilter\n  Properties:\n    LogGroupName: !Ref TrailLogGroup\n    FilterPattern: '${spec.pattern}'\n    MetricTransformations:\n      - { MetricName: ${spec.metricName}, MetricNamespace: CISBenchmark, MetricValue: '1' }\n` +
        `${spec.metricName}Alarm:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    MetricName: ${spec.metricName}\n    Namespace: CISBenchmark\n    Statistic: Sum\n    Period: 300\n    EvaluationPeriods: 1\n    Threshold: 1\n    ComparisonOperator: GreaterThanOrEqualToThreshold\n    TreatMissingData: notBreaching\n    AlarmActions: [!Ref SecurityAlertsTopic]`,
      terraform:
        `resource "aws_cloudwatch_log_metric_filter" "${spec.metricName}" {\n  name           = "${spec.metricName}"\n  log_group_name = aws_cloudwatch_log_group.trail.name\n  pattern        = ${JSON.stringify(spec.pattern)}\n  metric_transformation {\n    name      = "${spec.metricName}"\n    namespace = "CISBenchmark"\n    value     = "1"\n  }\n}\n\n` +
        `resource "aws_cloudwatch_metric_alarm" "${spec.metricName}" {\n  alarm_name          = "${spec.metricName}"\n  metric_name         = "${spec.metricName}"\n  namespace           = "CISBenchmark"\n  statistic           = "Sum"\n  period              = 300\n  evaluation_periods  = 1\n  threshold           = 1\n  comparison_operator = "GreaterThanOrEqualToThreshold"\n  treat_missing_data  = "notBreaching"\n  alarm_actions       = [aws_sns_topic.security_alerts.arn]\n}`,
    },
    controls: [spec.control],
    references: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html',
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
    ],
    evaluate(trail, ctx): RuleResult {
      const who = `CloudTrail trail ${label(trail)}`;
      const multi = multiRegion(trail);
      if (!multi.known) return error(`${who}: ${multi.reason}.`);
      const on = logging(trail);
      if (!on.known) return error(`${who}: ${on.reason}.`);
      const events = managementEvents(trail);
      if (!events.known) return error(`${who}: ${events.reason}.`);
      if (!recordsAllManagementEverywhere(trail)) {
        const why = !multi.value
          ? 'is single-region'
          : !on.value
            ? 'is not logging'
            : 'does not record all management events';
        return notApplicable(
          () =>
            `${who} ${why}; CIS monitoring reads a multi-region trail of management events (see cloudtrail-trail-multi-region-enabled).`,
        );
      }
      const note = spec.note ? ` ${spec.note}` : '';
      const own = checkTrail(spec, trail, ctx.graph);
      if (own.status === 'pass') return pass(() => `${who}: ${what} is monitored: ${own.text}.${note}`);
      // Another trail that records the same account's management events may carry the monitoring.
      for (const other of coveringTrails(trail.account, ctx.graph, trail)) {
        if (other === trail) continue;
        const v = checkTrail(spec, other, ctx.graph);
        if (v.status === 'pass') {
          return pass(() => `${who}: ${what} is monitored through trail ${label(other)}: ${v.text}.${note}`);
        }
      }
      if (own.status === 'error')
        return error(`${who}: whether ${what} is monitored is not known: ${own.text}.`);
      // A trail that was never listed may carry the monitoring for the account.
      const unread = coveringTrailUnread(trail.account, ctx.graph);
      if (unread) {
        return error(
          `${who}: ${what} is not monitored through this trail (${own.text}), and whether another trail of the account monitors it is not known: ${unread}.`,
        );
      }
      return fail(`${who}: ${what} is not monitored: ${own.text}.${own.stage <= 1 ? note : ''}`);
    },
  });
}
