import { StoreError, type Database } from './connection.js';

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = 1;

/**
 * Migrations, oldest first. Each runs once, inside the transaction that records its version, so
 * a crash mid-migration leaves the previous version intact. Never edit a released migration: add
 * the next one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; statements: readonly string[] }> = [
  {
    version: 1,
    statements: [
      `CREATE TABLE schema_version (
        version INTEGER NOT NULL,
        applied_at TIMESTAMP NOT NULL
      )`,
      `CREATE SEQUENCE run_ids START 1`,
      // One row per recorded run. `counts` and `snapshot` (the snapshot's header: schemaVersion,
      // takenAt, accounts, regions; NULL when no snapshot was stored) are JSON documents.
      `CREATE TABLE runs (
        id BIGINT PRIMARY KEY,
        scope VARCHAR NOT NULL,
        source_kind VARCHAR NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('complete', 'incomplete')),
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP NOT NULL,
        tool_version VARCHAR NOT NULL,
        counts JSON NOT NULL,
        snapshot JSON
      )`,
      // No index or foreign key: rows are appended in run order, so DuckDB's per-row-group min/max
      // (zone maps) already skip other runs on `run_id = ?`, and an index would slow bulk appends.
      `CREATE TABLE findings (
        run_id BIGINT NOT NULL,
        ordinal INTEGER NOT NULL,
        finding_key VARCHAR NOT NULL,
        rule_id VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        severity VARCHAR NOT NULL,
        category VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        controls VARCHAR[] NOT NULL,
        resource_type VARCHAR NOT NULL,
        resource_id VARCHAR NOT NULL,
        resource_arn VARCHAR,
        account VARCHAR NOT NULL,
        region VARCHAR NOT NULL,
        resource_name VARCHAR,
        logical_id VARCHAR,
        file VARCHAR,
        line INTEGER,
        remediation JSON NOT NULL,
        suppressed JSON,
        suppression_expired JSON
      )`,
      `CREATE TABLE resources (
        run_id BIGINT NOT NULL,
        ordinal INTEGER NOT NULL,
        type VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        arn VARCHAR,
        account VARCHAR NOT NULL,
        region VARCHAR NOT NULL,
        name VARCHAR,
        tags JSON NOT NULL,
        props JSON NOT NULL,
        observed JSON,
        origin JSON NOT NULL
      )`,
      `CREATE TABLE coverage_gaps (
        run_id BIGINT NOT NULL,
        ordinal INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        message VARCHAR NOT NULL,
        account VARCHAR,
        region VARCHAR,
        resource_type VARCHAR,
        resource_id VARCHAR,
        file VARCHAR,
        line INTEGER,
        path VARCHAR
      )`,
    ],
  },
];

/**
 * The staging table findings are appended to before one `INSERT … SELECT` moves them into
 * `findings`. It exists because appending a LIST value costs about ten times a VARCHAR through
 * the Node appender, so `controls` is staged as JSON text and converted in bulk by DuckDB.
 * It is a temporary table: it lives in the writing connection only and vanishes with it.
 */
export const CREATE_FINDING_STAGE = `CREATE OR REPLACE TEMP TABLE finding_stage (
  run_id BIGINT NOT NULL,
  ordinal INTEGER NOT NULL,
  finding_key VARCHAR NOT NULL,
  rule_id VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  controls VARCHAR NOT NULL,
  resource_type VARCHAR NOT NULL,
  resource_id VARCHAR NOT NULL,
  resource_arn VARCHAR,
  account VARCHAR NOT NULL,
  region VARCHAR NOT NULL,
  resource_name VARCHAR,
  logical_id VARCHAR,
  file VARCHAR,
  line INTEGER,
  remediation VARCHAR NOT NULL,
  suppressed VARCHAR,
  suppression_expired VARCHAR
)`;

export const MOVE_FINDING_STAGE = `INSERT INTO findings
  SELECT run_id, ordinal, finding_key, rule_id, status, severity, category, title, reason,
    from_json(controls, '["VARCHAR"]'), resource_type, resource_id, resource_arn, account, region,
    resource_name, logical_id, file, line, remediation, suppressed, suppression_expired
  FROM finding_stage ORDER BY ordinal`;

export const DROP_FINDING_STAGE = `DROP TABLE finding_stage`;

/**
 * Brings the schema up to {@link SCHEMA_VERSION}. An empty database gets the whole schema; a
 * database with tables but no `schema_version` is someone else's and is left alone; a newer
 * schema is refused rather than misread.
 */
export async function migrate(db: Database): Promise<void> {
  const current = await currentVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      'incompatible',
      `The store has schema version ${current}, written by a newer cloudrounds; this version reads ` +
        `up to ${SCHEMA_VERSION}. Upgrade cloudrounds, or pass --db FILE to use another store.`,
      db.file,
    );
  }
  if (current === SCHEMA_VERSION) return;
  if (db.readOnly) {
    throw new StoreError(
      'read-only',
      current === 0
        ? 'The file holds no cloudrounds data yet, and it was opened read-only.'
        : `The store has schema version ${current} and needs upgrading to ${SCHEMA_VERSION}, ` +
            'which cannot happen read-only; run a command that writes to it first (cloudrounds daily).',
      db.file,
    );
  }
  await db.run('BEGIN TRANSACTION');
  try {
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      for (const statement of migration.statements) await db.run(statement);
      await db.run('INSERT INTO schema_version VALUES ($1, now()::TIMESTAMP)', [migration.version]);
    }
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function currentVersion(db: Database): Promise<number> {
  const tables = await db.rows(
    `SELECT table_name FROM duckdb_tables()
     WHERE database_name = current_database() AND NOT temporary`,
  );
  const names = new Set(tables.map((t) => String(t.table_name)));
  if (!names.has('schema_version')) {
    if (names.size === 0) return 0;
    throw new StoreError(
      'not-a-store',
      `The file is a DuckDB database with other tables (${[...names].sort().join(', ')}) and no ` +
        'cloudrounds schema; it was left untouched. Pass --db FILE to use another store.',
      db.file,
    );
  }
  const [row] = await db.rows('SELECT max(version) AS version FROM schema_version');
  return Number(row?.version ?? 0);
}
