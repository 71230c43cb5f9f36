/**
 * The contract between log ingestion (here, in the store layer: files, transactions, bookkeeping)
 * and the log engine (src/logs: which table, which SQL reads a format). The engine implements
 * {@link IngestSql}; the CLI hands it to {@link ingestLogs}. The store never imports the engine.
 */

/** The log formats cloudrounds ingests. */
export type LogKind = 'cloudtrail' | 'flow' | 's3-access' | 'alb';

export const LOG_KINDS: readonly LogKind[] = ['cloudtrail', 'flow', 's3-access', 'alb'];

/** What a file's path and first bytes say it holds. */
export interface FileClass {
  kind: LogKind;
  /** Files of one kind and group are read by one statement (same layout). */
  group: string;
  /**
   * Present the file to `batch` as the plain (decompressed) JSON array found under this top-level
   * key instead of the file itself; when that is not possible, read the original with `fallbackGroup`.
   * DuckDB parses one huge `{"Records":[...]}` object far more slowly than an array of records.
   */
  unwrap?: { key: string; fallbackGroup: string };
}

/** A file inside a batch, by its local path and its `log_files` id. */
export interface BatchFile {
  path: string;
  id: number;
}

/** The SQL of one batch. */
export interface BatchSql {
  /** Run in order inside the batch's transaction; together they insert the batch's records. */
  statements: string[];
  /** The table the records land in, when not the kind's (see {@link IngestSql.tableOf}). */
  table?: string;
  /** Query of `(path, line, message)` rows for lines skipped as malformed, read before commit. */
  skipped?: string;
  /** Query of one row `{ n }`: records read before de-duplication (so duplicates = n - inserted). */
  staged?: string;
  /**
   * Query of one row `{ n }`, run after the statements: the records just inserted that must not
   * stay (already stored, or repeated in the batch). When n > 0 the batch is rolled back and asked
   * for again with `exact`, whose statements leave those records out before inserting. Checking
   * after the insert writes each record once when nothing repeats, the usual case; deleting the
   * few repeats instead would make DuckDB write the whole batch twice (WAL, then checkpoint).
   */
  repeats?: string;
  /** Run after the batch whatever happened (dropping staging tables). */
  cleanup?: string[];
}

export type QueryFn = (sql: string) => Promise<Array<Record<string, unknown>>>;

export interface IngestSql {
  /**
   * The statements that create the log tables (or views) missing from the store, given a query
   * over it; run before every ingestion.
   */
  schema(query: QueryFn): Promise<string[]>;
  /** The table (or view) a kind lands in; each has a `file_id` column. */
  tableOf(kind: LogKind): string;
  /** Recognises a file; `head` is up to the first 64 KiB (decompressed), undefined for Parquet. */
  classify(path: string, head: string | undefined, forced?: LogKind): FileClass | undefined;
  /**
   * The statements that read `files` (one kind and group) into the kind's table; with `exact`,
   * statements that need no `repeats` check (see {@link BatchSql.repeats}).
   */
  batch(
    kind: LogKind,
    group: string,
    files: readonly BatchFile[],
    query: QueryFn,
    options?: { exact?: boolean },
  ): Promise<BatchSql>;
}

/** A problem with one input, counted and reported; the rest of the input is still ingested. */
export interface IngestWarning {
  file: string;
  line?: number;
  message: string;
}

/** What one `logs ingest` did. */
export interface IngestReport {
  /** Files read into the store now. */
  ingested: number;
  /** Files already in the store (same path, size and time, or same content). */
  alreadyIngested: number;
  /** Files skipped on purpose (digest and Insights files, unrecognised formats). */
  skipped: number;
  /** Files that could not be read at all. */
  failed: number;
  /** Records added, per kind. */
  records: Record<LogKind, number>;
  /** Records not added because an event with the same eventID was already stored. */
  duplicates: number;
  /** Lines skipped inside files that were otherwise ingested. */
  skippedLines: number;
  warnings: IngestWarning[];
  /** Bytes of input read (as stored, compressed when gzip). */
  bytes: number;
}
