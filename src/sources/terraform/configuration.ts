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
