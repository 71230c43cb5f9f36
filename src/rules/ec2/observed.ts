/**
 * Reading run-time facts (`observed`) the way docs/architecture.md fixes their shape: metrics are
 * `observed.Metrics.<MetricName> = {Namespace, Statistic, Unit, PeriodSeconds, Values}`, one value
 * per period, oldest first, the last one ending at the snapshot time. Shared by the EC2, ELB and
 * Auto Scaling rules; not a rule.
 */
import type { Resource } from '../../model/index.js';
import type { GraphView } from '../context.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

/**
 * Why a resource has no metrics when collecting them failed after it was listed (a denied or
 * throttled `GetMetricData`), as a clause for an `error`; `undefined` when nothing failed, and an
 * absent metric then means the source has none (a template, or a resource CloudWatch has no data for).
 */
export function metricsNotRead(resource: Resource, graph: GraphView): string | undefined {
  const gap = graph.unreadProperty(resource, 'observed.Metrics');
  return gap && `its CloudWatch metrics were not read (${gap.message.replace(/\.$/, '')})`;
}

/** One metric series as the collectors store it. */
export interface MetricSeries {
  readonly statistic?: string;
  readonly periodSeconds: number;
  /** Oldest first. */
  readonly values: readonly number[];
}

/**
 * The series of `name`, `undefined` when the resource has none, or an error text when it is
 * malformed (a rule reports that as `error`, never as a pass).
 */
export function metric(
  resource: Resource,
  name: string,
): MetricSeries | undefined | { readonly malformed: string } {
  const metrics = resource.observed?.Metrics;
  if (metrics === undefined || metrics === null || typeof metrics !== 'object') return undefined;
  const raw = (metrics as Record<string, unknown>)[name];
  if (raw === undefined) return undefined;
  if (raw === null || typeof raw !== 'object')
    return { malformed: `observed metric ${name} is not an object` };
  const m = raw as Record<string, unknown>;
  const values = m.Values;
  if (!isNumberList(values)) {
    return { malformed: `observed metric ${name} has Values that are not a list of numbers` };
  }
  const period = typeof m.PeriodSeconds === 'number' && m.PeriodSeconds > 0 ? m.PeriodSeconds : 86400;
  return typeof m.Statistic === 'string'
    ? { periodSeconds: period, values, statistic: m.Statistic }
    : { periodSeconds: period, values };
}

function isNumberList(values: unknown): values is number[] {
  if (!Array.isArray(values)) return false;
  // An index, not for-of: iterating a list of doubles boxes every value.
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  }
  return true;
}

export function isMalformed(x: unknown): x is { readonly malformed: string } {
  return typeof x === 'object' && x !== null && 'malformed' in x;
}

/** The last `days` daily values of a series (all of them when it is shorter). */
export function lastDays(series: MetricSeries, days: number): readonly number[] {
  const perDay = Math.max(1, Math.round(86400 / series.periodSeconds));
  if (perDay === 1) {
    // The series is read-only: a short one is its own last days, without a copy.
    return series.values.length <= days ? series.values : series.values.slice(-days);
  }
  // Finer periods are summed into days, newest day last, so every rule compares daily figures.
  const out: number[] = [];
  const values = series.values;
  for (let end = values.length; end > 0 && out.length < days; end -= perDay) {
    const start = Math.max(0, end - perDay);
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i] as number;
    out.unshift(series.statistic === 'Average' ? sum / (end - start) : sum);
  }
  return out;
}

/** A time as AWS writes it (ISO 8601, or epoch seconds/milliseconds); `undefined` when unreadable. */
export function parseTime(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value))
    return new Date(value < 1e12 ? value * 1000 : value);
  if (typeof value !== 'string' || value === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Whole days from `from` to `to`, rounded down. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** `$12.34`. */
export function money(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** `1.5 MB`, `310 KB`, `38.2 GB` for reasons. */
export function bytes(n: number): string {
  if (n >= 1024 * MB) return `${(n / (1024 * MB)).toFixed(1)} GB`;
  if (n >= MB) return `${(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${Math.round(n)} bytes`;
}

/** Hours in the month AWS prices are quoted for (730 = 8760 / 12). */
export const HOURS_PER_MONTH = 730;
