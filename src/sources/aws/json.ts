import type { Json } from './collector.js';

/**
 * SDK output as plain JSON, the shape `aws … --output json` prints: dates as ISO strings, binary as
 * base64, response metadata dropped. Raw outputs are kept in this form (journal, mappers).
 */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    const out: Json = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '$metadata' || v === undefined) continue;
      out[key] = plain(v);
    }
    return out;
  }
  return value;
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a list (anything else in it is dropped). */
export function objectsOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}
