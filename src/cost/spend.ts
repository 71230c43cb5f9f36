/**
 * What the spend history says: anomalies in daily spend and the commitments (Savings Plans,
 * Reserved Instances) that would have saved most. Input is the CUR aggregated by the store
 * (src/store/cur): daily spend rows and hourly usage pools. Pure.
 */
import { z } from 'zod';
import {
  anomalyParamsSchema,
  detectAnomalies,
  type AnomalyAnswer,
  type DailySpendRow,
  type SpendDriver,
} from './anomaly.js';
import { commitmentParamsSchema, sweepCommitment, type CommitmentAdvice } from './commitment.js';

/** The aggregated CUR (the store's `CurAggregates` fits). */
export interface SpendInput {
  source: string;
  lineItems: number;
  from: string | null;
  to: string | null;
  daily: readonly DailySpendRow[];
  /** Driving usage types of the anomalous days, accounts and services (else derived from `daily`'s usage types). */
  drivers?: readonly SpendDriver[];
  compute: { values: readonly number[] };
  instances: ReadonlyArray<{
    pool: string;
    region?: string;
    instanceType?: string;
    unitPrice?: number;
    values: readonly number[];
  }>;
}

export const spendParamsSchema = z.object({
  anomalies: anomalyParamsSchema.default(anomalyParamsSchema.parse({})),
  savingsPlan: commitmentParamsSchema.default(commitmentParamsSchema.parse({})),
  /** Reserved Instances: discount of a one-year, no-upfront standard RI (assumption; see docs/cost.md). */
  reservedInstances: commitmentParamsSchema.default(commitmentParamsSchema.parse({ discountPercent: 31 })),
});
export type SpendParams = z.input<typeof spendParamsSchema>;

export interface SpendAnswer {
  source: string;
  lineItems: number;
  from: string | null;
  to: string | null;
  /** Spend over the history and per day on average. */
  total: number;
  anomalies: AnomalyAnswer;
  savingsPlan: CommitmentAdvice;
  /** Per region and instance type, only pools where a commitment saves something. */
  reservedInstances: CommitmentAdvice[];
  assumptions: { savingsPlanDiscountPercent: number; reservedInstanceDiscountPercent: number };
}

/**
 * The cells (day, account, service) whose driving usage type an analysis with these params will
 * show: the anomalies it flags in the daily totals. The CUR reader computes drivers for these
 * only (`aggregateCur(input, { driversFor: anomalyCells })`); an anomaly
 * without one is given the usage type that rose most among the daily rows' own.
 */
export function anomalyCells(
  daily: readonly DailySpendRow[],
  params: SpendParams = {},
): Array<{ day: string; account: string; service: string }> {
  const p = spendParamsSchema.parse(params);
  return detectAnomalies(daily, p.anomalies).anomalies.map(({ day, account, service }) => ({
    day,
    account,
    service,
  }));
}

export function analyseSpend(input: SpendInput, params: SpendParams = {}): SpendAnswer {
  const p = spendParamsSchema.parse(params);
  const total = input.daily.reduce((n, r) => n + r.cost, 0);
  const savingsPlan = sweepCommitment(
    'Compute Savings Plan (EC2 instance usage)',
    input.compute.values,
    p.savingsPlan,
  );
  const reservedInstances = input.instances
    .map((pool) =>
      sweepCommitment(
        `Reserved Instances ${pool.instanceType ?? pool.pool} ${pool.region ?? ''}`.trim(),
        pool.values,
        p.reservedInstances,
        pool.unitPrice ?? 0,
      ),
    )
    .filter((a) => a.commitment > 0 && a.saving > 0)
    .sort((a, b) => b.saving - a.saving);
  return {
    source: input.source,
    lineItems: input.lineItems,
    from: input.from,
    to: input.to,
    total: Math.round(total * 100) / 100,
    anomalies: detectAnomalies(input.daily, p.anomalies, input.drivers),
    savingsPlan,
    reservedInstances,
    assumptions: {
      savingsPlanDiscountPercent: p.savingsPlan.discountPercent,
      reservedInstanceDiscountPercent: p.reservedInstances.discountPercent,
    },
  };
}
