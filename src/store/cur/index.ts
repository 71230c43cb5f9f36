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

/** Daily spend of one account, service and usage type. */
export interface CurDailyRow {
  day: string;
  account: string;
  service: string;
  usageType: string;
  cost: number;
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
  /** First hour of the hourly arrays (ISO). */
  firstHour: string | null;
  compute: CurHourlyPool;
  instances: CurHourlyPool[];
}

/** Line item types that are usage (on-demand, RI-covered, SP-covered), per the CUR query library. */
const USAGE_TYPES = `('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage')`;
/** EC2 instance hours: `BoxUsage` (shared tenancy) usage types, e.g. `USE1-BoxUsage:m5.large`. */
const BOX_USAGE = `line_item_product_code = 'AmazonEC2' AND line_item_usage_type LIKE '%BoxUsage%'`;

/** Reads and aggregates a CUR; throws an {@link InputError} naming the file when it is not one. */
export async function aggregateCur(input: CurInput, options: { threads?: number } = {}): Promise<CurAggregates> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const connection = await instance.connect();
  try {
    const source = 'path' in input ? await viewOverFiles(connection, input.path) : await tableOfRows(connection, input.rows, input.label);
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
  if (!existsSync(path) && !/[*?]/.test(path)) throw new InputError(`CUR file or directory not found`, { file: path });
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
    throw new InputError(`cannot read as a CUR 2.0 export: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {
      file: path,
    });
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

async function tableOfRows(connection: DuckDBConnection, rows: readonly CurLineItem[], label: string): Promise<string> {
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
  const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
  // One pass for the daily spend; the hourly pools come from a small hourly pre-aggregate.
  await connection.run(`
    CREATE TEMP TABLE hourly AS
    SELECT date_trunc('hour', line_item_usage_start_date) AS hour,
           greatest(1, round(epoch(line_item_usage_end_date - line_item_usage_start_date) / 3600))::INTEGER AS span,
           line_item_usage_account_id AS account,
           line_item_product_code AS service,
           line_item_usage_type AS usage_type,
           product_region_code AS region,
           sum(line_item_unblended_cost) AS cost,
           sum(CASE WHEN ${BOX_USAGE} THEN line_item_usage_amount ELSE 0 END) AS box_hours,
           sum(CASE WHEN ${BOX_USAGE} THEN pricing_public_on_demand_cost ELSE 0 END) AS box_od,
           count(*) AS items
    FROM cur
    WHERE line_item_line_item_type IN ${USAGE_TYPES}
    GROUP BY ALL`);
  const [range] = await read(`
    SELECT strftime(min(hour), '%Y-%m-%d') AS "from",
           strftime(max(hour + to_hours(span - 1)), '%Y-%m-%d') AS "to",
           strftime(min(hour), '%Y-%m-%dT%H:00:00Z') AS first,
           CAST(epoch(max(hour + to_hours(span - 1)) - min(hour)) / 3600 AS INTEGER) + 1 AS hours,
           sum(items) AS items
    FROM hourly`);
  const daily = (
    await read(`
      SELECT strftime(CAST(hour AS DATE), '%Y-%m-%d') AS day, account, service, usage_type, sum(cost) AS cost
      FROM hourly GROUP BY ALL ORDER BY day, account, service, usage_type`)
  ).map((r) => ({
    day: String(r.day),
    account: String(r.account),
    service: String(r.service),
    usageType: String(r.usage_type),
    cost: Number(r.cost),
  }));
  const hours = Number(range?.hours ?? 0);
  const first = range?.first ? String(range.first) : null;
  const firstMs = first ? Date.parse(first) : 0;
  const spread = (values: number[], hourIso: string, span: number, amount: number) => {
    const start = Math.round((Date.parse(hourIso) - firstMs) / 3_600_000);
    // A daily (or monthly) line item is spread evenly over its hours.
    for (let h = 0; h < span; h++) {
      const i = start + h;
      if (i >= 0 && i < values.length) values[i]! += amount / span;
    }
  };
  const compute: CurHourlyPool = { pool: 'compute', values: new Array<number>(hours).fill(0) };
  for (const r of await read(`
      SELECT strftime(hour, '%Y-%m-%dT%H:00:00Z') AS hour, span, sum(box_od) AS od
      FROM hourly WHERE box_od > 0 GROUP BY ALL`)) {
    spread(compute.values, String(r.hour), Number(r.span), Number(r.od));
  }
  const pools = new Map<string, CurHourlyPool>();
  for (const r of await read(`
      SELECT strftime(hour, '%Y-%m-%dT%H:00:00Z') AS hour, span, region,
             split_part(usage_type, ':', 2) AS instance_type, sum(box_hours) AS n, sum(box_od) AS od
      FROM hourly WHERE box_hours > 0 GROUP BY ALL`)) {
    const key = `${String(r.region)} ${String(r.instance_type)}`;
    let pool = pools.get(key) as (CurHourlyPool & { od: number; n: number }) | undefined;
    if (!pool) {
      pool = {
        pool: key,
        region: String(r.region),
        instanceType: String(r.instance_type),
        values: new Array<number>(hours).fill(0),
        od: 0,
        n: 0,
      };
      pools.set(key, pool);
    }
    spread(pool.values, String(r.hour), Number(r.span), Number(r.n));
    pool.od += Number(r.od);
    pool.n += Number(r.n);
  }
  const instances = [...pools.values()]
    .map((p) => {
      const { od, n, ...rest } = p as CurHourlyPool & { od: number; n: number };
      return { ...rest, unitPrice: n > 0 ? od / n : 0 };
    })
    .sort((a, b) => (a.pool < b.pool ? -1 : 1));
  return {
    source,
    lineItems: Number(range?.items ?? 0),
    from: range?.from ? String(range.from) : null,
    to: range?.to ? String(range.to) : null,
    daily,
    firstHour: first,
    compute,
    instances,
  };
}
