/**
 * Reads `terraform show -json` output (a saved plan or a state) into {@link TfInstance}s.
 * https://developer.hashicorp.com/terraform/internals/json-format
 */
import { isUnresolved, unresolved, type CoverageGap } from '../../model/index.js';
import { joinAddress, moduleCallPath } from './address.js';
import { collectReferences, ConfigIndex, expressionAt, writtenPath } from './configuration.js';
import type { TfInstance, TfReadResult } from './instance.js';
import {
  checkDocument,
  type JsonDocument,
  type JsonExpression,
  type JsonModule,
  type JsonProviderConfig,
} from './plan-json.js';
import { lineColumnAt, parseJson } from './read.js';
import { ReferenceResolver, valueFromResolution, type Scope } from './resolve.js';
import { COMPUTED_UNSET, formatPath, overlayUnknown, rewriteIds, type ValuePath } from './values.js';

/** A resource instance collected from planned values, changes or state, before its values are resolved. */
interface Collected {
  address: string;
  type: string;
  name: string;
  index?: string | number;
  moduleAddress: string;
  providerName?: string;
  known: unknown;
  unknownMask?: unknown;
  sensitiveMask?: unknown;
  /** Read from AWS already: in a state, or kept, updated or read by a plan (see `Origin.exists`). */
  exists: boolean;
}

/** Parses and reads plan or state JSON text. `file` is used in errors and origins. */
export function readPlanText(text: string, file: string): TfReadResult {
  const doc = checkDocument(parseJson(text, file), file, text);
  return readPlanDocument(doc, text, file);
}

export function readPlanDocument(doc: JsonDocument, text: string, file: string): TfReadResult {
  const collected = new Map<string, Collected>();

  const walk = (module: JsonModule | undefined, moduleAddress: string) => {
    for (const r of module?.resources ?? []) {
      // Data sources read existing things; they are not part of what the plan manages.
      if (r.mode !== 'managed') continue;
      collected.set(r.address, {
        address: r.address,
        type: r.type,
        name: r.name,
        index: r.index,
        moduleAddress: moduleOf(r.address, module?.address ?? moduleAddress),
        providerName: r.provider_name,
        known: r.values ?? {},
        sensitiveMask: r.sensitive_values,
        exists: doc.kind === 'state',
      });
    }
    for (const child of module?.child_modules ?? []) walk(child, child.address ?? moduleAddress);
  };
  walk(doc.kind === 'plan' ? doc.planned_values?.root_module : doc.values?.root_module, '');

  for (const rc of doc.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const actions = rc.change.actions;
    // A resource only deleted (or forgotten) is not part of the planned infrastructure; a replacement
    // (`delete` + `create`, either order) is.
    if (
      !actions.includes('create') &&
      !actions.includes('update') &&
      !actions.includes('no-op') &&
      !actions.includes('read')
    ) {
      if (actions.includes('delete') || actions.includes('forget')) {
        collected.delete(rc.address);
        continue;
      }
    }
    const existing = collected.get(rc.address);
    collected.set(rc.address, {
      address: rc.address,
      type: rc.type,
      name: rc.name,
      index: rc.index,
      moduleAddress: rc.module_address ?? existing?.moduleAddress ?? moduleOf(rc.address, ''),
      providerName: rc.provider_name ?? existing?.providerName,
      known: rc.change.after ?? existing?.known ?? {},
      unknownMask: rc.change.after_unknown,
      sensitiveMask: rc.change.after_sensitive ?? existing?.sensitiveMask,
      // A replacement (`delete` + `create`) makes a new resource, as a plain `create` does.
      exists: !actions.includes('create'),
    });
  }

  const config = new ConfigIndex(doc.configuration);
  const rootVariables: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(doc.variables ?? {})) {
    if (v && typeof v === 'object' && 'value' in v) rootVariables[name] = v.value;
  }
  const resolver = new ReferenceResolver(
    [...collected.values()].map((c) => ({
      address: c.address,
      index: c.index,
      type: c.type,
      base: joinAddress(c.moduleAddress, `${c.type}.${c.name}`),
    })),
    config,
    rootVariables,
  );

  const gaps: CoverageGap[] = [];
  const regions = new Set<string>();
  for (const [key, provider] of Object.entries(doc.configuration?.provider_config ?? {})) {
    const region = providerRegion(provider, rootVariables);
    if (region && (provider.name ?? key).replace(/^.*:/, '').split('.')[0] === 'aws') regions.add(region);
  }

  const instances: TfInstance[] = [];
  for (const c of collected.values()) {
    const callPath = moduleCallPath(c.moduleAddress);
    const local = c.address
      .slice(c.moduleAddress ? c.moduleAddress.length + 1 : 0)
      .replace(/\[[^\]]*\]$/, '');
    const resourceConfig = config.resource(callPath, local);
    const scope: Scope = { moduleAddress: c.moduleAddress, index: c.index };

    const onUnknown = (path: ValuePath): unknown => {
      const self = `${c.address}.${formatPath(path)}`;
      const expressions = resourceConfig ? (resourceConfig.expressions ?? {}) : undefined;
      const found = expressionAt(expressions, writtenPath(expressions, c.known, path));
      if (found.kind === 'unset') return COMPUTED_UNSET;
      if (found.kind === 'unknown') return unresolved(self, 'known after apply');
      return unknownFromExpression(found.expression, found.rest, scope, resolver, self);
    };
    const values = overlayUnknown(c.known, c.unknownMask, c.sensitiveMask, onUnknown) as Record<
      string,
      unknown
    >;

    const refs: Record<string, string[]> = {};
    for (const [attr, expr] of Object.entries(resourceConfig?.expressions ?? {})) {
      const references = collectReferences(expr);
      if (references.length === 0) continue;
      const targets = resolver.resolve(references, scope).targets.map((t) => t.address);
      if (targets.length > 0) refs[attr] = targets;
    }

    const provider = providerOf(c.type, c.providerName);
    const found = config.provider(resourceConfig?.provider_config_key, provider);
    // Only an AWS provider's region and account apply to AWS resources (not to `google_*` ones).
    const providerConfig = found && (found.name ?? provider) === provider ? found : undefined;
    const instance: TfInstance = {
      address: c.address,
      type: c.type,
      name: c.name,
      moduleAddress: c.moduleAddress,
      provider,
      values,
      refs,
      file,
    };
    if (c.index !== undefined) instance.index = c.index;
    if (c.exists) instance.exists = true;
    if (resourceConfig) instance.configured = new Set(Object.keys(resourceConfig.expressions ?? {}));
    const region = providerConfig ? providerRegion(providerConfig, rootVariables) : undefined;
    if (region) instance.region = region;
    const account = providerConfig ? providerAccount(providerConfig) : undefined;
    if (account) instance.account = account;
    const line = lineOfAddress(text, c.address);
    if (line !== undefined) instance.line = line;
    instances.push(instance);
  }

  linkPhysicalIds(instances);
  return { instances, gaps, regions: [...regions] };
}

/** The value an unknown attribute gets from its configuration expression. */
function unknownFromExpression(
  expression: JsonExpression,
  rest: Array<string | number>,
  scope: Scope,
  resolver: ReferenceResolver,
  self: string,
): unknown {
  const references = expression.references ?? [];
  if (references.length === 0) return unresolved(self, 'known after apply');
  const resolution = resolver.resolve(references, scope);
  if (rest.length === 0) return valueFromResolution(resolution, self);
  // One element of a list written as `[aws_security_group.a.id, aws_security_group.b.id]`: Terraform
  // lists the references in source order, so the n-th target is the n-th element when each element is
  // exactly one reference.
  const [first, ...deeper] = rest;
  if (typeof first === 'number' && deeper.length === 0 && resolution.opaque.length === 0) {
    const target = resolution.targets[first];
    if (target) return valueFromResolution({ targets: [target], opaque: [] }, self);
  }
  const named = resolution.targets.map((t) => t.address).concat(resolution.opaque);
  return unresolved(named.length > 0 ? `${self} (from ${named.join(', ')})` : self, 'known after apply');
}

/** Module instance address of a resource address: everything before the last `type.name[key]`. */
function moduleOf(address: string, fallback: string): string {
  const m = /^(.*module\.[^.[]+(?:\[[^\]]*\])?)\.(?:data\.)?[^.]+\.[^.[]+(?:\[[^\]]*\])?$/.exec(address);
  return m?.[1] ?? fallback;
}

/** `registry.terraform.io/hashicorp/aws` → `aws`; falls back to the type prefix. */
export function providerOf(type: string, providerName: string | undefined): string {
  if (providerName) return providerName.slice(providerName.lastIndexOf('/') + 1);
  return type.split('_')[0] ?? type;
}

function constantOf(expr: unknown, rootVariables: Record<string, unknown>): unknown {
  if (!expr || typeof expr !== 'object' || Array.isArray(expr)) return undefined;
  const e = expr as JsonExpression;
  if (e.constant_value !== undefined) return e.constant_value;
  // `region = var.region`: a root variable's value is in the plan.
  const refs = e.references ?? [];
  const variable = refs.length === 1 ? /^var\.([A-Za-z0-9_-]+)$/.exec(refs[0] ?? '') : null;
  if (variable?.[1] && variable[1] in rootVariables) return rootVariables[variable[1]];
  return undefined;
}

function providerRegion(
  provider: JsonProviderConfig,
  rootVariables: Record<string, unknown>,
): string | undefined {
  const region = constantOf(provider.expressions?.region, rootVariables);
  return typeof region === 'string' && region ? region : undefined;
}

/** The account a provider is pinned to (`allowed_account_ids = ["1234..."]`) or assumes a role in. */
function providerAccount(provider: JsonProviderConfig): string | undefined {
  const allowed = constantOf(provider.expressions?.allowed_account_ids, {});
  if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string') return allowed[0];
  const assume = provider.expressions?.assume_role;
  const first = Array.isArray(assume) ? assume[0] : undefined;
  const roleArn = first && !Array.isArray(first) ? constantOf(first.role_arn, {}) : undefined;
  const m = typeof roleArn === 'string' ? /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn) : null;
  return m?.[1];
}

/** Line of the first `"address": "<address>"` in the text (planned values come first). */
function lineOfAddress(text: string, address: string): number | undefined {
  const quoted = JSON.stringify(address);
  const re = new RegExp(`"address"\\s*:\\s*${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  const m = re.exec(text);
  return m ? lineColumnAt(text, m.index).line : undefined;
}

/** Ids AWS assigns (`vpc-0abc…`, `sg-…`, `subnet-…`, `i-…`) and ARNs: unique enough to link by. */
const PHYSICAL_ID = /^(?:[a-z]+(?:-[a-z]+)?-[0-9a-f]{8,17}|arn:aws[a-z-]*:.+)$/;

/** Attributes that name an S3 bucket by its name (the bucket's Terraform id). */
const BUCKET_NAME_KEYS = new Set(['bucket', 'target_bucket', 's3_bucket_name']);

/**
 * In a state (or for resources a plan leaves unchanged) references are already physical ids: a
 * subnet's `vpc_id` is `vpc-0abc…`. Rewrite those that name a resource of the same input to its address,
 * so the graph links the same way as for a new plan. Bucket names, which are not unique-looking, only
 * where an attribute names a bucket.
 */
function linkPhysicalIds(instances: TfInstance[]): void {
  const ids = new Map<string, string>();
  const buckets = new Map<string, string>();
  // `arn` is always the resource's own; an `id` may be the ARN of the resource it configures (an event
  // invoke configuration's is its function's ARN, a topic policy's its topic's), so ARNs are taken first.
  for (const key of ['arn', 'id']) {
    for (const inst of instances) {
      const v = inst.values[key];
      if (typeof v === 'string' && PHYSICAL_ID.test(v) && !ids.has(v)) ids.set(v, inst.address);
    }
  }
  for (const inst of instances) {
    const name = inst.values.bucket;
    if (inst.type === 'aws_s3_bucket' && typeof name === 'string' && name) buckets.set(name, inst.address);
  }
  if (ids.size === 0 && buckets.size === 0) return;
  for (const inst of instances) {
    for (const [key, value] of Object.entries(inst.values)) {
      // A resource's own identity stays as it is (a bucket's `bucket` is its name, not a reference).
      if (
        key === 'id' ||
        key === 'arn' ||
        (key === 'bucket' && inst.type === 'aws_s3_bucket') ||
        isUnresolved(value)
      ) {
        continue;
      }
      inst.values[key] = rewriteIds(value, ids, buckets, BUCKET_NAME_KEYS, BUCKET_NAME_KEYS.has(key));
    }
  }
}
