/**
 * Absences that were never read. A live collection records a coverage gap when the listing of a
 * type fails in an account and region; a rule that concludes from an absence ("no detector in
 * eu-west-1", "no flow log for this VPC") asks here first, because a resource that was not listed
 * is unknown, not missing. Templates and plans list nothing, so they have no such gaps.
 */
import { UNKNOWN_ACCOUNT } from '../model/index.js';
import type { GraphView } from './context.js';

/**
 * Why resources of `type` may be missing from `account` (in `region`; in any region of the account
 * when none is given): the message of the listing's coverage gap, without its closing period, for a
 * reason to quote. With `parent`, also the gap of a listing made for that one resource (the event
 * invoke configs of one function). `undefined` when the type was listed there, or the account is
 * not known.
 */
export function unreadReason(
  graph: GraphView,
  type: string,
  account: string,
  region?: string,
  parent?: string,
): string | undefined {
  if (account === UNKNOWN_ACCOUNT) return undefined;
  const gap = graph.unread(type, account, region, parent);
  return gap ? gap.message.trim().replace(/[.\s]+$/, '') : undefined;
}

/** The first of `types` whose listing failed in the account (and region), as {@link unreadReason} says it. */
export function unreadAny(
  graph: GraphView,
  types: readonly string[],
  account: string,
  region?: string,
): string | undefined {
  for (const type of types) {
    const reason = unreadReason(graph, type, account, region);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
