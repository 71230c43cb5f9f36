/**
 * The findings report every renderer reads: the findings to show, the rules that ran, the coverage
 * gaps and one summary computed here, so that the table, JSON, SARIF, ASFF, OCSF and CSV outputs
 * never disagree on a count.
 */
import type { CoverageGap, CoverageGapKind, Snapshot } from '../../model/index.js';
import {
  SEVERITIES,
  STATUSES,
  type AnyRule,
  type Finding,
  type RunResult,
  type Severity,
  type Status,
  type Suppression,
} from '../../engine/index.js';

/** The producing tool, as SARIF, ASFF and OCSF name it. */
export interface ToolInfo {
  name: string;
  version: string;
}

/** Totals of one scan; the same numbers in every format. */
export interface FindingsSummary {
  /** Resources loaded from the inputs. */
  resources: number;
  /** Resources of a type at least one rule evaluates; the rest were read but not checked. */
  resourcesEvaluated: number;
  /** Rules that ran. */
  rules: number;
  /** Rule-by-resource evaluations, suppressed ones included. */
  results: number;
  /** Results by status; suppressed failures are left out (they are in `suppressed`). */
  byStatus: Record<Status, number>;
  /** Unsuppressed failures by rule severity. */
  failBySeverity: Record<Severity, number>;
  /** Failures accepted by a current suppression. */
  suppressed: number;
  /** Failures whose suppression has expired; counted as failures again. */
  suppressionExpired: number;
  /** Suppressions that matched no failing finding (stale configuration). */
  unusedSuppressions: number;
  coverageGaps: number;
  gapsByKind: Partial<Record<CoverageGapKind, number>>;
  /** True only when nothing was left unread or undecided: no coverage gap and no `error` result. */
  complete: boolean;
}

/** Everything a findings renderer needs. */
export interface FindingsReport {
  tool: ToolInfo;
  /** ISO 8601 time the report was made; ASFF and OCSF stamp findings with it. */
  generatedAt: string;
  /** What was scanned, as given (paths, `demo`). */
  inputs: readonly string[];
  /** True when `findings` holds every result; false when it holds failures only. */
  all: boolean;
  /** Most severe first, then by rule, status, location and resource. */
  findings: readonly Finding[];
  /** The rules that ran (SARIF lists them as the tool's rules). */
  rules: readonly AnyRule[];
  coverage: readonly CoverageGap[];
  unusedSuppressions: readonly Suppression[];
  summary: FindingsSummary;
}

export interface ReportOptions {
  tool: ToolInfo;
  inputs: readonly string[];
  /** Keep every result rather than failures only (`--all`). */
  all?: boolean;
  /** Defaults to the current time. */
  generatedAt?: string;
}

/** Rank of a severity: 0 for critical, growing towards info. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

const STATUS_ORDER: Record<Status, number> = { fail: 0, error: 1, not_applicable: 2, pass: 3 };

/** The order every renderer lists findings in; stable, so outputs diff cleanly between runs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    cmp(a.ruleId, b.ruleId) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    cmp(a.resource.file ?? '', b.resource.file ?? '') ||
    (a.resource.line ?? 0) - (b.resource.line ?? 0) ||
    cmp(a.resource.account, b.resource.account) ||
    cmp(a.resource.region, b.resource.region) ||
    cmp(a.resource.id, b.resource.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the report from a run of the rules. Without `all`, only failing findings are kept
 * (suppressed ones included, marked); the counts always cover every result.
 */
export function makeFindingsReport(
  snapshot: Snapshot,
  run: RunResult,
  options: ReportOptions,
): FindingsReport {
  const all = options.all ?? false;
  const findings = (all ? [...run.findings] : run.findings.filter((f) => f.status === 'fail')).sort(
    compareFindings,
  );
  return {
    tool: options.tool,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    inputs: options.inputs,
    all,
    findings,
    rules: run.rules,
    coverage: snapshot.coverage,
    unusedSuppressions: run.unusedSuppressions,
    summary: summarize(snapshot, run),
  };
}

/** The totals of a run over a snapshot. */
export function summarize(snapshot: Snapshot, run: RunResult): FindingsSummary {
  const { counts } = run;
  const ruleTypes = new Set(run.rules.flatMap((r) => r.resourceTypes));
  let resourcesEvaluated = 0;
  for (const r of snapshot.resources) if (ruleTypes.has(r.type)) resourcesEvaluated++;
  const gapsByKind: Partial<Record<CoverageGapKind, number>> = {};
  for (const gap of snapshot.coverage) gapsByKind[gap.kind] = (gapsByKind[gap.kind] ?? 0) + 1;
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, counts.byStatus[s]])) as Record<Status, number>;
  const results = STATUSES.reduce((n, s) => n + byStatus[s], 0) + counts.suppressed;
  return {
    resources: snapshot.resources.length,
    resourcesEvaluated,
    rules: run.rules.length,
    results,
    byStatus,
    failBySeverity: { ...counts.failBySeverity },
    suppressed: counts.suppressed,
    suppressionExpired: counts.suppressionExpired,
    unusedSuppressions: run.unusedSuppressions.length,
    coverageGaps: snapshot.coverage.length,
    gapsByKind,
    complete: snapshot.coverage.length === 0 && byStatus.error === 0,
  };
}

/** Unsuppressed failures of `severity` or more severe: what `--fail-on` counts. */
export function failuresAtOrAbove(summary: FindingsSummary, severity: Severity): number {
  const limit = severityRank(severity);
  return SEVERITIES.filter((s) => severityRank(s) <= limit).reduce(
    (n, s) => n + summary.failBySeverity[s],
    0,
  );
}

/** `12 medium`, `1 high` … for the severities that have failures, most severe first. */
export function severityCounts(summary: FindingsSummary): string {
  return SEVERITIES.filter((s) => summary.failBySeverity[s] > 0)
    .map((s) => `${summary.failBySeverity[s]} ${s}`)
    .join(', ');
}

/**
 * Where a finding points, for people: `file:line` for templates and plans, otherwise the ARN or
 * `account/region`.
 */
export function findingLocation(f: Finding): string {
  const r = f.resource;
  if (r.file) return r.line ? `${r.file}:${r.line}` : r.file;
  return r.arn ?? `${r.account}/${r.region}`;
}

/** Where a coverage gap is, for people. */
export function gapLocation(gap: CoverageGap): string {
  if (gap.file) return gap.line ? `${gap.file}:${gap.line}` : gap.file;
  return [gap.account, gap.region, gap.resourceType, gap.resourceId].filter(Boolean).join('/');
}
