/**
 * The bookkeeping table of log ingestion. The log tables themselves are declared by the log engine
 * (src/logs, passed in as {@link IngestSql}: the store layer imports nothing but the model) and
 * created on first use beside the run history in the same DuckDB file, so a store that never
 * ingested logs carries none of them. Columns: docs/logs.md.
 */
import type { Database } from '../connection.js';
import type { IngestSql, QueryFn } from './types.js';

/** One row per file ingested: what makes re-ingesting a no-op. */
export const LOG_FILES_DDL = `CREATE TABLE IF NOT EXISTS log_files (
  id BIGINT PRIMARY KEY,
  kind VARCHAR NOT NULL,
  path VARCHAR NOT NULL,
  size BIGINT NOT NULL,
  mtime TIMESTAMP,
  sha256 VARCHAR NOT NULL,
  records BIGINT NOT NULL,
  ingested_at TIMESTAMP NOT NULL
)`;

export async function ensureLogSchema(db: Database, sql: IngestSql, query: QueryFn): Promise<void> {
  await db.run('CREATE SEQUENCE IF NOT EXISTS log_file_ids START 1');
  await db.run(LOG_FILES_DDL);
  await db.run('BEGIN TRANSACTION');
  try {
    for (const statement of await sql.schema(query)) await db.run(statement);
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
