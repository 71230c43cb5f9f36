/** Wording and lookups the daily renderers share, so the screen, Markdown and HTML say the same thing. */
import { SEVERITIES, type Severity } from '../../engine/index.js';
import { SEVERITY_WEIGHT, type DailyAnswer, type DailyFinding } from '../../questions/daily.js';
import { findingLocation } from '../findings/summary.js';

/** Files written by the same run, named as the user gave them, for "where the full reports are". */
export interface DailyReportFiles {
  html?: string;
  md?: string;
  json?: string;
}

export const SEVERITY_SHORT: Readonly<Record<Severity, string>> = {
  critical: 'CRIT',
  high: 'HIGH',
  medium: 'MED',
  low: 'LOW',
  info: 'INFO',
};

/** Severities a total row lists: all of them, most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = SEVERITIES;

/** The account's name when the snapshot knows it, else its id. */
export function accountName(answer: Pick<DailyAnswer, 'snapshot'>, id: string): string {
  return answer.snapshot.accounts.find((a) => a.id === id)?.name ?? id;
}

/** Lookup table from account id to display name. */
export function accountNames(answer: Pick<DailyAnswer, 'snapshot'>): Map<string, string> {
  return new Map(answer.snapshot.accounts.map((a) => [a.id, a.name ?? a.id]));
}

/**
 * Where a finding is, for people: `file:line` for templates and plans, else `account-name region`
 * (an ARN says less at a glance than the account's name).
 */
export function findingWhere(f: DailyFinding, names: ReadonlyMap<string, string>): string {
  if (f.resource.file) return findingLocation(f);
  return `${names.get(f.resource.account) ?? f.resource.account} ${f.resource.region}`;
}

/** Short flags a finding is ranked by: `new`, `internet`, `prod`. */
export function findingFlags(f: DailyFinding): string[] {
  const flags: string[] = [];
  if (f.new) flags.push('new');
  if (f.exposure) flags.push('internet');
  if (f.prod) flags.push('prod');
  return flags;
}

/** `2026-11-22 06:00 UTC` from an ISO time; the input unchanged when it does not parse. */
export function shortTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The run in one phrase: `run #12` or `not recorded`. */
export function runLabel(answer: Pick<DailyAnswer, 'run'>): string {
  return answer.run.id === null ? 'not recorded' : `run #${answer.run.id}`;
}

/** The sentence about changes since the previous run, shared by every format. */
export function changesHeadline(answer: DailyAnswer): string {
  const c = answer.changes;
  if (!c.compared) return 'Not recorded (--no-store), so nothing was compared with earlier runs.';
  if (c.previousRun === null) {
    return `First run of scope ${answer.source.scope}: all ${plural(answer.totals.open, 'open finding')} are new.`;
  }
  return (
    `Since run #${c.previousRun.id} (${shortTime(c.previousRun.startedAt)}): ${c.new.length.toLocaleString('en-US')} new, ` +
    `${c.resolved.length.toLocaleString('en-US')} resolved, ${c.stillOpen.toLocaleString('en-US')} still open.`
  );
}

/**
 * A warning to print next to "resolved" when either run may have missed resources: a finding can
 * disappear because its resource was not read, not because it was fixed.
 */
export function resolvedCaveat(answer: DailyAnswer): string | undefined {
  const c = answer.changes;
  if (!c.compared || c.previousRun === null) return undefined;
  if (answer.run.status === 'incomplete' || c.previousRun.status === 'incomplete') {
    return 'One of the two runs is incomplete (resources may not have been read): a resolved finding may only be unread.';
  }
  return undefined;
}

/** The ranking rules in one sentence, printed wherever the ranking is. */
export const TOP_TEN_RULE =
  'Ranked by severity, then internet exposure, production account, new since the previous run and the blast radius of the rule; at most two per rule.';
export const BLAST_RULE = `Score = severity weight (${SEVERITIES.map((s) => `${s} ${SEVERITY_WEIGHT[s]}`).join(', ')}) × (1 + resources affected) × 2 when any is in a production account; internet exposure first.`;
