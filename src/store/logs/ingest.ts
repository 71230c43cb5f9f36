/**
 * Log ingestion into the store: files are grouped by format and read by DuckDB in batches, each
 * batch in one transaction together with its `log_files` rows. A batch that fails is rolled back
 * and retried file by file, so one bad file (truncated gzip, not JSON) is skipped with a warning
 * naming it and everything else — including what earlier runs stored — stays.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Database } from '../connection.js';
import { type IngestInput, isNonEventFile, readHead, sha256 } from './files.js';
import { ensureLogSchema } from './schema.js';
import type { BatchFile, FileClass, IngestReport, IngestSql, LogKind, QueryFn } from './types.js';

export interface IngestOptions {
  /** Read every file as this kind instead of recognising it. */
  kind?: LogKind;
  /** Upper bound of stored bytes read by one statement (default 256 MiB). */
  batchBytes?: number;
  /** Upper bound of files per statement (default 500). */
  batchFiles?: number;
  /** Where unwrapped CloudTrail arrays are staged (default: the OS temporary directory). */
  stagingDir?: string;
}

interface Pending extends IngestInput {
  class: FileClass;
  hash: string;
  /** For a staged (unwrapped) file: the file as found, read with the fallback group if staging fails. */
  original?: Pending;
}

const gunzipAsync = promisify(gunzip);

/** Stages the files that ask for it (see `FileClass.unwrap`); the others pass through. */
async function stage(files: readonly Pending[], dir: string): Promise<Pending[]> {
  return Promise.all(
    files.map(async (f, i): Promise<Pending> => {
      const unwrap = f.class.unwrap;
      const fallback: Pending = {
        ...f,
        class: { kind: f.class.kind, group: unwrap?.fallbackGroup ?? f.class.group },
      };
      if (!unwrap) return f;
      try {
        let bytes = await readFile(f.local);
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzipAsync(bytes);
        const range = arrayUnder(bytes, unwrap.key);
        if (!range) return fallback;
        const local = join(dir, `${f.hash.slice(0, 16)}-${i}.json`);
        await writeFile(local, bytes.subarray(range[0], range[1]));
        return { ...f, local, class: { kind: f.class.kind, group: f.class.group }, original: fallback };
      } catch {
        // Truncated or unreadable: let the original fail in DuckDB with its own message.
        return fallback;
      }
    }),
  );
}

/**
 * Byte range of the array in `{"<key>": [ ... ]}` when the document is exactly that (whitespace
 * allowed); undefined otherwise, so anything unusual goes through the general reader.
 */
function arrayUnder(bytes: Buffer, key: string): [number, number] | undefined {
  const head = bytes.subarray(0, 256).toString('utf8');
  const m = new RegExp(`^\\uFEFF?\\s*\\{\\s*"${key}"\\s*:\\s*\\[`).exec(head);
  if (!m) return undefined;
  const start = Buffer.byteLength(m[0]) - 1;
  let end = bytes.length - 1;
  const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  while (end > start && isSpace(bytes[end]!)) end--;
  if (bytes[end] !== 0x7d) return undefined; // }
  end--;
  while (end > start && isSpace(bytes[end]!)) end--;
  if (bytes[end] !== 0x5d) return undefined; // ]
  return [start, end + 1];
}

/** Most warnings listed one by one; beyond that they are only counted. */
const MAX_LISTED_WARNINGS = 200;

export async function ingestFiles(
  db: Database,
  sql: IngestSql,
  inputs: readonly IngestInput[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  const query: QueryFn = (text) => db.rows(text) as Promise<Array<Record<string, unknown>>>;
  await ensureLogSchema(db, sql, query);
  const report: IngestReport = {
    ingested: 0,
    alreadyIngested: 0,
    skipped: 0,
    failed: 0,
    records: { cloudtrail: 0, flow: 0, 's3-access': 0, alb: 0 },
    duplicates: 0,
    skippedLines: 0,
    warnings: [],
    bytes: 0,
  };
  const warn = (file: string, message: string, line?: number) => {
    if (report.warnings.length < MAX_LISTED_WARNINGS) {
      report.warnings.push(line === undefined ? { file, message } : { file, line, message });
    }
  };

  const known = await db.rows('SELECT path, size, epoch_ms(mtime) AS mtime, sha256 FROM log_files');
  const byPath = new Map(known.map((r) => [String(r.path), `${String(r.size)}:${String(r.mtime)}`]));
  const hashes = new Set(known.map((r) => String(r.sha256)));

  const pending: Pending[] = [];
  for (const input of inputs) {
    if (isNonEventFile(input.identity)) {
      report.skipped++;
      continue;
    }
    if (byPath.get(input.identity) === `${input.size}:${input.mtime.getTime()}`) {
      report.alreadyIngested++;
      continue;
    }
    let hash: string;
    let head: Awaited<ReturnType<typeof readHead>>;
    try {
      hash = await sha256(input.local);
      head = await readHead(input.local);
    } catch (error) {
      report.failed++;
      warn(input.identity, `cannot read the file: ${message(error)}`);
      continue;
    }
    if (hashes.has(hash)) {
      report.alreadyIngested++;
      continue;
    }
    if (input.size === 0) {
      report.skipped++;
      warn(input.identity, 'empty file');
      continue;
    }
    const cls = sql.classify(input.identity, head.head, options.kind);
    if (!cls) {
      report.skipped++;
      warn(input.identity, 'not a recognised log format (CloudTrail, VPC flow, S3 access or ALB access log)');
      continue;
    }
    hashes.add(hash);
    pending.push({ ...input, class: cls, hash });
  }

  const groups = new Map<string, Pending[]>();
  for (const p of pending) {
    const key = `${p.class.kind}\u0000${p.class.group}`;
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  const maxBytes = options.batchBytes ?? 64 * 1024 * 1024;
  const maxFiles = options.batchFiles ?? 500;

  const batches: Pending[][] = [];
  for (const files of groups.values()) {
    let batch: Pending[] = [];
    let bytes = 0;
    for (const f of files) {
      if (batch.length > 0 && (bytes + f.size > maxBytes || batch.length >= maxFiles)) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(f);
      bytes += f.size;
    }
    if (batch.length) batches.push(batch);
  }

  // Kinds and groups in which a batch held repeated records: their later batches are run in the
  // exact form at once (copies of one trail overlap batch after batch).
  const repeated = new Set<string>();
  const run = async (files: readonly Pending[], warnOnFailure: boolean): Promise<boolean> => {
    const attempt = () => runBatch(db, sql, files, query, report, warn, warnOnFailure, repeated);
    const outcome = await attempt();
    return outcome === 'repeated' ? (await attempt()) === true : outcome;
  };
  const staging = await mkdtemp(join(options.stagingDir ?? tmpdir(), 'cloudrounds-ingest-'));
  try {
    // The next batch is decompressed (zlib runs on libuv's thread pool) while DuckDB reads this one.
    let next = batches.length ? stage(batches[0]!, staging) : undefined;
    for (let i = 0; i < batches.length; i++) {
      const staged = await next!;
      next = i + 1 < batches.length ? stage(batches[i + 1]!, staging) : undefined;
      const done = await run(staged, staged.length === 1);
      if (!done && staged.length > 1) {
        for (const one of staged) {
          const ok = await run([one], one.original === undefined);
          if (!ok && one.original) {
            const fallback = await run([one.original], true);
            if (!fallback) report.failed++;
          } else if (!ok) report.failed++;
        }
      } else if (!done) {
        const only = staged[0]!;
        const fallback = only.original ? await run([only.original], true) : false;
        if (!fallback) report.failed++;
      }
      await Promise.all(staged.filter((f) => f.original).map((f) => rm(f.local, { force: true })));
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  // Into the database file now rather than when the store closes: the last batches' data is still
  // in the write-ahead log (seconds to write for a large trail), and the ingestion is not done
  // before it is in place. Everything is committed already (the log is durable), so a checkpoint
  // DuckDB refuses, e.g. while another connection has a transaction open, is left for later.
  if (report.ingested > 0) await db.run('CHECKPOINT').catch(() => undefined);
  return report;
}

/**
 * One batch in one transaction; false (rolled back, warning recorded for a single file) on failure.
 * A batch whose records repeat (see `BatchSql.repeats`) is rolled back, its kind and group are
 * added to `repeated`, and the answer is `repeated`: run it again, and it takes the exact form.
 */
async function runBatch(
  db: Database,
  sql: IngestSql,
  files: readonly Pending[],
  query: QueryFn,
  report: IngestReport,
  warn: (file: string, message: string, line?: number) => void,
  warnOnFailure: boolean,
  repeated: Set<string>,
): Promise<boolean | 'repeated'> {
  const first = files[0]!;
  const { kind, group } = first.class;
  const key = `${kind}\u0000${group}`;
  const exact = repeated.has(key);
  const ids: BatchFile[] = [];
  let cleanup: string[] = [];
  await db.run('BEGIN TRANSACTION');
  try {
    for (const f of files) {
      const [row] = await db.rows(`SELECT nextval('log_file_ids') AS id`);
      ids.push({ path: f.local, id: Number(row!.id) });
    }
    const batch = await sql.batch(kind, group, ids, query, { exact });
    const table = batch.table ?? sql.tableOf(kind);
    cleanup = batch.cleanup ?? [];
    for (const statement of batch.statements) await db.run(statement);
    if (!exact && batch.repeats && Number((await db.rows(batch.repeats))[0]?.n ?? 0) > 0) {
      await db.run('ROLLBACK');
      repeated.add(key);
      return 'repeated';
    }
    const skipped = batch.skipped ? await db.rows(batch.skipped) : [];
    const staged = batch.staged ? Number((await db.rows(batch.staged))[0]?.n ?? 0) : undefined;
    const counts = await db.rows(
      `SELECT file_id, count(*) AS n FROM ${table} WHERE file_id IN (${ids.map((i) => i.id).join(', ')}) GROUP BY file_id`,
    );
    const perFile = new Map(counts.map((r) => [Number(r.file_id), Number(r.n)]));
    let inserted = 0;
    for (const [i, f] of files.entries()) {
      const id = ids[i]!.id;
      const n = perFile.get(id) ?? 0;
      inserted += n;
      await db.run(
        `INSERT INTO log_files VALUES ($1, $2, $3, $4, make_timestamp($5::BIGINT * 1000), $6, $7, now()::TIMESTAMP)`,
        [id, kind, f.identity, f.size, f.mtime.getTime(), f.hash, n],
      );
    }
    await db.run('COMMIT');
    report.ingested += files.length;
    report.records[kind] += inserted;
    report.bytes += files.reduce((s, f) => s + f.size, 0);
    if (staged !== undefined) report.duplicates += Math.max(0, staged - inserted);
    const localToIdentity = new Map(files.map((f) => [f.local, f.identity]));
    for (const row of skipped) {
      report.skippedLines++;
      const path = String(row.path);
      warn(
        localToIdentity.get(path) ?? path,
        String(row.message),
        row.line == null ? undefined : Number(row.line),
      );
    }
    return true;
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    if (files.length === 1 && warnOnFailure)
      warn(first.identity, `skipped, nothing from it was stored: ${message(error)}`);
    return false;
  } finally {
    for (const statement of cleanup) await db.run(statement).catch(() => undefined);
  }
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}
