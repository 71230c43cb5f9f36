/**
 * The registry of automated fixes: every `<rule-id>.fix.ts` beside its rule, listed explicitly
 * like the rules themselves. `cloudrounds fix`, `scan --fix` and `policy --fix` read it.
 */
import type { AnyFix } from './fix.js';

export const ALL_FIXES: readonly AnyFix[] = [];

const BY_RULE = new Map(ALL_FIXES.map((fix) => [fix.rule, fix]));

/** The fix that closes a rule's findings, if one is declared. */
export function fixFor(ruleId: string): AnyFix | undefined {
  return BY_RULE.get(ruleId);
}

/** Every write action any fix may call, sorted, for the `policy --fix` statement. */
export function fixWriteActions(): string[] {
  return [...new Set(ALL_FIXES.flatMap((fix) => fix.actions))].sort();
}
