/**
 * A function's resource-based policy: the `AWS::Lambda::Permission` resources that name it (how
 * templates and Terraform declare it), and the policy document a live source stores as
 * `observed.Policy` (GetPolicy; `null` when the function has none).
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */
import type { Resource } from '../../model/index.js';
import { follow } from '../cloudwatch/references.js';
import type { GraphView } from '../rule.js';

export const FUNCTION = 'AWS::Lambda::Function';
export const PERMISSION = 'AWS::Lambda::Permission';

/**
 * The function name in a `FunctionName` value: `name`, `name:alias`, `123456789012:function:name`
 * or a full ARN (with or without a qualifier).
 */
export function functionName(ref: string): string {
  const at = ref.indexOf('function:');
  const rest = at >= 0 ? ref.slice(at + 'function:'.length) : ref;
  return rest.split(':')[0]!;
}

const index = new WeakMap<GraphView, Map<Resource, Resource[]>>();

/** The permissions whose `FunctionName` leads to `fn` (indexed once per graph). */
export function permissionsOf(fn: Resource, graph: GraphView): readonly Resource[] {
  let byFunction = index.get(graph);
  if (!byFunction) {
    byFunction = new Map();
    for (const p of graph.byType(PERMISSION)) {
      const link = follow(p.props.FunctionName, 'FunctionName', FUNCTION, graph, p, functionName);
      if (link.kind !== 'found') continue;
      const list = byFunction.get(link.resource) ?? [];
      list.push(p);
      byFunction.set(link.resource, list);
    }
    index.set(graph, byFunction);
  }
  return byFunction.get(fn) ?? [];
}

/** The statements of a policy document given as an object or a JSON string. */
export function statements(policy: unknown): Array<Record<string, unknown>> | undefined {
  let doc = policy;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  if (doc === null || typeof doc !== 'object') return undefined;
  const s = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(s) ? s : s !== undefined ? [s] : [];
  return list.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object');
}
