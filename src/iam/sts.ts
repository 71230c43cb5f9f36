/**
 * The session length STS grants when a role is assumed: `DurationSeconds` from 900 s up to the
 * role's `MaxSessionDuration` (1 to 12 hours), and at most one hour when the caller is itself a
 * role session (role chaining). No policy condition key limits the duration of `sts:AssumeRole`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html#id_roles_use_view-role-max-session
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
 */

/** The shortest session STS issues. */
export const MIN_SESSION_SECONDS = 900;
/** The longest session of a chained role. */
export const CHAINED_MAX_SECONDS = 3600;
/** What `AssumeRole` grants when `DurationSeconds` is not given. */
export const DEFAULT_SESSION_SECONDS = 3600;

export interface SessionDurationCheck {
  requested: number;
  /** The longest duration this request may ask for. */
  max: number;
  ok: boolean;
  reason: string;
}

/** Whether STS accepts a `DurationSeconds` for a role with this `MaxSessionDuration`. */
export function checkSessionDuration(
  maxSessionDuration: number,
  requested: number = DEFAULT_SESSION_SECONDS,
  options: { chained?: boolean } = {},
): SessionDurationCheck {
  const max = options.chained ? Math.min(CHAINED_MAX_SECONDS, maxSessionDuration) : maxSessionDuration;
  if (!Number.isInteger(requested) || requested < MIN_SESSION_SECONDS) {
    return { requested, max, ok: false, reason: `DurationSeconds must be at least ${MIN_SESSION_SECONDS}` };
  }
  if (requested > max) {
    return {
      requested,
      max,
      ok: false,
      reason: options.chained
        ? `a chained role session lasts at most ${CHAINED_MAX_SECONDS} s (role chaining), whatever MaxSessionDuration (${maxSessionDuration} s) says`
        : `DurationSeconds ${requested} exceeds the role's MaxSessionDuration of ${maxSessionDuration} s`,
    };
  }
  return {
    requested,
    max,
    ok: true,
    reason: `a session of ${requested} s is within ${MIN_SESSION_SECONDS}–${max} s`,
  };
}
