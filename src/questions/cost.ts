/**
 * `cloudrounds cost`: what the organisation pays for nothing, and what its spend history says.
 * Runs the `cost` rules (the one definition of idle, orphaned and over-provisioned), prices their
 * failures from the price book, and, when a CUR is given (aggregated by the store), adds spend
 * anomalies and Savings Plans / Reserved Instances advice. See docs/cost.md.
 */
import { z } from 'zod';
import {
  analyseSpend,
  bundledPrices,
  priceWaste,
  spendParamsSchema,
  type PriceBook,
  type SpendAnswer,
  type SpendInput,
  type WasteAnswer,
} from '../cost/index.js';
import { createGraph, runRules, type AnyRule, type Finding, type RunConfig } from '../engine/index.js';
import type { Snapshot } from '../model/index.js';
import { allRules } from '../rules/index.js';
import { paramsFor } from './health.js';

export const COST_SCHEMA_VERSION = 1;

/** Parameters of the cost question: the spend analyses' thresholds and assumptions. */
export const costParamsSchema = z.object({
  spend: spendParamsSchema.default(spendParamsSchema.parse({})),
});
export type CostParams = z.input<typeof costParamsSchema>;

export interface CostAnswer {
  schemaVersion: typeof COST_SCHEMA_VERSION;
  takenAt: string;
  prices: { currency: string; priceDate: string; provenance: string[]; hoursPerMonth: 730 };
  waste: WasteAnswer;
  /** Null when no CUR was given. */
  spend: SpendAnswer | null;
}

export function costRules(rules: readonly AnyRule[] = allRules): AnyRule[] {
  return rules.filter((r) => r.category === 'cost');
}

/** The priced waste of a snapshot: the cost rules' failures with their monthly prices. */
export function costWaste(
  snapshot: Snapshot,
  config: RunConfig,
  prices: PriceBook = bundledPrices(),
  rules: readonly AnyRule[] = costRules(),
): WasteAnswer {
  const run = runRules(snapshot, {
    rules,
    suppressions: config.suppressions,
    params: paramsFor(rules, config.params),
    keep: ['fail'],
  });
  return priceWaste({ findings: run.findings, graph: createGraph(snapshot.resources), prices });
}

export interface CostInput {
  snapshot: Snapshot;
  config: RunConfig;
  prices?: PriceBook;
  /** The CUR aggregated by the store; absent when none was given. */
  cur?: SpendInput;
  params?: CostParams;
}

export function cost(input: CostInput): CostAnswer {
  const prices = input.prices ?? bundledPrices();
  const p = costParamsSchema.parse(input.params ?? {});
  return {
    schemaVersion: COST_SCHEMA_VERSION,
    takenAt: input.snapshot.takenAt,
    prices: pricesOf(prices),
    waste: costWaste(input.snapshot, input.config, prices),
    spend: input.cur ? analyseSpend(input.cur, p.spend) : null,
  };
}

/** What the daily rounds show of cost: priced waste with its monthly total, and the spend history's answers. */
export interface DailyCost {
  prices: CostAnswer['prices'];
  waste: WasteAnswer;
  /** Null when no CUR was available (live or file sources without `--cur`). */
  spend: SpendAnswer | null;
}

/**
 * The daily run's cost section from the findings the run already has (the rules engine ran the
 * cost rules): only open cost findings are priced, so suppressions hold here too.
 */
export function dailyCost(
  snapshot: Snapshot,
  findings: readonly Finding[],
  prices: PriceBook = bundledPrices(),
  cur?: SpendInput,
  params: CostParams = {},
): DailyCost {
  const p = costParamsSchema.parse(params);
  const open = findings.filter((f) => f.category === 'cost' && f.status === 'fail' && !f.suppressed);
  return {
    prices: pricesOf(prices),
    waste: priceWaste({ findings: open, graph: createGraph(snapshot.resources), prices }),
    spend: cur ? analyseSpend(cur, p.spend) : null,
  };
}

function pricesOf(prices: PriceBook): CostAnswer['prices'] {
  return {
    currency: prices.currency,
    priceDate: prices.priceDate,
    provenance: [...new Set(Object.values(prices.files).map((f) => f.provenance))],
    hoursPerMonth: 730,
  };
}
