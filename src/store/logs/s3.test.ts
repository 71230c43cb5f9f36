import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binBuilt, binPath } from '../../../test/e2e/cli.js';
import { logIngestSql } from '../../logs/ingest-sql.js';
import { openLogStore } from './index.js';
import { downloadS3Prefix, parseS3Uri } from './s3.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-s3logs-'));
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
/** The part of s3rver (which ships no types) this test uses. */
interface S3rverServer {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;
let server: S3rverServer;
let endpoint = '';

beforeAll(async () => {
  const S3rver = ((await import('s3rver' as string)) as { default: S3rverClass }).default;
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(dir, 's3'),
    configureBuckets: [{ name: 'trail-bucket', configs: [] }],
  });
  const info = await server.run();
  endpoint = `http://127.0.0.1:${info.port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  const put = (Key: string, Body: Buffer) =>
    client.send(new PutObjectCommand({ Bucket: 'trail-bucket', Key, Body }));
  const event = (id: string) => ({
    eventVersion: '1.08',
    eventTime: '2026-01-02T03:04:05Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    eventID: id,
    userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root' },
  });
  const prefix = 'org/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02';
  await put(
    `${prefix}/111122223333_CloudTrail_us-east-1_20260102T0305Z_a.json.gz`,
    gzipSync(JSON.stringify({ Records: [event('s1'), event('s2')] })),
  );
  await put(
    `${prefix}/111122223333_CloudTrail_us-east-1_20260102T0310Z_b.json.gz`,
    gzipSync(JSON.stringify({ Records: [event('s3')] })),
  );
  await put('org/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/02/d.json.gz', gzipSync('{}'));
  client.destroy();
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('S3 input', () => {
  it('parses s3:// URIs', () => {
    expect(parseS3Uri('s3://b/p/q')).toEqual({ bucket: 'b', prefix: 'p/q' });
    expect(parseS3Uri('s3://b')).toEqual({ bucket: 'b', prefix: '' });
    expect(() => parseS3Uri('/tmp/x')).toThrow(/s3:\/\//);
  });

  it('lists and downloads a prefix, ingests it under s3:// names, and does not download it twice', async () => {
    const store = await openLogStore(join(dir, 'store.duckdb'));
    const first = await downloadS3Prefix('s3://trail-bucket/org/AWSLogs/', { endpoint, credentials });
    expect(first.inputs.map((i) => i.identity)).toEqual([
      's3://trail-bucket/org/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/111122223333_CloudTrail_us-east-1_20260102T0305Z_a.json.gz',
      's3://trail-bucket/org/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/111122223333_CloudTrail_us-east-1_20260102T0310Z_b.json.gz',
    ]);
    const report = await store.ingest(first.inputs, logIngestSql());
    await first.cleanup();
    expect(report.records.cloudtrail).toBe(3);
    const known = new Set((await store.query('SELECT path FROM log_files')).rows.map((r) => String(r.path)));
    const second = await downloadS3Prefix('s3://trail-bucket/org/', {
      endpoint,
      credentials,
      known: (id) => known.has(id),
    });
    expect(second).toMatchObject({ inputs: [], alreadyIngested: 2 });
    await second.cleanup();
    store.close();
  });
});

describe.runIf(binBuilt)('cloudrounds logs ingest s3://… (built binary)', () => {
  it('reads through --endpoint-url with the standard credential chain, and adds nothing the second time', async () => {
    // Asynchronous child: the S3 server runs in this process and must keep answering.
    const run = () =>
      new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          [
            binPath,
            'logs',
            'ingest',
            's3://trail-bucket/org/',
            '--endpoint-url',
            endpoint,
            '--db',
            join(dir, 'cli.duckdb'),
            '--json',
          ],
          {
            env: {
              ...process.env,
              AWS_ACCESS_KEY_ID: 'S3RVER',
              AWS_SECRET_ACCESS_KEY: 'S3RVER',
              AWS_REGION: 'us-east-1',
            },
          },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        );
      });
    expect(JSON.parse(await run())).toMatchObject({ ingested: 2, skipped: 0, records: { cloudtrail: 3 } });
    expect(JSON.parse(await run())).toMatchObject({ ingested: 0, alreadyIngested: 2 });
  });
});
