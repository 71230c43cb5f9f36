/**
 * Readers for the settings the data-store rules check (RDS, DynamoDB, Redshift, Backup, EFS,
 * ElastiCache, OpenSearch): a property with the service's default filled in, or why it is not
 * known. They sit here, next to the largest group of their users; the other folders import them.
 */
import { isUnresolved, UNKNOWN_ACCOUNT, UNKNOWN_REGION, type Resource } from '../../model/index.js';
import { asBoolean, asNumber, describeUnresolved, known, prop } from '../rule.js';

/** A setting: its value and whether the service default supplied it, or why it is not known. */
export type Setting<T> =
  | { readonly known: true; readonly value: T; readonly defaulted: boolean }
  | { readonly known: false; readonly reason: string };

function read<T>(
  from: Readonly<Record<string, unknown>> | undefined,
  path: string,
  convert: (v: unknown) => T | undefined,
  kind: string,
  fallback: T,
): Setting<T> {
  const raw = prop(from, path);
  if (!raw.known) return { known: false, reason: raw.reason };
  if (raw.value === undefined || raw.value === null) return { known: true, value: fallback, defaulted: true };
  const value = convert(raw.value);
  if (value === undefined) {
    return { known: false, reason: `${path} is ${JSON.stringify(raw.value)}, not ${kind}` };
  }
  return { known: true, value, defaulted: false };
}

/** A boolean property; absent means `fallback`, the service's documented default. */
export function flag(
  from: Readonly<Record<string, unknown>> | undefined,
  path: string,
  fallback: boolean,
): Setting<boolean> {
  return read(from, path, asBoolean, 'a boolean', fallback);
}

/** A numeric property (templates may quote numbers); absent means `fallback`. */
export function count<F extends number | undefined>(
  from: Readonly<Record<string, unknown>> | undefined,
  path: string,
  fallback: F,
): Setting<number | F> {
  return read<number | F>(from, path, asNumber, 'a number', fallback);
}

/** A string property; absent is `undefined`. */
export function text(
  from: Readonly<Record<string, unknown>> | undefined,
  path: string,
): Setting<string | undefined> {
  return read<string | undefined>(from, path, asText, 'a string', undefined);
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * A list property whose elements must all be known strings (log types, source ids); absent is an
 * empty list.
 */
export function strings(
  from: Readonly<Record<string, unknown>> | undefined,
  path: string,
): Setting<string[]> {
  const raw = prop(from, path);
  if (!raw.known) return { known: false, reason: raw.reason };
  if (raw.value === undefined || raw.value === null) return { known: true, value: [], defaulted: true };
  if (!Array.isArray(raw.value)) return { known: false, reason: `${path} is not a list` };
  const out: string[] = [];
  for (let i = 0; i < raw.value.length; i++) {
    const item = known(raw.value[i], `${path}[${i}]`);
    if (!item.known) return { known: false, reason: item.reason };
    if (typeof item.value !== 'string') return { known: false, reason: `${path}[${i}] is not a string` };
    out.push(item.value);
  }
  return { known: true, value: out, defaulted: false };
}

const SUB_REFERENCE = /\$\{([^}!][^}]*)\}/g;

/**
 * The names an unresolved intrinsic refers to: `Ref` targets, `Fn::GetAtt` resources and the
 * `${Name}` / `${Name.Attr}` variables of `Fn::Sub`. Templates that only know a value after deploy
 * (a generated table name, a vault ARN) still say which resource it belongs to.
 */
export function referencedNames(value: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (v: unknown): void => {
    if (isUnresolved(v)) return visit(v.expression);
    if (Array.isArray(v)) return v.forEach(visit);
    if (v === null || typeof v !== 'object') return;
    for (const [key, inner] of Object.entries(v as Record<string, unknown>)) {
      if (key === 'Ref' && typeof inner === 'string') names.add(inner);
      else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(inner) ? inner[0] : typeof inner === 'string' ? inner.split('.')[0] : '';
        if (typeof target === 'string' && target) names.add(target);
      } else if (key === 'Fn::Sub') {
        const template = Array.isArray(inner) ? inner[0] : inner;
        if (typeof template === 'string') {
          for (const m of template.matchAll(SUB_REFERENCE)) names.add(m[1]!.trim().split('.')[0]!);
        }
        if (Array.isArray(inner)) visit(inner[1]);
      } else visit(inner);
    }
  };
  visit(value);
  return names;
}

/**
 * Whether a value (a string, or an unresolved intrinsic) names `target`: equal to its id, ARN or
 * name, or an intrinsic that references its logical id.
 */
export function names(value: unknown, target: Resource): boolean {
  if (typeof value === 'string') {
    return (
      value === target.id || value === target.arn || (target.name !== undefined && value === target.name)
    );
  }
  if (!isUnresolved(value)) return false;
  const refs = referencedNames(value);
  return refs.has(target.id) || (target.origin.logicalId !== undefined && refs.has(target.origin.logicalId));
}

/**
 * Whether two resources are in the same account and region: `true` when both say so or when they
 * come from one template (one stack deploys to one account and region), `false` when either
 * differs, `undefined` when that cannot be told.
 */
export function sameAccountAndRegion(a: Resource, b: Resource): boolean | undefined {
  if (a.origin.file !== undefined && a.origin.file === b.origin.file && a.origin.source === b.origin.source) {
    return true;
  }
  if (a.account !== UNKNOWN_ACCOUNT && b.account !== UNKNOWN_ACCOUNT && a.account !== b.account) return false;
  if (a.region !== UNKNOWN_REGION && b.region !== UNKNOWN_REGION && a.region !== b.region) return false;
  if (a.account === UNKNOWN_ACCOUNT || b.account === UNKNOWN_ACCOUNT) return undefined;
  if (a.region === UNKNOWN_REGION || b.region === UNKNOWN_REGION) return undefined;
  return true;
}

/** A three-valued answer: yes, no, or not known (with the reason). */
export type Maybe = true | false | { readonly unknown: string };

export function isUnknown(m: Maybe): m is { readonly unknown: string } {
  return typeof m === 'object';
}

/**
 * Whether a reference held in a property (a string, or an unresolved intrinsic) names `target`:
 * `true` when it does, `false` when it names something else, unknown when the template leaves it
 * open (a parameter, an import). `isOtherResource` says whether a referenced logical id is some
 * other resource of the snapshot, which the value then cannot be.
 */
export function refersTo(
  value: unknown,
  target: Resource,
  isOtherResource: (name: string) => boolean,
  label: string,
): Maybe {
  if (names(value, target)) return true;
  if (!isUnresolved(value)) return false;
  const refs = [...referencedNames(value)];
  if (refs.length > 0 && refs.every((r) => isOtherResource(r))) return false;
  return { unknown: describeUnresolved(label, value) };
}
