/**
 * The credential-rotation table, created on first use beside the run history in the same DuckDB
 * file (a store that never rotated anything carries none of it). One row per rotation; its `state`
 * is where the next `cloudrounds rotate` run resumes. Secrets are never stored here: only key ids,
 * the destination's name and times. Columns: docs/cleanup.md (Credential rotation).
 */
import type { Database } from '../connection.js';

// No primary key: DuckDB updates rows of indexed tables as delete + insert, and a rotation's row is
// updated at every step; ids come from a sequence. Times are ISO-8601 UTC strings.
export const ROTATIONS_DDL = `CREATE TABLE IF NOT EXISTS rotations (
  id BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  account VARCHAR NOT NULL,
  subject VARCHAR NOT NULL,
  destination VARCHAR,
  old_key_id VARCHAR,
  new_key_id VARCHAR,
  state VARCHAR NOT NULL,
  grace_days DOUBLE NOT NULL,
  keep_inactive_days DOUBLE NOT NULL,
  started_at VARCHAR NOT NULL,
  stored_at VARCHAR,
  first_used_at VARCHAR,
  deactivated_at VARCHAR,
  finished_at VARCHAR,
  updated_at VARCHAR NOT NULL,
  change_runs VARCHAR NOT NULL,
  note VARCHAR
)`;

export async function ensureRotationSchema(db: Database): Promise<void> {
  for (const sql of ['CREATE SEQUENCE IF NOT EXISTS rotation_ids START 1', ROTATIONS_DDL]) await db.run(sql);
}
