/**
 * What the engines that own rules (exposure, IAM, log detections) share: their rules are declared
 * with `defineRule` so configuration, suppressions and reports treat them like any rule, but only
 * the engine can decide them; at run time the engine swaps in an `evaluate` that reads its answer
 * and lets `runRules` apply parameters, suppressions and counting.
 */
import {
  CATEGORIES,
  runRules,
  type AnyRule,
  type Category,
  type RuleResult,
  type RunConfig,
  type Status,
} from '../engine/index.js';
import type { Snapshot } from '../model/index.js';
import type { EngineResult } from './daily.js';

/** Statuses an engine run keeps by default: passes and not-applicable results are only counted. */
export const ENGINE_KEEP: readonly Status[] = ['fail', 'error'];

/** The `evaluate` of an engine-owned rule outside its engine: undecided, never a pass. */
export function evaluatedBy(engine: string): () => RuleResult {
  const reason = `evaluated by the ${engine} only (cloudrounds daily / scan)`;
  return () => ({ status: 'error', reason });
}

/**
 * Runs an engine's rules (with their run-time `evaluate`) on the resources of `types`, with the
 * configuration's suppressions and the parameter overrides of these rules only (other engines'
 * overrides are not ours to check), and counts the checks per category.
 */
export function runEngineRules(
  snapshot: Snapshot,
  config: RunConfig,
  rules: readonly AnyRule[],
  types: ReadonlySet<string>,
): EngineResult {
  const ids = new Set(rules.map((r) => r.id));
  const params = Object.fromEntries(Object.entries(config.params).filter(([id]) => ids.has(id)));
  const run = runRules(snapshot, {
    rules,
    suppressions: config.suppressions,
    params,
    keep: config.keep ?? ENGINE_KEEP,
  });
  const checksByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const perType = new Map<string, number>();
  for (const r of snapshot.resources)
    if (types.has(r.type)) perType.set(r.type, (perType.get(r.type) ?? 0) + 1);
  for (const rule of rules) {
    for (const type of new Set(rule.resourceTypes)) checksByCategory[rule.category] += perType.get(type) ?? 0;
  }
  return { ...run, resourceTypes: types, checksByCategory };
}
