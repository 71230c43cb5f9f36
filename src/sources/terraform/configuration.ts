/**
 * Index over a plan's `configuration` block: resource expressions per module, module calls (their
 * arguments, outputs and variable defaults) and provider configurations (region, account).
 */
import type {
  JsonConfigModule,
  JsonConfigResource,
  JsonConfiguration,
  JsonExpression,
  JsonExpressions,
  JsonModuleCall,
  JsonProviderConfig,
} from './plan-json.js';
import type { ModuleCallView, ModuleConfigLookup } from './resolve.js';

/** True for a `{constant_value?, references?}` node, false for a block's attribute map. */
export function isExpression(node: unknown): node is JsonExpression {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  return Object.keys(node).every((k) => k === 'constant_value' || k === 'references');
}

/** Every reference made anywhere inside an expression tree (an attribute or a nested block). */
export function collectReferences(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) collectReferences(item, into);
  } else if (isExpression(node)) {
    into.push(...(node.references ?? []));
  } else if (typeof node === 'object' && node !== null) {
    for (const value of Object.values(node)) collectReferences(value, into);
  }
  return into;
}

/** What the configuration says about the value at a path inside a resource. */
export type ExpressionLookup =
  /** Written as this expression; `rest` is the part of the path inside its value (`[1]`: a list element). */
  | { kind: 'expression'; expression: JsonExpression; rest: Array<string | number> }
  /** The enclosing block is written but does not set this attribute: the provider computes it. */
  | { kind: 'unset' }
  /** The configuration does not say (no configuration, or a `dynamic` block, which it does not record). */
  | { kind: 'unknown' };

/**
 * Finds the expression that produced the value at `path` inside a resource
 * (`['ingress', 0, 'security_groups', 1]`).
 */
export function expressionAt(
  expressions: JsonExpressions | undefined,
  path: ReadonlyArray<string | number>,
): ExpressionLookup {
  let node: unknown = expressions;
  if (node === undefined) return { kind: 'unknown' };
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (isExpression(node))
      return { kind: 'expression', expression: node, rest: path.slice(i) as Array<string | number> };
    if (Array.isArray(node)) {
      if (typeof step !== 'number' || step >= node.length) return { kind: 'unknown' };
      node = node[step];
    } else if (typeof node === 'object' && node !== null) {
      if (typeof step !== 'string') return { kind: 'unknown' };
      if (!(step in node)) return { kind: 'unset' };
      node = (node as Record<string, unknown>)[step];
    } else return { kind: 'unknown' };
  }
  return isExpression(node) ? { kind: 'expression', expression: node, rest: [] } : { kind: 'unknown' };
}

type Step = string | number;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Whether a planned element can come from a written block: no constant the block writes differs
 * from the element's value, and no nested block it writes is empty in the element. Values known only
 * after apply, and blocks a `dynamic` block wrote (not recorded), prove nothing either way.
 */
function couldWrite(block: unknown, element: unknown): boolean {
  if (!isObject(block) || isExpression(block) || !isObject(element)) return false;
  for (const [key, written] of Object.entries(block)) {
    const planned = element[key];
    if (isExpression(written)) {
      const constant = written.constant_value;
      if (isScalar(constant) && isScalar(planned) && String(constant) !== String(planned)) return false;
    } else if (Array.isArray(written) && written.length > 0) {
      if (Array.isArray(planned) && planned.length === 0) return false;
    }
  }
  return true;
}

const orders = new WeakMap<readonly unknown[], WeakMap<readonly unknown[], readonly number[] | null>>();

/**
 * For each planned element, the index of the block that wrote it, when the planned values settle it;
 * otherwise null. Written order is kept whenever it fits (always, for a list of blocks). Where it
 * does not, every element must be left with exactly one block once the others are matched.
 */
function blockOrder(blocks: readonly unknown[], elements: readonly unknown[]): readonly number[] | null {
  let cached = orders.get(blocks);
  if (!cached) orders.set(blocks, (cached = new WeakMap()));
  const hit = cached.get(elements);
  if (hit !== undefined) return hit;
  let order: number[] | null = null;
  const n = blocks.length;
  if (n === elements.length && n > 1 && elements.some((e, i) => !couldWrite(blocks[i], e))) {
    const candidates = elements.map((e) => blocks.flatMap((b, i) => (couldWrite(b, e) ? [i] : [])));
    const found: number[] = new Array<number>(n).fill(-1);
    const taken = new Set<number>();
    for (let progress = true; progress;) {
      progress = false;
      for (let e = 0; e < n; e++) {
        if (found[e] !== -1) continue;
        const free = (candidates[e] ?? []).filter((i) => !taken.has(i));
        if (free.length !== 1) continue;
        found[e] = free[0]!;
        taken.add(free[0]!);
        progress = true;
      }
    }
    if (found.every((i) => i !== -1)) order = found;
  }
  cached.set(elements, order);
  return order;
}

/**
 * The configuration path of the value at a planned path. Terraform orders the elements of a set of
 * blocks (a distribution's `origin`, a group's `ingress`) by a hash of their values, not as written,
 * so the n-th planned element need not come from the n-th block. Each list index is replaced by the
 * index of the block that wrote the element where the planned values (`known`) settle it, and kept
 * otherwise. https://github.com/zclconf/go-cty/blob/main/cty/set_internals.go (`setRules.Less`)
 */
export function writtenPath(
  expressions: JsonExpressions | undefined,
  known: unknown,
  path: readonly Step[],
): Step[] {
  const out = [...path];
  let node: unknown = expressions;
  let value = known;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (isExpression(node)) break;
    if (typeof step === 'number' && Array.isArray(node)) {
      const index = (Array.isArray(value) ? blockOrder(node, value)?.[step] : undefined) ?? step;
      out[i] = index;
      node = node[index];
      value = Array.isArray(value) ? value[step] : undefined;
    } else if (typeof step === 'string' && isObject(node)) {
      node = node[step];
      value = isObject(value) ? value[step] : undefined;
    } else break;
  }
  return out;
}

export class ConfigIndex implements ModuleConfigLookup {
  constructor(private readonly config: JsonConfiguration | undefined) {}

  get present(): boolean {
    return this.config?.root_module !== undefined;
  }

  /** The configuration module reached by a path of module call names (`[]` = root). */
  module(callPath: readonly string[]): JsonConfigModule | undefined {
    let module = this.config?.root_module;
    for (const name of callPath) module = module?.module_calls?.[name]?.module;
    return module;
  }

  private call(callPath: readonly string[]): JsonModuleCall | undefined {
    if (callPath.length === 0) return undefined;
    const parent = this.module(callPath.slice(0, -1));
    return parent?.module_calls?.[callPath[callPath.length - 1] ?? ''];
  }

  /** A resource's configuration by module call path and in-module address (`aws_vpc.main`). */
  resource(callPath: readonly string[], localAddress: string): JsonConfigResource | undefined {
    return this.module(callPath)?.resources?.find((r) => r.address === localAddress);
  }

  moduleCall(callPath: string[]): ModuleCallView | undefined {
    const call = this.call(callPath);
    if (!call) return undefined;
    return {
      argument: (name) => {
        const expr = call.expressions?.[name];
        if (!expr) return { present: false };
        return { present: true, constant: expr.constant_value, references: expr.references };
      },
      output: (name) => {
        const out = call.module?.outputs?.[name];
        if (!out) return undefined;
        return { references: out.expression?.references, constant: out.expression?.constant_value };
      },
      variableDefault: (name) => {
        const variable = call.module?.variables?.[name];
        return variable && 'default' in variable ? { value: variable.default } : undefined;
      },
    };
  }

  /**
   * The provider configuration a resource uses. Keys are `aws`, `aws.alias`, or `module.m:aws` for a
   * provider configured inside a module; a resource's `provider_config_key` omits the `module.` prefix in
   * Terraform before 1.x (`m:aws`). A module without its own configuration inherits the root's.
   */
  provider(key: string | undefined, fallbackName: string): JsonProviderConfig | undefined {
    const configs = this.config?.provider_config;
    if (!configs) return undefined;
    const candidates: string[] = [];
    if (key) {
      candidates.push(key);
      if (key.includes(':')) {
        candidates.push(key.startsWith('module.') ? key : `module.${key}`);
        candidates.push(key.slice(key.lastIndexOf(':') + 1));
      }
    }
    candidates.push(fallbackName);
    for (const candidate of candidates) {
      const found = configs[candidate];
      // A module's entry that only records a version constraint configures nothing: keep looking.
      if (found && (found.expressions !== undefined || !candidate.includes(':'))) return found;
    }
    return undefined;
  }
}
