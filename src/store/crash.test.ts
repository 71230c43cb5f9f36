import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSnapshot } from '../model/index.js';
import { bucketFinding, bucketResource, manyFindings } from './fixtures/data.js';
import { StoreError, openStore, type Store } from './index.js';

// The child is a separate Node process running the store's own TypeScript (see fixtures/writer.mjs).
const WRITER = fileURLToPath(new URL('./fixtures/writer.mjs', import.meta.url));

let dir: string;
let path: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cloudrounds-crash-'));
  path = join(dir, 'cloudrounds.duckdb');
});

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('a writer killed mid-run', () => {
  for (const mode of ['kill-before-commit', 'kill-mid-append'] as const) {
    it(`keeps every earlier run and drops the killed one (${mode})`, async () => {
      // Run A: written and checkpointed into the file by a clean close.
      const seed = await openStore(path);
      const findingsA = [bucketFinding(10), bucketFinding(11, { status: 'pass' })];
      const snapshotA = makeSnapshot([bucketResource(10), bucketResource(11)], [], {
        takenAt: '2024-05-01T06:00:00.000Z',
      });
      const runA = await seed.recordRun({
        scope: 'org',
        sourceKind: 'aws',
        startedAt: '2024-05-01T06:00:00Z',
        findings: findingsA,
        snapshot: snapshotA,
        coverage: [],
      });
      await seed.close();

      // Run B is committed by the child and lives only in the WAL; run C is in flight when it dies.
      const writer = startWriter(mode, path);
      const committed = await writer.line(/^COMMITTED (\d+)$/);
      const runB = Number(committed[1]);
      await writer.line(/^READY$/);
      writer.child.kill('SIGKILL');
      expect(await writer.exit).toEqual({ code: null, signal: 'SIGKILL' });

      const store = await openStore(path);
      try {
        expect((await store.listRuns()).map((r) => [r.id, r.startedAt])).toEqual([
          [runB, '2024-05-02T06:00:00.000Z'],
          [runA, '2024-05-01T06:00:00.000Z'],
        ]);
        expect((await store.findings(runA)).map(({ key: _key, ...f }) => f)).toEqual(findingsA);
        expect(await store.snapshot(runA)).toEqual(snapshotA);
        expect((await store.findings(runB)).map((f) => f.resource.id)).toEqual([
          'bucket-1',
          'bucket-2',
          'bucket-3',
        ]);

        // The store takes new runs after recovery, and history still compares.
        const runD = await store.recordRun({
          scope: 'org',
          sourceKind: 'aws',
          startedAt: '2024-05-04T06:00:00Z',
          findings: [bucketFinding(2), bucketFinding(4)],
          coverage: [],
        });
        const diff = await store.diff(runD, (await store.previousRun('org', runD))!.id);
        expect(diff.new.map((f) => f.resource.id)).toEqual(['bucket-4']);
        expect(diff.resolved.map((f) => f.resource.id).sort()).toEqual(['bucket-1', 'bucket-3']);
      } finally {
        await store.close();
      }

      // No row of the killed run is left anywhere, not even unreferenced by a run.
      expect(await rawSql(path, 'SELECT count(*) FROM findings')).toEqual([[2n + 3n + 2n]]);
      expect(await rawSql(path, 'SELECT count(*) FROM resources')).toEqual([[2n]]);
    });
  }
});

describe('another process holding the store', () => {
  it('is reported with the file, the holder and --db', async () => {
    await (await openStore(path)).close();
    const holder = startWriter('hold', path);
    await holder.line(/^READY$/);

    const error = await openStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const locked = error as StoreError;
    expect(locked.reason).toBe('locked');
    expect(locked.file).toBe(path);
    expect(locked.located).toMatch(new RegExp(`^${escape(path)}: The store is in use by another process`));
    expect(locked.message).toContain(`PID ${holder.child.pid}`);
    expect(locked.message).toContain('--db');
    // A reader is refused too while a writer holds the file.
    expect(((await openStore(path, { readOnly: true }).catch((e: unknown) => e)) as StoreError).reason).toBe(
      'locked',
    );

    holder.child.stdin.end();
    expect(await holder.exit).toEqual({ code: 0, signal: null });
    const store: Store = await openStore(path);
    await store.close();
  });
});

describe('a damaged file', () => {
  async function storeWithHistory(): Promise<void> {
    const store = await openStore(path);
    await store.recordRun({
      scope: 'org',
      sourceKind: 'aws',
      startedAt: '2024-05-01T06:00:00Z',
      findings: manyFindings(20_000),
      coverage: [],
    });
    await store.close();
  }

  /** Opens the store and reads every run's findings: damage may only show when a block is read. */
  async function openAndReadAll(): Promise<unknown> {
    try {
      const store = await openStore(path);
      try {
        for (const run of await store.listRuns()) await store.findings(run.id);
      } finally {
        await store.close();
      }
      return undefined;
    } catch (error) {
      return error;
    }
  }

  function expectCorruptAndUntouched(error: unknown, before: string): void {
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).reason).toBe('corrupt');
    expect((error as StoreError).file).toBe(path);
    expect((error as StoreError).message).toMatch(/damaged.*left untouched.*--db/s);
    expect(digest(path)).toBe(before);
  }

  it('truncated: a clear error, and the file is not recreated', async () => {
    await storeWithHistory();
    const size = readFileSync(path).length;
    truncateSync(path, Math.floor(size / 2));
    const before = digest(path);
    expectCorruptAndUntouched(await openAndReadAll(), before);
    // A second attempt says the same: nothing was "repaired" by the first.
    expectCorruptAndUntouched(await openAndReadAll(), before);
  });

  it('overwritten in the middle: a clear error when the damaged blocks are read', async () => {
    await storeWithHistory();
    const size = readFileSync(path).length;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(Math.floor(size / 2), 0xab), 0, Math.floor(size / 2), Math.floor(size / 4));
    closeSync(fd);
    const before = digest(path);
    expectCorruptAndUntouched(await openAndReadAll(), before);
  });

  it('not a database, or empty: a clear error, and the file is kept', async () => {
    writeFileSync(path, 'these are my notes, not a database\n');
    expectCorruptAndUntouched(await openAndReadAll(), digest(path));
    writeFileSync(path, '');
    expectCorruptAndUntouched(await openAndReadAll(), digest(path));
  });
});

interface Writer {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the match of the first stdout line matching `pattern` (from the start of output). */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWriter(mode: string, db: string): Writer {
  const child = spawn(process.execPath, [WRITER, mode, db], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  let pending = '';
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let closed = false;
  // 'close' rather than 'exit': it comes after the child's output has all been read.
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      closed = true;
      resolve({ code, signal });
      for (const wake of waiters.splice(0)) wake();
    }),
  );
  const line = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        for (const l of lines) {
          const m = pattern.exec(l);
          if (m) return resolve(m);
        }
        if (closed) {
          return reject(
            new Error(
              `writer exited before printing ${pattern}; stdout: ${lines.join('|')}; stderr: ${stderr}`,
            ),
          );
        }
        waiters.push(check);
      };
      check();
    });
  return { child, line, exit };
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function rawSql(file: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
