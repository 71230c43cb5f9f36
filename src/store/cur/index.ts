/**
 * Reading AWS Cost and Usage Reports (CUR 2.0, Data Exports) with DuckDB: Parquet or CSV (also
 * gzip-compressed), a file, a glob or a directory of them, with CUR 2.0's column names. The heavy
 * work is SQL: line items are aggregated here to daily spend per account, service and usage type,
 * and to hourly compute usage, so the cost engine (src/cost) sees thousands of rows, not millions.
 * Column reference: https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../model/index.js';

/** The CUR 2.0 columns cloudrounds reads; other columns are ignored. */
export const CUR_COLUMNS = [
  'line_item_usage_start_date',
  'line_item_usage_end_date',
  'line_item_usage_account_id',
  'line_item_product_code',
  'line_item_usage_type',
  'line_item_line_item_type',
  'line_item_usage_amount',
  'line_item_unblended_cost',
  'pricing_public_on_demand_cost',
  'product_region_code',
] as const;

/** One line item with the columns above (what the demo generator produces). */
export interface CurLineItem {
  line_item_usage_start_date: string;
  line_item_usage_end_date: string;
  line_item_usage_account_id: string;
  line_item_product_code: string;
  line_item_usage_type: string;
  line_item_line_item_type: string;
  line_item_usage_amount: number;
  line_item_unblended_cost: number;
  pricing_public_on_demand_cost: number;
  product_region_code: string;
}

export type CurInput = { path: string } | { rows: readonly CurLineItem[]; label: string };

/** Daily spend of one account and service (`usageType` is empty: see {@link CurDriver}). */
export interface CurDailyRow {
  day: string;
  account: string;
  service: string;
  usageType: string;
  cost: number;
}

/**
 * The usage type that drove one day's spend of one service in one account: the one whose spend
 * rose most over its own baseline (median of its previous same-weekday values, up to four),
 * computed in SQL for the cells asked for (see {@link CurOptions.driversFor}), so per-usage-type
 * rows never leave DuckDB.
 */
export interface CurDriver {
  day: string;
  account: string;
  service: string;
  usageType: string;
  impact: number;
}

/** One day of one service in one account (`day` is `YYYY-MM-DD`). */
export interface CurCell {
  day: string;
  account: string;
  service: string;
}

export interface CurOptions {
  threads?: number;
  /**
   * The cells whose driving usage type is wanted, chosen from the daily totals: in practice the
   * anomalies (src/cost `anomalyCells`). Only the days these cells and their baseline weeks cover
   * are read again, by usage type; without it no driver is computed.
   */
  driversFor?: (daily: readonly CurDailyRow[]) => readonly CurCell[];
}

/** Hourly usage of one pool, every hour of the range present (0 when unused). */
export interface CurHourlyPool {
  /** `compute` (all EC2 instance usage, for a Compute Savings Plan) or `<region> <instance type>`. */
  pool: string;
  region?: string;
  instanceType?: string;
  /** Public on-demand price per instance-hour (instance pools). */
  unitPrice?: number;
  /** On-demand $ per hour (compute) or instances per hour (instance pools). */
  values: number[];
}

export interface CurAggregates {
  source: string;
  lineItems: number;
  from: string | null;
  to: string | null;
  daily: CurDailyRow[];
  drivers: CurDriver[];
  /** First hour of the hourly arrays (ISO). */
  firstHour: string | null;
  compute: CurHourlyPool;
  instances: CurHourlyPool[];
}

/** Weeks of same-weekday history in a usage type's baseline (the anomaly baseline's default). */
const DRIVER_WEEKS = 4;

/**
 * Usage line items (on-demand, RI-covered, SP-covered), per the CUR query library. Written as
 * `list_contains` rather than `IN (...)`: DuckDB pushes this form into the Parquet scan, where it
 * is evaluated once per dictionary entry; an `IN` list stays a per-row filter (half the plain
 * daily aggregate's time on 10 M line items: 210 against 50 ms CPU).
 */
const IS_USAGE = `list_contains(['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'], line_item_line_item_type)`;
/** EC2 instance hours: `BoxUsage` (shared tenancy) usage types, e.g. `USE1-BoxUsage:m5.large`. */
const IS_BOX_USAGE = `(line_item_product_code = 'AmazonEC2' AND contains(line_item_usage_type, 'BoxUsage'))`;

/** A SQL string literal. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Reads and aggregates a CUR; throws an {@link InputError} naming the file when it is not one. */
export async function aggregateCur(input: CurInput, options: CurOptions = {}): Promise<CurAggregates> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const connection = await instance.connect();
  try {
    const source =
      'path' in input
        ? await viewOverFiles(connection, input.path)
        : await tableOfRows(connection, input.rows, input.label);
    return await aggregate(connection, source, options.driversFor);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The SQL text of the file scan for a path (exported for the benchmark's baseline). */
export function curScan(path: string): string {
  let glob = path;
  if (existsSync(path) && statSync(path).isDirectory()) {
    glob = join(path, '**', '*');
  }
  if (/\.parquet$/i.test(glob) || (glob.endsWith('*') && !/\.csv/i.test(glob))) {
    const g = glob.endsWith('*') ? `${glob}.parquet` : glob;
    return `read_parquet(${literal(g)}, union_by_name = true)`;
  }
  return `read_csv(${literal(glob)}, header = true, union_by_name = true, all_varchar = true)`;
}

async function viewOverFiles(connection: DuckDBConnection, path: string): Promise<string> {
  if (!existsSync(path) && !/[*?]/.test(path))
    throw new InputError(`CUR file or directory not found`, { file: path });
  let dirIsCsv = false;
  if (existsSync(path) && statSync(path).isDirectory()) {
    dirIsCsv = !(await hasFiles(connection, join(path, '**', '*.parquet')));
  }
  const scan = dirIsCsv
    ? `read_csv(${literal(join(path, '**', '*.csv*'))}, header = true, union_by_name = true, all_varchar = true)`
    : curScan(path);
  let columns: string[];
  try {
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${scan}`);
    columns = described.getRowObjectsJS().map((r) => String(r.column_name));
  } catch (error) {
    throw new InputError(
      `cannot read as a CUR 2.0 export: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      {
        file: path,
      },
    );
  }
  const missing = CUR_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      `not a CUR 2.0 export: missing column(s) ${missing.join(', ')} (CUR 2.0 names, e.g. line_item_unblended_cost)`,
      { file: path },
    );
  }
  await connection.run(`CREATE VIEW cur AS SELECT ${typedColumns()} FROM ${scan}`);
  return path;
}

async function hasFiles(connection: DuckDBConnection, glob: string): Promise<boolean> {
  const r = await connection.runAndReadAll(`SELECT count(*) AS n FROM glob(${literal(glob)})`);
  return Number(r.getRowObjectsJS()[0]?.n ?? 0) > 0;
}

/** The columns cast to their CUR types: CSV gives strings, Parquet exports give timestamps and doubles. */
function typedColumns(): string {
  return [
    'CAST(line_item_usage_start_date AS TIMESTAMP) AS line_item_usage_start_date',
    'CAST(line_item_usage_end_date AS TIMESTAMP) AS line_item_usage_end_date',
    'CAST(line_item_usage_account_id AS VARCHAR) AS line_item_usage_account_id',
    'line_item_product_code',
    'line_item_usage_type',
    'line_item_line_item_type',
    'CAST(line_item_usage_amount AS DOUBLE) AS line_item_usage_amount',
    'CAST(line_item_unblended_cost AS DOUBLE) AS line_item_unblended_cost',
    'CAST(pricing_public_on_demand_cost AS DOUBLE) AS pricing_public_on_demand_cost',
    'product_region_code',
  ].join(', ');
}

async function tableOfRows(
  connection: DuckDBConnection,
  rows: readonly CurLineItem[],
  label: string,
): Promise<string> {
  await connection.run(
    `CREATE TABLE cur_rows (${CUR_COLUMNS.map((c) => `${c} ${/amount|cost/.test(c) ? 'DOUBLE' : 'VARCHAR'}`).join(', ')})`,
  );
  const appender = await connection.createAppender('cur_rows');
  for (const row of rows) {
    for (const c of CUR_COLUMNS) {
      const v = row[c];
      if (typeof v === 'number') appender.appendDouble(v);
      else appender.appendVarchar(v);
    }
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  await connection.run(`CREATE VIEW cur AS SELECT ${typedColumns()} FROM cur_rows`);
  return label;
}

/**
 * The daily-spend scan over the `cur` view: usage line items per day, account and service, with
 * their count. Usage types are not a key here: hashing them per line item doubles the scan, and
 * only the cells asked for (the anomalies) need them (see {@link driversOf}). Both filters are
 * pushed into the scan (see IS_USAGE). Exported for the benchmark, which times the scans alone.
 */
export function dailyTotalsSql(): string {
  return `SELECT strftime(day, '%Y-%m-%d') AS day, account, service, cost, items
     FROM (SELECT CAST(line_item_usage_start_date AS DATE) AS day,
                  line_item_usage_account_id AS account,
                  line_item_product_code AS service,
                  sum(line_item_unblended_cost) AS cost, count(*) AS items
           FROM cur WHERE ${IS_USAGE}
           GROUP BY ALL)
     ORDER BY day, account, service`;
}

/**
 * The hourly EC2 scan over the `cur` view: instance usage per start hour, span, region and
 * instance type. It reads only EC2 instance usage (the three filters are evaluated in the Parquet
 * scan), groups the raw columns and derives hours, spans and instance types from its few thousand
 * groups instead of once per line item; the outer sums merge start times within one hour.
 */
export function instanceHoursSql(): string {
  return `SELECT date_trunc('hour', start_time) AS hour,
           -- Hours a line item covers (1 hourly, 24 daily), to spread it over them.
           greatest(1, datediff('hour', start_time, end_time)) AS span,
           region,
           split_part(usage_type, ':', 2) AS instance_type,
           sum(box_hours) AS box_hours, sum(box_od) AS box_od
    FROM (
      SELECT line_item_usage_start_date AS start_time,
             line_item_usage_end_date AS end_time,
             product_region_code AS region,
             line_item_usage_type AS usage_type,
             sum(line_item_usage_amount) AS box_hours, sum(pricing_public_on_demand_cost) AS box_od
      FROM cur WHERE ${IS_BOX_USAGE} AND ${IS_USAGE}
      GROUP BY ALL)
    GROUP BY ALL`;
}

async function aggregate(
  connection: DuckDBConnection,
  source: string,
  driversFor: CurOptions['driversFor'],
): Promise<CurAggregates> {
  // Two scans of the line items, two groupings: daily spend per account and service, and hourly
  // EC2 instance usage per region and instance type (with the span of the line item, so daily
  // line items can be spread over their hours); then, for the cells asked for, a third over their
  // days only, by usage type. All three results are small whatever the input size.
  // The results are returned as text, fields joined with tabs and rows with newlines: converting
  // tens of thousands of DuckDB values one by one into JS costs more than the aggregation itself.
  // Replacing tabs and newlines inside every value costs more than the query too (translate:
  // 0.15 s CPU for 24,000 rows), so the text is built as is and checked (row count, fields per
  // row); only when a value holds a tab or a newline is it built again with them replaced by
  // spaces. NULL becomes '' (concat_ws would skip it and shift the fields).
  const plain = (c: string) => `coalesce(CAST(${c} AS VARCHAR), '')`;
  const clean = (c: string) => `coalesce(translate(CAST(${c} AS VARCHAR), chr(9) || chr(10), '  '), '')`;
  const read = async (fields: readonly string[], sql: string, field: (c: string) => string) => {
    const reader = await connection.runAndReadAll(
      `SELECT count(*), string_agg(concat_ws(chr(9), ${fields.map(field).join(', ')}), chr(10)) FROM (${sql})`,
    );
    const [count, text] = reader.getRowsJS()[0] ?? [0, null];
    const rows =
      Number(count) > 0
        ? String(text ?? '')
            .split('\n')
            .map((l) => l.split('\t'))
        : [];
    return { rows, whole: rows.length === Number(count) && rows.every((r) => r.length === fields.length) };
  };
  const table: TableFn = async (fields, sql) => {
    const first = await read(fields, sql, plain);
    return first.whole ? first.rows : (await read(fields, sql, clean)).rows;
  };
  const totals = await table(['day', 'account', 'service', 'cost', 'items'], dailyTotalsSql());
  let lineItems = 0;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  const daily: CurDailyRow[] = [];
  for (const [day, account, service, cost, items] of totals) {
    daily.push({ day: day!, account: account!, service: service!, usageType: '', cost: Number(cost) });
    const t = Date.parse(`${day!}T00:00:00Z`);
    firstMs = Math.min(firstMs, t);
    lastMs = Math.max(lastMs, t + 23 * 3_600_000);
    lineItems += Number(items);
  }
  const cells = driversFor?.(daily) ?? [];
  const drivers = cells.length > 0 ? await driversOf(table, cells) : [];
  const usage = await instanceUsage(table);
  // The hours of instance usage widen the range (a line item spanning several hours ends later).
  for (const u of usage) {
    for (const e of u.entries) {
      firstMs = Math.min(firstMs, e.hour * HOUR_MS);
      lastMs = Math.max(lastMs, (e.hour + e.span - 1) * HOUR_MS);
    }
  }
  const hours = Number.isFinite(firstMs) ? Math.round((lastMs - firstMs) / HOUR_MS) + 1 : 0;
  const first = Number.isFinite(firstMs) ? new Date(firstMs).toISOString().replace('.000Z', 'Z') : null;
  const pools = hourlyPools(usage, firstMs, hours);
  const compute: CurHourlyPool = {
    pool: 'compute',
    values: pools.find((p) => p.pool === '')?.values ?? new Array<number>(hours).fill(0),
  };
  const instances = pools.filter((p) => p.pool !== '').sort((a, b) => cmp(a.pool, b.pool));
  return {
    source,
    lineItems,
    from: first ? first.slice(0, 10) : null,
    to: Number.isFinite(lastMs) ? new Date(lastMs).toISOString().slice(0, 10) : null,
    daily,
    drivers,
    firstHour: first,
    compute,
    instances,
  };
}

type TableFn = (fields: readonly string[], sql: string) => Promise<string[][]>;

const DAY_MS = 86_400_000;

/**
 * The driving usage type of each cell. Only the cells' days and the same weekdays of the
 * {@link DRIVER_WEEKS} weeks before are read again, by usage type: each day is a range on the start
 * time, which DuckDB checks against the Parquet row groups' statistics to skip the others. A usage
 * type's rise is its spend less the median of its previous same-weekday values (when at least two
 * exist; otherwise its whole spend), and the driver is the usage type that rose most.
 */
async function driversOf(table: TableFn, cells: readonly CurCell[]): Promise<CurDriver[]> {
  const wanted = cells.filter((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.day));
  if (wanted.length === 0) return [];
  const days = new Set<string>();
  for (const c of wanted) {
    const t = Date.parse(`${c.day}T00:00:00Z`);
    for (let w = 0; w <= DRIVER_WEEKS; w++) days.add(new Date(t - 7 * w * DAY_MS).toISOString().slice(0, 10));
  }
  const ranges = [...days]
    .sort()
    .map(
      (d) =>
        `(line_item_usage_start_date >= TIMESTAMP '${d}' AND line_item_usage_start_date < TIMESTAMP '${d}' + INTERVAL 1 DAY)`,
    )
    .join(' OR ');
  // list_contains rather than IN: pushed into the scan (see IS_USAGE).
  const among = (values: Iterable<string>, column: string) =>
    `list_contains([${[...new Set(values)].map(literal).join(', ')}], ${column})`;
  const weeks = Array.from({ length: DRIVER_WEEKS }, (_, w) => 7 * (w + 1)).join(', ');
  const rows = await table(
    ['day', 'account', 'service', 'usage_type', 'impact'],
    `WITH cells(day, account, service) AS (
       VALUES ${wanted.map((c) => `(DATE '${c.day}', ${literal(c.account)}, ${literal(c.service)})`).join(', ')}),
     u AS (
       SELECT CAST(line_item_usage_start_date AS DATE) AS day, line_item_usage_account_id AS account,
              line_item_product_code AS service, line_item_usage_type AS usage_type,
              sum(line_item_unblended_cost) AS cost
       FROM cur
       WHERE ${IS_USAGE} AND (${ranges})
         AND ${among(
           wanted.map((c) => c.account),
           'line_item_usage_account_id',
         )} AND ${among(
           wanted.map((c) => c.service),
           'line_item_product_code',
         )}
       GROUP BY ALL),
     recent AS (SELECT u.* FROM u JOIN cells c ON u.day = c.day AND u.account = c.account AND u.service = c.service),
     past AS (SELECT r.*, w FROM recent r, unnest([${weeks}]) AS t(w)),
     scored AS (
       SELECT p.day, p.account, p.service, p.usage_type,
              p.cost - CASE WHEN count(h.cost) >= 2 THEN median(h.cost) ELSE 0 END AS impact
       FROM past p LEFT JOIN u h
         ON h.account = p.account AND h.service = p.service AND h.usage_type = p.usage_type
        AND h.day = p.day - p.w
       GROUP BY p.day, p.account, p.service, p.usage_type, p.cost)
     SELECT strftime(day, '%Y-%m-%d') AS day, account, service, arg_max(usage_type, impact) AS usage_type, max(impact) AS impact
     FROM scored GROUP BY ALL`,
  );
  return rows.map(([day, account, service, usageType, impact]) => ({
    day: day!,
    account: account!,
    service: service!,
    usageType: usageType!,
    impact: Number(impact),
  }));
}

const HOUR_MS = 3_600_000;

/** The instance usage of one region and instance type, as groups of line items. */
interface InstanceUsage {
  region: string;
  instanceType: string;
  /** Per group of line items: its start hour (hours since the epoch), the hours it spans, its instance-hours and on-demand cost. */
  entries: Array<{ hour: number; span: number; hours: number; od: number }>;
}

/**
 * The hourly EC2 scan ({@link instanceHoursSql}), one row per region and instance type with its
 * groups of line items as `hour:span:hours:od` entries, which {@link hourlyPools} spreads over the
 * hours. Spreading and filling every hour of every pool in SQL (an unnest per span, then a join
 * of each pool with the whole range) cost more than the scan's grouping.
 */
async function instanceUsage(table: TableFn): Promise<InstanceUsage[]> {
  const rows = await table(
    ['region', 'instance_type', 'entries'],
    `SELECT coalesce(region, '') AS region, coalesce(instance_type, '') AS instance_type,
            string_agg(concat_ws(':', epoch_ms(hour) // ${HOUR_MS}, coalesce(span, 1), coalesce(box_hours, 0), coalesce(box_od, 0)), ',') AS entries
     FROM (${instanceHoursSql()})
     WHERE hour IS NOT NULL
     GROUP BY ALL`,
  );
  return rows.map(([region, instanceType, entries]) => ({
    region: region!,
    instanceType: instanceType!,
    entries: (entries ? entries.split(',') : []).map((entry) => {
      const [hour, span, n, cost] = entry.split(':');
      return { hour: Number(hour), span: Math.max(1, Number(span)), hours: Number(n), od: Number(cost) };
    }),
  }));
}

/**
 * The compute pool (named '': on-demand $ per hour of all instance usage) and one pool per region
 * and instance type (instances per hour, and the public on-demand price per instance-hour), every
 * hour of the range present (0 when unused). Each group of line items is spread evenly over the
 * hours it covers (a daily line item over 24). Line items without an instance type or without
 * instance-hours are in no pool.
 */
function hourlyPools(usage: readonly InstanceUsage[], firstMs: number, hours: number): CurHourlyPool[] {
  if (hours <= 0) return [];
  const firstHour = Math.round(firstMs / HOUR_MS);
  const compute = new Array<number>(hours).fill(0);
  const pools: CurHourlyPool[] = [{ pool: '', values: compute }];
  for (const u of usage) {
    if (u.instanceType === '') continue;
    const values = new Array<number>(hours).fill(0);
    let n = 0;
    let od = 0;
    for (const e of u.entries) {
      if (!(e.hours > 0)) continue;
      n += e.hours;
      od += e.od;
      const start = e.hour - firstHour;
      for (let k = 0; k < e.span; k++) {
        const h = start + k;
        if (h < 0 || h >= hours) continue;
        values[h]! += e.hours / e.span;
        compute[h]! += e.od / e.span;
      }
    }
    if (n <= 0) continue;
    pools.push({
      pool: `${u.region} ${u.instanceType}`,
      region: u.region,
      instanceType: u.instanceType,
      values,
      unitPrice: n > 0 ? od / n : 0,
    });
  }
  return pools;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
