import { isUnresolved } from '../../model/index.js';
import type { KeyPath } from './parse.js';
import { isPlainObject, type PlainObject } from './scope.js';

/** One entry of a template section after expansion, with the key path of its declaration. */
export interface SectionEntry {
  key: string;
  value: unknown;
  keyPath: KeyPath;
}

export interface ForEachHooks {
  /** Evaluates a loop's collection (a literal list, a list parameter, `Fn::FindInMap`...). */
  collection(expr: unknown): unknown;
  /** Reports a loop that cannot be expanded, at the loop's key path. */
  problem(message: string, keyPath: KeyPath): void;
}

const PREFIX = 'Fn::ForEach::';

/**
 * Expands `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]` loops of the
 * `AWS::LanguageExtensions` transform in a section (Resources, Outputs, Conditions) and inside the
 * values it produces. In the output, `${Identifier}` and `&{Identifier}` (the value without
 * non-alphanumeric characters) are replaced in keys and strings, and `{Ref: Identifier}` by the value.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-foreach.html
 */
export function expandSection(section: PlainObject, base: KeyPath, hooks: ForEachHooks): SectionEntry[] {
  const out: SectionEntry[] = [];
  const seen = new Set<string>();
  for (const entry of expandEntries(section, base, [], hooks)) {
    if (seen.has(entry.key)) {
      hooks.problem(`Fn::ForEach produces "${entry.key}" twice; the first is kept`, entry.keyPath);
      continue;
    }
    seen.add(entry.key);
    out.push({ ...entry, value: expandValues(entry.value, entry.keyPath, hooks) });
  }
  return out;
}

/** True when a template uses Fn::ForEach anywhere (cheap check before expanding). */
export function usesForEach(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesForEach);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([k, v]) => k.startsWith(PREFIX) || usesForEach(v));
}

type Binding = readonly [identifier: string, value: string];

function expandEntries(
  section: PlainObject,
  base: KeyPath,
  bindings: readonly Binding[],
  hooks: ForEachHooks,
): SectionEntry[] {
  const out: SectionEntry[] = [];
  for (const [key, value] of Object.entries(section)) {
    const keyPath = [...base, key];
    if (!key.startsWith(PREFIX)) {
      out.push({ key: substitute(key, bindings) as string, value: substitute(value, bindings), keyPath });
      continue;
    }
    if (
      !Array.isArray(value) ||
      value.length !== 3 ||
      typeof value[0] !== 'string' ||
      !isPlainObject(value[2])
    ) {
      hooks.problem(
        `${key} is malformed: it needs [Identifier, Collection, {OutputKey: OutputValue}]`,
        keyPath,
      );
      continue;
    }
    const [identifier, collectionExpr, body] = value as [string, unknown, PlainObject];
    const collection = hooks.collection(substitute(collectionExpr, bindings));
    if (!Array.isArray(collection)) {
      const reason = isUnresolved(collection) ? collection.reason : 'the collection is not a list';
      hooks.problem(`${key} is not expanded: ${reason}`, keyPath);
      continue;
    }
    for (const item of collection) {
      if (isUnresolved(item) || (item !== null && typeof item === 'object')) {
        hooks.problem(`${key} is not expanded for an item that is not a string`, keyPath);
        continue;
      }
      out.push(...expandEntries(body, [...keyPath, 2], [...bindings, [identifier, String(item)]], hooks));
    }
  }
  return out;
}

/** Expands loops nested inside a value (e.g. in a resource's Properties). */
function expandValues(value: unknown, keyPath: KeyPath, hooks: ForEachHooks): unknown {
  if (Array.isArray(value)) return value.map((v, i) => expandValues(v, [...keyPath, i], hooks));
  if (!isPlainObject(value)) return value;
  const hasLoop = Object.keys(value).some((k) => k.startsWith(PREFIX));
  const entries = hasLoop
    ? expandEntries(value, keyPath, [], hooks)
    : Object.entries(value).map(([key, v]) => ({ key, value: v, keyPath: [...keyPath, key] }));
  const out: PlainObject = {};
  for (const entry of entries) out[entry.key] = expandValues(entry.value, entry.keyPath, hooks);
  return out;
}

function substitute(value: unknown, bindings: readonly Binding[]): unknown {
  if (bindings.length === 0) return value;
  if (typeof value === 'string') {
    let text = value;
    for (const [identifier, item] of bindings) {
      text = text
        .split(`\${${identifier}}`)
        .join(item)
        .split(`&{${identifier}}`)
        .join(item.replace(/[^A-Za-z0-9]/g, ''));
    }
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, bindings));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string') {
    const bound = [...bindings].reverse().find(([identifier]) => identifier === value.Ref);
    if (bound) return bound[1];
  }
  const out: PlainObject = {};
  for (const [k, v] of Object.entries(value))
    out[substitute(k, bindings) as string] = substitute(v, bindings);
  return out;
}
