/**
 * Dates in `observed` facts (ISO 8601 strings as the AWS APIs and the credential report give them,
 * or epoch milliseconds), and ages against the run's clock.
 */

const DAY_MS = 86_400_000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

/**
 * A date value: `Date`, ISO 8601 string, or epoch milliseconds. The credential report writes
 * `N/A`, `not_supported` or `no_information` where there is no date: those are `undefined`, as is
 * anything unparsable (the caller tells "absent" from "present but not a date" with {@link hasValue}).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
export function parseDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
  if (typeof value !== 'string' || !ISO_DAY.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Whole days from `date` to `now` (negative when `date` is in the future). */
export function daysSince(date: Date, now: Date): number {
  return Math.floor((now.getTime() - date.getTime()) / DAY_MS);
}

/** Whole days from `now` to `date` (negative when `date` has passed). */
export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

/** `2026-05-01` for reasons. */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const NO_DATE = /^(n\/a|no_information|not_supported)$/i;

/** A value the credential report or an API gives as "no date": `N/A`, `no_information`, `not_supported`. */
export function isNoDate(value: unknown): boolean {
  return typeof value === 'string' && NO_DATE.test(value.trim());
}

/** Present and not one of the "no date" markers. */
export function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !isNoDate(value);
}
