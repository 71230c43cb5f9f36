/**
 * The SQL that reads each log format into its table, for the store's ingestion (which owns files
 * and transactions; see src/store/logs). Recognition of a file's format from its path and first
 * line is here too, because it is knowledge of the formats.
 *
 * DuckDB reads the files itself (`read_json` / `read_csv` / `read_parquet` over a list of files,
 * gzip by extension or magic) — several times faster than parsing JSON in JavaScript.
 */
import {
  CLOUDTRAIL_TABLE,
  recordSelect,
  recordStructType,
  cloudtrailTableDdl,
  CLOUDTRAIL_FIELDS,
} from './cloudtrail.js';
import { lit } from './dialect.js';
import {
  FLOW_TABLE,
  flowField,
  flowLayout,
  flowParquetProjection,
  flowPartDdl,
  flowPartTable,
  flowProjection,
  flowViewDdl,
  isFlowPartTable,
  type FlowLayout,
} from './flowlogs.js';
import {
  ALB,
  LINE_FORMATS,
  S3_ACCESS,
  groupNames,
  lineProjection,
  lineTableDdl,
  type LineFormat,
} from './textlogs.js';

/** Kept in step with the store's `LogKind` (structural typing joins the two layers). */
export type LogKind = 'cloudtrail' | 'flow' | 's3-access' | 'alb';

interface BatchFile {
  path: string;
  id: number;
}

interface BatchSql {
  statements: string[];
  table?: string;
  skipped?: string;
  staged?: string;
  repeats?: string;
  cleanup?: string[];
}

type QueryFn = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** The largest `{"Records":[...]}` document DuckDB will read as one value (CloudTrail files are < 100 MB). */
const MAX_OBJECT = 1 << 30;

/** Options for how formats are recognised. */
export interface LogIngestSqlOptions {
  /** Field list for flow-log files without a header line, as in the flow log's `LogFormat`. */
  flowFormat?: string;
}

export function logIngestSql(options: LogIngestSqlOptions = {}) {
  return {
    schema(query: QueryFn): Promise<string[]> {
      return schemaSql(query);
    },
    tableOf(kind: LogKind): string {
      return kind === 'cloudtrail' ? CLOUDTRAIL_TABLE : kind === 'flow' ? FLOW_TABLE : lineFormat(kind).table;
    },
    classify(path: string, head: string | undefined, forced?: LogKind) {
      return classify(path, head, forced, options.flowFormat);
    },
    batch(
      kind: LogKind,
      group: string,
      files: readonly BatchFile[],
      query: QueryFn,
      batchOptions: { exact?: boolean } = {},
    ): Promise<BatchSql> {
      return batchSql(kind, group, files, query, batchOptions.exact ?? false);
    },
  };
}

function lineFormat(kind: LogKind): LineFormat {
  return kind === 'alb' ? ALB : S3_ACCESS;
}

/** CloudTrail file shapes: the delivered `{"Records":[...]}`, a bare array, or JSON lines. */
type JsonShape = 'records' | 'array' | 'lines';

export function classify(
  path: string,
  head: string | undefined,
  forced?: LogKind,
  flowFormat?: string,
): { kind: LogKind; group: string; unwrap?: { key: string; fallbackGroup: string } } | undefined {
  if (head === undefined) {
    // Parquet: only flow logs are delivered as Parquet.
    return forced === undefined || forced === 'flow' ? { kind: 'flow', group: 'parquet' } : undefined;
  }
  const text = head.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? '';
  const json = jsonShape(trimmed);
  const kind: LogKind | undefined =
    forced ??
    (json
      ? 'cloudtrail'
      : /(^|[/_])vpcflowlogs([/_]|$)/i.test(path) || looksLikeFlowHeader(firstLine)
        ? 'flow'
        : /(^|[/_])elasticloadbalancing([/_]|$)/i.test(path) || new RegExp(ALB.pattern).test(firstLine)
          ? 'alb'
          : new RegExp(S3_ACCESS.pattern).test(firstLine)
            ? 's3-access'
            : undefined);
  if (!kind) return undefined;
  if (kind === 'cloudtrail') {
    if (json === 'records')
      return { kind, group: 'array', unwrap: { key: 'Records', fallbackGroup: 'records' } };
    return json ? { kind, group: json } : undefined;
  }
  if (kind === 'flow') {
    const layout = flowLayout(firstLine, flowFormat);
    return { kind, group: JSON.stringify(layout) };
  }
  return { kind, group: 'lines' };
}

function jsonShape(trimmed: string): JsonShape | undefined {
  if (trimmed.startsWith('[')) return 'array';
  if (!trimmed.startsWith('{')) return undefined;
  return /^\{\s*"Records"\s*:/.test(trimmed) ? 'records' : 'lines';
}

function looksLikeFlowHeader(line: string): boolean {
  const layout = flowLayout(line);
  return layout.header && layout.fields.includes('srcaddr');
}

function fileList(files: readonly BatchFile[]): string {
  return `[${files.map((f) => lit(f.path)).join(', ')}]`;
}

/** `(path, id)` pairs as a VALUES table joined on DuckDB's `filename` column. */
function fileMap(files: readonly BatchFile[]): string {
  return `(VALUES ${files.map((f) => `(${lit(f.path)}, ${f.id})`).join(', ')}) AS fm(path, id)`;
}

/** Names of the tables in the current database. */
async function tableNames(query: QueryFn): Promise<Set<string>> {
  const rows = await query(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`,
  );
  return new Set(rows.map((r) => String(r.table_name)));
}

/**
 * The log tables, and the flow-log view over its parts. A store written before flow logs were
 * split into parts holds them in one `vpc_flow_logs` table with every field: it becomes the part
 * of its columns, unchanged. (The change is one way: an older cloudrounds cannot ingest flow logs
 * into the view.)
 */
async function schemaSql(query: QueryFn): Promise<string[]> {
  const tables = await tableNames(query);
  const statements = [cloudtrailTableDdl(), ...LINE_FORMATS.map(lineTableDdl)];
  const parts = [...tables].filter(isFlowPartTable);
  if (tables.has(FLOW_TABLE)) {
    // Every ingestion used to create it, so most such stores hold it empty: dropped then.
    const [count] = await query(`SELECT count(*) AS n FROM ${FLOW_TABLE}`);
    if (Number(count?.n ?? 0) === 0) {
      statements.push(`DROP TABLE ${FLOW_TABLE}`);
    } else {
      const columns = await query(
        `SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = '${FLOW_TABLE}'`,
      );
      const part = flowPartTable(columns.map((c) => flowField(String(c.column_name)) ?? ''));
      statements.push(`ALTER TABLE ${FLOW_TABLE} RENAME TO ${part}`);
      parts.push(part);
    }
  }
  statements.push(flowViewDdl(parts));
  return statements;
}

/** Creates the part for a batch's fields when it is new, and the view over it with the others. */
async function flowPartSql(table: string, fields: readonly string[], query: QueryFn): Promise<string[]> {
  const tables = await tableNames(query);
  if (tables.has(table)) return [];
  const parts = [...tables].filter(isFlowPartTable);
  return [flowPartDdl(fields), flowViewDdl([...parts, table])];
}

async function batchSql(
  kind: LogKind,
  group: string,
  files: readonly BatchFile[],
  query: QueryFn,
  exact: boolean,
): Promise<BatchSql> {
  if (kind === 'cloudtrail') return cloudtrailBatch(group as JsonShape, files, exact);
  if (kind === 'flow') {
    if (group === 'parquet') return flowParquetBatch(files, query);
    return flowTextBatch(JSON.parse(group) as FlowLayout, files, query);
  }
  return lineBatch(lineFormat(kind), files);
}

/**
 * CloudTrail: the records of every file, with an explicit schema, inserted; events whose eventID
 * is already stored, or repeats inside the batch, must not stay (AWS may deliver an event twice,
 * and the same trail can be ingested from two copies). Usually there are none: the records are
 * inserted directly and `repeats` checks afterwards. The `exact` form, for a batch where it found
 * some, stages the records in a temporary table and inserts all but those (of an eventID repeated
 * in the batch, the copy in the first file), which writes every record twice.
 */
function cloudtrailBatch(shape: JsonShape, files: readonly BatchFile[], exact: boolean): BatchSql {
  const format = shape === 'lines' ? 'newline_delimited' : shape === 'array' ? 'array' : 'auto';
  const common = `format='${format}', maximum_object_size=${MAX_OBJECT}, filename=true, auto_detect=false`;
  const source =
    shape === 'records'
      ? `(SELECT unnest(Records) AS r, filename FROM read_json(${fileList(files)}, columns={Records: '${recordStructType()}[]'}, ${common}))`
      : `(SELECT struct_pack(${CLOUDTRAIL_FIELDS.map(([f]) => `"${f}" := "${f}"`).join(', ')}) AS r, filename FROM read_json(${fileList(files)}, columns={${CLOUDTRAIL_FIELDS.map(([f, t]) => `"${f}": '${t}'`).join(', ')}}, ${common}))`;
  const records = recordSelect('t.r', 'fm.id', `${source} t JOIN ${fileMap(files)} ON fm.path = t.filename`);
  if (exact) {
    return {
      statements: [
        `CREATE OR REPLACE TEMP TABLE ct_stage AS\n${records}`,
        `INSERT INTO ${CLOUDTRAIL_TABLE}
WITH bounds AS (SELECT min(eventtime) AS lo, max(eventtime) AS hi FROM ct_stage),
existing AS (
  SELECT c.eventid FROM ${CLOUDTRAIL_TABLE} c, bounds b
  WHERE c.eventid IS NOT NULL AND c.eventtime BETWEEN b.lo AND b.hi
)
SELECT s.* FROM ct_stage s
WHERE s.eventid IS NULL OR s.eventid NOT IN (SELECT eventid FROM existing)
QUALIFY s.eventid IS NULL OR row_number() OVER (PARTITION BY s.eventid ORDER BY s.file_id) = 1`,
      ],
      staged: 'SELECT count(*) AS n FROM ct_stage',
      cleanup: ['DROP TABLE IF EXISTS ct_stage'],
    };
  }
  const inBatch = `file_id IN (${files.map((f) => f.id).join(', ')})`;
  return {
    statements: [`INSERT INTO ${CLOUDTRAIL_TABLE}\n${records}`],
    staged: `SELECT count(*) AS n FROM ${CLOUDTRAIL_TABLE} WHERE ${inBatch}`,
    // Records of this batch stored before (only events in the batch's time range are compared),
    // plus repeats inside the batch.
    repeats: `WITH batch AS (
  SELECT eventid, eventtime FROM ${CLOUDTRAIL_TABLE} WHERE ${inBatch} AND eventid IS NOT NULL
),
bounds AS (SELECT min(eventtime) AS lo, max(eventtime) AS hi FROM batch),
stored AS (
  SELECT c.eventid FROM ${CLOUDTRAIL_TABLE} c, bounds b
  WHERE c.eventid IS NOT NULL AND c.eventtime BETWEEN b.lo AND b.hi AND NOT (c.${inBatch})
)
SELECT (SELECT count(*) FROM batch WHERE eventid IN (SELECT eventid FROM stored))
     + (SELECT count(eventid) - count(DISTINCT eventid) FROM batch) AS n`,
  };
}

/**
 * Flow logs as text: space-separated, `-` for no value, a header line naming the fields (custom
 * formats keep their own order). Lines with the wrong number of fields are skipped and reported
 * with their line number (DuckDB's rejects tables).
 */
async function flowTextBatch(
  layout: FlowLayout,
  files: readonly BatchFile[],
  query: QueryFn,
): Promise<BatchSql> {
  const columns = layout.fields.map((_, i) => `c${i}: 'VARCHAR'`).join(', ');
  const part = flowProjection(layout, 'fm.id');
  return {
    table: part.table,
    statements: [
      ...(await flowPartSql(part.table, layout.fields, query)),
      `INSERT INTO ${part.table} (${part.columns})
SELECT ${part.select}
FROM read_csv(${fileList(files)}, columns={${columns}}, delim=' ', quote='', escape='', header=${layout.header},
  nullstr='-', auto_detect=false, filename=true, ignore_errors=true, store_rejects=true,
  rejects_table='flow_rejects', rejects_scan='flow_reject_scans') t
JOIN ${fileMap(files)} ON fm.path = t.filename`,
    ],
    skipped: `SELECT s.file_path AS path, e.line AS line, any_value(e.error_type) || ': ' || any_value(e.error_message) AS message
FROM flow_rejects e JOIN flow_reject_scans s USING (scan_id, file_id)
GROUP BY s.file_path, e.line ORDER BY s.file_path, e.line`,
    cleanup: ['DROP TABLE IF EXISTS flow_rejects', 'DROP TABLE IF EXISTS flow_reject_scans'],
  };
}

async function flowParquetBatch(files: readonly BatchFile[], query: QueryFn): Promise<BatchSql> {
  const described = await query(
    `DESCRIBE SELECT * FROM read_parquet(${fileList(files)}, union_by_name=true)`,
  );
  const columns = described.map((r) => String(r.column_name));
  const part = flowParquetProjection(columns, 'fm.id');
  return {
    table: part.table,
    statements: [
      ...(await flowPartSql(part.table, part.fields, query)),
      `INSERT INTO ${part.table} (${part.columns})
SELECT ${part.select}
FROM read_parquet(${fileList(files)}, union_by_name=true, filename=true) t
JOIN ${fileMap(files)} ON fm.path = t.filename`,
    ],
  };
}

/**
 * S3 access and ALB logs: each line read whole (no quoting rules of a CSV reader apply), matched
 * by the format's pattern; lines that do not match are reported with their number.
 */
function lineBatch(format: LineFormat, files: readonly BatchFile[]): BatchSql {
  const pattern = lit(format.pattern);
  return {
    statements: [
      `CREATE OR REPLACE TEMP TABLE line_stage AS
SELECT fm.id AS file_id, fm.path AS path, t.line_number, t.line
FROM (SELECT filename, line, row_number() OVER (PARTITION BY filename ORDER BY rowid) AS line_number
      FROM (SELECT *, row_number() OVER () AS rowid FROM read_csv(${fileList(files)}, columns={'line': 'VARCHAR'}, delim='\u0001', quote='', escape='', header=false,
        auto_detect=false, filename=true, strict_mode=false, null_padding=true))) t
JOIN ${fileMap(files)} ON fm.path = t.filename
WHERE t.line IS NOT NULL AND trim(t.line) <> ''`,
      `INSERT INTO ${format.table}
SELECT ${lineProjection(format, 'm')}, file_id, line_number
FROM (SELECT file_id, line_number, regexp_extract(line, ${pattern}, ${groupNames(format)}) AS m
      FROM line_stage WHERE regexp_matches(line, ${pattern}))`,
    ],
    skipped: `SELECT path, line_number AS line, 'line does not match the ${format.kind} log format' AS message
FROM line_stage WHERE NOT regexp_matches(line, ${pattern}) ORDER BY path, line_number`,
    cleanup: ['DROP TABLE IF EXISTS line_stage'],
  };
}
