/**
 * Logs in the store: CloudTrail, VPC flow, S3 access and ALB logs ingested into tables of the same
 * DuckDB file as the run history, and read-only SQL over them. See docs/logs.md.
 */
import { Database, defaultStorePath } from '../connection.js';
import { migrate } from '../schema.js';
import { type IngestInput, listLocalFiles } from './files.js';
import { type IngestOptions, ingestFiles } from './ingest.js';
import type { IngestReport, IngestSql } from './types.js';

export { listLocalFiles, isNonEventFile, type IngestInput } from './files.js';
export type { IngestOptions } from './ingest.js';
export type * from './types.js';
export { LOG_KINDS } from './types.js';

/** A query result: column names in order and rows as plain values. */
export interface QueryResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

export interface LogStore {
  readonly path: string;
  /** Ingests files and directories (walked) from the local disk. */
  ingestPaths(paths: readonly string[], sql: IngestSql, options?: IngestOptions): Promise<IngestReport>;
  /** Ingests prepared inputs (e.g. objects downloaded from S3, known by their `s3://` names). */
  ingest(inputs: readonly IngestInput[], sql: IngestSql, options?: IngestOptions): Promise<IngestReport>;
  /** Runs one query and returns its rows. */
  query(sql: string): Promise<QueryResult>;
  /** True when a table or view exists (log tables exist once something was ingested). */
  hasTable(name: string): Promise<boolean>;
  close(): void;
}

export interface OpenLogStoreOptions {
  /**
   * Open read-only and refuse file access from SQL (`enable_external_access = false`), so
   * arbitrary user SQL can neither change the store nor read or write other files.
   */
  readOnly?: boolean;
}

/** Opens the store file (default {@link defaultStorePath}) for logs; the history schema is kept current. */
export async function openLogStore(
  path: string = defaultStorePath(),
  options: OpenLogStoreOptions = {},
): Promise<LogStore> {
  const db = await Database.open(path, { readOnly: options.readOnly ?? false });
  try {
    await migrate(db);
    if (options.readOnly) {
      await db.run('SET enable_external_access = false');
      await db.run('SET lock_configuration = true');
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return new DuckLogStore(db);
}

class DuckLogStore implements LogStore {
  constructor(private readonly db: Database) {}

  get path(): string {
    return this.db.file;
  }

  async ingestPaths(
    paths: readonly string[],
    sql: IngestSql,
    options?: IngestOptions,
  ): Promise<IngestReport> {
    return ingestFiles(this.db, sql, await listLocalFiles(paths), options);
  }

  ingest(inputs: readonly IngestInput[], sql: IngestSql, options?: IngestOptions): Promise<IngestReport> {
    return ingestFiles(this.db, sql, inputs, options);
  }

  async query(sql: string): Promise<QueryResult> {
    const rows = await this.db.rows(sql);
    const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
    return { columns, rows: rows.map(plain) };
  }

  async hasTable(name: string): Promise<boolean> {
    const rows = await this.db.rows(
      `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND table_name = $1
       UNION ALL
       SELECT 1 FROM duckdb_views() WHERE database_name = current_database() AND view_name = $1`,
      [name],
    );
    return rows.length > 0;
  }

  close(): void {
    this.db.close();
  }
}

/** BIGINT as a number when it fits, timestamps as ISO text: values JSON can carry. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
  return out;
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plainValue);
  if (v && typeof v === 'object') return plain(v as Record<string, unknown>);
  return v;
}
