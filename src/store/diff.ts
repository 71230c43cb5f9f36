import type { Database } from './connection.js';
import { FINDING_COLUMNS, OPEN, requireRun, toFinding } from './runs.js';
import type { RecordedFinding, RunDiff } from './types.js';

/**
 * Open findings of run `a` whose key is not open in run `b`, one per key (a rule may report one
 * resource twice when a source repeats it), in recorded order. DuckDB plans `NOT EXISTS` as an
 * anti-join, so this is one hash join however many findings the runs hold.
 */
const ONLY_IN = `
  SELECT ${FINDING_COLUMNS} FROM findings a
  WHERE a.run_id = ?::BIGINT AND ${OPEN}
    AND NOT EXISTS (
      SELECT 1 FROM findings b
      WHERE b.run_id = ?::BIGINT AND b.status = 'fail' AND b.suppressed IS NULL
        AND b.finding_key = a.finding_key)
  QUALIFY row_number() OVER (PARTITION BY finding_key ORDER BY ordinal) = 1
  ORDER BY ordinal`;

const IN_BOTH = `
  SELECT count(DISTINCT finding_key) AS n FROM findings a
  WHERE a.run_id = ?::BIGINT AND ${OPEN}
    AND EXISTS (
      SELECT 1 FROM findings b
      WHERE b.run_id = ?::BIGINT AND b.status = 'fail' AND b.suppressed IS NULL
        AND b.finding_key = a.finding_key)`;

/**
 * What is new, resolved and still open in `runId` compared with `previousRunId`. Without a
 * previous run (the first run of a scope) every open finding is new.
 */
export async function diffRuns(db: Database, runId: number, previousRunId?: number): Promise<RunDiff> {
  await requireRun(db, runId);
  if (previousRunId === undefined) {
    // -1 is no run id, so the anti-join keeps every open finding.
    return { new: await onlyIn(db, runId, -1), resolved: [], stillOpen: 0 };
  }
  await requireRun(db, previousRunId);
  const [both] = await db.rows(IN_BOTH, [runId, previousRunId]);
  return {
    new: await onlyIn(db, runId, previousRunId),
    resolved: await onlyIn(db, previousRunId, runId),
    stillOpen: Number(both?.n ?? 0),
  };
}

async function onlyIn(db: Database, a: number, b: number): Promise<RecordedFinding[]> {
  return (await db.rows(ONLY_IN, [a, b])).map(toFinding);
}
