import type { Json } from '../collector.js';
import { isJson } from '../json.js';

/** The output of a detail call on an item: the object, `null` (not configured), or undefined (not read). */
export function detailOf(item: Json, name: string): Json | null | undefined {
  const details = isJson(item.$detail) ? item.$detail : undefined;
  const value = details?.[name];
  if (value === null) return null;
  return isJson(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A policy document the API returns as a JSON string (Lambda, KMS, Organizations), as an object. */
export function policyDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The item without the runner's `$detail`. */
export function withoutDetail(item: Json): Json {
  const { $detail: _detail, ...rest } = item;
  return rest;
}

/** An attribute the API sends as a string (SNS, SQS): `"true"` / `"false"`, anything else unknown. */
export function flag(value: unknown): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
