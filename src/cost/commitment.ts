/**
 * Savings Plans and Reserved Instance advice from usage history. A commitment `c` (per hour) is
 * paid every hour, used or not, and covers on-demand spend up to `c / (1 − d)` per hour, where `d`
 * is the discount of the commitment over on-demand. Over the hours of the history, with on-demand
 * spend `u_h` in hour `h`:
 *
 *   saving(c) = Σ_h min(u_h, c / (1 − d)) − H · c
 *
 * The sweep evaluates every candidate level (each distinct hourly spend is where the slope
 * changes) and keeps the best; the optimum is the level that the spend reaches in a (1 − d)
 * share of the hours. Coverage is the share of on-demand spend the commitment covers,
 * utilisation the share of the commitment used. The break-even month is when an all-upfront
 * one-year commitment has been paid back by the on-demand spend it covered. See docs/cost.md.
 */
import { z } from 'zod';

export const commitmentParamsSchema = z.object({
  /**
   * Discount of the commitment over on-demand, in percent. It depends on the plan, term, payment
   * option, region and instance family (see the Savings Plans pricing page); the default is an
   * assumption for a one-year, no-upfront Compute Savings Plan, to be replaced by the rate quoted
   * for the plan being considered.
   */
  discountPercent: z.number().gt(0).lt(100).default(27),
  termMonths: z.number().int().positive().default(12),
});
export type CommitmentParams = z.input<typeof commitmentParamsSchema>;

/** The advice for one pool of usage (all compute, or one instance type in one region). */
export interface CommitmentAdvice {
  /** What the pool is, e.g. `Compute Savings Plan` or `Reserved Instances m5.large us-east-1`. */
  pool: string;
  /** `$/h` for a Savings Plan; instances for Reserved Instances. */
  unit: '$/h' | 'instances';
  hours: number;
  /** Recommended commitment per hour (in `unit`). */
  commitment: number;
  /** On-demand spend over the history, and what it would have cost with the commitment. */
  onDemandCost: number;
  committedCost: number;
  saving: number;
  /** Saving per month (730 h). */
  monthlySaving: number;
  /** Percent of on-demand spend covered. */
  coverage: number;
  /** Percent of the commitment used. */
  utilisation: number;
  /** Month (1-based) in which an all-upfront commitment is paid back; null if never within the term. */
  breakEvenMonth: number | null;
  /** Hourly spend percentiles of the history, for the explanation. */
  percentiles: { p10: number; p50: number; p90: number; max: number };
  /** The swept curve: commitment → saving over the history, at up to 20 points. */
  curve: Array<{ commitment: number; saving: number }>;
}

/**
 * Sweeps commitments over hourly on-demand usage. `hourly[h]` is the on-demand spend (or, with
 * `unitPrice`, the instance count) of hour h; hours with no usage must be present as 0. With
 * `unitPrice`, commitments are whole instances (Reserved Instances) and figures are in currency.
 */
export function sweepCommitment(
  pool: string,
  hourly: readonly number[],
  params: CommitmentParams = {},
  unitPrice?: number,
): CommitmentAdvice {
  const p = commitmentParamsSchema.parse(params);
  const d = p.discountPercent / 100;
  const H = hourly.length;
  const price = unitPrice ?? 1;
  const sorted = Float64Array.from(hourly).sort();
  const onDemand = sum(sorted) * price;
  // Prefix sums over the sorted usage give Σ min(u, x) in O(log H) per candidate.
  const prefix = new Float64Array(H + 1);
  for (let i = 0; i < H; i++) prefix[i + 1] = prefix[i]! + sorted[i]!;
  const coveredAt = (x: number): number => {
    let lo = 0;
    let hi = H;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return prefix[lo]! + (H - lo) * x;
  };
  // A commitment level x is the on-demand usage it covers per hour; it costs x(1−d) per hour.
  const savingAt = (x: number): number => (coveredAt(x) - H * x * (1 - d)) * price;
  const candidates = unitPrice ? range(0, Math.ceil(sorted[H - 1] ?? 0)) : [0, ...new Set(sorted)];
  let best = 0;
  let bestSaving = 0;
  for (const x of candidates) {
    const s = savingAt(x);
    if (s > bestSaving + 1e-9) [best, bestSaving] = [x, s];
  }
  const covered = coveredAt(best) * price;
  const committed = H * best * (1 - d) * price;
  const max = sorted[H - 1] ?? 0;
  const step = max / 19 || 1;
  const curve = unitPrice
    ? candidates.slice(0, 21).map((x) => ({ commitment: x, saving: round(savingAt(x)) }))
    : range(0, 19).map((i) => ({ commitment: round(i * step * (1 - d)), saving: round(savingAt(i * step)) }));
  // All upfront: the term's commitment is paid on day one; each month the covered on-demand spend pays it back.
  const monthlyCovered = H > 0 ? (covered / H) * 730 : 0;
  const upfront = best * (1 - d) * price * 730 * p.termMonths;
  const breakEven = monthlyCovered > 0 ? Math.ceil(upfront / monthlyCovered - 1e-9) : null;
  return {
    pool,
    unit: unitPrice ? 'instances' : '$/h',
    hours: H,
    commitment: unitPrice ? best : round(best * (1 - d), 4),
    onDemandCost: round(onDemand),
    committedCost: round(onDemand - bestSaving),
    saving: round(bestSaving),
    monthlySaving: H > 0 ? round((bestSaving / H) * 730) : 0,
    coverage: onDemand > 0 ? round((covered / onDemand) * 100, 1) : 0,
    utilisation: committed > 0 ? round(((covered * (1 - d)) / committed) * 100, 1) : 0,
    breakEvenMonth:
      best > 0 && breakEven !== null && breakEven <= p.termMonths ? Math.max(1, breakEven) : null,
    percentiles: {
      p10: round(quantile(sorted, 0.1) * (unitPrice ? 1 : 1), 4),
      p50: round(quantile(sorted, 0.5), 4),
      p90: round(quantile(sorted, 0.9), 4),
      max: round(max, 4),
    },
    curve,
  };
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function sum(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
