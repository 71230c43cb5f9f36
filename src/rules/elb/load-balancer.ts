/**
 * Load balancer facts the ELB rules share: the type of a load balancer, its attributes, its
 * listeners and target groups, and observed target health. Version 2 load balancers
 * (`AWS::ElasticLoadBalancingV2::*`, id = ARN) carry `LoadBalancerAttributes: [{Key, Value}]`;
 * classic ones (`AWS::ElasticLoadBalancing::LoadBalancer`) their CloudFormation properties. Not a rule.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancers.html#load-balancer-attributes
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved, type GraphView } from '../rule.js';

export const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
export const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

export type LoadBalancerType = 'application' | 'network' | 'gateway' | 'classic';

/** `Type` of a version 2 load balancer; CloudFormation's default is application. */
export function loadBalancerType(lb: Resource): LoadBalancerType | { readonly unknown: string } {
  if (lb.type === CLASSIC) return 'classic';
  const t = lb.props.Type;
  if (isUnresolved(t)) return { unknown: describeUnresolved('Type', t) };
  if (t === 'network' || t === 'gateway') return t;
  return 'application';
}

/** `application load balancer x`, `classic load balancer y` for reasons. */
export function describeLoadBalancer(lb: Resource, type: LoadBalancerType, label: string): string {
  return `${type === 'application' ? 'Application' : type === 'network' ? 'Network' : type === 'gateway' ? 'Gateway' : 'Classic'} load balancer ${label}`;
}

/** One attribute: its value as written (`"true"`), `undefined` when not set, or why it is not known. */
export function lbAttribute(
  lb: Resource,
  key: string,
): { readonly value?: string; readonly unknown?: string } {
  const list = lb.props.LoadBalancerAttributes;
  if (isUnresolved(list)) return { unknown: describeUnresolved('LoadBalancerAttributes', list) };
  if (!Array.isArray(list)) return {};
  for (const a of list as unknown[]) {
    if (isUnresolved(a)) return { unknown: describeUnresolved('LoadBalancerAttributes', a) };
    const entry = a as { Key?: unknown; Value?: unknown } | null;
    if (entry?.Key !== key) continue;
    if (isUnresolved(entry.Value))
      return { unknown: describeUnresolved(`LoadBalancerAttributes ${key}`, entry.Value) };
    return { value: entry.Value === undefined || entry.Value === null ? undefined : String(entry.Value) };
  }
  return {};
}

/** The listeners of a version 2 load balancer. */
export function listenersOf(lb: Resource, graph: GraphView): Resource[] {
  return graph.referencing(lb).filter((r) => r.type === LISTENER && r.props.LoadBalancerArn === lb.id);
}

/** Target group ids an action list forwards to (`TargetGroupArn` or `ForwardConfig.TargetGroups`). */
export function forwardTargets(actions: unknown): string[] {
  if (!Array.isArray(actions)) return [];
  const out: string[] = [];
  for (const a of actions as Array<Record<string, unknown> | null>) {
    if (!a) continue;
    if (typeof a.TargetGroupArn === 'string') out.push(a.TargetGroupArn);
    const groups = (a.ForwardConfig as { TargetGroups?: unknown } | undefined)?.TargetGroups;
    if (Array.isArray(groups)) {
      for (const g of groups as Array<{ TargetGroupArn?: unknown } | null>) {
        if (typeof g?.TargetGroupArn === 'string') out.push(g.TargetGroupArn);
      }
    }
  }
  return out;
}

/** The target groups a load balancer sends traffic to: through its listeners and rules, or as observed. */
export function targetGroupsOf(lb: Resource, graph: GraphView): Resource[] {
  const ids = new Set<string>();
  for (const listener of listenersOf(lb, graph)) {
    forwardTargets(listener.props.DefaultActions).forEach((id) => ids.add(id));
    for (const rule of graph.referencing(listener)) {
      if (rule.type === LISTENER_RULE) forwardTargets(rule.props.Actions).forEach((id) => ids.add(id));
    }
  }
  const out = new Set<Resource>();
  for (const id of ids) {
    const tg = graph.get(id, TARGET_GROUP, lb);
    if (tg) out.add(tg);
  }
  // DescribeTargetGroups lists the load balancers of a group in `LoadBalancerArns` (observed).
  for (const tg of groupsByLoadBalancer(graph).get(lb.id) ?? []) out.add(tg);
  return [...out];
}

const observedGroups = new WeakMap<GraphView, Map<string, Resource[]>>();

/** Target groups by the load balancer ARNs they list (observed), in snapshot order; read once per graph. */
function groupsByLoadBalancer(graph: GraphView): Map<string, Resource[]> {
  let index = observedGroups.get(graph);
  if (!index) {
    index = new Map();
    for (const tg of graph.byType(TARGET_GROUP)) {
      const arns = tg.observed?.LoadBalancerArns;
      if (!Array.isArray(arns)) continue;
      for (const arn of arns) {
        if (typeof arn !== 'string') continue;
        const list = index.get(arn);
        if (!list) index.set(arn, [tg]);
        else if (list[list.length - 1] !== tg) list.push(tg);
      }
    }
    observedGroups.set(graph, index);
  }
  return index;
}

/** One registered target and its health, from either observed shape. */
export interface TargetHealth {
  readonly id: string;
  readonly port?: number;
  readonly state: string;
  readonly reason?: string;
  readonly description?: string;
}

/**
 * Observed target health: `TargetHealthDescriptions` as DescribeTargetHealth returns it
 * (`[{Target: {Id, Port}, TargetHealth: {State, Reason, Description}}]`) or the flattened
 * `TargetHealth` list (`[{Id, Port, State, Reason, Description}]`). `undefined` when not observed.
 */
export function targetHealth(tg: Resource): TargetHealth[] | undefined {
  const descriptions = tg.observed?.TargetHealthDescriptions;
  const flat = tg.observed?.TargetHealth;
  const out: TargetHealth[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  if (Array.isArray(descriptions)) {
    for (const d of descriptions as Array<Record<string, unknown> | null>) {
      const target = (d?.Target ?? {}) as Record<string, unknown>;
      const health = (d?.TargetHealth ?? {}) as Record<string, unknown>;
      out.push({
        id: str(target.Id) ?? '?',
        ...(typeof target.Port === 'number' ? { port: target.Port } : {}),
        state: str(health.State) ?? 'unknown',
        ...(str(health.Reason) ? { reason: str(health.Reason) } : {}),
        ...(str(health.Description) ? { description: str(health.Description) } : {}),
      });
    }
    return out;
  }
  if (Array.isArray(flat)) {
    for (const t of flat as Array<Record<string, unknown> | null>) {
      out.push({
        id: str(t?.Id) ?? '?',
        ...(typeof t?.Port === 'number' ? { port: t.Port } : {}),
        state: str(t?.State) ?? 'unknown',
        ...(str(t?.Reason) ? { reason: str(t?.Reason) } : {}),
        ...(str(t?.Description) ? { description: str(t?.Description) } : {}),
      });
    }
    return out;
  }
  return undefined;
}

/** Registered targets a template declares (`Targets`), when observed health is absent. */
export function declaredTargets(tg: Resource): number | undefined {
  const targets = tg.props.Targets;
  return Array.isArray(targets) ? targets.length : undefined;
}
