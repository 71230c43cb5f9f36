/** The closed set of outcomes of one rule on one resource. */
export type Status = 'pass' | 'fail' | 'not_applicable' | 'error';

export const STATUSES: readonly Status[] = ['pass', 'fail', 'not_applicable', 'error'];

/**
 * What a rule says about one resource. `reason` is a sentence naming the resource and the state
 * ("S3 bucket logs-prod has versioning suspended."), shown to people as the explanation.
 */
export interface RuleResult {
  readonly status: Status;
  readonly reason: string;
}

/** The resource is in the state the rule asks for. */
export function pass(reason: string): RuleResult {
  return { status: 'pass', reason };
}

/** The resource is not in the state the rule asks for. */
export function fail(reason: string): RuleResult {
  return { status: 'fail', reason };
}

/** The rule does not apply to this resource (e.g. no logging configured for a log-target rule). */
export function notApplicable(reason: string): RuleResult {
  return { status: 'not_applicable', reason };
}

/**
 * The rule could not decide: a value it needs is unresolved or missing from the snapshot, or the
 * data is malformed. Never a pass, so an unknown is never reported as compliant.
 */
export function error(reason: string): RuleResult {
  return { status: 'error', reason };
}
