import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type JS } from '@duckdb/node-api';
import { InputError } from '../model/index.js';

/** The path that means "no file": a store that lives and dies with the process. */
export const IN_MEMORY = ':memory:';

/**
 * `$CLOUDROUNDS_HOME/cloudrounds.duckdb` when that variable is set, else
 * `~/.cloudrounds/cloudrounds.duckdb`.
 */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.CLOUDROUNDS_HOME ? resolve(env.CLOUDROUNDS_HOME) : join(homedir(), '.cloudrounds');
  return join(home, 'cloudrounds.duckdb');
}

/** Why a store could not be opened or used. */
export type StoreErrorReason =
  /** Another process has the file open for writing (DuckDB allows one writer process). */
  | 'locked'
  /** The file is truncated, overwritten or not a DuckDB database. It is never recreated. */
  | 'corrupt'
  /** Read-only access to a file that does not exist. */
  | 'missing'
  /** Written by a newer DuckDB or a newer cloudrounds schema. */
  | 'incompatible'
  /** A DuckDB database that holds other tables and no cloudrounds schema. */
  | 'not-a-store'
  /** A write, or a schema upgrade, asked of a store opened read-only. */
  | 'read-only'
  /** A run id that is not in the store. */
  | 'no-such-run'
  /** Any other failure to open the file (permissions, a directory in the way). */
  | 'unreadable';

/**
 * A store problem the user can act on. It is an `InputError` whose `file` is the database, so the
 * CLI prints `file: message` and exits 2.
 */
export class StoreError extends InputError {
  readonly reason: StoreErrorReason;

  constructor(reason: StoreErrorReason, message: string, file: string, cause?: unknown) {
    super(message, { file });
    this.name = 'StoreError';
    this.reason = reason;
    if (cause !== undefined) this.cause = cause;
  }
}

const USE_ANOTHER = 'or pass --db FILE to use another store';

// Messages DuckDB gives for a file it cannot trust: a header that is not DuckDB's, blocks that end
// early (truncation) and blocks whose checksum fails (overwritten bytes).
const CORRUPTION = [
  /not a valid DuckDB database file/i,
  /Could not read enough bytes/i,
  /Corrupt database file/i,
  /does not match stored checksum/i,
];

/**
 * Turns a DuckDB error about the file into a `StoreError` naming it; other errors pass through.
 * https://duckdb.org/docs/stable/connect/concurrency (one writer process; readers only when no writer)
 */
export function classifyError(error: unknown, file: string): unknown {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/Could not set lock on file/i.test(message)) {
    const holder = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
    const who = holder ? ` (PID ${holder[2]})` : '';
    return new StoreError(
      'locked',
      `The store is in use by another process${who}; DuckDB lets one process write to it at a time. ` +
        `Wait for the other cloudrounds run to finish, ${USE_ANOTHER}.`,
      file,
      error,
    );
  }
  if (CORRUPTION.some((pattern) => pattern.test(message))) {
    return new StoreError(
      'corrupt',
      `The store is damaged and cannot be read (${message}). It has been left untouched: ` +
        `move it aside or restore it from a backup to start again, ${USE_ANOTHER}.`,
      file,
      error,
    );
  }
  if (/database does not exist/i.test(message)) {
    return new StoreError(
      'missing',
      `No store exists here yet; record a run first (cloudrounds daily), ${USE_ANOTHER}.`,
      file,
      error,
    );
  }
  if (/newer version|version number/i.test(message)) {
    return new StoreError(
      'incompatible',
      `The store was written by a newer version of DuckDB than this cloudrounds uses (${message}); ` +
        `upgrade cloudrounds, ${USE_ANOTHER}.`,
      file,
      error,
    );
  }
  return error;
}

/** A row as DuckDB's JS conversion returns it: BIGINT as bigint, LIST as array, JSON as string. */
export type Row = Record<string, JS>;

/** SQL parameters: strings, numbers, booleans and nulls are enough for the store's queries. */
export type Params = Array<string | number | boolean | null>;

interface SharedInstance {
  instance: Promise<DuckDBInstance>;
  /** Set once `instance` resolves, so the last user can close it synchronously. */
  opened?: DuckDBInstance;
  readOnly: boolean;
  users: number;
}

/**
 * Open instances by absolute path. DuckDB's file lock is per process, so it cannot stop two
 * instances in one process from opening the same file, and two instances would each cache and
 * write pages behind the other's back. Every store on a file in this process shares one instance,
 * each with its own connection (DuckDB runs concurrent transactions on one instance safely).
 */
const instances = new Map<string, SharedInstance>();

/** One connection to a store file, with errors about the file turned into `StoreError`s. */
export class Database {
  private closed = false;

  private constructor(
    /** Absolute path of the file, or `:memory:`. */
    readonly file: string,
    readonly readOnly: boolean,
    private readonly connection: DuckDBConnection,
    private readonly release: () => void,
  ) {}

  /** Opens (creating when writable and absent) the DuckDB file at `path`. */
  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<Database> {
    const readOnly = options.readOnly ?? false;
    if (path === IN_MEMORY) {
      const instance = await DuckDBInstance.create(IN_MEMORY, baseConfig(false));
      const connection = await instance.connect();
      return new Database(IN_MEMORY, false, connection, () => instance.closeSync());
    }
    const file = resolve(path);
    if (readOnly && !existsSync(file)) throw classifyError(new Error('database does not exist'), file);
    if (!readOnly) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });

    let shared = instances.get(file);
    if (shared && shared.readOnly !== readOnly) {
      throw new StoreError(
        'locked',
        `The store is already open ${shared.readOnly ? 'read-only' : 'for writing'} in this process; ` +
          `close it before opening it ${readOnly ? 'read-only' : 'for writing'}.`,
        file,
      );
    }
    if (!shared) {
      shared = { instance: DuckDBInstance.create(file, baseConfig(readOnly)), readOnly, users: 0 };
      instances.set(file, shared);
    }
    const entry = shared;
    entry.users++;
    const release = () => {
      entry.users--;
      if (entry.users > 0) return;
      instances.delete(file);
      // Closed synchronously, so that a store reopened right after never meets a second live
      // instance on the file. Closing the last instance checkpoints the WAL into the file.
      entry.opened?.closeSync();
    };
    let connection: DuckDBConnection;
    try {
      entry.opened = await entry.instance;
      connection = await entry.opened.connect();
    } catch (error) {
      release();
      throw wrapOpenError(error, file);
    }
    return new Database(file, readOnly, connection, release);
  }

  /** Runs a statement for its effect. */
  async run(sql: string, params?: Params): Promise<void> {
    try {
      await this.connection.run(sql, params);
    } catch (error) {
      throw classifyError(error, this.file);
    }
  }

  /** Runs a query and returns every row as an object. */
  async rows(sql: string, params?: Params): Promise<Row[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS();
    } catch (error) {
      throw classifyError(error, this.file);
    }
  }

  /** An appender on a table of this connection: rows land in the connection's open transaction. */
  async appender(table: string): Promise<DuckDBAppender> {
    try {
      return await this.connection.createAppender(table);
    } catch (error) {
      throw classifyError(error, this.file);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.release();
  }
}

function baseConfig(readOnly: boolean): Record<string, string> {
  return {
    access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
    // The store needs only extensions built into the bindings (json); never fetch one at run time.
    autoinstall_known_extensions: 'false',
  };
}

function wrapOpenError(error: unknown, file: string): unknown {
  const classified = classifyError(error, file);
  if (classified instanceof StoreError) return classified;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(
    'unreadable',
    `The store cannot be opened (${message}); ${USE_ANOTHER}.`,
    file,
    error,
  );
}
