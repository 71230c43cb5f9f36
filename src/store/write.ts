import type { DuckDBAppender } from '@duckdb/node-api';
import type { CoverageGap, CoverageGapKind, Resource } from '../model/index.js';
import type { Database } from './connection.js';
import { findingKey } from './keys.js';
import { CREATE_FINDING_STAGE, DROP_FINDING_STAGE, MOVE_FINDING_STAGE } from './schema.js';
import type { RecordProgress, RecordRunInput, RunCounts, RunStatus, StoredFinding } from './types.js';

/** Rows between two progress reports. */
const PROGRESS_EVERY = 10_000;

/**
 * Coverage gaps that mean resources may be missing from the run, which makes it `incomplete`.
 * The others (an unresolved template value, an unsupported type kept with raw props) leave the
 * resources there, only less known.
 */
const MISSING_DATA: ReadonlySet<CoverageGapKind> = new Set<CoverageGapKind>([
  'access-denied',
  'region-disabled',
  'throttled',
  'api-error',
  'skipped-file',
  'parse-error',
]);

/** `incomplete` when some coverage gap means resources may be missing. */
export function runStatusFor(coverage: readonly CoverageGap[]): RunStatus {
  return coverage.some((gap) => MISSING_DATA.has(gap.kind)) ? 'incomplete' : 'complete';
}

export const INSERT_RUN = `INSERT INTO runs
  (id, scope, source_kind, status, started_at, finished_at, tool_version, counts, snapshot)
  VALUES ($1::BIGINT, $2, $3, $4, $5::TIMESTAMP, $6::TIMESTAMP, $7, $8::JSON, $9::JSON)`;

/**
 * Writes one run in one transaction: rows go in through appenders (findings via a staging table,
 * see `CREATE_FINDING_STAGE`), the run row last, then COMMIT. Until the commit no reader sees any
 * of it; if the process dies first, DuckDB discards it on the next open and every earlier run is
 * as it was. https://duckdb.org/docs/stable/sql/statements/transactions
 */
export async function recordRun(db: Database, input: RecordRunInput): Promise<number> {
  const startedAt = isoTime(input.startedAt, 'startedAt');
  const finishedAt = isoTime(input.finishedAt ?? new Date(), 'finishedAt');
  const progress = input.onProgress ?? (() => undefined);

  await db.run('BEGIN TRANSACTION');
  try {
    const [row] = await db.rows(`SELECT nextval('run_ids') AS id`);
    const runId = Number(row?.id);
    const counts = emptyCounts();

    await db.run(CREATE_FINDING_STAGE);
    await appendAll(await db.appender('finding_stage'), input.findings, 'findings', progress, (a, f, i) => {
      appendFinding(a, runId, i, f);
      count(counts, f);
    });
    await db.run(MOVE_FINDING_STAGE);
    await db.run(DROP_FINDING_STAGE);

    let snapshotHeader: string | null = null;
    if (input.snapshot) {
      const { schemaVersion, takenAt, accounts, regions, resources } = input.snapshot;
      snapshotHeader = JSON.stringify({ schemaVersion, takenAt, accounts, regions });
      counts.resources = await appendAll(
        await db.appender('resources'),
        resources,
        'resources',
        progress,
        (a, r, i) => appendResource(a, runId, i, r),
      );
    }
    counts.coverageGaps = await appendAll(
      await db.appender('coverage_gaps'),
      input.coverage,
      'coverage',
      progress,
      (a, g, i) => appendGap(a, runId, i, g),
    );

    await db.run(INSERT_RUN, [
      runId,
      input.scope,
      input.sourceKind,
      input.status ?? runStatusFor(input.coverage),
      startedAt,
      finishedAt,
      input.toolVersion ?? 'unknown',
      JSON.stringify(counts),
      snapshotHeader,
    ]);
    progress({ stage: 'commit', rows: counts.findings });
    await db.run('COMMIT');
    return runId;
  } catch (error) {
    // After a fatal DuckDB error the rollback fails too; the original error is the one to report.
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Appends every item, closing (flushing) the appender at the end; returns the number of rows. */
async function appendAll<T>(
  appender: DuckDBAppender,
  items: Iterable<T>,
  stage: RecordProgress['stage'],
  progress: (p: RecordProgress) => void,
  append: (appender: DuckDBAppender, item: T, ordinal: number) => void,
): Promise<number> {
  let n = 0;
  try {
    for (const item of items) {
      append(appender, item, n);
      appender.endRow();
      n++;
      if (n % PROGRESS_EVERY === 0) progress({ stage, rows: n });
    }
    appender.closeSync();
  } catch (error) {
    // Drop the rows not yet flushed so that closing cannot write them; the caller rolls back the rest.
    try {
      appender.clear();
      appender.closeSync();
    } catch {
      // The appender may already be closed; the transaction is rolled back either way.
    }
    throw error;
  }
  progress({ stage, rows: n });
  return n;
}

function appendFinding(a: DuckDBAppender, runId: number, ordinal: number, f: StoredFinding): void {
  const r = f.resource;
  const where = `finding #${ordinal}`;
  a.appendBigInt(BigInt(runId));
  a.appendInteger(ordinal);
  a.appendVarchar(findingKey(f));
  a.appendVarchar(text(f.ruleId, where, 'ruleId'));
  a.appendVarchar(text(f.status, where, 'status'));
  a.appendVarchar(text(f.severity, where, 'severity'));
  a.appendVarchar(text(f.category, where, 'category'));
  a.appendVarchar(text(f.title, where, 'title'));
  a.appendVarchar(text(f.reason, where, 'reason'));
  a.appendVarchar(JSON.stringify(f.controls ?? []));
  a.appendVarchar(text(r.type, where, 'resource.type'));
  a.appendVarchar(text(r.id, where, 'resource.id'));
  optionalText(a, r.arn);
  a.appendVarchar(text(r.account, where, 'resource.account'));
  a.appendVarchar(text(r.region, where, 'resource.region'));
  optionalText(a, r.name);
  optionalText(a, r.logicalId);
  optionalText(a, r.file);
  optionalInteger(a, r.line);
  a.appendVarchar(JSON.stringify(f.remediation ?? { text: '' }));
  optionalJson(a, f.suppressed);
  optionalJson(a, f.suppressionExpired);
}

function appendResource(a: DuckDBAppender, runId: number, ordinal: number, r: Resource): void {
  const where = `resource #${ordinal}`;
  a.appendBigInt(BigInt(runId));
  a.appendInteger(ordinal);
  a.appendVarchar(text(r.type, where, 'type'));
  a.appendVarchar(text(r.id, where, 'id'));
  optionalText(a, r.arn);
  a.appendVarchar(text(r.account, where, 'account'));
  a.appendVarchar(text(r.region, where, 'region'));
  optionalText(a, r.name);
  a.appendVarchar(JSON.stringify(r.tags ?? {}));
  a.appendVarchar(JSON.stringify(r.props ?? {}));
  optionalJson(a, r.observed);
  a.appendVarchar(JSON.stringify(r.origin));
}

function appendGap(a: DuckDBAppender, runId: number, ordinal: number, g: CoverageGap): void {
  const where = `coverage gap #${ordinal}`;
  a.appendBigInt(BigInt(runId));
  a.appendInteger(ordinal);
  a.appendVarchar(text(g.kind, where, 'kind'));
  a.appendVarchar(text(g.message, where, 'message'));
  optionalText(a, g.account);
  optionalText(a, g.region);
  optionalText(a, g.resourceType);
  optionalText(a, g.resourceId);
  optionalText(a, g.file);
  optionalInteger(a, g.line);
  optionalText(a, g.path);
}

function emptyCounts(): RunCounts {
  return {
    findings: 0,
    byStatus: {},
    failBySeverity: {},
    open: 0,
    suppressed: 0,
    suppressionExpired: 0,
    resources: 0,
    coverageGaps: 0,
  };
}

/** The engine's counting rules: a suppressed finding counts only as suppressed. */
function count(counts: RunCounts, f: StoredFinding): void {
  counts.findings++;
  if (f.suppressed) {
    counts.suppressed++;
    return;
  }
  if (f.suppressionExpired) counts.suppressionExpired++;
  counts.byStatus[f.status] = (counts.byStatus[f.status] ?? 0) + 1;
  if (f.status === 'fail') {
    counts.failBySeverity[f.severity] = (counts.failBySeverity[f.severity] ?? 0) + 1;
    counts.open++;
  }
}

// Required text is checked here, so a malformed finding fails with its position rather than as a
// native appender error; the transaction is rolled back and nothing of the run is kept.
function text(value: unknown, where: string, field: string): string {
  if (typeof value !== 'string')
    throw new TypeError(`${where}: ${field} must be a string, got ${typeof value}`);
  return value;
}

function optionalText(a: DuckDBAppender, value: string | undefined): void {
  if (value === undefined || value === null) a.appendNull();
  else a.appendVarchar(String(value));
}

function optionalInteger(a: DuckDBAppender, value: number | undefined): void {
  if (typeof value === 'number' && Number.isInteger(value)) a.appendInteger(value);
  else a.appendNull();
}

function optionalJson(a: DuckDBAppender, value: object | undefined): void {
  if (value === undefined || value === null) a.appendNull();
  else a.appendVarchar(JSON.stringify(value));
}

function isoTime(value: Date | string, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new TypeError(`recordRun: ${field} is not a valid time: ${String(value)}`);
  // DuckDB's TIMESTAMP has no zone: the store keeps UTC and writes it without the `Z`.
  return date.toISOString().replace(/Z$/, '');
}
