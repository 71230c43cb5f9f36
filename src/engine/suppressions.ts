import { z } from 'zod';
import type { Resource } from '../model/index.js';
import type { SuppressionNote } from './finding.js';
import { globMatcher } from './glob.js';

const DAY_MS = 86_400_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a day that exists (2026-02-30 does not). */
function isCalendarDate(s: string): boolean {
  const time = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(s);
}

const isoDate = z
  .string()
  .regex(DATE, 'expected a date YYYY-MM-DD')
  .refine((s) => !DATE.test(s) || isCalendarDate(s), 'not a calendar date');

/** One entry of `suppressions:` in `.cloudrounds.yaml`. */
export const suppressionSchema = z.strictObject({
  /** Rule id, or a glob over rule ids (`s3-*`). */
  rule: z.string().min(1),
  /** Glob matched against the resource's id, ARN and name. */
  resource: z.string().min(1),
  /** Account id (or glob); any account when omitted. */
  account: z.string().min(1).optional(),
  /** Why the failure is accepted; shown in every report. */
  reason: z.string().trim().min(1, 'a suppression needs a reason'),
  /** Last day the suppression holds (UTC); after it the finding counts again. */
  expires: isoDate,
});

/** A suppression as written, with where it was written. */
export type Suppression = z.output<typeof suppressionSchema> & { file?: string; line?: number };

/** A suppression ready to match: globs compiled once, expiry as a time. */
export interface CompiledSuppression {
  readonly source: Suppression;
  readonly note: SuppressionNote;
  /** First instant (ms since epoch) at which the suppression no longer holds. */
  readonly endsAt: number;
  matchesRule(ruleId: string): boolean;
  matchesResource(resource: Resource): boolean;
}

export function compileSuppression(source: Suppression): CompiledSuppression {
  const rule = globMatcher(source.rule);
  const resource = globMatcher(source.resource);
  const account = source.account === undefined ? undefined : globMatcher(source.account);
  const note: SuppressionNote = { reason: source.reason, expires: source.expires };
  if (source.file !== undefined) note.file = source.file;
  if (source.line !== undefined) note.line = source.line;
  return {
    source,
    note,
    endsAt: Date.parse(`${source.expires}T00:00:00Z`) + DAY_MS,
    matchesRule: rule,
    matchesResource(r) {
      if (account && !account(r.account)) return false;
      return (
        resource(r.id) ||
        (r.arn !== undefined && resource(r.arn)) ||
        (r.name !== undefined && resource(r.name))
      );
    },
  };
}

/** The outcome of matching a failing finding against the suppressions of its rule. */
export type SuppressionMatch =
  | { readonly kind: 'active'; readonly suppression: CompiledSuppression }
  | { readonly kind: 'expired'; readonly suppression: CompiledSuppression }
  | undefined;

/**
 * The suppression that applies to a resource at `now`: an active one wins over an expired one (a
 * renewed entry next to the old one), and among expired ones the latest expiry is reported.
 */
export function matchSuppression(
  candidates: readonly CompiledSuppression[],
  resource: Resource,
  now: number,
): SuppressionMatch {
  let expired: CompiledSuppression | undefined;
  for (const s of candidates) {
    if (!s.matchesResource(resource)) continue;
    if (now < s.endsAt) return { kind: 'active', suppression: s };
    if (!expired || s.endsAt > expired.endsAt) expired = s;
  }
  return expired ? { kind: 'expired', suppression: expired } : undefined;
}
