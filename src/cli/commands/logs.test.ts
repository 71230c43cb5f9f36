import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudroundsInProcess } from '../../../test/e2e/cli.js';
import { detectAnswerSchema, logAnswerSchema } from '../../questions/logs.js';
import { writeSampleTrail } from '../../../test/logs/sample-trail.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-logs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const trail = () => writeSampleTrail(dir);

describe('cloudrounds logs (command path)', () => {
  const db = join(dir, 'store.duckdb');
  const logs = trail();

  it('ingests, and re-ingesting adds nothing', async () => {
    const first = await cloudroundsInProcess(['logs', 'ingest', logs, '--db', db, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      schemaVersion: 1,
      ingested: 1,
      records: { cloudtrail: 2 },
    });
    const again = await cloudroundsInProcess(['logs', 'ingest', logs, '--db', db]);
    expect(again.stdout).toContain('Ingested 0 file(s)');
    expect(again.stdout).toContain('Already ingested: 1');
  });

  it('answers questions as JSON carrying their SQL, and the SQL runs through `logs query`', async () => {
    const who = await cloudroundsInProcess(['logs', 'who', '--resource', 'sg-0abc', '--db', db, '--json']);
    expect(who.code).toBe(0);
    const answer = logAnswerSchema.parse(JSON.parse(who.stdout));
    expect(answer.rows).toEqual([
      expect.objectContaining({
        eventName: 'AuthorizeSecurityGroupIngress',
        principal: 'arn:aws:iam::111122223333:user/alice',
        sourceIPAddress: '203.0.113.5',
      }),
    ]);
    const rerun = await cloudroundsInProcess(['logs', 'query', answer.sql, '--db', db, '--json']);
    expect(JSON.parse(rerun.stdout).rows).toEqual(answer.rows);
  });

  it('runs read-only SQL only', async () => {
    const write = await cloudroundsInProcess(['logs', 'query', 'DELETE FROM cloudtrail_logs', '--db', db]);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/read-only/i);
    const file = await cloudroundsInProcess([
      'logs',
      'query',
      `COPY cloudtrail_logs TO '${join(dir, 'out.csv')}'`,
      '--db',
      db,
    ]);
    expect(file.code).toBe(2);
  });

  it('detects root use, console login without MFA and an open security group', async () => {
    const out = await cloudroundsInProcess(['logs', 'detect', '--db', db, '--json']);
    expect(out.code).toBe(0);
    const answer = detectAnswerSchema.parse(JSON.parse(out.stdout));
    const fired = answer.detections
      .filter((d) => d.matches.length)
      .map((d) => `${d.id}:${d.matches.map((m) => m.eventID).join(',')}`);
    expect(fired).toEqual([
      'root-account-use:r1',
      'console-login-without-mfa:r1',
      'security-group-open-to-world:r2',
    ]);
  });

  it('prints Athena DDL and Athena SQL', async () => {
    const ddl = await cloudroundsInProcess([
      'logs',
      'athena-ddl',
      '--location',
      's3://b',
      '--account',
      '111122223333',
    ]);
    expect(ddl.stdout).toContain('CREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail_logs');
    const sql = await cloudroundsInProcess([
      'logs',
      'timeline',
      '--principal',
      'alice',
      '--engine',
      'athena',
      '--sql',
    ]);
    expect(sql.stdout).toContain('from_iso8601_timestamp(eventtime)');
    expect(sql.stdout).not.toContain('ILIKE');
  });
});
