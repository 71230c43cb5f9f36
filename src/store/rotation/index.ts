/**
 * Rotation state in the store: where each credential rotation stands, so that `cloudrounds rotate`
 * resumes across runs, and after a crash, from the last state written. Every write commits on its
 * own, before the next AWS call is made. Never holds a secret.
 */
import { Database, defaultStorePath, type Row } from '../connection.js';
import { migrate } from '../schema.js';
import { ensureRotationSchema } from './schema.js';

export { ensureRotationSchema } from './schema.js';

export type RotationKind = 'access-key';

/**
 * `creating`: recorded before CreateAccessKey (the new key id is added as soon as AWS answers);
 * `stored`: the new key is at its destination, waiting for proof of use or the grace period;
 * `deactivated`: the old key is inactive, waiting `keepInactiveDays` before deletion;
 * `done`: the old key is deleted; `abandoned`: given up (the reason is in `note`).
 */
export type RotationState = 'creating' | 'stored' | 'deactivated' | 'done' | 'abandoned';

export interface RotationRecord {
  id: number;
  kind: RotationKind;
  account: string;
  /** The IAM user. */
  subject: string;
  /** `profile:NAME` or `secretsmanager:SECRET_ID`. */
  destination: string | null;
  oldKeyId: string | null;
  newKeyId: string | null;
  state: RotationState;
  graceDays: number;
  keepInactiveDays: number;
  startedAt: string;
  storedAt: string | null;
  firstUsedAt: string | null;
  deactivatedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** Journal run ids of the changes this rotation made. */
  changeRuns: number[];
  note: string | null;
}

export interface StartRotationInput {
  kind: RotationKind;
  account: string;
  subject: string;
  destination: string;
  oldKeyId: string;
  graceDays: number;
  keepInactiveDays: number;
  at: string;
}

export type RotationPatch = Partial<
  Pick<
    RotationRecord,
    | 'newKeyId'
    | 'state'
    | 'storedAt'
    | 'firstUsedAt'
    | 'deactivatedAt'
    | 'finishedAt'
    | 'note'
    | 'destination'
  >
> & { addChangeRun?: number };

export interface RotationStore {
  readonly path: string;
  /** The unfinished rotation of a subject (not `done` nor `abandoned`), if any. */
  active(kind: RotationKind, account: string, subject: string): Promise<RotationRecord | undefined>;
  /** The latest rotation of a subject, finished or not. */
  latest(kind: RotationKind, account: string, subject: string): Promise<RotationRecord | undefined>;
  start(input: StartRotationInput): Promise<RotationRecord>;
  update(id: number, patch: RotationPatch, at: string): Promise<RotationRecord>;
  get(id: number): Promise<RotationRecord | undefined>;
  list(): Promise<RotationRecord[]>;
  close(): Promise<void>;
}

/** Opens the rotation state in the store file (default {@link defaultStorePath}), creating its table on first use. */
export async function openRotationStore(path: string = defaultStorePath()): Promise<RotationStore> {
  const db = await Database.open(path);
  try {
    await migrate(db);
    await ensureRotationSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new DuckRotationStore(db);
}

const COLUMNS: Array<[keyof RotationPatch, string]> = [
  ['newKeyId', 'new_key_id'],
  ['state', 'state'],
  ['storedAt', 'stored_at'],
  ['firstUsedAt', 'first_used_at'],
  ['deactivatedAt', 'deactivated_at'],
  ['finishedAt', 'finished_at'],
  ['note', 'note'],
  ['destination', 'destination'],
];

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function record(row: Row): RotationRecord {
  return {
    id: Number(row.id),
    kind: String(row.kind) as RotationKind,
    account: String(row.account),
    subject: String(row.subject),
    destination: str(row.destination),
    oldKeyId: str(row.old_key_id),
    newKeyId: str(row.new_key_id),
    state: String(row.state) as RotationState,
    graceDays: Number(row.grace_days),
    keepInactiveDays: Number(row.keep_inactive_days),
    startedAt: String(row.started_at),
    storedAt: str(row.stored_at),
    firstUsedAt: str(row.first_used_at),
    deactivatedAt: str(row.deactivated_at),
    finishedAt: str(row.finished_at),
    updatedAt: String(row.updated_at),
    changeRuns: JSON.parse(String(row.change_runs)) as number[],
    note: str(row.note),
  };
}

class DuckRotationStore implements RotationStore {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database) {}

  get path(): string {
    return this.db.file;
  }

  active(kind: RotationKind, account: string, subject: string): Promise<RotationRecord | undefined> {
    return this.serial(async () => {
      const rows = await this.db.rows(
        `SELECT * FROM rotations WHERE kind = $1 AND account = $2 AND subject = $3
           AND state NOT IN ('done', 'abandoned') ORDER BY id DESC LIMIT 1`,
        [kind, account, subject],
      );
      return rows[0] ? record(rows[0]) : undefined;
    });
  }

  latest(kind: RotationKind, account: string, subject: string): Promise<RotationRecord | undefined> {
    return this.serial(async () => {
      const rows = await this.db.rows(
        `SELECT * FROM rotations WHERE kind = $1 AND account = $2 AND subject = $3 ORDER BY id DESC LIMIT 1`,
        [kind, account, subject],
      );
      return rows[0] ? record(rows[0]) : undefined;
    });
  }

  start(input: StartRotationInput): Promise<RotationRecord> {
    return this.serial(async () => {
      const [row] = await this.db.rows(`SELECT nextval('rotation_ids') AS id`);
      const id = Number(row!.id);
      await this.db.run(
        `INSERT INTO rotations (id, kind, account, subject, destination, old_key_id, state, grace_days,
           keep_inactive_days, started_at, updated_at, change_runs)
         VALUES ($1::BIGINT, $2, $3, $4, $5, $6, 'creating', $7, $8, $9, $9, '[]')`,
        [
          id,
          input.kind,
          input.account,
          input.subject,
          input.destination,
          input.oldKeyId,
          input.graceDays,
          input.keepInactiveDays,
          input.at,
        ],
      );
      return this.getNow(id) as Promise<RotationRecord>;
    });
  }

  update(id: number, patch: RotationPatch, at: string): Promise<RotationRecord> {
    return this.serial(async () => {
      const current = await this.getNow(id);
      if (!current) throw new Error(`no rotation ${id}`);
      const sets: string[] = [];
      const params: Array<string | number | null> = [id];
      for (const [key, column] of COLUMNS) {
        if (!(key in patch)) continue;
        params.push((patch as Record<string, string | null>)[key] ?? null);
        sets.push(`${column} = $${params.length}`);
      }
      const runs =
        patch.addChangeRun === undefined ? current.changeRuns : [...current.changeRuns, patch.addChangeRun];
      params.push(JSON.stringify(runs));
      sets.push(`change_runs = $${params.length}`);
      params.push(at);
      sets.push(`updated_at = $${params.length}`);
      await this.db.run(`UPDATE rotations SET ${sets.join(', ')} WHERE id = $1::BIGINT`, params);
      return (await this.getNow(id))!;
    });
  }

  get(id: number): Promise<RotationRecord | undefined> {
    return this.serial(() => this.getNow(id));
  }

  list(): Promise<RotationRecord[]> {
    return this.serial(async () =>
      (await this.db.rows(`SELECT * FROM rotations ORDER BY id DESC`)).map(record),
    );
  }

  close(): Promise<void> {
    return this.serial(async () => this.db.close());
  }

  private async getNow(id: number): Promise<RotationRecord | undefined> {
    const rows = await this.db.rows(`SELECT * FROM rotations WHERE id = $1::BIGINT`, [id]);
    return rows[0] ? record(rows[0]) : undefined;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.last.then(work, work);
    this.last = result.catch(() => undefined);
    return result;
  }
}
