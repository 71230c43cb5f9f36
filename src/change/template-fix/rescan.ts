/**
 * What a re-scan of the fixed text says about the findings a fix was applied to. A fix counts as
 * done only when the rule passes on the new text: a rule that still fails, or that cannot decide
 * (an `error`, e.g. a value it cannot read), leaves the finding open, so the summary says so
 * instead of "fixed".
 */
import type { Finding } from '../../engine/index.js';
import { findingKey, type FindingFix } from './types.js';

/** The findings of a scan that are not passes: failing (and not suppressed), or undecided. */
export interface Rescan {
  failing: Finding[];
  undecided: Finding[];
}

/** Turns each `fixed` of `fixes` into `still-failing` or `unverified` when the re-scan says so. */
export function markRescan(
  fixes: readonly FindingFix[],
  after: Rescan,
  what: 'text' | 'configuration',
): void {
  const failing = new Set(after.failing.map(findingKey));
  const undecided = new Map(after.undecided.map((f) => [findingKey(f), f.reason]));
  for (const f of fixes) {
    if (f.status !== 'fixed') continue;
    const key = findingKey(f.finding);
    if (failing.has(key)) {
      f.status = 'still-failing';
      f.reason = `the rule still fails on the fixed ${what}`;
    } else if (undecided.has(key)) {
      f.status = 'unverified';
      f.reason = `the rule cannot decide on the fixed ${what}: ${undecided.get(key)}`;
    }
  }
}
