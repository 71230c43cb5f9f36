/**
 * The daily rounds on one terminal screen (about 40 lines): header, health first, totals by
 * category and severity, ten things to fix today, blast radius, changes since the previous run,
 * what was not evaluated, and where the full reports are. Never an all-clear while something was
 * not evaluated.
 */
import { CATEGORIES, SEVERITIES } from '../../engine/index.js';
import { findingsByKey, type DailyAnswer, type DailyFinding } from '../../questions/daily.js';
import { truncate } from '../findings/identity.js';
import {
  SEVERITY_SHORT,
  accountNames,
  changesHeadline,
  findingFlags,
  findingWhere,
  plural,
  resolvedCaveat,
  runLabel,
  shortTime,
  type DailyReportFiles,
} from './common.js';
import { anomalyLines, commitmentLine, usd, wasteLines } from './cost.js';

export interface DailyTextOptions {
  /** Columns to fit lines into (default 160; the CLI passes the terminal's width). */
  width?: number;
  /** Report files written by this run. */
  files?: DailyReportFiles;
}

const HEALTH_LINES = 3;
const COST_LINES = 2;
const ANOMALY_LINES = 2;
const BLAST_LINES = 2;
const CHANGE_LINES = 3;

/** The screen as text, ending with a newline. */
export function renderDailyText(answer: DailyAnswer, options: DailyTextOptions = {}): string {
  const width = Math.max(60, options.width ?? 160);
  const byKey = findingsByKey(answer);
  const names = accountNames(answer);
  const out: string[] = [];
  const line = (text: string) => out.push(truncate(text, width));
  const section = (title: string, note = '') => line(`── ${title} ──${note ? ' ' + note : ''}`);
  /** One finding on one line: the reason gets most of the room, then `[rule · where · flags]`. */
  const entry = (prefix: string, reason: string, tags: readonly string[]) => {
    const tail = `  [${tags.join(' · ')}]`;
    const room = width - prefix.length;
    const text = oneLine(reason);
    const reasonRoom = Math.min(text.length, Math.max(room - tail.length, Math.floor(room * 0.5)));
    out.push(truncate(prefix + truncate(text, reasonRoom) + tail, width));
  };
  const item = (prefix: string, f: DailyFinding | undefined, extra: string[] = []) => {
    if (f) entry(prefix, f.reason, [f.ruleId, findingWhere(f, names), ...extra]);
  };

  // Header: what was read, which run, what ran.
  const s = answer.snapshot;
  const e = answer.evaluation;
  line(
    `cloudrounds daily — ${answer.source.spec} · ${runLabel(answer)} · ${shortTime(answer.run.startedAt)}` +
      (answer.run.status === 'incomplete' ? ' · INCOMPLETE READ' : ''),
  );
  line(
    `${s.resources.toLocaleString('en-US')} resources in ${s.accounts.length} account(s), ${s.regions.length} region(s), ` +
      `${plural(s.types, 'type')} · snapshot ${s.takenAt}`,
  );
  const undecided = e.byStatus.error;
  line(
    `${plural(e.checks, 'check')} of ${plural(e.rules, 'rule')} on ${e.resourcesEvaluated.toLocaleString('en-US')} resources · ` +
      `${answer.totals.open.toLocaleString('en-US')} open` +
      (e.suppressed ? ` · ${e.suppressed} suppressed` : '') +
      (undecided ? ` · ${undecided} undecided` : '') +
      ` · ${Math.round(e.engines.reduce((n, x) => n + x.ms, 0))} ms`,
  );

  // Health first.
  const health = answer.health;
  if (health.checks === 0) section('HEALTH', 'not evaluated: no health check applies to what was read');
  else if (health.failing.length === 0)
    section('HEALTH', `no failing health check (${plural(health.checks, 'check')})`);
  else {
    section('HEALTH', `${health.failing.length} failing`);
    for (const key of health.failing.slice(0, HEALTH_LINES)) {
      const f = byKey.get(key);
      item(`  ${SEVERITY_SHORT[f?.severity ?? 'info'].padEnd(5)}`, f);
    }
    more(out, health.failing.length - HEALTH_LINES, 'failing health checks');
  }

  // Cost: priced waste with its monthly total, then what the spend history says.
  if (answer.cost) {
    const w = answer.cost.waste;
    section(
      'COST',
      `waste ${usd(w.monthlyTotal, w.currency)}/month (730 h) in ${plural(w.priced, 'priced item')}` +
        (w.unpriced ? `, ${w.unpriced} not priced` : '') +
        ` · ${answer.cost.prices.priceDate} public prices`,
    );
    for (const l of wasteLines(w, COST_LINES).filter((l) => !l.startsWith('  not priced'))) line(l);
    const spend = answer.cost.spend;
    if (spend) {
      for (const l of anomalyLines(spend, ANOMALY_LINES)) line(l.replace(/^ {2}/, '  anomaly '));
      line(commitmentLine(spend.savingsPlan));
    }
  }

  // Totals.
  if (answer.totals.open === 0) {
    section(
      'OPEN FINDINGS',
      `none in ${plural(e.checks, 'check')} — see NOT EVALUATED for what they did not cover`,
    );
  } else {
    section('OPEN FINDINGS', answer.totals.open.toLocaleString('en-US'));
    out.push(...totalsTable(answer).map((l) => truncate(l, width)));
  }

  // Ten things to fix today.
  if (answer.topTen.length > 0) {
    section('TEN THINGS TO FIX TODAY');
    answer.topTen.forEach((key, i) => {
      const f = byKey.get(key);
      if (f) item(`${String(i + 1).padStart(3)} ${SEVERITY_SHORT[f.severity].padEnd(5)}`, f, findingFlags(f));
    });
  }

  // Blast radius.
  if (answer.blastRadius.length > 0) {
    section('BLAST RADIUS', 'severity weight × (1 + resources) × 2 in prod; internet first');
    for (const b of answer.blastRadius.slice(0, BLAST_LINES)) {
      const reach = [
        plural(b.resources, 'resource'),
        plural(b.accounts.length, 'account'),
        ...(b.prod ? ['prod'] : []),
        ...(b.exposure ? ['internet'] : []),
      ].join(' · ');
      line(`  ${String(b.score).padStart(5)}  ${SEVERITY_SHORT[b.severity].padEnd(5)}${b.ruleId}  ${reach}`);
    }
    more(out, answer.blastRadius.length - BLAST_LINES, 'rules with open findings');
  }

  // What changed.
  const c = answer.changes;
  section(c.compared && c.previousRun ? `SINCE RUN #${c.previousRun.id}` : 'HISTORY');
  line(`  ${changesHeadline(answer)}`);
  if (c.compared && c.previousRun) {
    for (const key of c.new.slice(0, CHANGE_LINES)) {
      const f = byKey.get(key);
      item(`  + ${SEVERITY_SHORT[f?.severity ?? 'info'].padEnd(5)}`, f);
    }
    more(out, c.new.length - CHANGE_LINES, 'new');
    for (const r of c.resolved.slice(0, CHANGE_LINES)) {
      const sev = (SEVERITY_SHORT as Record<string, string>)[r.severity] ?? r.severity;
      entry(`  - ${sev.padEnd(5)}`, r.reason, [
        r.ruleId,
        `${names.get(r.resource.account) ?? r.resource.account} ${r.resource.region}`,
      ]);
    }
    more(out, c.resolved.length - CHANGE_LINES, 'resolved');
    const caveat = resolvedCaveat(answer);
    if (caveat) line(`  ${caveat}`);
  }

  // What was not evaluated.
  const cov = answer.coverage;
  if (cov.complete) section('COVERAGE', 'complete: no gap, every check decided, every analysis ran');
  else {
    section('NOT EVALUATED', 'no all-clear for any of this');
    if (cov.gaps.length > 0) {
      const kinds = cov.gapsByKind.map((g) => `${g.count} ${g.kind}`).join(', ');
      line(`  coverage gaps: ${cov.gaps.length} (${kinds}), e.g. ${oneLine(cov.gapsByKind[0]!.example)}`);
    }
    if (cov.errors.length > 0) {
      const rules = cov.errors.map((x) => `${x.ruleId} ${x.count}`).join(', ');
      line(`  undecided checks: ${e.byStatus.error} (${rules})`);
    }
    if (cov.unevaluatedTypes.length > 0) {
      const top = cov.unevaluatedTypes
        .slice(0, 3)
        .map((t) => `${t.type} ${t.resources}`)
        .join(', ');
      line(
        `  no check for: ${plural(cov.unevaluatedResources, 'resource')} of ${plural(cov.unevaluatedTypes.length, 'type')} (${top}` +
          `${cov.unevaluatedTypes.length > 3 ? ', …' : ''})`,
      );
    }
    if (cov.notRun.length > 0) line(`  not in daily yet: ${cov.notRun.map((n) => n.analysis).join(', ')}`);
  }
  if (e.unusedSuppressions.length > 0) {
    line(
      `  stale suppressions: ${e.unusedSuppressions.length} matched no failing finding (remove or fix them)`,
    );
  }

  // Where the full reports are.
  const files = options.files ?? {};
  const parts = [
    files.html && `html ${files.html}`,
    files.md && `markdown ${files.md}`,
    files.json && `json ${files.json}`,
    answer.run.store && `history ${answer.run.store} (${runLabel(answer)})`,
  ].filter(Boolean);
  section('REPORTS');
  // Paths are never cut: one line when they fit, else one line each.
  const joined = `  ${parts.join(' · ')}`;
  if (parts.length === 0) line('  none written: add --html FILE, --md FILE or --json FILE');
  else if (joined.length <= width) out.push(joined);
  else for (const p of parts) out.push(`  ${p}`);
  return out.join('\n') + '\n';
}

/** Category × severity, only categories with open findings, plus a total row. */
function totalsTable(answer: DailyAnswer): string[] {
  const cats = CATEGORIES.filter((c) => SEVERITIES.some((s) => answer.totals.byCategory[c][s] > 0));
  const head = ['', ...SEVERITIES, 'total'];
  const rows = cats.map((c) => {
    const cells = SEVERITIES.map((s) => answer.totals.byCategory[c][s]);
    return [c, ...cells.map(cell), String(cells.reduce((a, b) => a + b, 0))];
  });
  rows.push([
    'total',
    ...SEVERITIES.map((s) => cell(answer.totals.bySeverity[s])),
    String(answer.totals.open),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    '  ' + r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [fmt(head), ...rows.map(fmt)];
}

function cell(n: number): string {
  return n === 0 ? '·' : n.toLocaleString('en-US');
}

function more(out: string[], n: number, what: string): void {
  if (n > 0) out.push(`        … ${n.toLocaleString('en-US')} more ${what} in the full report`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
