/**
 * Resolves the `references` Terraform records for each configuration expression to the resource
 * instances they name, across module boundaries (`var.x` to the module call's argument, `module.m.out`
 * to the child module's output). A plan has no value for an attribute that is "known after apply"; its
 * references are what still lets a subnet's `vpc_id` point at the VPC resource.
 */
import { unresolved } from '../../model/index.js';
import {
  formatIndex,
  formatSteps,
  joinAddress,
  parseReference,
  splitModuleAddress,
  type Step,
} from './address.js';

/** One resource instance the resolver can point at. */
export interface InstanceKey {
  address: string;
  index?: string | number;
}

/** Where an expression is evaluated: its module instance and the current `count.index` / `each.key`. */
export interface Scope {
  moduleAddress: string;
  index?: string | number;
}

/** What one expression's references come to. */
export interface Resolution {
  /** Resource instances referred to, in the order the references name them, each with the attribute read. */
  targets: Array<{ address: string; type: string; attribute: Step[] }>;
  /** A reference to something with no value here: a data source, a local, an unknown variable. */
  opaque: string[];
  /** A single constant the expression comes to (a module argument or root variable with a value). */
  constant?: { value: unknown };
}

/** Per module call path, the module's configuration (resources, calls, outputs, variables). */
export interface ModuleConfigLookup {
  moduleCall(callPath: string[]): ModuleCallView | undefined;
}

/** The parts of a module call the resolver reads. */
export interface ModuleCallView {
  argument(name: string): { constant?: unknown; references?: string[]; present: boolean };
  output(name: string): { references?: string[]; constant?: unknown } | undefined;
  variableDefault(name: string): { value: unknown } | undefined;
}

/**
 * Attributes that hold a resource's own identity: referring to them is referring to the resource, so
 * they resolve to its address (as CloudFormation's `Ref` resolves to the logical id). `id` is that for
 * every type; for some types Terraform's `id` is the name or the ARN and the other spelling is equal.
 */
const IDENTITY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_s3_bucket: ['bucket'],
  aws_iam_role: ['name'],
  aws_iam_user: ['name'],
  aws_iam_group: ['name'],
  aws_iam_policy: ['arn'],
  aws_iam_instance_profile: ['name'],
  aws_lb: ['arn'],
  aws_alb: ['arn'],
  aws_lb_target_group: ['arn'],
  aws_alb_target_group: ['arn'],
  aws_lb_listener: ['arn'],
  aws_alb_listener: ['arn'],
  aws_sns_topic: ['arn'],
  aws_sqs_queue: ['url'],
  aws_kms_key: ['key_id'],
  aws_lambda_function: ['function_name'],
  aws_dynamodb_table: ['name'],
  aws_autoscaling_group: ['name'],
  aws_cloudwatch_log_group: ['name'],
};

/** True when reading `attribute` of a `type` resource gives the resource's own id. */
export function isIdentityAttribute(type: string, attribute: readonly Step[]): boolean {
  if (attribute.length === 0) return true;
  if (attribute.length !== 1) return false;
  const first = attribute[0];
  if (!first || !('name' in first)) return false;
  return first.name === 'id' || (IDENTITY_ATTRIBUTES[type]?.includes(first.name) ?? false);
}

export class ReferenceResolver {
  /** Resource instances by `module address + type.name`, e.g. `module.a.aws_subnet.b`. */
  private readonly byBase = new Map<string, Array<InstanceKey & { type: string }>>();

  constructor(
    instances: Iterable<InstanceKey & { type: string; base: string }>,
    private readonly modules: ModuleConfigLookup,
    private readonly rootVariables: Record<string, unknown>,
  ) {
    for (const i of instances) {
      const list = this.byBase.get(i.base) ?? [];
      list.push({ address: i.address, index: i.index, type: i.type });
      this.byBase.set(i.base, list);
    }
  }

  /** Resolves all the references of one expression. */
  resolve(references: readonly string[], scope: Scope, depth = 0): Resolution {
    const result: Resolution = { targets: [], opaque: [] };
    const usesIteration = references.some((r) => r.startsWith('each.') || r.startsWith('count.'));
    const parsed = references.map((text) => ({ text, ref: parseReference(text) }));
    // `aws_subnet.a["x"].id` comes with `aws_subnet.a["x"]` and `aws_subnet.a`: the bare form names the
    // same use, not every instance.
    const indexed = new Set(
      parsed.flatMap(({ ref }) =>
        ref?.kind === 'resource' && ref.index !== undefined ? [`${ref.type}.${ref.name}`] : [],
      ),
    );
    for (const { text, ref } of parsed) {
      if (ref?.kind === 'resource' && ref.index === undefined && indexed.has(`${ref.type}.${ref.name}`))
        continue;
      if (!ref) {
        result.opaque.push(text);
        continue;
      }
      switch (ref.kind) {
        case 'each':
        case 'count':
        case 'path':
        case 'terraform':
        case 'self':
          // Iteration keys and paths select or decorate; they name no other resource.
          break;
        case 'resource': {
          const base = joinAddress(scope.moduleAddress, `${ref.type}.${ref.name}`);
          const candidates = this.byBase.get(base) ?? [];
          let chosen = candidates;
          if (ref.index !== undefined) chosen = candidates.filter((c) => c.index === ref.index);
          else if (candidates.length > 1 && usesIteration && scope.index !== undefined) {
            const same = candidates.filter((c) => c.index === scope.index);
            if (same.length === 1) chosen = same;
          }
          if (chosen.length === 0) result.opaque.push(text);
          for (const c of chosen)
            addTarget(result, { address: c.address, type: c.type, attribute: ref.attribute });
          break;
        }
        case 'var':
          this.resolveVariable(ref.name, ref.attribute, text, scope, result, depth);
          break;
        case 'module':
          this.resolveOutput(ref, text, scope, result, depth);
          break;
        default:
          result.opaque.push(text);
      }
    }
    return result;
  }

  private resolveVariable(
    name: string,
    attribute: Step[],
    text: string,
    scope: Scope,
    into: Resolution,
    depth: number,
  ) {
    if (depth > 20) {
      into.opaque.push(text);
      return;
    }
    if (!scope.moduleAddress) {
      if (name in this.rootVariables) setConstant(into, pick(this.rootVariables[name], attribute), text);
      else into.opaque.push(text);
      return;
    }
    const split = splitModuleAddress(scope.moduleAddress);
    const call = split ? this.modules.moduleCall(callPathOf(scope.moduleAddress)) : undefined;
    if (!split || !call) {
      into.opaque.push(text);
      return;
    }
    const arg = call.argument(name);
    if (arg.present && arg.constant !== undefined)
      return setConstant(into, pick(arg.constant, attribute), text);
    if (arg.present && arg.references && arg.references.length > 0) {
      const inner = this.resolve(
        arg.references,
        { moduleAddress: split.parent, index: split.index },
        depth + 1,
      );
      merge(into, inner, text);
      return;
    }
    if (!arg.present) {
      const fallback = call.variableDefault(name);
      if (fallback) return setConstant(into, pick(fallback.value, attribute), text);
    }
    into.opaque.push(text);
  }

  private resolveOutput(
    ref: { name: string; index?: string | number; output?: string },
    text: string,
    scope: Scope,
    into: Resolution,
    depth: number,
  ) {
    if (depth > 20 || !ref.output) {
      into.opaque.push(text);
      return;
    }
    const childAddress = joinAddress(
      scope.moduleAddress,
      `module.${ref.name}${ref.index === undefined ? '' : formatIndex(ref.index)}`,
    );
    const call = this.modules.moduleCall(callPathOf(childAddress));
    const output = call?.output(ref.output);
    if (!output) {
      into.opaque.push(text);
      return;
    }
    if (output.constant !== undefined) return setConstant(into, output.constant, text);
    const inner = this.resolve(output.references ?? [], { moduleAddress: childAddress }, depth + 1);
    merge(into, inner, text);
  }
}

function callPathOf(moduleAddress: string): string[] {
  const path: string[] = [];
  let rest = moduleAddress;
  while (rest) {
    const split = splitModuleAddress(rest);
    if (!split) break;
    path.unshift(split.call);
    rest = split.parent;
  }
  return path;
}

function addTarget(into: Resolution, target: { address: string; type: string; attribute: Step[] }) {
  const existing = into.targets.find((t) => t.address === target.address);
  // Terraform lists `aws_vpc.main.id` and `aws_vpc.main` for one use; keep the more specific.
  if (existing) {
    if (target.attribute.length > existing.attribute.length) existing.attribute = target.attribute;
    return;
  }
  into.targets.push(target);
}

function merge(into: Resolution, inner: Resolution, text: string) {
  for (const t of inner.targets) addTarget(into, t);
  into.opaque.push(...inner.opaque);
  if (inner.constant) setConstant(into, inner.constant.value, text);
}

function setConstant(into: Resolution, value: unknown, text: string) {
  if (into.constant !== undefined) into.opaque.push(text);
  else into.constant = { value };
}

/** Follows attribute steps into a constant (`var.cfg.name`); undefined when the path is not there. */
function pick(value: unknown, steps: readonly Step[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = 'name' in step ? step.name : step.index;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * The value an unknown attribute stands for: the target's address when the expression is exactly a
 * reference to another resource's identity, several addresses for a list of such references, otherwise
 * an {@link unresolved} naming what it waits for.
 */
export function valueFromResolution(
  resolution: Resolution | undefined,
  selfExpression: string,
  reason = 'known after apply',
): unknown {
  if (!resolution) return unresolved(selfExpression, reason);
  if (resolution.constant && resolution.targets.length === 0 && resolution.opaque.length === 0) {
    return resolution.constant.value;
  }
  if (resolution.opaque.length > 0 || resolution.targets.length === 0) {
    const named = [...resolution.targets.map((t) => describeTarget(t)), ...resolution.opaque];
    return unresolved(named.length > 0 ? named.join(', ') : selfExpression, reason);
  }
  if (resolution.targets.every((t) => isIdentityAttribute(t.type, t.attribute))) {
    const addresses = resolution.targets.map((t) => t.address);
    return addresses.length === 1 ? addresses[0] : addresses;
  }
  return unresolved(resolution.targets.map((t) => describeTarget(t)).join(', '), reason);
}

/** `module.a.aws_iam_role.r.arn`: the target's address with the attribute read, for linking. */
export function describeTarget(t: { address: string; attribute: Step[] }): string {
  const attr = formatSteps(t.attribute);
  if (!attr) return t.address;
  return t.attribute[0] && 'index' in t.attribute[0] ? `${t.address}${attr}` : `${t.address}.${attr}`;
}
