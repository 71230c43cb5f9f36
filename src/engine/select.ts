import type { AnyRule, Category, Severity } from '../rules/rule.js';
import { globMatcher } from './glob.js';

/**
 * A set of rules. A rule is in it when it matches every field given (ids are globs; within a field
 * any value may match): `{ categories: ['security'], severities: ['critical', 'high'] }` is the
 * critical and high security rules.
 */
export interface RuleSelection {
  ids?: readonly string[];
  categories?: readonly Category[];
  severities?: readonly Severity[];
}

function matcher(selection: RuleSelection): (rule: AnyRule) => boolean {
  const ids = selection.ids?.map(globMatcher);
  return (rule) =>
    (!ids || ids.some((m) => m(rule.id))) &&
    (!selection.categories || selection.categories.includes(rule.category)) &&
    (!selection.severities || selection.severities.includes(rule.severity));
}

/** The rules in `include` (all when omitted) and not in `exclude`, in their original order. */
export function selectRules(
  rules: readonly AnyRule[],
  include?: RuleSelection,
  exclude?: RuleSelection,
): AnyRule[] {
  const inc = include ? matcher(include) : () => true;
  const exc = exclude ? matcher(exclude) : () => false;
  return rules.filter((r) => inc(r) && !exc(r));
}
