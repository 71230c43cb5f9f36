import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudroundsInProcess } from '../../../test/e2e/cli.js';
import { detectAnswerSchema, logAnswerSchema } from '../../questions/logs.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-logs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function trail(): string {
  const day = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '01', '02');
  mkdirSync(day, { recursive: true });
  const base = {
    eventVersion: '1.08',
    eventTime: '2026-01-02T03:04:05Z',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.5',
    eventType: 'AwsApiCall',
  };
  const records = [
    {
      ...base,
      eventID: 'r1',
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      eventType: 'AwsConsoleSignIn',
      userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', principalId: '111122223333' },
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { MFAUsed: 'No' },
    },
    {
      ...base,
      eventID: 'r2',
      eventSource: 'ec2.amazonaws.com',
      eventName: 'AuthorizeSecurityGroupIngress',
      readOnly: false,
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', userName: 'alice' },
      requestParameters: {
        groupId: 'sg-0abc',
        ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] },
      },
    },
  ];
  writeFileSync(
    join(day, '111122223333_CloudTrail_us-east-1_20260102T0305Z_x.json.gz'),
    gzipSync(JSON.stringify({ Records: records })),
  );
  return join(dir, 'AWSLogs');
}

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
