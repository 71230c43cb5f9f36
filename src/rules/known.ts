import { isUnresolved, type Unresolved } from '../model/index.js';

/**
 * A value read from a resource, or why it is not known. Rules branch on `known` before using a
 * value, so an unresolved intrinsic or an unknown-after-apply value can never be read as absent,
 * false or empty and turn into a pass.
 */
export type Known<T = unknown> =
  | { readonly known: true; readonly value: T }
  | { readonly known: false; readonly reason: string; readonly unresolved: Unresolved };

const pathCache = new Map<string, readonly string[]>();

function segments(path: string): readonly string[] {
  let parts = pathCache.get(path);
  if (!parts) {
    parts = path.split('.');
    pathCache.set(path, parts);
  }
  return parts;
}

/**
 * Reads `path` (dot-separated property names; numbers index arrays, e.g. `Replicas.0.Region`) from
 * a resource's `props` or `observed`. A missing property is known and `undefined`; an
 * {@link Unresolved} anywhere on the way makes the result unknown, with a reason that names the
 * property and the expression.
 */
export function prop(from: Readonly<Record<string, unknown>> | undefined, path: string): Known {
  // Most paths are one property name: read it without splitting or a cache lookup.
  if (path.indexOf('.') < 0) {
    const record: unknown = from;
    if (isUnresolved(record)) return unknownAt('', record);
    if (record === null || typeof record !== 'object') return { known: true, value: undefined };
    const value = (record as Record<string, unknown>)[path];
    return isUnresolved(value) ? unknownAt(path, value) : { known: true, value };
  }
  const parts = segments(path);
  let value: unknown = from;
  for (let i = 0; i < parts.length; i++) {
    if (isUnresolved(value)) return unknownAt(parts.slice(0, i).join('.'), value);
    if (value === null || typeof value !== 'object') return { known: true, value: undefined };
    value = (value as Record<string, unknown>)[parts[i]!];
  }
  return isUnresolved(value) ? unknownAt(path, value) : { known: true, value };
}

/** Wraps a value already in hand (an array element, a nested field); `label` names it in the reason. */
export function known(value: unknown, label: string): Known {
  return isUnresolved(value) ? unknownAt(label, value) : { known: true, value };
}

function unknownAt(label: string, value: Unresolved): Known<never> {
  return { known: false, reason: describeUnresolved(label, value), unresolved: value };
}

/** `VersioningConfiguration.Status is not known: <reason> (<expression>)`. */
export function describeUnresolved(label: string, value: Unresolved): string {
  return `${label || 'the value'} is not known: ${value.reason} (${expressionText(value.expression)})`;
}

function expressionText(expression: unknown): string {
  const text = typeof expression === 'string' ? expression : JSON.stringify(expression);
  if (text === undefined) return String(expression);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * A CloudFormation boolean: templates may write `true` or `"true"` (any case), and other sources
 * send real booleans. Anything else is `undefined`, for the rule to report.
 */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** A number, or a string holding one (CloudFormation lets templates quote numbers). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-empty string, or `undefined`. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
