import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIngestSql } from '../logs/ingest-sql.js';
import { openLogStore } from '../store/logs/index.js';
import { API, CSRF_HEADER, ROUTES } from './api.js';
import { startServer, type RunningServer } from './index.js';
import { writeSampleTrail } from '../../test/logs/sample-trail.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-serve-logs-'));
let server: RunningServer;

/** Two CloudTrail events: a root console login without MFA, and alice opening a security group. */
const trail = () => writeSampleTrail(dir);

beforeAll(async () => {
  const db = join(dir, 'store.duckdb');
  const store = await openLogStore(db);
  try {
    await store.ingestPaths([trail()], logIngestSql());
  } finally {
    store.close();
  }
  server = await startServer({ port: 0, db, configFile: join(dir, '.cloudrounds.yaml'), webRoot: dir });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(new URL(path, server.url));
  return { status: r.status, body: await r.json() };
}

describe('logs routes with a store holding logs', () => {
  it('says so in meta, and the trend comes from the store', async () => {
    const meta = API.meta.response.parse((await get(ROUTES.meta)).body);
    expect(meta.features).toMatchObject({ store: true, logs: true });
  });

  it('answers a named question (timeline) with the SQL that produced it', async () => {
    const r = await get(`${ROUTES.logQuestion}?question=timeline&principal=alice`);
    expect(r.status).toBe(200);
    const a = API.logQuestion.response.parse(r.body);
    expect(a.question).toBe('timeline');
    expect(a.rows.map((row) => row.eventName)).toContain('AuthorizeSecurityGroupIngress');
    expect(a.sql).toContain('cloudtrail_logs');
  });

  it("checks the question's parameters with the question's own schema", async () => {
    const r = await get(`${ROUTES.logQuestion}?question=timeline`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'bad-request', issues: [{ path: ['principal'] }] });
    expect((await get(`${ROUTES.logQuestion}?question=nope`)).status).toBe(400);
  });

  it('runs the detections (the root login without MFA fires)', async () => {
    const r = await get(ROUTES.detections);
    expect(r.status).toBe(200);
    const a = API.detections.response.parse(r.body);
    expect(a.detections.some((d) => d.matches.length > 0)).toBe(true);
  });

  it('runs read-only SQL and refuses writes and file access', async () => {
    const post = (sql: string) =>
      fetch(new URL(ROUTES.logQuery, server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: server.csrf },
        body: JSON.stringify({ sql }),
      });
    const ok = await post('SELECT eventname AS "eventName" FROM cloudtrail_logs ORDER BY 1');
    expect(ok.status).toBe(200);
    const a = API.logQuery.response.parse(await ok.json());
    expect(a.rows).toEqual([{ eventName: 'AuthorizeSecurityGroupIngress' }, { eventName: 'ConsoleLogin' }]);
    expect((await post('DELETE FROM cloudtrail_logs')).status).toBe(400);
    expect((await post("SELECT * FROM read_csv('/etc/passwd')")).status).toBe(400);
  });

  it('the daily evaluation includes the log detections', async () => {
    const r = await get(`${ROUTES.findings}?q=root&limit=1000`);
    const a = API.findings.response.parse(r.body);
    expect(a.items.some((f) => f.ruleId.startsWith('logs-'))).toBe(true);
  });
});

describe('history', () => {
  it('with --record, records the run and compares it with the previous one; without, only reads the trend', async () => {
    const db = join(dir, 'history.duckdb');
    const configFile = join(dir, 'history.yaml');
    const overview = async (s: RunningServer) => {
      const r = await fetch(new URL(ROUTES.overview, s.url));
      return API.overview.response.parse(await r.json()).daily;
    };
    const first = await startServer({ port: 0, db, record: true, configFile, webRoot: dir });
    const a = await overview(first);
    await first.close();
    expect(a.run.recorded).toBe(true);
    expect(a.trend).toHaveLength(1);

    const second = await startServer({ port: 0, db, record: true, configFile, webRoot: dir });
    const b = await overview(second);
    await second.close();
    expect(b.changes.compared).toBe(true);
    expect(b.changes.previousRun?.id).toBe(a.run.id);
    expect(b.trend).toHaveLength(2);

    const reader = await startServer({ port: 0, db, configFile, webRoot: dir });
    const c = await overview(reader);
    await reader.close();
    expect(c.run).toMatchObject({ recorded: false, id: null });
    expect(c.changes.compared).toBe(false);
    expect(c.trend).toHaveLength(2);
  }, 120_000);
});
