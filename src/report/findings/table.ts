/**
 * `scan --format table`: findings for the terminal, grouped by severity then rule, each with its
 * reason and where it is; then suppressions, coverage gaps and one summary line. A scan with
 * coverage gaps or undecided results is never summarised as clean.
 */
import { SEVERITIES, type Finding, type Status } from '../../engine/index.js';
import {
  findingLocation,
  gapLocation,
  severityCounts,
  type FindingsReport,
  type FindingsSummary,
} from './summary.js';

const STATUS_LABEL: Record<Status, string> = {
  fail: 'FAIL',
  error: 'ERROR',
  not_applicable: 'N/A',
  pass: 'PASS',
};

export interface TableOptions {
  /** Coverage gaps listed one by one before the rest are only counted (default 20). */
  maxGaps?: number;
}

/** The report as terminal text, in chunks (one per rule group). */
export function* renderFindingsTable(report: FindingsReport, options: TableOptions = {}): Generator<string> {
  const shown = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.filter((f) => f.suppressed);

  for (const severity of SEVERITIES) {
    const ofSeverity = shown.filter((f) => f.severity === severity);
    if (ofSeverity.length === 0) continue;
    yield `${severity.toUpperCase()}\n`;
    for (const group of byRule(ofSeverity)) yield* ruleGroup(group, report.all);
    yield '\n';
  }

  if (suppressed.length > 0) {
    yield `Suppressed (${suppressed.length}), not counted:\n`;
    yield* aligned(
      suppressed.map((f) => [
        f.ruleId,
        f.resource.id,
        findingLocation(f),
        f.suppressed!.expires,
        f.suppressed!.reason,
      ]),
      { indent: 2, headers: ['rule', 'resource', 'where', 'until', 'reason'] },
    );
    yield '\n';
  }

  if (report.unusedSuppressions.length > 0) {
    yield `Suppressions that matched no failing finding (remove them, or check the rule and resource):\n`;
    for (const s of report.unusedSuppressions) {
      const where = s.file ? ` (${s.file}${s.line ? `:${s.line}` : ''})` : '';
      yield `  ${s.rule} on ${s.resource}${where}\n`;
    }
    yield '\n';
  }

  if (report.coverage.length > 0) {
    const max = options.maxGaps ?? 20;
    yield `Coverage gaps (${report.coverage.length}): what follows was NOT evaluated.\n`;
    yield* aligned(
      report.coverage.slice(0, max).map((g) => [g.kind, gapLocation(g), g.message]),
      { indent: 2, headers: ['kind', 'where', 'what'] },
    );
    if (report.coverage.length > max) {
      yield `  … and ${report.coverage.length - max} more (all of them with --format json).\n`;
    }
    yield '\n';
  }

  yield summaryLine(report.summary) + '\n';
}

/** Findings of one severity, by rule id (they arrive sorted by rule). */
function byRule(findings: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  for (const f of findings) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.ruleId === f.ruleId) last.push(f);
    else groups.push([f]);
  }
  return groups;
}

function* ruleGroup(group: readonly Finding[], all: boolean): Generator<string> {
  const first = group[0]!;
  const failing = group.filter((f) => f.status === 'fail').length;
  const tally = all ? `${failing} failing of ${group.length}` : `${group.length}`;
  const controls = first.controls.length ? `  [${first.controls.join(', ')}]` : '';
  yield `  ${first.ruleId} — ${first.title} (${tally})${controls}\n`;
  const rows = group.map((f) => {
    const row = [findingLocation(f), f.reason + (f.suppressionExpired ? expiredNote(f) : '')];
    return all ? [STATUS_LABEL[f.status], ...row] : row;
  });
  yield* aligned(rows, { indent: 4 });
}

function expiredNote(f: Finding): string {
  return ` (suppression expired ${f.suppressionExpired!.expires}: ${f.suppressionExpired!.reason})`;
}

/**
 * Rows in aligned columns (the last column is not padded). Widths are found in one pass over the
 * rows (no argument spreading), so a rule with hundreds of thousands of findings stays cheap.
 */
function* aligned(
  rows: ReadonlyArray<ReadonlyArray<string>>,
  options: { indent: number; headers?: readonly string[] },
): Generator<string> {
  const cells = rows.map((row) => row.map(cellText));
  const headers = options.headers;
  const widths = (headers ?? cells[0] ?? []).map((h) => (headers ? h.length : 0));
  for (const row of cells)
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i] ?? 0, row[i]!.length);
  const pad = ' '.repeat(options.indent);
  const line = (values: readonly string[]) =>
    pad +
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd() +
    '\n';
  if (headers) {
    yield line(headers);
    yield line(widths.map((w) => '-'.repeat(w)));
  }
  // Lines go out in blocks: one yield per line would cost more than the formatting.
  let block = '';
  for (const row of cells) {
    block += line(row);
    if (block.length >= 1 << 16) {
      yield block;
      block = '';
    }
  }
  if (block) yield block;
}

/** One line per cell: newlines and runs of spaces in a reason would break the columns. */
function cellText(value: string): string {
  return /[^\S ]| {2}/.test(value) ? value.replace(/\s+/g, ' ') : value;
}

/**
 * One line with the counts. "No failing findings" is said only of what was evaluated: when there
 * are gaps or undecided results the line says what was not.
 */
export function summaryLine(s: FindingsSummary): string {
  const failing = s.byStatus.fail;
  const checks = `${s.results.toLocaleString('en-US')} check(s) of ${s.rules} rule(s) on ${s.resourcesEvaluated.toLocaleString('en-US')} of ${s.resources.toLocaleString('en-US')} resource(s)`;
  const parts: string[] = [
    failing > 0
      ? `${failing.toLocaleString('en-US')} failing (${severityCounts(s)}) in ${checks}`
      : `No failing findings in ${checks}`,
  ];
  if (s.suppressed) parts.push(`${s.suppressed} suppressed`);
  if (s.suppressionExpired) parts.push(`${s.suppressionExpired} with an expired suppression`);
  const unknown: string[] = [];
  if (s.byStatus.error) unknown.push(`${s.byStatus.error} check(s) could not decide (error)`);
  if (s.coverageGaps) {
    const kinds = Object.entries(s.gapsByKind)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
    unknown.push(`${s.coverageGaps} coverage gap(s) (${kinds})`);
  }
  if (unknown.length) parts.push(`NOT fully evaluated: ${unknown.join('; ')}`);
  return parts.join('; ') + '.';
}
