import { isUnresolved } from '../../../model/index.js';
import type { Props } from './helpers.js';

/**
 * Appends items to an array prop of a fold target, recording each position. An unknown array (a
 * `dynamic` block) becomes `[unknown, ...items]`: some rules not known yet, plus these.
 */
export function appendItems(
  props: Props,
  property: string,
  items: readonly unknown[],
  record: (property: string, index?: number) => void,
): void {
  const existing = props[property];
  const array: unknown[] = Array.isArray(existing) ? existing : isUnresolved(existing) ? [existing] : [];
  for (const item of items) {
    array.push(item);
    record(property, array.length - 1);
  }
  props[property] = array;
}

/** Sets an object or scalar prop of a fold target, recording it. */
export function setProp(
  props: Props,
  property: string,
  value: unknown,
  record: (property: string) => void,
): void {
  if (value === undefined) return;
  props[property] = value;
  record(property);
}
