/**
 * A small, deliberately partial evaluator of Terraform configuration: literals, variables (defaults,
 * tfvars, `--param`), locals, `count`/`for_each` keys, module inputs and outputs, and references to
 * other resources (to their address). Everything else (most functions, conditionals, `for`
 * expressions, data sources) becomes {@link unresolved}. It reads what a plan would show without
 * running Terraform; a plan is the precise input.
 * https://developer.hashicorp.com/terraform/language/expressions
 */
import { isUnresolved, unresolved } from '../../../model/index.js';
import {
  formatIndex,
  formatSteps,
  joinAddress,
  parseReference,
  parseTraversal,
  type Step,
} from '../address.js';
import { isIdentityAttribute } from '../resolve.js';
import type { HclBody, HclResource, ModuleConfig } from './parse.js';

/** The current `each`, `count` and dynamic-block iterators. */
export interface IterContext {
  each?: { key: unknown; value: unknown };
  countIndex?: number;
  named?: ReadonlyMap<string, { key: unknown; value: unknown }>;
}

/** A resolved reference to a resource's identity; becomes its address when the value is final. */
export class AddressRef {
  constructor(readonly address: string) {}
}

/** One resource instance of a module instance. */
export interface ResourceInstance {
  address: string;
  index?: string | number;
  resource: HclResource;
  iter: IterContext;
  module: ModuleInstance;
}

/** Where a module instance gets its inputs: the `module` block's arguments, evaluated in the caller. */
export interface ModuleInputs {
  body: HclBody;
  caller: ModuleInstance;
  iter: IterContext;
}

const NOT_EVALUATED = 'HCL expression not evaluated';

/** Arguments of the few functions evaluated here, parsed ahead (parsing is asynchronous). */
export type ArgumentCache = ReadonlyMap<string, unknown>;

export class ModuleInstance {
  /** Child module instances by call name. */
  readonly children = new Map<string, ModuleInstance[]>();
  /** Resource instances by `module address + type.name`. */
  readonly resources = new Map<string, ResourceInstance[]>();
  /** Calls not expanded (remote source), by name, with why. */
  readonly unexpanded = new Map<string, string>();
  private readonly cache = new Map<string, { value: unknown; refs: string[] }>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly address: string,
    readonly config: ModuleConfig,
    readonly inputs: ModuleInputs | undefined,
    readonly rootValues: Readonly<Record<string, unknown>>,
    readonly args: ArgumentCache,
    readonly index?: string | number,
  ) {}

  /** Evaluates a named thing once (a variable, a local, an output) and remembers what it referred to. */
  memo(key: string, refs: Set<string>, compute: (refs: Set<string>) => unknown): unknown {
    const hit = this.cache.get(key);
    if (hit) {
      for (const r of hit.refs) refs.add(r);
      return hit.value;
    }
    if (this.evaluating.has(key)) return unresolved(key, 'refers to itself');
    this.evaluating.add(key);
    const own = new Set<string>();
    const value = compute(own);
    this.evaluating.delete(key);
    this.cache.set(key, { value, refs: [...own] });
    for (const r of own) refs.add(r);
    return value;
  }
}

/** Where an expression is evaluated. `refs` collects the resource addresses it refers to. */
export interface EvalContext {
  module: ModuleInstance;
  iter: IterContext;
  refs: Set<string>;
  depth: number;
}

/** Evaluates a value as hcl2json gives it (literals, `"${...}"` strings, lists, objects). */
export function evaluate(value: unknown, ctx: EvalContext): unknown {
  if (typeof value === 'string') return evaluateString(value, ctx);
  if (Array.isArray(value)) return value.map((v) => evaluate(v, ctx));
  if (value !== null && typeof value === 'object' && !isUnresolved(value) && !(value instanceof AddressRef)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluate(v, ctx);
    return out;
  }
  return value;
}

/** Template parts: literal text, `${...}` interpolations and `%{...}` directives. */
type Part = { text: string } | { expr: string } | { directive: string };

function splitTemplate(s: string): Part[] | undefined {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    if ((s.startsWith('$${', i) || s.startsWith('%%{', i)) && s[i] === s[i + 1]) {
      text += s.slice(i + 1, i + 3);
      i += 3;
      continue;
    }
    if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      const end = matchingBrace(s, i + 1);
      if (end < 0) return undefined;
      if (text) parts.push({ text });
      text = '';
      const inner = s.slice(i + 2, end);
      parts.push(s[i] === '$' ? { expr: inner } : { directive: inner });
      i = end + 1;
      continue;
    }
    text += s[i];
    i++;
  }
  if (text) parts.push({ text });
  return parts;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  let quote = false;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === '"') quote = false;
      continue;
    }
    if (ch === '"') quote = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function evaluateString(s: string, ctx: EvalContext): unknown {
  if (!s.includes('${') && !s.includes('%{')) return s;
  const parts = splitTemplate(s);
  if (!parts) return unresolved(s, NOT_EVALUATED);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only && 'expr' in only) return evaluateExpression(only.expr, ctx);
  let out = '';
  for (const part of parts) {
    if ('text' in part) out += part.text;
    else if ('directive' in part) return unresolved(s, 'template directive not evaluated');
    else {
      const v = evaluateExpression(part.expr, ctx);
      // An address inside a string would be wrong data: the string is only known after apply.
      if (v instanceof AddressRef) return unresolved(s, 'known after apply');
      if (isUnresolved(v)) return unresolved(s, v.reason);
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out += String(v);
      else return unresolved(s, NOT_EVALUATED);
    }
  }
  return out;
}

/** The functions whose argument is evaluated: type conversions and `jsonencode`. */
const FUNCTION = /^(jsonencode|toset|tolist|tomap|tostring|tonumber|tobool)\(([\s\S]*)\)$/;

/** The function calls in a module's values whose argument needs parsing ahead of evaluation. */
export function functionArguments(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string' && value.includes('${')) {
    for (const part of splitTemplate(value) ?? []) {
      if ('expr' in part) {
        const m = FUNCTION.exec(part.expr.trim());
        if (m?.[2]) into.add(m[2].trim());
      }
    }
  } else if (Array.isArray(value)) for (const v of value) functionArguments(v, into);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) functionArguments(v, into);
  return into;
}

export function evaluateExpression(source: string, ctx: EvalContext): unknown {
  if (ctx.depth > 40) return unresolved(source, 'too deeply nested');
  const expr = substituteIterators(source.trim(), ctx.iter);
  if (/^-?\d+(\.\d+)?$/.test(expr)) return Number(expr);
  if (expr === 'true' || expr === 'false') return expr === 'true';
  if (expr === 'null') return null;
  if (/^"[^"\\$%]*"$/.test(expr)) return expr.slice(1, -1);

  const fn = FUNCTION.exec(expr);
  if (fn?.[1] && fn[2] !== undefined) return callFunction(fn[1], fn[2].trim(), source, ctx);

  const steps = parseTraversal(expr);
  const first = steps?.[0];
  if (!steps || !first || !('name' in first)) return unresolved(source, NOT_EVALUATED);

  const named = ctx.iter.named?.get(first.name);
  if (named) return iteratorValue(named, steps.slice(1), source);

  const ref = parseReference(expr);
  if (!ref) return unresolved(source, NOT_EVALUATED);
  switch (ref.kind) {
    case 'var':
      return pick(variable(ref.name, ctx), ref.attribute, source);
    case 'local':
      return pick(local(ref.name, ctx), ref.attribute, source);
    case 'each':
      return ctx.iter.each
        ? iteratorValue(ctx.iter.each, ref.attribute, source)
        : unresolved(source, 'each used outside for_each');
    case 'count':
      return ctx.iter.countIndex !== undefined && formatSteps(ref.attribute) === 'index'
        ? ctx.iter.countIndex
        : unresolved(source, 'count used outside count');
    case 'module':
      return moduleOutput(ref, source, ctx);
    case 'resource':
      return resourceReference(ref, source, ctx);
    case 'data':
      return unresolved(source, 'data source read by Terraform at plan time');
    default:
      return unresolved(source, NOT_EVALUATED);
  }
}

/** `[each.key]`, `[count.index]` inside a traversal, replaced by the current key so the traversal parses. */
function substituteIterators(expr: string, iter: IterContext): string {
  let out = expr;
  if (iter.each) {
    out = out.replace(/\[\s*each\.key\s*\]/g, formatIndex(iter.each.key as string | number));
    if (typeof iter.each.value === 'string' || typeof iter.each.value === 'number') {
      out = out.replace(/\[\s*each\.value\s*\]/g, formatIndex(iter.each.value));
    }
  }
  if (iter.countIndex !== undefined) out = out.replace(/\[\s*count\.index\s*\]/g, `[${iter.countIndex}]`);
  return out;
}

function iteratorValue(iter: { key: unknown; value: unknown }, steps: Step[], source: string): unknown {
  const [first, ...rest] = steps;
  if (first && 'name' in first && first.name === 'key') return iter.key;
  if (first && 'name' in first && first.name === 'value') return pick(iter.value, rest, source);
  return unresolved(source, NOT_EVALUATED);
}

/** Follows attribute and index steps into an evaluated value. */
function pick(value: unknown, steps: readonly Step[], source: string): unknown {
  let current = value;
  for (const step of steps) {
    if (isUnresolved(current)) return unresolved(source, current.reason);
    if (current instanceof AddressRef) return unresolved(source, 'known after apply');
    if (current === null || typeof current !== 'object') return unresolved(source, NOT_EVALUATED);
    const key = 'name' in step ? step.name : step.index;
    if (key === '*') return unresolved(source, NOT_EVALUATED);
    current = (current as Record<string | number, unknown>)[key];
    if (current === undefined) return unresolved(source, 'no such attribute or element');
  }
  return current;
}

function callFunction(name: string, argText: string, source: string, ctx: EvalContext): unknown {
  const parsed = ctx.module.args.get(argText);
  if (parsed === undefined) return unresolved(source, NOT_EVALUATED);
  const arg = evaluate(parsed, { ...ctx, depth: ctx.depth + 1 });
  if (isUnresolved(arg)) return unresolved(source, arg.reason);
  switch (name) {
    case 'jsonencode':
      // Kept as the structure (a policy document with one unknown ARN stays readable), not as text.
      return finalize(arg);
    case 'toset':
    case 'tolist':
      if (!Array.isArray(arg)) return unresolved(source, NOT_EVALUATED);
      return name === 'toset'
        ? [...new Set(arg.map((a) => (typeof a === 'object' ? JSON.stringify(a) : a)))]
        : arg;
    case 'tomap':
      return arg !== null && typeof arg === 'object' && !Array.isArray(arg)
        ? arg
        : unresolved(source, NOT_EVALUATED);
    case 'tostring':
      return typeof arg === 'string' || typeof arg === 'number' || typeof arg === 'boolean'
        ? String(arg)
        : unresolved(source, NOT_EVALUATED);
    case 'tonumber':
      return typeof arg === 'number'
        ? arg
        : typeof arg === 'string' && arg.trim() !== '' && !Number.isNaN(Number(arg))
          ? Number(arg)
          : unresolved(source, NOT_EVALUATED);
    case 'tobool':
      return typeof arg === 'boolean'
        ? arg
        : arg === 'true' || arg === 'false'
          ? arg === 'true'
          : unresolved(source, NOT_EVALUATED);
    default:
      return unresolved(source, NOT_EVALUATED);
  }
}

function variable(name: string, ctx: EvalContext): unknown {
  const module = ctx.module;
  return module.memo(`var.${name}`, ctx.refs, (refs) => {
    const declared = module.config.variables.get(name);
    if (module.inputs && name in module.inputs.body) {
      return evaluate(module.inputs.body[name], {
        module: module.inputs.caller,
        iter: module.inputs.iter,
        refs,
        depth: ctx.depth + 1,
      });
    }
    if (!module.inputs && name in module.rootValues) return module.rootValues[name];
    if (declared && 'default' in declared) {
      return evaluate(declared.default, { module, iter: {}, refs, depth: ctx.depth + 1 });
    }
    return unresolved(`var.${name}`, 'variable has no default and no value given');
  });
}

function local(name: string, ctx: EvalContext): unknown {
  const module = ctx.module;
  if (!module.config.locals.has(name)) return unresolved(`local.${name}`, 'no such local value');
  return module.memo(`local.${name}`, ctx.refs, (refs) =>
    evaluate(module.config.locals.get(name), { module, iter: {}, refs, depth: ctx.depth + 1 }),
  );
}

function moduleOutput(
  ref: { name: string; index?: string | number; output?: string; attribute: Step[] },
  source: string,
  ctx: EvalContext,
): unknown {
  const why = ctx.module.unexpanded.get(ref.name);
  if (why) return unresolved(source, why);
  const instances = ctx.module.children.get(ref.name) ?? [];
  const child =
    ref.index !== undefined
      ? instances.find((c) => c.index === ref.index)
      : instances.length === 1
        ? instances[0]
        : undefined;
  if (!child || !ref.output) return unresolved(source, 'no such module instance');
  const output = child.config.outputs.get(ref.output);
  if (!output) return unresolved(source, `module ${ref.name} has no output ${ref.output}`);
  const value = child.memo(`output.${ref.output}`, ctx.refs, (refs) =>
    evaluate(output.value, { module: child, iter: {}, refs, depth: ctx.depth + 1 }),
  );
  return ref.attribute.length > 0 ? pick(value, ref.attribute, source) : value;
}

function resourceReference(
  ref: { type: string; name: string; index?: string | number; attribute: Step[] },
  source: string,
  ctx: EvalContext,
): unknown {
  const base = joinAddress(ctx.module.address, `${ref.type}.${ref.name}`);
  const candidates = ctx.module.resources.get(base) ?? [];
  if (candidates.length === 0) return unresolved(source, 'refers to a resource not in this configuration');
  if (ref.index === '*') {
    // `aws_subnet.a[*].id`: every instance, when what is read is the identity.
    if (!isIdentityAttribute(ref.type, ref.attribute)) return unresolved(source, 'known after apply');
    for (const c of candidates) ctx.refs.add(c.address);
    return candidates.map((c) => new AddressRef(c.address));
  }
  const target =
    ref.index !== undefined
      ? candidates.find((c) => c.index === ref.index)
      : candidates.length === 1 && candidates[0]?.index === undefined
        ? candidates[0]
        : undefined;
  if (!target) return unresolved(source, 'refers to a resource instance not in this configuration');
  ctx.refs.add(target.address);
  if (isIdentityAttribute(ref.type, ref.attribute)) return new AddressRef(target.address);
  // An attribute the configuration sets to a known value (`aws_vpc.main.cidr_block`) is that value.
  const [first, ...rest] = ref.attribute;
  if (first && 'name' in first && first.name in target.resource.body) {
    const value = evaluate(target.resource.body[first.name], {
      module: target.module,
      iter: target.iter,
      refs: new Set(),
      depth: ctx.depth + 1,
    });
    if (!containsUnknown(value)) return pick(value, rest, source);
  }
  return unresolved(`${target.address}.${formatSteps(ref.attribute)}`, 'known after apply');
}

function containsUnknown(value: unknown): boolean {
  if (isUnresolved(value) || value instanceof AddressRef) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === 'object') return Object.values(value).some(containsUnknown);
  return false;
}

/** Replaces address references by the address strings the model uses. */
export function finalize(value: unknown): unknown {
  if (value instanceof AddressRef) return value.address;
  if (Array.isArray(value)) return value.map(finalize);
  if (value !== null && typeof value === 'object' && !isUnresolved(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = finalize(v);
    return out;
  }
  return value;
}
