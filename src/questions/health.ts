/**
 * `cloudrounds health`: what is unhealthy now. Runs every `health` rule and the health engine's own
 * checks (src/health/checks) over the snapshot and answers with the failing items grouped by what
 * they are about, alarms first. See docs/health.md.
 */
import { z } from 'zod';
import { CATEGORIES, runRules, type AnyRule, type Category, type RunConfig } from '../engine/index.js';
import { countByKind, healthChecks, healthItems, type HealthItem, type HealthKind } from '../health/index.js';
import type { Snapshot } from '../model/index.js';
import { allRules } from '../rules/index.js';
import type { DailyEngine } from './daily.js';

export const HEALTH_SCHEMA_VERSION = 1;

/** Parameters of the health question (one schema for the CLI and any other caller). */
export const healthParamsSchema = z.object({
  /** Keep checks that could not decide (missing data) in the answer. */
  includeErrors: z.boolean().default(true),
});
export type HealthParams = z.input<typeof healthParamsSchema>;

export interface HealthAnswer {
  schemaVersion: typeof HEALTH_SCHEMA_VERSION;
  takenAt: string;
  /** Check × resource evaluations; 0 means nothing health-related was in the snapshot. */
  checks: number;
  rules: string[];
  failing: number;
  undecided: number;
  byKind: Record<HealthKind, number>;
  items: HealthItem[];
}

/** The rules the health question runs: every `health` rule plus the engine's checks. */
export function healthRules(rules: readonly AnyRule[] = allRules): AnyRule[] {
  return [...rules.filter((r) => r.category === 'health'), ...healthChecks];
}

/** Only the overrides for the given rules: the configuration may name rules this run does not select. */
export function paramsFor(rules: readonly AnyRule[], params: RunConfig['params']): RunConfig['params'] {
  const ids = new Set(rules.map((r) => r.id));
  return Object.fromEntries(Object.entries(params).filter(([id]) => ids.has(id)));
}

export function health(
  snapshot: Snapshot,
  config: RunConfig,
  params: HealthParams = {},
  rules: readonly AnyRule[] = healthRules(),
): HealthAnswer {
  const p = healthParamsSchema.parse(params);
  const run = runRules(snapshot, {
    rules,
    suppressions: config.suppressions,
    params: paramsFor(rules, config.params),
    keep: ['fail', 'error'],
  });
  const items = healthItems(run.findings).filter((i) => p.includeErrors || i.status === 'fail');
  const c = run.counts.byStatus;
  return {
    schemaVersion: HEALTH_SCHEMA_VERSION,
    takenAt: snapshot.takenAt,
    checks: c.pass + c.fail + c.error + c.not_applicable + run.counts.suppressed,
    rules: run.rules.map((r) => r.id),
    failing: items.filter((i) => i.status === 'fail').length,
    undecided: items.filter((i) => i.status === 'error').length,
    byKind: countByKind(items),
    items,
  };
}

/**
 * The health engine in the daily run: the checks of src/health that no rule makes (the rules
 * engine already runs the `health` rules), so every health failure shows in the daily HEALTH section.
 */
export function healthEngine(checks: readonly AnyRule[] = healthChecks): DailyEngine {
  return {
    name: 'health',
    run(snapshot, config) {
      const run = runRules(snapshot, {
        rules: checks,
        suppressions: config.suppressions,
        params: paramsFor(checks, config.params),
        keep: config.keep ?? ['fail', 'error'],
      });
      const checksByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
      const resourceTypes = new Set<string>();
      for (const rule of run.rules) {
        for (const type of new Set(rule.resourceTypes)) {
          resourceTypes.add(type);
          checksByCategory[rule.category] += snapshot.resources.filter((r) => r.type === type).length;
        }
      }
      return { ...run, resourceTypes, checksByCategory };
    },
  };
}
