/**
 * VPC Flow Logs as a table: every documented field (default v2 format and the custom-format fields
 * through v11), how a file's header line (or a `${field}` format string) maps to columns, and how
 * text records become typed columns.
 *
 * Fields: https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html#flow-logs-fields
 */
import { ident } from './dialect.js';

export const FLOW_TABLE = 'vpc_flow_logs';

type FlowType = 'INTEGER' | 'BIGINT' | 'VARCHAR';

/**
 * [field as AWS names it, stored type, version that introduced it]. Fields may only be appended:
 * a field's position is its bit in the names of the stored part tables (see {@link flowPartTable}).
 */
export const FLOW_FIELDS: ReadonlyArray<readonly [name: string, type: FlowType, version: number]> = [
  ['version', 'INTEGER', 2],
  ['account-id', 'VARCHAR', 2],
  ['interface-id', 'VARCHAR', 2],
  ['srcaddr', 'VARCHAR', 2],
  ['dstaddr', 'VARCHAR', 2],
  ['srcport', 'INTEGER', 2],
  ['dstport', 'INTEGER', 2],
  ['protocol', 'INTEGER', 2],
  ['packets', 'BIGINT', 2],
  ['bytes', 'BIGINT', 2],
  ['start', 'BIGINT', 2],
  ['end', 'BIGINT', 2],
  ['action', 'VARCHAR', 2],
  ['log-status', 'VARCHAR', 2],
  ['vpc-id', 'VARCHAR', 3],
  ['subnet-id', 'VARCHAR', 3],
  ['instance-id', 'VARCHAR', 3],
  ['tcp-flags', 'INTEGER', 3],
  ['type', 'VARCHAR', 3],
  ['pkt-srcaddr', 'VARCHAR', 3],
  ['pkt-dstaddr', 'VARCHAR', 3],
  ['region', 'VARCHAR', 4],
  ['az-id', 'VARCHAR', 4],
  ['sublocation-type', 'VARCHAR', 4],
  ['sublocation-id', 'VARCHAR', 4],
  ['pkt-src-aws-service', 'VARCHAR', 5],
  ['pkt-dst-aws-service', 'VARCHAR', 5],
  ['flow-direction', 'VARCHAR', 5],
  ['traffic-path', 'INTEGER', 5],
  ['ecs-cluster-arn', 'VARCHAR', 7],
  ['ecs-cluster-name', 'VARCHAR', 7],
  ['ecs-container-instance-arn', 'VARCHAR', 7],
  ['ecs-container-instance-id', 'VARCHAR', 7],
  ['ecs-container-id', 'VARCHAR', 7],
  ['ecs-second-container-id', 'VARCHAR', 7],
  ['ecs-service-name', 'VARCHAR', 7],
  ['ecs-task-definition-arn', 'VARCHAR', 7],
  ['ecs-task-arn', 'VARCHAR', 7],
  ['ecs-task-id', 'VARCHAR', 7],
  ['reject-reason', 'VARCHAR', 8],
  ['resource-id', 'VARCHAR', 9],
  ['encryption-status', 'INTEGER', 10],
  ['instance-tag', 'VARCHAR', 11],
  ['instance-tag-2', 'VARCHAR', 11],
  ['interface-tag', 'VARCHAR', 11],
  ['interface-tag-2', 'VARCHAR', 11],
  ['asg-tag', 'VARCHAR', 11],
  ['asg-tag-2', 'VARCHAR', 11],
  ['interface-type', 'VARCHAR', 11],
  ['next-hop-interface-id', 'VARCHAR', 11],
  ['next-hop-subnet-id', 'VARCHAR', 11],
  ['next-hop-az-id', 'VARCHAR', 11],
  ['next-hop-vpc-id', 'VARCHAR', 11],
  ['next-hop-interface-type', 'VARCHAR', 11],
];

/** The 14 fields of the default format, in order. */
export const DEFAULT_FLOW_FORMAT: readonly string[] = FLOW_FIELDS.filter(([, , v]) => v === 2).map(
  ([n]) => n,
);

const BY_NAME = new Map(FLOW_FIELDS.map(([n, t]) => [n, t]));
const FIELD_INDEX = new Map(FLOW_FIELDS.map(([n], i) => [n, i]));

/** The column name of a field: hyphens become underscores (`account-id` -> `account_id`), as in Parquet. */
export function flowColumn(field: string): string {
  return field.replace(/-/g, '_');
}

/** Field name from a header token, a Parquet column or a `${field}` format token; undefined when unknown. */
export function flowField(token: string): string | undefined {
  const name = token
    .replace(/^\$\{|\}$/g, '')
    .trim()
    .toLowerCase()
    .replace(/_/g, '-');
  return BY_NAME.has(name) ? name : undefined;
}

/**
 * Storage on DuckDB: `vpc_flow_logs` is a view over one table per set of fields present
 * (`vpc_flow_part_<fields>`), each holding only its own columns. A default-format file fills 14 of
 * the 54 fields; storing the other 40 as NULL columns cost more than the 14 real ones (writing 2
 * million records with all 54 columns took about twice as long as with the 14). The view gives
 * every query the full column list, NULL where a part lacks a field, and DuckDB pushes filters into
 * each part.
 */
const PART_PREFIX = 'vpc_flow_part_';
const PART_NAME = new RegExp(`^${PART_PREFIX}[0-9a-f]+$`);

/** The part table holding records with exactly these fields (any order, unknown names ignored). */
export function flowPartTable(fields: readonly string[]): string {
  // One bit per documented field, in FLOW_FIELDS order, as hex: stable, and readable with FLOW_FIELDS.
  let bits = 0n;
  for (const f of fields) {
    const i = FIELD_INDEX.get(f);
    if (i !== undefined) bits |= 1n << BigInt(i);
  }
  return `${PART_PREFIX}${bits.toString(16)}`;
}

/** True for the name of a part table (as listed by `duckdb_tables()`). */
export function isFlowPartTable(name: string): boolean {
  return PART_NAME.test(name);
}

/** The documented fields among `fields`, in FLOW_FIELDS order, without repeats. */
function presentFields(fields: readonly string[]): string[] {
  const set = new Set(fields);
  return FLOW_FIELDS.map(([n]) => n).filter((n) => set.has(n));
}

/** `CREATE TABLE` of the part for these fields. */
export function flowPartDdl(fields: readonly string[]): string {
  const columns = [
    ...presentFields(fields).map((n) => `${ident(flowColumn(n))} ${BY_NAME.get(n)!}`),
    'file_id BIGINT',
  ];
  return `CREATE TABLE IF NOT EXISTS ${flowPartTable(fields)} (\n  ${columns.join(',\n  ')}\n)`;
}

/**
 * The `vpc_flow_logs` view over the given part tables: every field in FLOW_FIELDS order (typed
 * NULLs from the first, empty branch), then the parts matched by column name.
 */
export function flowViewDdl(parts: readonly string[]): string {
  const empty = `SELECT ${[
    ...FLOW_FIELDS.map(([n, t]) => `CAST(NULL AS ${t}) AS ${ident(flowColumn(n))}`),
    'CAST(NULL AS BIGINT) AS file_id',
  ].join(', ')} WHERE false`;
  const branches = [...parts].sort().map((p) => `SELECT * FROM ${p}`);
  return `CREATE OR REPLACE VIEW ${FLOW_TABLE} AS\n${[empty, ...branches].join('\nUNION ALL BY NAME\n')}`;
}

/** What a file's first line says about its layout. */
export interface FlowLayout {
  /** The fields in file order (unknown tokens kept, so later columns stay aligned). */
  fields: string[];
  /** True when the first line is the header and must be skipped. */
  header: boolean;
  /** Header tokens that are not documented fields; their columns are read and dropped. */
  unknown: string[];
}

/**
 * Reads the layout from the first line: a header of field names (`version account-id ...`, or
 * `${version} ...` as the format string is written), or else data in `format` (default v2).
 */
export function flowLayout(firstLine: string, format?: string): FlowLayout {
  const tokens = firstLine.trim().split(/\s+/);
  const known = tokens.filter((t) => flowField(t) !== undefined);
  if (tokens.length > 0 && known.length >= Math.ceil(tokens.length / 2) && !/^\d+$/.test(tokens[0]!)) {
    const unknown = tokens.filter((t) => flowField(t) === undefined);
    return { fields: tokens.map((t) => flowField(t) ?? t), header: true, unknown };
  }
  const fields = format
    ? format
        .trim()
        .split(/\s+/)
        .map((t) => flowField(t) ?? t)
    : [...DEFAULT_FLOW_FORMAT];
  return { fields, header: false, unknown: fields.filter((f) => !BY_NAME.has(f)) };
}

/**
 * The column list of the part for `layout` and the SELECT list turning raw text columns `c0..cN`
 * (read as VARCHAR in `layout` order, `-` as NULL) into it.
 */
export function flowProjection(layout: FlowLayout, fileIdExpr: string): FlowPartInsert {
  const position = new Map(layout.fields.map((f, i) => [f, i]));
  const fields = presentFields(layout.fields);
  const select = fields.map((name) => {
    const i = position.get(name)!;
    const type = BY_NAME.get(name)!;
    return type === 'VARCHAR' ? `c${i}` : `TRY_CAST(c${i} AS ${type})`;
  });
  return partColumns(fields, select, fileIdExpr);
}

/** The same for a Parquet file, whose columns are named like the table's (any case). */
export function flowParquetProjection(columns: readonly string[], fileIdExpr: string): FlowPartInsert {
  const present = new Map<string, string>();
  for (const c of columns) {
    const f = flowField(c);
    if (f !== undefined) present.set(f, c);
  }
  const fields = presentFields([...present.keys()]);
  const select = fields.map(
    (name) => `TRY_CAST("${present.get(name)!.replace(/"/g, '""')}" AS ${BY_NAME.get(name)!})`,
  );
  return partColumns(fields, select, fileIdExpr);
}

/** Where a batch's records go: the part, its column list and the matching SELECT list. */
export interface FlowPartInsert {
  table: string;
  fields: string[];
  columns: string;
  select: string;
}

function partColumns(fields: string[], select: readonly string[], fileIdExpr: string): FlowPartInsert {
  return {
    table: flowPartTable(fields),
    fields,
    columns: [...fields.map((n) => ident(flowColumn(n))), 'file_id'].join(', '),
    select: [...select, fileIdExpr].join(', '),
  };
}
