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

/**
 * A reason, or a function that writes it. Most results of a large run are passes and
 * not-applicables that the caller does not keep (`daily` stores failures): a function lets the
 * engine write only the sentences someone reads. It must not throw and must read only values the
 * rule has already looked at (it may run after the rule returned, or never).
 */
export type Reason = string | (() => string);

/**
 * The results the helpers below return. `reason` is written on first read, then kept, so every
 * consumer reads a plain string; the engine reads it only for the results it keeps. The sentence
 * (or the function writing it) lives in a private field behind a getter on the prototype: a
 * per-result accessor (`Object.defineProperty`) cost more than the sentences it saved. A copy
 * meant to be plain data is made with {@link plainResult} (or `toJSON`), not a spread.
 */
export class Outcome implements RuleResult {
  #reason: Reason;

  constructor(
    readonly status: Status,
    reason: Reason,
  ) {
    this.#reason = reason;
  }

  get reason(): string {
    const reason = this.#reason;
    if (typeof reason === 'string') return reason;
    const text = reason();
    this.#reason = text;
    return text;
  }

  toJSON(): RuleResult {
    return { status: this.status, reason: this.reason };
  }
}

/** A result as plain data: `{ status, reason }` with the reason written. */
export function plainResult(result: RuleResult): RuleResult {
  return { status: result.status, reason: result.reason };
}

/** The resource is in the state the rule asks for. */
export function pass(reason: Reason): RuleResult {
  return new Outcome('pass', reason);
}

/** The resource is not in the state the rule asks for. */
export function fail(reason: Reason): RuleResult {
  return new Outcome('fail', reason);
}

/** The rule does not apply to this resource (e.g. no logging configured for a log-target rule). */
export function notApplicable(reason: Reason): RuleResult {
  return new Outcome('not_applicable', reason);
}

/**
 * The rule could not decide: a value it needs is unresolved or missing from the snapshot, or the
 * data is malformed. Never a pass, so an unknown is never reported as compliant.
 */
export function error(reason: Reason): RuleResult {
  return new Outcome('error', reason);
}
