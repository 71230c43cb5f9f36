import type { Json } from './collector.js';

/**
 * SDK output as plain JSON, the shape `aws … --output json` prints: dates as ISO strings, binary as
 * base64, response metadata dropped. Raw outputs are kept in this form (journal, mappers).
 */
export function plain(value: unknown): unknown {
  // Every page of every call passes through here: scalars leave first, and objects are walked by
  // key without building an array of entries.
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = plain(value[i]);
    return out;
  }
  const record = value as Record<string, unknown>;
  const out: Json = {};
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (key === '$metadata' || v === undefined) continue;
    out[key] = plain(v);
  }
  return out;
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a list (anything else in it is dropped). */
export function objectsOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}
