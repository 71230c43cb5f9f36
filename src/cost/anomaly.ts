/**
 * Anomalies in daily spend, per service and account. The baseline of a day is the median of the
 * same weekday over the previous weeks (spend has a weekly rhythm: batch jobs, office hours), and
 * the spread is the median absolute deviation of the series from its own baselines, scaled to a
 * standard deviation (× 1.4826). Medians ignore the spikes they are meant to find, where a mean
 * and standard deviation would be dragged up by them. A day is anomalous when it is above its
 * baseline by more than `k` spreads, by at least `minDollars` and by at least `minPercent`. The
 * driving usage type is the one whose own spend rose most over its own baseline. See docs/cost.md.
 */
import { z } from 'zod';

/** One row of daily spend, as the CUR reader aggregates it (one per day, account, service, usage type). */
export interface DailySpendRow {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  account: string;
  /** `line_item_product_code`, e.g. `AmazonEC2`. */
  service: string;
  usageType: string;
  cost: number;
}

/**
 * The usage type that drove a day's spend of one service in one account, when the caller computed
 * it (the CUR reader does, in SQL); otherwise it is worked out from the rows' usage types.
 */
export interface SpendDriver {
  day: string;
  account: string;
  service: string;
  usageType: string;
  impact: number;
}

export const anomalyParamsSchema = z.object({
  /** Weeks of the same weekday the baseline takes the median of. */
  weeks: z.number().int().min(2).max(12).default(4),
  /** Robust z-score above which a day is anomalous. */
  k: z.number().positive().default(4),
  minDollars: z.number().nonnegative().default(10),
  minPercent: z.number().nonnegative().default(20),
  /** Only the last `recentDays` days are reported (older days are the baseline). */
  recentDays: z.number().int().positive().default(7),
});
export type AnomalyParams = z.input<typeof anomalyParamsSchema>;

/** One anomalous day of one service in one account. */
export interface SpendAnomaly {
  day: string;
  account: string;
  service: string;
  actual: number;
  expected: number;
  /** actual − expected, in the CUR currency. */
  impact: number;
  /** impact / expected × 100; null when nothing was expected. */
  impactPercent: number | null;
  /** Robust z-score: impact over the scaled MAD. */
  score: number;
  drivingUsageType: string;
  drivingImpact: number;
}

/** Daily totals of one service in one account, for charts. */
export interface SpendSeries {
  account: string;
  service: string;
  days: string[];
  actual: number[];
  /** Baseline per day; null where there were not enough earlier weeks. */
  expected: Array<number | null>;
}

export interface AnomalyAnswer {
  params: z.output<typeof anomalyParamsSchema>;
  /** First and last day of the data. */
  from: string | null;
  to: string | null;
  anomalies: SpendAnomaly[];
  /** The series of every anomaly's service and account (for the chart), and the total per day. */
  series: SpendSeries[];
  total: { days: string[]; actual: number[] };
}

const MAD_TO_SIGMA = 1.4826;

/** One service in one account: its daily totals, and per usage type its daily totals. */
interface SpendGroup {
  account: string;
  service: string;
  total: number[];
  usage: Map<string, number[]>;
}

/** A flagged day of one group, before its driving usage type is attached. */
interface Flag {
  group: SpendGroup;
  /** Index of the day in {@link Detection.fill}. */
  i: number;
  actual: number;
  expected: number;
  impact: number;
  pct: number | null;
  score: number;
}

/** What the detection finds, independent of any drivers the caller supplies. */
interface Detection {
  params: z.output<typeof anomalyParamsSchema>;
  fill: string[];
  total: number[];
  flags: Flag[];
  series: SpendSeries[];
}

/**
 * Detections per row array and params. The CUR reader asks for the anomalous cells (to compute
 * their drivers in SQL) and the spend analysis then asks for the anomalies of the same rows: the
 * second call reuses the first's work. Keyed by the array and its length, which callers do not
 * change once built.
 */
const detections = new WeakMap<readonly DailySpendRow[], Map<string, Detection>>();

function detect(rows: readonly DailySpendRow[], params: AnomalyParams): Detection {
  const p = anomalyParamsSchema.parse(params);
  const key = `${rows.length} ${JSON.stringify(p)}`;
  let known = detections.get(rows);
  const hit = known?.get(key);
  if (hit) return hit;

  const days = [...new Set(rows.map((r) => r.day))].sort();
  const fill = days.length > 0 ? completeDays(days[0]!, days[days.length - 1]!) : [];
  const allIndex = new Map(fill.map((d, i) => [d, i]));
  const n = fill.length;

  // Per account and service: daily totals, and per usage type its daily totals. Nested maps, and
  // the day's index reused while the day repeats (the reader's rows come by day): a composite
  // string key per row cost most of the detection.
  const groupsByAccount = new Map<string, Map<string, SpendGroup>>();
  const groups: SpendGroup[] = [];
  const total = new Array<number>(n).fill(0);
  let lastDay: string | undefined;
  let i = -1;
  for (const r of rows) {
    if (r.day !== lastDay) {
      i = allIndex.get(r.day)!;
      lastDay = r.day;
    }
    let services = groupsByAccount.get(r.account);
    if (!services) groupsByAccount.set(r.account, (services = new Map()));
    let g = services.get(r.service);
    if (!g) {
      g = { account: r.account, service: r.service, total: new Array<number>(n).fill(0), usage: new Map() };
      services.set(r.service, g);
      groups.push(g);
    }
    g.total[i]! += r.cost;
    let u = g.usage.get(r.usageType);
    if (!u) g.usage.set(r.usageType, (u = new Array<number>(n).fill(0)));
    u[i]! += r.cost;
    total[i]! += r.cost;
  }

  const flags: Flag[] = [];
  const series: SpendSeries[] = [];
  for (const g of groups) {
    const expected = baselines(g.total, p.weeks);
    const residuals: number[] = [];
    for (let i = 0; i < n; i++) if (expected[i] !== null) residuals.push(g.total[i]! - expected[i]!);
    // The median of the residuals once, not once per residual (that made this loop quadratic:
    // 0.2 s for 12,000 daily rows).
    const centre = median(residuals);
    const sigma = Math.max(median(residuals.map((x) => Math.abs(x - centre))) * MAD_TO_SIGMA, 0.01);
    let flagged = false;
    for (let i = Math.max(0, n - p.recentDays); i < n; i++) {
      const e = expected[i];
      if (e === null || e === undefined) continue;
      const actual = g.total[i]!;
      const impact = actual - e;
      const pct = e > 0 ? (impact / e) * 100 : null;
      const score = impact / sigma;
      if (score < p.k || impact < p.minDollars || (pct !== null && pct < p.minPercent)) continue;
      flags.push({ group: g, i, actual, expected: e, impact, pct, score });
      flagged = true;
    }
    if (flagged) {
      series.push({
        account: g.account,
        service: g.service,
        days: fill,
        actual: g.total.map(round),
        expected: expected.map((e) => (e === null ? null : round(e))),
      });
    }
  }
  const detection: Detection = { params: p, fill, total, flags, series };
  if (!known) detections.set(rows, (known = new Map()));
  known.set(key, detection);
  return detection;
}

/**
 * The anomalies of daily spend rows. `drivers` gives the driving usage type of flagged cells where
 * the caller computed it; for the others it is the usage type among the rows' own whose spend rose
 * most over its own baseline.
 */
export function detectAnomalies(
  rows: readonly DailySpendRow[],
  params: AnomalyParams = {},
  drivers?: readonly SpendDriver[],
): AnomalyAnswer {
  const { params: p, fill, total, flags, series } = detect(rows, params);
  const driverOf = new Map((drivers ?? []).map((d) => [`${d.day}\u001f${d.account}\u001f${d.service}`, d]));
  const anomalies: SpendAnomaly[] = flags.map(({ group: g, i, actual, expected, impact, pct, score }) => {
    let driving = '';
    let drivingImpact = -Infinity;
    const given = driverOf.get(`${fill[i]!}\u001f${g.account}\u001f${g.service}`);
    if (given) [driving, drivingImpact] = [given.usageType, given.impact];
    else {
      for (const [usageType, values] of g.usage) {
        const ue = baselines(values, p.weeks)[i] ?? 0;
        const d = values[i]! - ue;
        if (d > drivingImpact) [driving, drivingImpact] = [usageType, d];
      }
    }
    return {
      day: fill[i]!,
      account: g.account,
      service: g.service,
      actual: round(actual),
      expected: round(expected),
      impact: round(impact),
      impactPercent: pct === null ? null : Math.round(pct),
      score: Math.round(score * 10) / 10,
      drivingUsageType: driving,
      drivingImpact: round(drivingImpact),
    };
  });
  anomalies.sort((a, b) => b.impact - a.impact || cmp(a.day, b.day));
  return {
    params: p,
    from: fill[0] ?? null,
    to: fill[fill.length - 1] ?? null,
    anomalies,
    series,
    total: { days: fill, actual: total.map(round) },
  };
}

/** Median of the same weekday over the previous `weeks` weeks; null until two such weeks exist. */
export function baselines(values: readonly number[], weeks: number): Array<number | null> {
  const out = new Array<number | null>(values.length);
  // The same weekdays, insertion-sorted in one small buffer: a sorted copy per day cost most of
  // the detection on a CUR's thousands of series.
  const same = new Float64Array(weeks);
  for (let i = 0; i < values.length; i++) {
    let count = 0;
    for (let w = 1; w <= weeks && i - 7 * w >= 0; w++) {
      const v = values[i - 7 * w]!;
      let j = count++;
      while (j > 0 && same[j - 1]! > v) {
        same[j] = same[j - 1]!;
        j--;
      }
      same[j] = v;
    }
    const m = count >> 1;
    out[i] = count < 2 ? null : count % 2 ? same[m]! : (same[m - 1]! + same[m]!) / 2;
  }
  return out;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Every day from `from` to `to`, so a day with no spend is a 0, not a gap that shifts weekdays. */
function completeDays(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
