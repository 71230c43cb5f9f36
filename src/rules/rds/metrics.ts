/**
 * CloudWatch series as sources put them in `observed.Metrics.<MetricName>`: `{ Namespace,
 * Statistic, Unit, PeriodSeconds, Values }`, one value per period, oldest first, the last period
 * ending at the snapshot time (docs/architecture.md, "Conventions for observed"). Shared by the
 * health and cost rules of the data stores.
 */
import type { Resource } from '../../model/index.js';

export interface MetricSeries {
  readonly Namespace?: string;
  readonly Statistic: string;
  readonly Unit?: string;
  readonly PeriodSeconds: number;
  readonly Values: readonly number[];
}

/** A series, `absent` when the resource has no such metric, or why it cannot be read. */
export type MetricRead =
  | { readonly state: 'ok'; readonly series: MetricSeries }
  | { readonly state: 'absent' }
  | { readonly state: 'invalid'; readonly reason: string };

/** Whether the resource carries any observed metrics at all (templates never do). */
export function hasMetrics(resource: Resource): boolean {
  const metrics = resource.observed?.Metrics;
  return metrics !== null && typeof metrics === 'object';
}

export function metric(resource: Resource, name: string): MetricRead {
  const metrics = resource.observed?.Metrics as Record<string, unknown> | undefined;
  const raw = metrics?.[name];
  if (raw === undefined || raw === null) return { state: 'absent' };
  if (typeof raw !== 'object') return { state: 'invalid', reason: `metric ${name} is not a series` };
  const s = raw as Record<string, unknown>;
  const period = s.PeriodSeconds;
  const values = s.Values;
  if (typeof period !== 'number' || !(period > 0)) {
    return { state: 'invalid', reason: `metric ${name} has no valid PeriodSeconds` };
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return { state: 'invalid', reason: `metric ${name} has values that are not numbers` };
  }
  if (typeof s.Statistic !== 'string') return { state: 'invalid', reason: `metric ${name} has no Statistic` };
  return { state: 'ok', series: raw as MetricSeries };
}

const DAY_SECONDS = 86_400;

/**
 * The values covering the last `days` days, or `undefined` when the series is shorter than that
 * (a partial window must not be read as a quiet one).
 */
export function lastDays(series: MetricSeries, days: number): readonly number[] | undefined {
  const needed = Math.ceil((days * DAY_SECONDS) / series.PeriodSeconds);
  if (series.Values.length < needed) return undefined;
  return series.Values.slice(series.Values.length - needed);
}

/** How many days a series covers, for reasons. */
export function daysCovered(series: MetricSeries): number {
  return Math.round(((series.Values.length * series.PeriodSeconds) / DAY_SECONDS) * 10) / 10;
}
