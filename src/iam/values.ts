/**
 * Reading condition values as the operators see them: numbers, dates, booleans, base-64.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

/** A numeric condition value: integer or decimal. */
export function parseNumber(value: string): number | undefined {
  const s = value.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A date condition value in milliseconds: W3C ISO 8601 (`2026-01-01`, `2026-01-01T00:00:00Z`) or
 * epoch seconds (`1767225600`), as the date operators accept.
 */
export function parseDate(value: string): number | undefined {
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  // ISO 8601 date or date-time; Date.parse handles the W3C profile. A bare date is UTC.
  if (!/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[-+]\d{2}:?\d{2})?)?$/.test(s))
    return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A boolean condition value: `true` / `false`, any case. */
export function parseBool(value: string): boolean | undefined {
  const s = value.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** Base-64 bytes, or undefined when the text is not base-64. */
export function parseBase64(value: string): Buffer | undefined {
  const s = value.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return undefined;
  return Buffer.from(s, 'base64');
}
