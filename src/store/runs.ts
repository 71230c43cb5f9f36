import type { AccountInfo, CoverageGap, CoverageGapKind, Origin, Resource } from '../model/index.js';
import { StoreError, type Database, type Params, type Row } from './connection.js';
import type {
  FindingFilter,
  RecordedFinding,
  RunCounts,
  RunInfo,
  RunStatus,
  StoredFindingResource,
  StoredSnapshot,
  TrendPoint,
} from './types.js';

/** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
const ISO = `'%Y-%m-%dT%H:%M:%S.%gZ'`;

const RUN_COLUMNS = `id, scope, source_kind, status,
  strftime(started_at, ${ISO}) AS started_at, strftime(finished_at, ${ISO}) AS finished_at,
  tool_version, counts, snapshot IS NOT NULL AS has_snapshot`;

export const FINDING_COLUMNS = `finding_key, rule_id, status, severity, category, title, reason,
  controls, resource_type, resource_id, resource_arn, account, region, resource_name, logical_id,
  file, line, remediation, suppressed, suppression_expired`;

/** Failing and not suppressed: what the counts call open and `diff` compares. */
export const OPEN = `status = 'fail' AND suppressed IS NULL`;

export async function getRun(db: Database, runId: number): Promise<RunInfo | undefined> {
  const [row] = await db.rows(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?::BIGINT`, [runId]);
  return row ? toRun(row) : undefined;
}

/** The run, or a `StoreError` naming the id. */
export async function requireRun(db: Database, runId: number): Promise<RunInfo> {
  const run = await getRun(db, runId);
  if (!run) throw new StoreError('no-such-run', `The store has no run ${runId}.`, db.file);
  return run;
}

/** Runs, newest first; of one scope when given. */
export async function listRuns(db: Database, scope?: string): Promise<RunInfo[]> {
  const rows =
    scope === undefined
      ? await db.rows(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY id DESC`)
      : await db.rows(`SELECT ${RUN_COLUMNS} FROM runs WHERE scope = ? ORDER BY id DESC`, [scope]);
  return rows.map(toRun);
}

/** The latest run of the scope, or the latest before `beforeRunId` when given. */
export async function previousRun(
  db: Database,
  scope: string,
  beforeRunId?: number,
): Promise<RunInfo | undefined> {
  const [row] =
    beforeRunId === undefined
      ? await db.rows(`SELECT ${RUN_COLUMNS} FROM runs WHERE scope = ? ORDER BY id DESC LIMIT 1`, [scope])
      : await db.rows(
          `SELECT ${RUN_COLUMNS} FROM runs WHERE scope = ? AND id < ?::BIGINT ORDER BY id DESC LIMIT 1`,
          [scope, beforeRunId],
        );
  return row ? toRun(row) : undefined;
}

/** Open findings by severity for every run of the scope, oldest first: the history chart. */
export async function trend(db: Database, scope: string): Promise<TrendPoint[]> {
  // Read from the counts written with each run, so the chart costs one row per run.
  const runs = (await listRuns(db, scope)).reverse();
  return runs.map((run) => ({
    runId: run.id,
    startedAt: run.startedAt,
    status: run.status,
    failBySeverity: run.counts.failBySeverity,
    open: run.counts.open,
    suppressed: run.counts.suppressed,
  }));
}

/** The run's findings in the order they were recorded, narrowed by the filter. */
export async function findings(
  db: Database,
  runId: number,
  filter: FindingFilter = {},
): Promise<RecordedFinding[]> {
  await requireRun(db, runId);
  const where = ['run_id = ?::BIGINT'];
  const params: Params = [runId];
  const match = (column: string, value: string | readonly string[] | undefined) => {
    if (value === undefined) return;
    const values = typeof value === 'string' ? [value] : value;
    if (values.length === 0) {
      where.push('false');
      return;
    }
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  match('status', filter.status);
  match('severity', filter.severity);
  match('category', filter.category);
  match('rule_id', filter.ruleId);
  match('resource_type', filter.resourceType);
  match('account', filter.account);
  match('region', filter.region);
  if (filter.open) where.push(OPEN);
  if (filter.includeSuppressed === false) where.push('suppressed IS NULL');
  let sql = `SELECT ${FINDING_COLUMNS} FROM findings WHERE ${where.join(' AND ')} ORDER BY ordinal`;
  if (filter.limit !== undefined) sql += ` LIMIT ${count(filter.limit, 'limit')}`;
  if (filter.offset !== undefined) sql += ` OFFSET ${count(filter.offset, 'offset')}`;
  return (await db.rows(sql, params)).map(toFinding);
}

/** The snapshot stored with the run, or undefined when the run was recorded without one. */
export async function snapshot(db: Database, runId: number): Promise<StoredSnapshot | undefined> {
  const [row] = await db.rows(`SELECT snapshot FROM runs WHERE id = ?::BIGINT`, [runId]);
  if (!row) throw new StoreError('no-such-run', `The store has no run ${runId}.`, db.file);
  if (row.snapshot === null) return undefined;
  const header = JSON.parse(String(row.snapshot)) as {
    schemaVersion: number;
    takenAt: string;
    accounts: AccountInfo[];
    regions: string[];
  };
  const rows = await db.rows(
    `SELECT type, id, arn, account, region, name, tags, props, observed, origin
     FROM resources WHERE run_id = ?::BIGINT ORDER BY ordinal`,
    [runId],
  );
  return { ...header, resources: rows.map(toResource), coverage: await coverage(db, runId) };
}

/** The run's coverage gaps, in the order they were recorded. */
export async function coverage(db: Database, runId: number): Promise<CoverageGap[]> {
  const rows = await db.rows(
    `SELECT kind, message, account, region, resource_type, resource_id, file, line, path
     FROM coverage_gaps WHERE run_id = ?::BIGINT ORDER BY ordinal`,
    [runId],
  );
  return rows.map((r) => ({
    kind: String(r.kind) as CoverageGapKind,
    message: String(r.message),
    ...optional('account', r.account),
    ...optional('region', r.region),
    ...optional('resourceType', r.resource_type),
    ...optional('resourceId', r.resource_id),
    ...optional('file', r.file),
    ...(r.line === null ? {} : { line: Number(r.line) }),
    ...optional('path', r.path),
  }));
}

export function toFinding(r: Row): RecordedFinding {
  const resource: StoredFindingResource = {
    type: String(r.resource_type),
    id: String(r.resource_id),
    ...optional('arn', r.resource_arn),
    account: String(r.account),
    region: String(r.region),
    ...optional('name', r.resource_name),
    ...optional('logicalId', r.logical_id),
    ...optional('file', r.file),
    ...(r.line === null ? {} : { line: Number(r.line) }),
  };
  return {
    key: String(r.finding_key),
    ruleId: String(r.rule_id),
    status: String(r.status),
    severity: String(r.severity),
    category: String(r.category),
    title: String(r.title),
    reason: String(r.reason),
    controls: Array.isArray(r.controls) ? r.controls.map(String) : [],
    resource,
    remediation: JSON.parse(String(r.remediation)) as RecordedFinding['remediation'],
    ...(r.suppressed === null ? {} : { suppressed: JSON.parse(String(r.suppressed)) }),
    ...(r.suppression_expired === null
      ? {}
      : { suppressionExpired: JSON.parse(String(r.suppression_expired)) }),
  };
}

function toRun(r: Row): RunInfo {
  return {
    id: Number(r.id),
    scope: String(r.scope),
    sourceKind: String(r.source_kind),
    status: String(r.status) as RunStatus,
    startedAt: String(r.started_at),
    finishedAt: String(r.finished_at),
    toolVersion: String(r.tool_version),
    counts: JSON.parse(String(r.counts)) as RunCounts,
    hasSnapshot: r.has_snapshot === true,
  };
}

function toResource(r: Row): Resource {
  return {
    type: String(r.type),
    id: String(r.id),
    ...optional('arn', r.arn),
    account: String(r.account),
    region: String(r.region),
    ...optional('name', r.name),
    tags: JSON.parse(String(r.tags)) as Record<string, string>,
    props: JSON.parse(String(r.props)) as Record<string, unknown>,
    ...(r.observed === null ? {} : { observed: JSON.parse(String(r.observed)) as Record<string, unknown> }),
    origin: JSON.parse(String(r.origin)) as Origin,
  };
}

/** `{ [key]: value }` for a non-null column, `{}` for NULL, so absent fields stay absent. */
function optional<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return value === null || value === undefined ? {} : ({ [key]: String(value) } as { [P in K]?: string });
}

function count(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`findings: ${name} must be a whole number >= 0`);
  return value;
}
