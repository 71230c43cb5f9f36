/**
 * The change journal's tables, created on first use beside the run history in the same DuckDB file
 * (a store that never changed an account carries none of them). One row per change run (a `fix`, a
 * `cleanup`, a rotation, an `undo`) and one per step of it. Every statement commits on its own, so a
 * process killed between two steps leaves everything written before the kill readable.
 * Columns: docs/fix.md.
 */
import type { Database } from '../connection.js';

export const CHANGE_RUNS_DDL = `CREATE TABLE IF NOT EXISTS change_runs (
  id BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  caller_arn VARCHAR,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  status VARCHAR NOT NULL,
  undo_of BIGINT,
  note VARCHAR
)`;

// No primary keys: DuckDB updates rows of indexed tables as delete + insert, and the journal's rows
// are updated several times (planned → started → applied); ids come from a sequence.
export const CHANGE_STEPS_DDL = `CREATE TABLE IF NOT EXISTS change_steps (
  run_id BIGINT NOT NULL,
  ordinal INTEGER NOT NULL,
  description VARCHAR NOT NULL,
  account VARCHAR NOT NULL,
  region VARCHAR NOT NULL,
  rule_id VARCHAR,
  resource_type VARCHAR,
  resource_id VARCHAR,
  finding_key VARCHAR,
  caller_arn VARCHAR,
  call JSON NOT NULL,
  destructive BOOLEAN NOT NULL,
  backup BOOLEAN NOT NULL,
  capture_call JSON,
  captured JSON,
  undo JSON,
  status VARCHAR NOT NULL,
  error VARCHAR,
  output JSON,
  started_at TIMESTAMP,
  finished_at TIMESTAMP
)`;

export async function ensureChangeSchema(db: Database): Promise<void> {
  for (const sql of [
    'CREATE SEQUENCE IF NOT EXISTS change_run_ids START 1',
    CHANGE_RUNS_DDL,
    CHANGE_STEPS_DDL,
  ])
    await db.run(sql);
}
