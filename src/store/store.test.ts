import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSnapshot } from '../model/index.js';
import { ACCESS_DENIED, bucketFinding, bucketResource, manyFindings } from './fixtures/data.js';
import {
  SCHEMA_VERSION,
  StoreError,
  defaultStorePath,
  findingKey,
  openStore,
  scopeKey,
  type RecordRunInput,
  type Store,
  type StoredFinding,
} from './index.js';

let dir: string;
let store: Store | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cloudrounds-store-'));
});

afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const run = (
  scope: string,
  findings: StoredFinding[],
  extra: Partial<RecordRunInput> = {},
): RecordRunInput => ({
  scope,
  sourceKind: 'aws',
  startedAt: '2024-05-01T06:00:00.000Z',
  findings,
  coverage: [],
  ...extra,
});

const ids = (findings: readonly { resource: { id: string } }[]) => findings.map((f) => f.resource.id).sort();

describe('openStore', () => {
  it('creates the file, its directory and the schema', async () => {
    const path = join(dir, 'nested', 'deeper', 'cloudrounds.duckdb');
    store = await openStore(path);
    expect(store.path).toBe(path);
    expect(statSync(path).isFile()).toBe(true);
    expect(await store.listRuns()).toEqual([]);
  });

  it('defaults to ~/.cloudrounds, or CLOUDROUNDS_HOME when set', () => {
    expect(defaultStorePath({ CLOUDROUNDS_HOME: dir })).toBe(join(dir, 'cloudrounds.duckdb'));
    expect(defaultStorePath({})).toMatch(/[/\\]\.cloudrounds[/\\]cloudrounds\.duckdb$/);
  });

  it('works in memory', async () => {
    store = await openStore(':memory:');
    const id = await store.recordRun(run('demo', [bucketFinding(1)]));
    expect((await store.findings(id)).length).toBe(1);
  });

  it('refuses a schema written by a newer cloudrounds', async () => {
    const path = join(dir, 'newer.duckdb');
    await (await openStore(path)).close();
    await rawSql(path, `INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1}, now()::TIMESTAMP)`);
    const error = await openStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).reason).toBe('incompatible');
    expect((error as StoreError).file).toBe(path);
  });

  it('leaves a DuckDB file that is not a store alone', async () => {
    const path = join(dir, 'other.duckdb');
    await rawSql(path, 'CREATE TABLE mine (x INTEGER)');
    const error = await openStore(path).catch((e: unknown) => e);
    expect((error as StoreError).reason).toBe('not-a-store');
    expect((error as StoreError).located).toContain(`${path}: `);
    expect(await rawSql(path, `SELECT table_name FROM duckdb_tables()`)).toEqual([['mine']]);
  });

  it('opens read-only: reads work, writes are refused, a missing file is an error', async () => {
    const path = join(dir, 'ro.duckdb');
    const writer = await openStore(path);
    await writer.recordRun(run('demo', [bucketFinding(1)]));
    await writer.close();

    store = await openStore(path, { readOnly: true });
    expect(store.readOnly).toBe(true);
    expect((await store.listRuns()).length).toBe(1);
    const error = await store.recordRun(run('demo', [])).catch((e: unknown) => e);
    expect((error as StoreError).reason).toBe('read-only');

    const missing = await openStore(join(dir, 'absent.duckdb'), { readOnly: true }).catch((e: unknown) => e);
    expect((missing as StoreError).reason).toBe('missing');
    expect((missing as StoreError).message).toContain('--db');
  });

  it('shares one DuckDB instance between stores on the same file in one process', async () => {
    const path = join(dir, 'shared.duckdb');
    const a = await openStore(path);
    const b = await openStore(path);
    const id = await a.recordRun(run('demo', [bucketFinding(1)]));
    expect((await b.getRun(id))?.counts.open).toBe(1);
    await a.close();
    expect((await b.listRuns()).length).toBe(1);
    await b.close();
    const writer = await openStore(path);
    const reader = await openStore(path, { readOnly: true }).catch((e: unknown) => e);
    expect(reader).toBeInstanceOf(StoreError); // one instance per file: one access mode at a time
    await writer.close();
  });
});

describe('recordRun', () => {
  it('round-trips findings, snapshot and coverage exactly', async () => {
    store = await openStore(join(dir, 'rt.duckdb'));
    const full: StoredFinding = bucketFinding(1, {
      resource: {
        type: 'AWS::S3::Bucket',
        id: 'Logs',
        account: 'unknown',
        region: 'unknown',
        logicalId: 'Logs',
        file: 'stacks/storage.yaml',
        line: 42,
      },
      remediation: {
        text: 'Turn it on.',
        cli: 'aws …',
        cloudformation: 'VersioningConfiguration: …',
        terraform: 'x',
      },
      suppressionExpired: { reason: 'legacy', expires: '2024-01-01', file: '.cloudrounds.yaml', line: 3 },
    });
    const suppressed = bucketFinding(2, { suppressed: { reason: 'accepted risk', expires: '2099-12-31' } });
    const passing = bucketFinding(3, { status: 'pass', controls: [] });
    const resources = [bucketResource(1), bucketResource(2)];
    const snapshot = makeSnapshot(resources, [ACCESS_DENIED], { takenAt: '2024-05-01T05:59:00.000Z' });

    const id = await store.recordRun(
      run('aws:111122223333', [full, suppressed, passing], {
        snapshot,
        coverage: snapshot.coverage,
        toolVersion: '0.1.0',
        finishedAt: new Date('2024-05-01T06:01:00Z'),
      }),
    );

    const back = await store.findings(id);
    expect(back.map(({ key: _key, ...finding }) => finding)).toEqual([full, suppressed, passing]);
    expect(back.map((f) => f.key)).toEqual([full, suppressed, passing].map(findingKey));
    expect(await store.snapshot(id)).toEqual(snapshot);
    expect(await store.coverage(id)).toEqual([ACCESS_DENIED]);

    const info = await store.getRun(id);
    expect(info).toEqual({
      id,
      scope: 'aws:111122223333',
      sourceKind: 'aws',
      status: 'incomplete', // an access-denied gap means resources may be missing
      startedAt: '2024-05-01T06:00:00.000Z',
      finishedAt: '2024-05-01T06:01:00.000Z',
      toolVersion: '0.1.0',
      hasSnapshot: true,
      counts: {
        findings: 3,
        byStatus: { fail: 1, pass: 1 },
        failBySeverity: { medium: 1 },
        open: 1,
        suppressed: 1,
        suppressionExpired: 1,
        resources: 2,
        coverageGaps: 1,
      },
    });
  });

  it('records a run without a snapshot, and a complete run when gaps only mark unknown values', async () => {
    store = await openStore(':memory:');
    const id = await store.recordRun(
      run('demo', [], { coverage: [{ kind: 'unresolved-value', message: 'Ref to a parameter.' }] }),
    );
    expect(await store.snapshot(id)).toBeUndefined();
    expect((await store.getRun(id))?.status).toBe('complete');
  });

  it('streams findings from an iterable and counts them', async () => {
    store = await openStore(join(dir, 'stream.duckdb'));
    const stages = new Set<string>();
    const id = await store.recordRun(
      run('org', [], { findings: manyFindings(25_000), onProgress: (p) => stages.add(p.stage) }),
    );
    const info = await store.getRun(id);
    expect(info?.counts.findings).toBe(25_000);
    expect(info?.counts.open).toBe(8_334);
    expect(info?.counts.failBySeverity).toEqual({ high: 4_167, low: 4_167 });
    expect(
      (await store.findings(id, { open: true, limit: 5, offset: 10 })).map((f) => f.resource.id),
    ).toEqual([30, 33, 36, 39, 42].map((n) => `bucket-${n}`));
    expect([...stages]).toEqual(['findings', 'coverage', 'commit']);
  });

  it('writes nothing when the input fails part-way, and the store stays usable', async () => {
    store = await openStore(join(dir, 'rollback.duckdb'));
    const first = await store.recordRun(run('org', [bucketFinding(1)]));
    function* broken(): Generator<StoredFinding> {
      yield* manyFindings(5_000);
      throw new Error('source went away');
    }
    await expect(store.recordRun(run('org', [], { findings: broken() }))).rejects.toThrow('source went away');
    const malformed = { ...bucketFinding(2), resource: { ...bucketFinding(2).resource, id: 7 } } as unknown;
    await expect(store.recordRun(run('org', [bucketFinding(3), malformed as StoredFinding]))).rejects.toThrow(
      'finding #1: resource.id must be a string',
    );
    expect((await store.listRuns()).map((r) => r.id)).toEqual([first]);
    expect(await rowCount(store, first)).toBe(1);
    const next = await store.recordRun(run('org', [bucketFinding(4)]));
    expect((await store.findings(next)).map((f) => f.resource.id)).toEqual(['bucket-4']);
  });

  it('rejects an invalid start time before writing', async () => {
    store = await openStore(':memory:');
    await expect(store.recordRun(run('demo', [], { startedAt: 'yesterday-ish' }))).rejects.toThrow(
      /not a valid time/,
    );
  });
});

describe('history', () => {
  it('reports new, resolved and still open across three runs of one scope', async () => {
    store = await openStore(join(dir, 'history.duckdb'));
    // Run 1: buckets 1, 2, 3 fail. Run 2: 2 fixed, 4 breaks, 3 suppressed. Run 3: 1 fixed, 2 breaks again.
    const r1 = await store.recordRun(run('org', [bucketFinding(1), bucketFinding(2), bucketFinding(3)]));
    const r2 = await store.recordRun(
      run('org', [
        bucketFinding(1),
        bucketFinding(2, { status: 'pass' }),
        bucketFinding(3, { suppressed: { reason: 'accepted', expires: '2099-01-01' } }),
        bucketFinding(4),
      ]),
    );
    const r3 = await store.recordRun(
      run('org', [
        bucketFinding(1, { status: 'pass' }),
        bucketFinding(2),
        bucketFinding(4),
        bucketFinding(4),
      ]),
    );

    const first = await store.diff(r1);
    expect(ids(first.new)).toEqual(['bucket-1', 'bucket-2', 'bucket-3']);
    expect(first.stillOpen).toBe(0);

    const d2 = await store.diff(r2, r1);
    expect(ids(d2.new)).toEqual(['bucket-4']);
    expect(ids(d2.resolved)).toEqual(['bucket-2', 'bucket-3']); // fixed, and now suppressed
    expect(d2.resolved.every((f) => f.status === 'fail' && !f.suppressed)).toBe(true); // as run 1 saw them
    expect(d2.stillOpen).toBe(1);

    const d3 = await store.diff(r3, r2);
    expect(ids(d3.new)).toEqual(['bucket-2']);
    expect(ids(d3.resolved)).toEqual(['bucket-1']);
    expect(d3.stillOpen).toBe(1); // bucket-4, reported twice in run 3, counts once

    expect((await store.previousRun('org'))?.id).toBe(r3);
    expect((await store.previousRun('org', r3))?.id).toBe(r2);
    expect(await store.previousRun('org', r1)).toBeUndefined();
    expect((await store.trend('org')).map((p) => [p.runId, p.open, p.failBySeverity])).toEqual([
      [r1, 3, { medium: 3 }],
      [r2, 2, { medium: 2 }],
      [r3, 3, { medium: 3 }],
    ]);
  });

  it('keeps scopes apart', async () => {
    store = await openStore(join(dir, 'scopes.duckdb'));
    const a1 = await store.recordRun(run('demo', [bucketFinding(1)]));
    const b1 = await store.recordRun(run('/srv/infra', [bucketFinding(2)]));
    const a2 = await store.recordRun(run('demo', [bucketFinding(1), bucketFinding(3)]));

    expect((await store.listRuns('demo')).map((r) => r.id)).toEqual([a2, a1]);
    expect((await store.listRuns()).map((r) => r.id)).toEqual([a2, b1, a1]);
    expect((await store.previousRun('demo', a2))?.id).toBe(a1);
    expect((await store.previousRun('/srv/infra'))?.id).toBe(b1);
    expect((await store.trend('/srv/infra')).map((p) => p.runId)).toEqual([b1]);
    const d = await store.diff(a2, a1);
    expect(ids(d.new)).toEqual(['bucket-3']);
    expect(d.resolved).toEqual([]);
  });

  it('filters findings', async () => {
    store = await openStore(':memory:');
    const id = await store.recordRun(
      run('demo', [
        bucketFinding(1, { severity: 'high' }),
        bucketFinding(2, { status: 'pass' }),
        bucketFinding(3, { suppressed: { reason: 'r', expires: '2099-01-01' } }),
        bucketFinding(4, { ruleId: 's3-bucket-logging-enabled' }),
      ]),
    );
    expect(ids(await store.findings(id, { severity: 'high' }))).toEqual(['bucket-1']);
    expect(ids(await store.findings(id, { status: ['pass'] }))).toEqual(['bucket-2']);
    expect(ids(await store.findings(id, { open: true }))).toEqual(['bucket-1', 'bucket-4']);
    expect(ids(await store.findings(id, { includeSuppressed: false, status: 'fail' }))).toEqual([
      'bucket-1',
      'bucket-4',
    ]);
    expect(ids(await store.findings(id, { ruleId: 's3-bucket-logging-enabled' }))).toEqual(['bucket-4']);
    expect(await store.findings(id, { region: [] })).toEqual([]);
    await expect(store.findings(id + 1)).rejects.toThrow(StoreError);
    await expect(store.diff(id, id + 1)).rejects.toThrow(`no run ${id + 1}`);
  });
});

describe('keys', () => {
  it('keys a finding by rule and resource, not by wording', () => {
    const a = bucketFinding(1);
    expect(findingKey(a)).toBe(findingKey(bucketFinding(1, { reason: 'other words', severity: 'high' })));
    expect(findingKey(a)).not.toBe(findingKey({ ...a, ruleId: 'other-rule' }));
    expect(findingKey(a)).not.toBe(findingKey({ ...a, resource: { ...a.resource, region: 'us-east-1' } }));
    expect(findingKey(a)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('tells apart template resources with the same logical id in different files', () => {
    const declared = (file: string) =>
      bucketFinding(1, {
        resource: {
          type: 'AWS::S3::Bucket',
          id: 'Bucket',
          account: 'unknown',
          region: 'unknown',
          logicalId: 'Bucket',
          file,
        },
      });
    expect(findingKey(declared('a.yaml'))).not.toBe(findingKey(declared('b.yaml')));
    expect(findingKey(declared('a.yaml'))).toBe(
      findingKey({ ...declared('a.yaml'), resource: { ...declared('a.yaml').resource, line: 9 } }),
    );
  });

  it('normalises scopes', () => {
    expect(scopeKey({ kind: 'demo' })).toBe('demo');
    expect(scopeKey({ kind: 'aws', accounts: ['222', '111', '222'] })).toBe('aws:111,222');
    expect(scopeKey({ kind: 'aws' })).toBe('aws');
    expect(scopeKey({ kind: 'cloudformation', input: join(dir, '.', 'x', '..') })).toBe(
      scopeKey({ kind: 'cloudformation', input: dir }),
    );
    expect(() => scopeKey({ kind: 'terraform' })).toThrow(/needs the input path/);
  });
});

async function rawSql(path: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function rowCount(s: Store, runId: number): Promise<number> {
  return (await s.findings(runId)).length;
}
