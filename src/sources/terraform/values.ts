import { isUnresolved, unresolved } from '../../model/index.js';

/** Path of a value inside a resource: attribute names and list positions. */
export type ValuePath = Array<string | number>;

/** Returned by `onUnknown` for a value the provider computes because the configuration leaves it out. */
export const COMPUTED_UNSET: unique symbol = Symbol('computed-unset');

/** Reason given for a value Terraform marks sensitive: it is never copied into the model. */
export const SENSITIVE_REASON = 'marked sensitive by Terraform; not read';

/**
 * Overlays a plan's `after` values with `after_unknown` and `after_sensitive`: every value Terraform
 * only knows after apply becomes whatever `onUnknown` says (an address or an unresolved value), every
 * sensitive value becomes unresolved so that no secret reaches a report.
 * https://developer.hashicorp.com/terraform/internals/json-format#change-representation
 */
export function overlayUnknown(
  known: unknown,
  unknownMask: unknown,
  sensitiveMask: unknown,
  onUnknown: (path: ValuePath) => unknown | typeof COMPUTED_UNSET,
  path: ValuePath = [],
): unknown {
  if (unknownMask === true) return onUnknown(path);
  if (sensitiveMask === true && known !== null && known !== undefined) {
    return unresolved(`(sensitive value at ${formatPath(path)})`, SENSITIVE_REASON);
  }
  if (Array.isArray(known) || Array.isArray(unknownMask)) {
    const list = Array.isArray(known) ? known : [];
    const mask = Array.isArray(unknownMask) ? unknownMask : [];
    const sens = Array.isArray(sensitiveMask) ? sensitiveMask : [];
    const length = Math.max(list.length, mask.length);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const item = overlayUnknown(list[i], mask[i], sens[i], onUnknown, [...path, i]);
      out.push(
        item === COMPUTED_UNSET
          ? unresolved(`(element ${formatPath([...path, i])})`, 'known after apply')
          : item,
      );
    }
    return out;
  }
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(known) || isObj(unknownMask)) {
    const obj = isObj(known) ? known : {};
    const mask = isObj(unknownMask) ? unknownMask : {};
    const sens = isObj(sensitiveMask) ? sensitiveMask : {};
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(obj), ...Object.keys(mask)])) {
      if (!(key in obj) && mask[key] !== true) continue;
      const item = overlayUnknown(obj[key], mask[key], sens[key], onUnknown, [...path, key]);
      // A value the provider computes because the configuration leaves it out is what a template leaves
      // out too: an AWS default or a value other resources determine.
      if (item !== COMPUTED_UNSET) out[key] = item;
    }
    return out;
  }
  return known;
}

/** `ingress[0].cidr_blocks[1]` */
export function formatPath(path: ValuePath): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out ? `.${step}` : step;
  return out;
}

/**
 * Replaces every string equal to a key of `ids` (a physical id or ARN) by the resource address, and
 * strings equal to a key of `names` when they sit under one of `nameKeys`.
 */
export function rewriteIds(
  value: unknown,
  ids: ReadonlyMap<string, string>,
  names: ReadonlyMap<string, string> = new Map(),
  nameKeys: ReadonlySet<string> = new Set(),
  underNameKey = false,
): unknown {
  if (typeof value === 'string')
    return ids.get(value) ?? (underNameKey ? names.get(value) : undefined) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewriteIds(v, ids, names, nameKeys, underNameKey));
  if (typeof value === 'object' && value !== null && !isUnresolved(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = rewriteIds(v, ids, names, nameKeys, nameKeys.has(k));
    return out;
  }
  return value;
}
