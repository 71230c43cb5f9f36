/**
 * Small helpers the type mappings share: reading Terraform values (blocks are lists of objects, unknown
 * values are {@link Unresolved}) and writing CloudFormation-shaped props that hold only what is set.
 */
import { isUnresolved, unresolved, type Unresolved } from '../../../model/index.js';
import type { TfInstance } from '../instance.js';

export type Values = Record<string, unknown>;
export type Props = Record<string, unknown>;

/** False for what Terraform writes for "not set": null, missing, `""`, an empty list or block. */
export function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Sets `props[key]` when the value is set; returns props for chaining. */
export function put(props: Props, key: string, value: unknown): Props {
  if (isSet(value)) props[key] = value;
  return props;
}

/** An object holding only the set entries of `entries`; undefined when nothing is set. */
export function compact(entries: Props): Props | undefined {
  const out: Props = {};
  for (const [k, v] of Object.entries(entries)) put(out, k, v);
  return Object.keys(out).length > 0 ? out : undefined;
}

export function isValues(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnresolved(value);
}

/** The blocks of a nested block list (`ingress { ... }` repeated); an unknown list stays unknown. */
export function blocks(value: unknown): Values[] | Unresolved | undefined {
  if (isUnresolved(value)) return value;
  if (Array.isArray(value)) return value.filter(isValues);
  if (isValues(value)) return [value];
  return undefined;
}

/** The single block of a `MaxItems: 1` nested block (`versioning { ... }`). */
export function block(value: unknown): Values | Unresolved | undefined {
  const list = blocks(value);
  if (list === undefined || isUnresolved(list)) return list;
  return list[0];
}

/** Maps each block through `fn`, keeping an unknown list unknown. */
export function mapBlocks<T>(value: unknown, fn: (b: Values) => T | undefined): T[] | Unresolved | undefined {
  const list = blocks(value);
  if (list === undefined || isUnresolved(list)) return list;
  const out: T[] = [];
  for (const b of list) {
    const mapped = fn(b);
    if (mapped !== undefined) out.push(mapped);
  }
  return out.length > 0 ? out : undefined;
}

/** Applies `fn` to the single block, keeping an unknown block unknown. */
export function mapBlock<T>(value: unknown, fn: (b: Values) => T | undefined): T | Unresolved | undefined {
  const b = block(value);
  if (b === undefined || isUnresolved(b)) return b;
  return fn(b);
}

/** A list value; a single value (one resolved reference where a list was expected) becomes a list of one. */
export function list(value: unknown): unknown[] | Unresolved | undefined {
  if (value === null || value === undefined) return undefined;
  if (isUnresolved(value)) return value;
  return Array.isArray(value) ? value : [value];
}

/** A number from a number or numeric string (Terraform configuration writes `"3306"` as often as `3306`). */
export function num(value: unknown): number | Unresolved | undefined {
  if (isUnresolved(value)) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** A boolean from a boolean or `"true"`/`"false"`. */
export function bool(value: unknown): boolean | Unresolved | undefined {
  if (isUnresolved(value) || typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/**
 * A policy document: Terraform holds them as JSON strings, CloudFormation as objects. A string that is
 * not JSON stays visible as an unresolved value rather than being dropped.
 */
export function policyDocument(value: unknown): unknown {
  if (isUnresolved(value) || isValues(value)) return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return unresolved(value, 'policy document is not valid JSON');
  }
}

/**
 * The value of an attribute, except a value Terraform computes because the configuration does not set
 * it: `route` of a route table, `egress` of a security group, a generated name. After apply those hold
 * what other resources add (folded separately) or a provider-chosen value a template would not state.
 */
export function configuredValue(inst: TfInstance, attribute: string): unknown {
  const value = inst.values[attribute];
  if (isUnresolved(value) && inst.configured && !inst.configured.has(attribute)) return undefined;
  return value;
}

/** True when the attribute is computed by the provider because the configuration leaves it out. */
export function isComputedUnset(inst: TfInstance, attribute: string): boolean {
  return (
    isUnresolved(inst.values[attribute]) && inst.configured !== undefined && !inst.configured.has(attribute)
  );
}

/** `snake_case` → `PascalCase`. */
export function pascal(name: string): string {
  return name
    .split('_')
    .filter((p) => p !== '')
    .map((p) => p[0]?.toUpperCase() + p.slice(1))
    .join('');
}

/** Renames keys recursively with `rename`, keeping unknown values as they are. */
export function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (isUnresolved(value)) return value;
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (isValues(value)) {
    const out: Props = {};
    for (const [k, v] of Object.entries(value)) out[rename(k)] = renameKeys(v, rename);
    return out;
  }
  return value;
}

/** Copies attributes to props by a `terraform_name → CfnName` table, keeping only set values. */
export function copy(v: Values, table: Readonly<Record<string, string>>, props: Props = {}): Props {
  for (const [tf, cfn] of Object.entries(table)) put(props, cfn, v[tf]);
  return props;
}

/** CloudFormation's canned ACL names for S3's `x-amz-acl` values. */
export const CANNED_ACL: Readonly<Record<string, string>> = {
  private: 'Private',
  'public-read': 'PublicRead',
  'public-read-write': 'PublicReadWrite',
  'authenticated-read': 'AuthenticatedRead',
  'log-delivery-write': 'LogDeliveryWrite',
  'bucket-owner-read': 'BucketOwnerRead',
  'bucket-owner-full-control': 'BucketOwnerFullControl',
  'aws-exec-read': 'AwsExecRead',
};

export function cannedAcl(value: unknown): unknown {
  if (typeof value === 'string') return CANNED_ACL[value] ?? value;
  return value;
}

/** Values of one attribute in all known array elements, for `subnet_ids`-like lists. */
export function strings(value: unknown): unknown[] | Unresolved | undefined {
  const l = list(value);
  if (l === undefined || isUnresolved(l)) return l;
  const out = l.filter((x) => x !== null && x !== undefined && x !== '');
  return out.length > 0 ? out : undefined;
}
