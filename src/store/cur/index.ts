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
 * For each of the last days, account and service: the usage type whose spend rose most over its
 * own baseline (median of the previous same-weekday values, up to four), computed in SQL so the
 * per-usage-type rows never leave DuckDB.
 */
export interface CurDriver {
  day: string;
  account: string;
  service: string;
  usageType: string;
  impact: number;
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

/** Weeks of same-weekday history in a usage type's baseline, and days back drivers are computed for. */
const DRIVER_WEEKS = 4;
const DRIVER_DAYS = 14;

/** Line item types that are usage (on-demand, RI-covered, SP-covered), per the CUR query library. */
const USAGE_TYPES = `('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage')`;
/** EC2 instance hours: `BoxUsage` (shared tenancy) usage types, e.g. `USE1-BoxUsage:m5.large`. */
const BOX_USAGE = `(service = 'AmazonEC2' AND contains(usage_type, 'BoxUsage'))`;

/** Reads and aggregates a CUR; throws an {@link InputError} naming the file when it is not one. */
export async function aggregateCur(
  input: CurInput,
  options: { threads?: number } = {},
): Promise<CurAggregates> {
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
    return await aggregate(connection, source);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The SQL text of the file scan for a path (exported for the benchmark's baseline). */
export function curScan(path: string): string {
  const quoted = (p: string) => `'${p.replace(/'/g, "''")}'`;
  let glob = path;
  if (existsSync(path) && statSync(path).isDirectory()) {
    glob = join(path, '**', '*');
  }
  if (/\.parquet$/i.test(glob) || (glob.endsWith('*') && !/\.csv/i.test(glob))) {
    const g = glob.endsWith('*') ? `${glob}.parquet` : glob;
    return `read_parquet(${quoted(g)}, union_by_name = true)`;
  }
  return `read_csv(${quoted(glob)}, header = true, union_by_name = true, all_varchar = true)`;
}

async function viewOverFiles(connection: DuckDBConnection, path: string): Promise<string> {
  if (!existsSync(path) && !/[*?]/.test(path))
    throw new InputError(`CUR file or directory not found`, { file: path });
  let dirIsCsv = false;
  if (existsSync(path) && statSync(path).isDirectory()) {
    dirIsCsv = !(await hasFiles(connection, join(path, '**', '*.parquet')));
  }
  const scan = dirIsCsv
    ? `read_csv('${join(path, '**', '*.csv*').replace(/'/g, "''")}', header = true, union_by_name = true, all_varchar = true)`
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
  const r = await connection.runAndReadAll(`SELECT count(*) AS n FROM glob('${glob.replace(/'/g, "''")}')`);
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

async function aggregate(connection: DuckDBConnection, source: string): Promise<CurAggregates> {
  // One scan of the line items, two groupings: daily spend per account, service and usage type,
  // and hourly EC2 instance usage per region and instance type (with the span of the line item,
  // so daily line items can be spread over their hours). Both are small whatever the input size.
  // The results are returned as tab-separated text: converting tens of thousands of DuckDB values
  // one by one into JS costs more than the aggregation itself.
  const clean = (c: string) => `coalesce(translate(CAST(${c} AS VARCHAR), chr(9) || chr(10), '  '), '')`;
  const table = async (fields: readonly string[], sql: string): Promise<string[][]> => {
    const reader = await connection.runAndReadAll(
      `SELECT string_agg(concat_ws(chr(9), ${fields.map(clean).join(', ')}), chr(10)) FROM (${sql})`,
    );
    const text = reader.getRowsJS()[0]?.[0];
    return typeof text === 'string' && text !== '' ? text.split('\n').map((l) => l.split('\t')) : [];
  };
  // The last day bounds the usage-type detail (a min/max of one column: cheap on Parquet).
  const [probe] = await table(
    ['last'],
    `SELECT strftime(max(line_item_usage_start_date), '%Y-%m-%d') AS last FROM cur`,
  );
  const last = probe?.[0] ? `DATE '${probe[0]}'` : 'NULL';
  // Usage types are kept only for the days the drivers need (the recent days and their baseline
  // weeks); older days are grouped per account and service only.
  // Two aggregates, each one scan (a GROUPING SETS query over both was slower in DuckDB here: 2.3x
  // the two scans on 10 M line items). Hashing string keys per line item is what costs: the usage
  // type key triples the daily scan, and the line item type filter adds half a plain aggregate.
  await connection.run(`
    CREATE TEMP TABLE grouped AS
    SELECT CAST(line_item_usage_start_date AS DATE) AS day,
           line_item_usage_account_id AS account,
           line_item_product_code AS service,
           CASE WHEN line_item_usage_start_date >= ${last} - ${DRIVER_DAYS + 7 * DRIVER_WEEKS}
                THEN line_item_usage_type END AS usage_type,
           sum(line_item_unblended_cost) AS cost, count(*) AS items
    FROM cur WHERE line_item_line_item_type IN ${USAGE_TYPES}
    GROUP BY ALL`);
  // The hourly scan groups the raw columns of instance-usage line items and derives hours, spans
  // and instance types from its few thousand groups instead of once per line item (a sixth less
  // time than computing them per row); the outer sums merge start times within one hour and the
  // usage line item types.
  await connection.run(`
    CREATE TEMP TABLE boxes AS
    SELECT date_trunc('hour', start_time) AS hour,
           -- Hours a line item covers (1 hourly, 24 daily), to spread it over them.
           greatest(1, datediff('hour', start_time, end_time)) AS span,
           region,
           split_part(usage_type, ':', 2) AS instance_type,
           sum(box_hours) AS box_hours, sum(box_od) AS box_od
    FROM (
      SELECT line_item_line_item_type AS item_type,
             line_item_product_code AS service,
             line_item_usage_start_date AS start_time,
             line_item_usage_end_date AS end_time,
             product_region_code AS region,
             line_item_usage_type AS usage_type,
             sum(line_item_usage_amount) AS box_hours, sum(pricing_public_on_demand_cost) AS box_od
      FROM cur WHERE contains(line_item_usage_type, 'BoxUsage')
      GROUP BY ALL)
    WHERE item_type IN ${USAGE_TYPES} AND ${BOX_USAGE}
    GROUP BY ALL`);
  const totals = await table(
    ['day', 'account', 'service', 'cost', 'items'],
    `SELECT strftime(day, '%Y-%m-%d') AS day, account, service, sum(cost) AS cost, sum(items) AS items
     FROM grouped GROUP BY ALL ORDER BY day, account, service`,
  );
  // Each recent usage type against the median of its previous same-weekday values (up to four).
  const drivers: CurDriver[] = (
    await table(
      ['day', 'account', 'service', 'usage_type', 'impact'],
      `WITH u AS (SELECT day, account, service, usage_type, cost FROM grouped WHERE usage_type IS NOT NULL),
            recent AS (SELECT * FROM u WHERE day > ${last} - ${DRIVER_DAYS}),
            past AS (SELECT r.*, w FROM recent r, unnest([${Array.from({ length: DRIVER_WEEKS }, (_, w) => 7 * (w + 1)).join(', ')}]) AS t(w)),
            scored AS (
              SELECT p.day, p.account, p.service, p.usage_type,
                     p.cost - CASE WHEN count(h.cost) >= 2 THEN median(h.cost) ELSE 0 END AS impact
              FROM past p LEFT JOIN u h
                ON h.account = p.account AND h.service = p.service AND h.usage_type = p.usage_type
               AND h.day = p.day - p.w
              GROUP BY p.day, p.account, p.service, p.usage_type, p.cost)
       SELECT strftime(day, '%Y-%m-%d') AS day, account, service, arg_max(usage_type, impact) AS usage_type, max(impact) AS impact
       FROM scored GROUP BY ALL`,
    )
  ).map(([day, account, service, usageType, impact]) => ({
    day: day!,
    account: account!,
    service: service!,
    usageType: usageType!,
    impact: Number(impact),
  }));
  const hourly = await table(
    ['hour', 'span', 'region', 'instance_type', 'box_hours', 'box_od'],
    `SELECT strftime(hour, '%Y-%m-%dT%H:00:00Z') AS hour, span, region, instance_type, box_hours, box_od
     FROM boxes`,
  );
  const daily: CurDailyRow[] = [];
  const boxes: Array<{
    hour: string;
    span: number;
    region: string;
    instanceType: string;
    n: number;
    od: number;
  }> = [];
  let lineItems = 0;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const [day, account, service, cost, items] of totals) {
    daily.push({ day: day!, account: account!, service: service!, usageType: '', cost: Number(cost) });
    const t = Date.parse(`${day!}T00:00:00Z`);
    firstMs = Math.min(firstMs, t);
    lastMs = Math.max(lastMs, t + 23 * 3_600_000);
    lineItems += Number(items);
  }
  for (const [hour, spanText, region, instanceType, boxHours, boxOd] of hourly) {
    const span = Number(spanText);
    const t = Date.parse(hour!);
    firstMs = Math.min(firstMs, t);
    lastMs = Math.max(lastMs, t + (span - 1) * 3_600_000);
    if (instanceType === '' || Number(boxHours) <= 0) continue;
    boxes.push({
      hour: hour!,
      span,
      region: region!,
      instanceType: instanceType!,
      n: Number(boxHours),
      od: Number(boxOd),
    });
  }
  const hours = Number.isFinite(firstMs) ? Math.round((lastMs - firstMs) / 3_600_000) + 1 : 0;
  const first = Number.isFinite(firstMs) ? new Date(firstMs).toISOString().replace('.000Z', 'Z') : null;
  const spread = (values: number[], hourIso: string, span: number, amount: number) => {
    const start = Math.round((Date.parse(hourIso) - firstMs) / 3_600_000);
    // A daily (or monthly) line item is spread evenly over its hours.
    for (let h = 0; h < span; h++) {
      const i = start + h;
      if (i >= 0 && i < values.length) values[i]! += amount / span;
    }
  };
  const compute: CurHourlyPool = { pool: 'compute', values: new Array<number>(hours).fill(0) };
  const pools = new Map<string, CurHourlyPool & { od: number; n: number }>();
  for (const b of boxes) {
    spread(compute.values, b.hour, b.span, b.od);
    const key = `${b.region} ${b.instanceType}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = {
        pool: key,
        region: b.region,
        instanceType: b.instanceType,
        values: new Array<number>(hours).fill(0),
        od: 0,
        n: 0,
      };
      pools.set(key, pool);
    }
    spread(pool.values, b.hour, b.span, b.n);
    pool.od += b.od;
    pool.n += b.n;
  }
  const instances = [...pools.values()]
    .map(({ od, n: count, ...rest }) => ({ ...rest, unitPrice: count > 0 ? od / count : 0 }))
    .sort((a, b) => cmp(a.pool, b.pool));
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
