/**
 * Following a reference held in a property (an alarm action, a trail's log group, a function a
 * permission names) to the resource it points at. The value is a resource id, an ARN or a name
 * for resolved sources; in a template it may be an unresolved `Ref` / `Fn::GetAtt` whose
 * expression still names the target's logical id, which is enough to link the two.
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved, type GraphView } from '../rule.js';

/** Where a reference leads. */
export type Link =
  /** The referenced resource, found in the snapshot. */
  | { readonly kind: 'found'; readonly resource: Resource }
  /** The property is not set. */
  | { readonly kind: 'absent' }
  /** A concrete reference (id, ARN, name) to a resource that is not in the snapshot. */
  | { readonly kind: 'outside'; readonly ref: string }
  /** The value is unresolved and names no resource of the snapshot. */
  | { readonly kind: 'unknown'; readonly reason: string }
  /** The value is not a reference at all (a number, an object). */
  | { readonly kind: 'malformed' };

/**
 * The logical id an unresolved `Ref` / `Fn::GetAtt` expression targets, if it is one of those;
 * `Fn::Sub`, `Fn::ImportValue` and the rest name no single resource.
 */
export function expressionTarget(expression: unknown): string | undefined {
  if (expression === null || typeof expression !== 'object' || Array.isArray(expression)) return undefined;
  const e = expression as Record<string, unknown>;
  if (typeof e.Ref === 'string') return e.Ref;
  const getAtt = e['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/**
 * Follows `value` to a resource of `type`. `label` names the property in reasons; `near` picks
 * the candidate in the same file / account / region when ids repeat. `normalise` turns a
 * resolved string into the form the graph knows (e.g. a log group ARN ending in `:*` into its name).
 */
export function follow(
  value: unknown,
  label: string,
  type: string,
  graph: GraphView,
  near: Resource,
  normalise: (ref: string) => string = (ref) => ref,
): Link {
  if (value === undefined || value === null || value === '') return { kind: 'absent' };
  if (isUnresolved(value)) {
    const target = expressionTarget(value.expression);
    const found = target === undefined ? undefined : graph.get(target, type, near);
    if (found) return { kind: 'found', resource: found };
    return { kind: 'unknown', reason: describeUnresolved(label, value) };
  }
  if (typeof value !== 'string') return { kind: 'malformed' };
  const ref = normalise(value);
  const found =
    graph.resolve(ref, type, near) ?? (ref === value ? undefined : graph.resolve(value, type, near));
  return found ? { kind: 'found', resource: found } : { kind: 'outside', ref: value };
}

/** The items of a list property (an absent list is empty); `undefined` when it is not a list. */
export function listOf(value: unknown): readonly unknown[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : undefined;
}

/**
 * The template text of an unresolved `Fn::Sub` template (`arn:aws:automate:${AWS::Region}:ec2:stop`),
 * for values whose meaning does not depend on the unknown parts; otherwise `undefined`.
 */
export function subTemplate(value: unknown): string | undefined {
  if (!isUnresolved(value)) return undefined;
  const e = value.expression;
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return undefined;
  const sub = (e as Record<string, unknown>)['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  return undefined;
}

export const LOG_GROUP = 'AWS::Logs::LogGroup';

/**
 * The log group name in a log group ARN (`arn:aws:logs:<region>:<account>:log-group:<name>[:*]`,
 * the form CloudTrail's `CloudWatchLogsLogGroupArn` takes); other strings are returned as given.
 */
export function logGroupName(ref: string): string {
  const at = ref.indexOf(':log-group:');
  if (!ref.startsWith('arn:') || at < 0) return ref;
  const name = ref.slice(at + ':log-group:'.length);
  return name.endsWith(':*') ? name.slice(0, -2) : name;
}
