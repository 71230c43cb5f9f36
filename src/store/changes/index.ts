/**
 * The change journal: every change cloudrounds makes to an account (fix, cleanup, rotation, undo),
 * written to the store before and after each AWS call — who, when, which account and region, the
 * rule and resource, the exact call, the state it overwrote and how to put it back. Kept in the same
 * DuckDB file as the run history. See docs/fix.md.
 */
import { Database, defaultStorePath, type Params, type Row } from '../connection.js';
import { migrate } from '../schema.js';
import { ensureChangeSchema } from './schema.js';

export { ensureChangeSchema } from './schema.js';

/** One AWS call as the journal keeps it (the shape of `AwsCall` in src/rules/fix.ts). */
export interface JournalCall {
  client: string;
  operation: string;
  input: Record<string, unknown>;
  action: string;
  account: string;
  region: string;
}

/** How a step is reversed: a call, or why it cannot be; `null` in the journal means nothing to undo. */
export type JournalUndo = { call: JournalCall; partial?: string } | { irreversible: string };

/** What kind of command made a change run. */
export type ChangeKind = 'fix' | 'cleanup' | 'rotate' | 'undo';

/**
 * `running` until the run ends; a run left `running` by a process that is gone was interrupted.
 * `failed`: a step failed and the steps after it never ran.
 */
export type ChangeRunStatus = 'running' | 'applied' | 'failed';

/**
 * `planned`: not reached yet (or never, when the run was interrupted); `started`: the call was sent
 * and no answer was recorded (an interrupted run: the change may or may not have happened);
 * `not-run`: an earlier step failed.
 */
export type ChangeStepStatus = 'planned' | 'started' | 'applied' | 'failed' | 'not-run';

/** A step as the executor hands it to the journal when the run starts. */
export interface JournalStepInput {
  description: string;
  call: JournalCall;
  destructive?: boolean;
  backup?: boolean;
  capture?: JournalCall;
  ruleId?: string;
  resourceType?: string;
  resourceId?: string;
  findingKey?: string;
  /** The identity that makes the call (per account: an assumed role in member accounts). */
  callerArn?: string;
}

export interface JournalStep extends JournalStepInput {
  ordinal: number;
  status: ChangeStepStatus;
  /** The capture call's answer: the state the step overwrote. */
  captured?: unknown;
  /** Absent before the capture ran; `null` when the step has nothing to undo. */
  undo?: JournalUndo | null;
  error?: string;
  output?: unknown;
  startedAt?: string;
  finishedAt?: string;
}

export interface JournalRunInfo {
  id: number;
  kind: ChangeKind;
  title: string;
  callerArn?: string;
  startedAt: string;
  finishedAt?: string;
  status: ChangeRunStatus;
  /** For an undo run: the run it reverses. */
  undoOf?: number;
  note?: string;
}

export interface JournalRun extends JournalRunInfo {
  steps: JournalStep[];
}

export interface StartRunInput {
  kind: ChangeKind;
  title: string;
  callerArn?: string;
  undoOf?: number;
  note?: string;
  steps: readonly JournalStepInput[];
}

/** A finding the history recorded, found by its key (`findingKey`), from the latest run that has it. */
export interface KeyedFinding {
  runId: number;
  ruleId: string;
  status: string;
  resourceType: string;
  resourceId: string;
  account: string;
  region: string;
}

export interface ChangeJournal {
  readonly path: string;
  /** Records the run and every step as `planned`; returns the run id. */
  startRun(input: StartRunInput): Promise<number>;
  /** The capture's answer and the undo computed from it, before the step's call. */
  recordCapture(runId: number, ordinal: number, captured: unknown, undo: JournalUndo | null): Promise<void>;
  /** Written right before the call is sent. */
  markStarted(runId: number, ordinal: number): Promise<void>;
  markApplied(runId: number, ordinal: number, output: unknown): Promise<void>;
  markFailed(runId: number, ordinal: number, error: string): Promise<void>;
  /** Ends the run; steps still `planned` become `not-run` when it failed. */
  finishRun(runId: number, status: Exclude<ChangeRunStatus, 'running'>, note?: string): Promise<void>;
  getRun(runId: number): Promise<JournalRun | undefined>;
  /** Change runs, newest first. */
  listRuns(limit?: number): Promise<JournalRunInfo[]>;
  findingByKey(key: string): Promise<KeyedFinding | undefined>;
  close(): Promise<void>;
}

/** Opens the journal in the store file (default {@link defaultStorePath}), creating its tables on first use. */
export async function openChangeJournal(path: string = defaultStorePath()): Promise<ChangeJournal> {
  const db = await Database.open(path);
  try {
    await migrate(db);
    await ensureChangeSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new DuckJournal(db);
}

const ISO = `'%Y-%m-%dT%H:%M:%S.%gZ'`;
/** DuckDB's TIMESTAMP has no zone: UTC, written without the `Z` (as the run history does). */
const now = (): string => new Date().toISOString().replace(/Z$/, '');
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

class DuckJournal implements ChangeJournal {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database) {}

  get path(): string {
    return this.db.file;
  }

  startRun(input: StartRunInput): Promise<number> {
    return this.serial(async () => {
      const [row] = await this.db.rows(`SELECT nextval('change_run_ids') AS id`);
      const id = Number(row!.id);
      // One transaction: a reader sees the run with all its planned steps, or nothing.
      await this.db.run('BEGIN TRANSACTION');
      try {
        await this.db.run(
          `INSERT INTO change_runs (id, kind, title, caller_arn, started_at, status, undo_of, note)
           VALUES ($1::BIGINT, $2, $3, $4, $5::TIMESTAMP, 'running', $6::BIGINT, $7)`,
          [
            id,
            input.kind,
            input.title,
            input.callerArn ?? null,
            now(),
            input.undoOf ?? null,
            input.note ?? null,
          ],
        );
        for (const [ordinal, step] of input.steps.entries()) {
          await this.db.run(
            `INSERT INTO change_steps (run_id, ordinal, description, account, region, rule_id,
               resource_type, resource_id, finding_key, caller_arn, call, destructive, backup,
               capture_call, status)
             VALUES ($1::BIGINT, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::JSON, $12, $13, $14::JSON, 'planned')`,
            [
              id,
              ordinal,
              step.description,
              step.call.account,
              step.call.region,
              step.ruleId ?? null,
              step.resourceType ?? null,
              step.resourceId ?? null,
              step.findingKey ?? null,
              step.callerArn ?? null,
              JSON.stringify(step.call),
              step.destructive === true,
              step.backup === true,
              json(step.capture),
            ],
          );
        }
        await this.db.run('COMMIT');
      } catch (error) {
        await this.db.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
      return id;
    });
  }

  recordCapture(runId: number, ordinal: number, captured: unknown, undo: JournalUndo | null): Promise<void> {
    return this.update(runId, ordinal, 'captured = $3::JSON, undo = $4::JSON', [
      json(captured ?? null),
      JSON.stringify(undo),
    ]);
  }

  markStarted(runId: number, ordinal: number): Promise<void> {
    return this.update(runId, ordinal, `status = 'started', started_at = $3::TIMESTAMP`, [now()]);
  }

  markApplied(runId: number, ordinal: number, output: unknown): Promise<void> {
    return this.update(runId, ordinal, `status = 'applied', output = $3::JSON, finished_at = $4::TIMESTAMP`, [
      json(output ?? null),
      now(),
    ]);
  }

  markFailed(runId: number, ordinal: number, error: string): Promise<void> {
    return this.update(runId, ordinal, `status = 'failed', error = $3, finished_at = $4::TIMESTAMP`, [
      error,
      now(),
    ]);
  }

  finishRun(runId: number, status: Exclude<ChangeRunStatus, 'running'>, note?: string): Promise<void> {
    return this.serial(async () => {
      if (status === 'failed') {
        await this.db.run(
          `UPDATE change_steps SET status = 'not-run' WHERE run_id = $1::BIGINT AND status = 'planned'`,
          [runId],
        );
      }
      await this.db.run(
        `UPDATE change_runs SET status = $2, finished_at = $3::TIMESTAMP, note = coalesce($4, note)
         WHERE id = $1::BIGINT`,
        [runId, status, now(), note ?? null],
      );
    });
  }

  getRun(runId: number): Promise<JournalRun | undefined> {
    return this.serial(async () => {
      const [run] = await this.db.rows(`${RUN_SELECT} WHERE id = $1::BIGINT`, [runId]);
      if (!run) return undefined;
      const steps = await this.db.rows(
        `SELECT ordinal, description, rule_id, resource_type, resource_id, finding_key, caller_arn,
           call, destructive, backup, capture_call, captured, undo, status, error, output,
           strftime(started_at, ${ISO}) AS started_at, strftime(finished_at, ${ISO}) AS finished_at
         FROM change_steps WHERE run_id = $1::BIGINT ORDER BY ordinal`,
        [runId],
      );
      return { ...runInfo(run), steps: steps.map(stepOf) };
    });
  }

  listRuns(limit = 100): Promise<JournalRunInfo[]> {
    return this.serial(async () =>
      (await this.db.rows(`${RUN_SELECT} ORDER BY id DESC LIMIT $1`, [limit])).map(runInfo),
    );
  }

  findingByKey(key: string): Promise<KeyedFinding | undefined> {
    return this.serial(async () => {
      const [row] = await this.db.rows(
        `SELECT run_id, rule_id, status, resource_type, resource_id, account, region FROM findings
         WHERE finding_key = $1 ORDER BY run_id DESC LIMIT 1`,
        [key],
      );
      if (!row) return undefined;
      return {
        runId: Number(row.run_id),
        ruleId: String(row.rule_id),
        status: String(row.status),
        resourceType: String(row.resource_type),
        resourceId: String(row.resource_id),
        account: String(row.account),
        region: String(row.region),
      };
    });
  }

  close(): Promise<void> {
    return this.serial(async () => this.db.close());
  }

  private update(runId: number, ordinal: number, set: string, params: Params): Promise<void> {
    return this.serial(() =>
      this.db.run(`UPDATE change_steps SET ${set} WHERE run_id = $1::BIGINT AND ordinal = $2`, [
        runId,
        ordinal,
        ...params,
      ]),
    );
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.last.then(work, work);
    this.last = result.catch(() => undefined);
    return result;
  }
}

const RUN_SELECT = `SELECT id, kind, title, caller_arn, strftime(started_at, ${ISO}) AS started_at,
  strftime(finished_at, ${ISO}) AS finished_at, status, undo_of, note FROM change_runs`;

const text = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value);
const parsed = (value: unknown): unknown =>
  value === null || value === undefined ? undefined : JSON.parse(String(value));

function runInfo(row: Row): JournalRunInfo {
  const info: JournalRunInfo = {
    id: Number(row.id),
    kind: String(row.kind) as ChangeKind,
    title: String(row.title),
    startedAt: String(row.started_at),
    status: String(row.status) as ChangeRunStatus,
  };
  const caller = text(row.caller_arn);
  if (caller) info.callerArn = caller;
  const finished = text(row.finished_at);
  if (finished) info.finishedAt = finished;
  if (row.undo_of !== null && row.undo_of !== undefined) info.undoOf = Number(row.undo_of);
  const note = text(row.note);
  if (note) info.note = note;
  return info;
}

function stepOf(row: Row): JournalStep {
  const step: JournalStep = {
    ordinal: Number(row.ordinal),
    description: String(row.description),
    call: parsed(row.call) as JournalCall,
    destructive: row.destructive === true,
    backup: row.backup === true,
    status: String(row.status) as ChangeStepStatus,
  };
  const optional: Array<[keyof JournalStep, unknown]> = [
    ['ruleId', text(row.rule_id)],
    ['resourceType', text(row.resource_type)],
    ['resourceId', text(row.resource_id)],
    ['findingKey', text(row.finding_key)],
    ['callerArn', text(row.caller_arn)],
    ['capture', parsed(row.capture_call)],
    ['captured', parsed(row.captured)],
    ['error', text(row.error)],
    ['output', parsed(row.output)],
    ['startedAt', text(row.started_at)],
    ['finishedAt', text(row.finished_at)],
  ];
  for (const [key, value] of optional)
    if (value !== undefined) (step as unknown as Record<string, unknown>)[key] = value;
  // `undo` is NULL before the capture ran and the JSON `null` when there is nothing to undo.
  if (row.undo !== null && row.undo !== undefined)
    step.undo = JSON.parse(String(row.undo)) as JournalUndo | null;
  return step;
}
