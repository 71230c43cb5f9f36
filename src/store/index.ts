/**
 * The embedded store: one DuckDB file holding every run of cloudrounds, its findings, its
 * snapshot and its coverage gaps, so `daily` can say what is new, resolved and still open.
 * See docs/store.md.
 */
import { Database, StoreError, defaultStorePath } from './connection.js';
import { diffRuns } from './diff.js';
import * as runs from './runs.js';
import { migrate } from './schema.js';
import type {
  FindingFilter,
  RecordRunInput,
  RecordedFinding,
  RunDiff,
  RunInfo,
  StoredSnapshot,
  TrendPoint,
} from './types.js';
import { recordRun } from './write.js';
import type { CoverageGap } from '../model/index.js';

export { IN_MEMORY, StoreError, defaultStorePath, type StoreErrorReason } from './connection.js';
export { findingKey, scopeKey, type ScopeInput } from './keys.js';
export { SCHEMA_VERSION } from './schema.js';
export { runStatusFor } from './write.js';
export type * from './types.js';

export interface OpenStoreOptions {
  /** Open for reading only: several readers may share the file, and nothing can be written. */
  readOnly?: boolean;
}

/** A run history in a DuckDB file. Calls on one store run one at a time, in call order. */
export interface Store {
  /** Absolute path of the database file, or `:memory:`. */
  readonly path: string;
  readonly readOnly: boolean;
  /** Writes a run in one transaction and returns its id; readers see all of it or none. */
  recordRun(input: RecordRunInput): Promise<number>;
  getRun(runId: number): Promise<RunInfo | undefined>;
  /** The latest run of the scope, or the latest before `beforeRunId`. */
  previousRun(scope: string, beforeRunId?: number): Promise<RunInfo | undefined>;
  /** Runs, newest first; of one scope when given. */
  listRuns(scope?: string): Promise<RunInfo[]>;
  findings(runId: number, filter?: FindingFilter): Promise<RecordedFinding[]>;
  /** New, resolved and still-open failing findings; every open finding is new without a previous run. */
  diff(runId: number, previousRunId?: number): Promise<RunDiff>;
  /** Open findings by severity per run of the scope, oldest first. */
  trend(scope: string): Promise<TrendPoint[]>;
  /** The snapshot recorded with the run, or undefined when it was recorded without one. */
  snapshot(runId: number): Promise<StoredSnapshot | undefined>;
  coverage(runId: number): Promise<CoverageGap[]>;
  /** Waits for pending calls, then closes; the file is checkpointed when its last store closes. */
  close(): Promise<void>;
}

/**
 * Opens the store at `path` (default {@link defaultStorePath}), creating the file, its directory
 * and the schema when writable and absent. Throws a {@link StoreError} when another process holds
 * the file, when the file is damaged (it is never recreated over), or when it is not a store.
 */
export async function openStore(
  path: string = defaultStorePath(),
  options: OpenStoreOptions = {},
): Promise<Store> {
  const db = await Database.open(path, options);
  try {
    await migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new DuckStore(db);
}

class DuckStore implements Store {
  /** The tail of the call queue: a transaction must not interleave with another call's statements. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database) {}

  get path(): string {
    return this.db.file;
  }

  get readOnly(): boolean {
    return this.db.readOnly;
  }

  recordRun(input: RecordRunInput): Promise<number> {
    if (this.db.readOnly) {
      return Promise.reject(
        new StoreError(
          'read-only',
          'The store was opened read-only; a run cannot be recorded.',
          this.db.file,
        ),
      );
    }
    return this.serial(() => recordRun(this.db, input));
  }

  getRun(runId: number): Promise<RunInfo | undefined> {
    return this.serial(() => runs.getRun(this.db, runId));
  }

  previousRun(scope: string, beforeRunId?: number): Promise<RunInfo | undefined> {
    return this.serial(() => runs.previousRun(this.db, scope, beforeRunId));
  }

  listRuns(scope?: string): Promise<RunInfo[]> {
    return this.serial(() => runs.listRuns(this.db, scope));
  }

  findings(runId: number, filter?: FindingFilter): Promise<RecordedFinding[]> {
    return this.serial(() => runs.findings(this.db, runId, filter));
  }

  diff(runId: number, previousRunId?: number): Promise<RunDiff> {
    return this.serial(() => diffRuns(this.db, runId, previousRunId));
  }

  trend(scope: string): Promise<TrendPoint[]> {
    return this.serial(() => runs.trend(this.db, scope));
  }

  snapshot(runId: number): Promise<StoredSnapshot | undefined> {
    return this.serial(() => runs.snapshot(this.db, runId));
  }

  coverage(runId: number): Promise<CoverageGap[]> {
    return this.serial(async () => {
      await runs.requireRun(this.db, runId);
      return runs.coverage(this.db, runId);
    });
  }

  close(): Promise<void> {
    return this.serial(async () => this.db.close());
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.last.then(work, work);
    this.last = result.catch(() => undefined);
    return result;
  }
}
