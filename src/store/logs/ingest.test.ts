import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, corporaPresent } from '../../../test/corpora.js';
import { FLOW_FIELDS, flowPartTable } from '../../logs/flowlogs.js';
import { logIngestSql } from '../../logs/ingest-sql.js';
import { openLogStore } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sql = logIngestSql();

function record(id: string | null, extra: Record<string, unknown> = {}) {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', userName: 'alice' },
    eventTime: '2026-01-02T03:04:05Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    requestParameters: { instancesSet: {} },
    responseElements: null,
    eventID: id,
    readOnly: true,
    eventType: 'AwsApiCall',
    ...extra,
  };
}

describe('CloudTrail ingestion', () => {
  it('reads delivered gzip files in the AWSLogs layout, skips digests, and re-ingesting adds nothing', async () => {
    const root = join(dir, 'trail');
    const day = join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '01', '02');
    const orgDay = join(
      root,
      'AWSLogs',
      'o-abc123',
      '444455556666',
      'CloudTrail',
      'eu-west-1',
      '2026',
      '01',
      '02',
    );
    const digest = join(
      root,
      'AWSLogs',
      '111122223333',
      'CloudTrail-Digest',
      'us-east-1',
      '2026',
      '01',
      '02',
    );
    for (const d of [day, orgDay, digest]) mkdirSync(d, { recursive: true });
    writeFileSync(
      join(day, 'a.json.gz'),
      gzipSync(JSON.stringify({ Records: [record('e1'), record('e2')] })),
    );
    // The same event delivered twice (AWS may): stored once.
    writeFileSync(
      join(orgDay, 'b.json.gz'),
      gzipSync(JSON.stringify({ Records: [record('e2'), record('e3')] })),
    );
    writeFileSync(join(digest, 'd.json.gz'), gzipSync(JSON.stringify({ digestStartTime: 'x' })));

    const db = join(dir, 'one.duckdb');
    const store = await openLogStore(db);
    const first = await store.ingestPaths([root], sql);
    expect(first).toMatchObject({ ingested: 2, skipped: 1, failed: 0, duplicates: 1 });
    expect(first.records.cloudtrail).toBe(3);
    const second = await store.ingestPaths([root], sql);
    expect(second).toMatchObject({ ingested: 0, alreadyIngested: 2, skipped: 1 });
    // A later file repeating a stored event, an event twice, and two events without an eventID:
    // the new event once and both events without an id are added.
    writeFileSync(
      join(day, 'c.json.gz'),
      gzipSync(
        JSON.stringify({
          Records: [record('e1'), record('e4'), record(null), record('e4'), record(null)],
        }),
      ),
    );
    const third = await store.ingestPaths([root], sql);
    expect(third).toMatchObject({ ingested: 1, alreadyIngested: 2, duplicates: 2 });
    expect(third.records.cloudtrail).toBe(3);
    // Nothing repeated: inserted as read.
    writeFileSync(join(day, 'd.json.gz'), gzipSync(JSON.stringify({ Records: [record('e5')] })));
    const fourth = await store.ingestPaths([root], sql);
    expect(fourth).toMatchObject({ ingested: 1, alreadyIngested: 3, duplicates: 0 });
    expect(fourth.records.cloudtrail).toBe(1);
    const perFile = await store.query(
      `SELECT f.path, f.records, count(c.file_id) AS stored FROM log_files f LEFT JOIN cloudtrail_logs c ON c.file_id = f.id GROUP BY ALL ORDER BY f.path`,
    );
    expect(perFile.rows.map((r) => [String(r.path).split('/').pop(), r.records, r.stored])).toEqual([
      ['a.json.gz', 2, 2],
      ['c.json.gz', 3, 3],
      ['d.json.gz', 1, 1],
      ['b.json.gz', 1, 1],
    ]);
    const { rows } = await store.query(
      `SELECT eventid, useridentity_arn, readonly, CAST(eventtime AS VARCHAR) AS t,
        requestparameters->>'$.instancesSet' AS p FROM cloudtrail_logs ORDER BY eventid NULLS LAST`,
    );
    expect(rows.map((r) => r.eventid)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', null, null]);
    expect(rows[0]).toMatchObject({
      useridentity_arn: 'arn:aws:iam::111122223333:user/alice',
      readonly: true,
      t: '2026-01-02 03:04:05',
    });
    store.close();
  });

  it('skips a truncated gzip, a non-JSON file and keeps everything else, naming the files', async () => {
    const root = join(dir, 'bad');
    mkdirSync(root, { recursive: true });
    const good = gzipSync(JSON.stringify({ Records: [record('g1')] }));
    writeFileSync(join(root, 'good.json.gz'), good);
    const whole = gzipSync(
      JSON.stringify({ Records: Array.from({ length: 500 }, (_, i) => record(`t${i}`)) }),
    );
    writeFileSync(join(root, 'truncated.json.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(join(root, 'broken.json'), '{"Records": [ {"eventID": "x", ');
    writeFileSync(join(root, 'notes.txt'), 'hello world\n');
    const store = await openLogStore(join(dir, 'bad.duckdb'));
    const before = await store.ingestPaths([join(root, 'good.json.gz')], sql);
    expect(before.records.cloudtrail).toBe(1);
    const report = await store.ingestPaths([root], sql);
    expect(report.failed).toBe(2);
    expect(report.skipped).toBe(1);
    expect(report.alreadyIngested).toBe(1);
    const files = report.warnings.map((w) => w.file.split('/').pop()).sort();
    expect(files).toEqual(['broken.json', 'notes.txt', 'truncated.json.gz']);
    const { rows } = await store.query('SELECT count(*) AS n FROM cloudtrail_logs');
    expect(rows[0]!.n).toBe(1);
    store.close();
  });

  it('accepts bare arrays and JSON lines, as some published datasets are', async () => {
    const root = join(dir, 'shapes');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'array.json'), JSON.stringify([record('a1'), record('a2')]));
    writeFileSync(
      join(root, 'lines.jsonl'),
      [record('l1'), record('l2'), record('l3')].map((r) => JSON.stringify(r)).join('\n') + '\n',
    );
    const store = await openLogStore(join(dir, 'shapes.duckdb'));
    const report = await store.ingestPaths([root], sql);
    expect(report).toMatchObject({ ingested: 2, failed: 0, records: { cloudtrail: 5 } });
    store.close();
  });

  it.runIf(corporaPresent)('ingests the invictus corpus: 2,900 records, 55 files', async () => {
    const store = await openLogStore(join(dir, 'invictus.duckdb'));
    const report = await store.ingestPaths([corpusPath('cloudtrail-invictus', 'CloudTrail')], sql);
    expect(report).toMatchObject({ ingested: 55, failed: 0, warnings: [] });
    expect(report.records.cloudtrail).toBe(2900);
    const { rows } = await store.query(
      `SELECT count(*) AS n, count(eventtime) AS t, count(*) FILTER (WHERE errorcode IS NOT NULL) AS errors FROM cloudtrail_logs`,
    );
    expect(rows[0]).toEqual({ n: 2900, t: 2900, errors: 300 });
    store.close();
  });
});

describe('VPC flow log ingestion', () => {
  it('reads the default format with its header, `-` as NULL, and reports a malformed line', async () => {
    const root = join(dir, 'flow', 'AWSLogs', '111122223333', 'vpcflowlogs', 'us-east-1', '2026', '01', '02');
    mkdirSync(root, { recursive: true });
    const lines = [
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
      '2 111122223333 eni-1 203.0.113.9 10.0.0.5 40000 22 6 3 180 1767323045 1767323105 REJECT OK',
      'garbage',
      '2 111122223333 eni-1 - - - - - - - 1767323045 1767323105 - NODATA',
    ];
    writeFileSync(
      join(root, '111122223333_vpcflowlogs_us-east-1_fl-1_20260102T0305Z_abc.log.gz'),
      gzipSync(lines.join('\n') + '\n'),
    );
    const custom = [
      '${version} ${vpc-id} ${srcaddr} ${dstaddr} ${dstport} ${action} ${flow-direction} ${reject-reason}'.replace(
        /\$\{|\}/g,
        '',
      ),
      '8 vpc-1 198.51.100.1 10.0.0.6 443 REJECT ingress BPA',
    ];
    writeFileSync(join(root, 'custom.log'), custom.join('\n') + '\n');
    const store = await openLogStore(join(dir, 'flow.duckdb'));
    const report = await store.ingestPaths([join(dir, 'flow')], sql);
    expect(report.records.flow).toBe(3);
    // Each layout is stored with its own fields only (and file_id); the view shows them all.
    const parts = await store.query(
      `SELECT table_name, column_count FROM duckdb_tables() WHERE table_name LIKE 'vpc_flow_part_%' ORDER BY column_count`,
    );
    expect(parts.rows.map((r) => r.column_count)).toEqual([9, 15]);
    const view = await store.query(`SELECT count(*) AS n FROM (DESCRIBE vpc_flow_logs)`);
    expect(view.rows[0]!.n).toBe(FLOW_FIELDS.length + 1);
    expect(report.skippedLines).toBe(1);
    expect(report.warnings[0]).toMatchObject({ line: 3 });
    const { rows } = await store.query(
      `SELECT interface_id, srcaddr, dstport, action, log_status, vpc_id, flow_direction, reject_reason FROM vpc_flow_logs ORDER BY srcaddr NULLS FIRST`,
    );
    expect(rows).toEqual([
      {
        interface_id: 'eni-1',
        srcaddr: null,
        dstport: null,
        action: null,
        log_status: 'NODATA',
        vpc_id: null,
        flow_direction: null,
        reject_reason: null,
      },
      {
        interface_id: null,
        srcaddr: '198.51.100.1',
        dstport: 443,
        action: 'REJECT',
        log_status: null,
        vpc_id: 'vpc-1',
        flow_direction: 'ingress',
        reject_reason: 'BPA',
      },
      {
        interface_id: 'eni-1',
        srcaddr: '203.0.113.9',
        dstport: 22,
        action: 'REJECT',
        log_status: 'OK',
        vpc_id: null,
        flow_direction: null,
        reject_reason: null,
      },
    ]);
    store.close();
  });
});

describe('VPC flow logs in a store written before parts', () => {
  /** The single flow-log table every ingestion used to create. */
  const legacyDdl = `CREATE TABLE vpc_flow_logs (${FLOW_FIELDS.map(([n, t]) => `"${n.replace(/-/g, '_')}" ${t}`).join(', ')}, file_id BIGINT)`;

  async function legacyStore(name: string, rows: string[]): Promise<string> {
    const path = join(dir, name);
    (await openLogStore(path)).close();
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(legacyDdl);
    for (const row of rows) await connection.run(row);
    connection.closeSync();
    instance.closeSync();
    return path;
  }

  it('keeps the records of the single table as a part, and adds new files beside them', async () => {
    const path = await legacyStore('legacy.duckdb', [
      `INSERT INTO vpc_flow_logs (version, srcaddr, dstaddr, dstport, action, vpc_id, file_id) VALUES (5, '192.0.2.1', '10.0.0.1', 22, 'REJECT', 'vpc-old', 1000)`,
    ]);
    const root = join(dir, 'legacy-flow');
    mkdirSync(root, { recursive: true });
    const header = 'version srcaddr dstaddr dstport action';
    writeFileSync(join(root, 'new.log'), `${header}\n2 192.0.2.2 10.0.0.2 3389 REJECT\n`);
    const store = await openLogStore(path);
    expect((await store.ingestPaths([root], sql)).records.flow).toBe(1);
    writeFileSync(join(root, 'newer.log'), `${header}\n2 192.0.2.3 10.0.0.3 443 ACCEPT\n`);
    expect((await store.ingestPaths([root], sql)).records.flow).toBe(1);
    const { rows } = await store.query(
      `SELECT version, srcaddr, dstport, vpc_id FROM vpc_flow_logs ORDER BY srcaddr`,
    );
    expect(rows).toEqual([
      { version: 5, srcaddr: '192.0.2.1', dstport: 22, vpc_id: 'vpc-old' },
      { version: 2, srcaddr: '192.0.2.2', dstport: 3389, vpc_id: null },
      { version: 2, srcaddr: '192.0.2.3', dstport: 443, vpc_id: null },
    ]);
    const parts = await store.query(
      `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'vpc_flow_%' ORDER BY table_name`,
    );
    expect(parts.rows.map((r) => r.table_name)).toEqual(
      [
        flowPartTable(FLOW_FIELDS.map(([n]) => n)),
        flowPartTable(['version', 'srcaddr', 'dstaddr', 'dstport', 'action']),
      ].sort(),
    );
    expect(await store.hasTable('vpc_flow_logs')).toBe(true);
    store.close();
  });

  it('drops the single table when it is empty; the view is there with no part', async () => {
    const path = await legacyStore('legacy-empty.duckdb', []);
    const root = join(dir, 'legacy-trail');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'a.json'), JSON.stringify([record('x1')]));
    const store = await openLogStore(path);
    expect((await store.ingestPaths([root], sql)).records.cloudtrail).toBe(1);
    const parts = await store.query(
      `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'vpc_flow_%'`,
    );
    expect(parts.rows).toEqual([]);
    const { rows } = await store.query('SELECT count(*) AS n FROM vpc_flow_logs');
    expect(rows[0]!.n).toBe(0);
    store.close();
  });
});

describe('VPC flow logs as Parquet', () => {
  it('reads columns by name, whatever their order', async () => {
    const root = join(dir, 'parquet');
    mkdirSync(root, { recursive: true });
    const file = join(root, 'flows.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT 'eni-9' AS interface_id, 5 AS version, '198.51.100.9' AS srcaddr, '10.0.0.9' AS dstaddr,
        3389::INTEGER AS dstport, 6::INTEGER AS protocol, 2::BIGINT AS packets, 120::BIGINT AS bytes,
        1767323045::BIGINT AS start, 1767323105::BIGINT AS "end", 'REJECT' AS action, 'egress' AS flow_direction)
       TO '${file}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const store = await openLogStore(join(dir, 'parquet.duckdb'));
    const report = await store.ingestPaths([root], sql);
    expect(report.records.flow).toBe(1);
    const { rows } = await store.query(
      'SELECT version, interface_id, dstport, action, flow_direction, "end" FROM vpc_flow_logs',
    );
    expect(rows).toEqual([
      {
        version: 5,
        interface_id: 'eni-9',
        dstport: 3389,
        action: 'REJECT',
        flow_direction: 'egress',
        end: 1767323105,
      },
    ]);
    store.close();
  });
});

describe('S3 access and ALB log ingestion', () => {
  it('parses quoted and bracketed fields, tolerates trailing fields, reports lines that do not match', async () => {
    const root = join(dir, 'lines');
    mkdirSync(root, { recursive: true });
    const s3 = [
      '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be DOC-EXAMPLE-BUCKET1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /DOC-EXAMPLE-BUCKET1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader DOC-EXAMPLE-BUCKET1.s3.us-west-1.amazonaws.com TLSV1.2 arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes us-east-1 some-new-field',
      'not an access log line',
      '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be DOC-EXAMPLE-BUCKET1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - 891CE47D2EXAMPLE REST.GET.OBJECT a%20b.txt "GET /DOC-EXAMPLE-BUCKET1/a%20b.txt HTTP/1.1" 403 AccessDenied 243 - 12 - "-" "curl/8 \\"quoted\\"" -',
    ];
    writeFileSync(join(root, '2019-02-06-00-00-38-5A8C9B1E9B0B1234'), s3.join('\n') + '\n');
    const alb = [
      'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 2001:db8::1:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90',
      'h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.0.2.9:2817 - -1 -1 -1 403 - 136 277 "GET https://www.example.com:443/x HTTP/2.0" "-" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - "Root=1-58337281" "www.example.com" "-" 0 2018-07-02T22:22:48.364000Z "waf" "-" "-" "-" "-" "-" "-"',
    ];
    writeFileSync(
      join(
        root,
        '123456789012_elasticloadbalancing_us-east-2_app.my-loadbalancer.50dc6c495c0c9188_20180702T2225Z_10.0.0.1_abc.log.gz',
      ),
      gzipSync(alb.join('\n') + '\n'),
    );
    const store = await openLogStore(join(dir, 'lines.duckdb'));
    const report = await store.ingestPaths([root], sql);
    expect(report.records).toMatchObject({ 's3-access': 2, alb: 2 });
    expect(report.warnings).toEqual([expect.objectContaining({ line: 2 })]);
    const s3rows = (
      await store.query(
        `SELECT requester, key, request_uri, httpstatus, errorcode, bytessent, useragent, aclrequired, sourceregion, CAST(requestdatetime AS VARCHAR) AS t FROM s3_access_logs ORDER BY line_number`,
      )
    ).rows;
    expect(s3rows[0]).toMatchObject({
      request_uri: 'GET /DOC-EXAMPLE-BUCKET1?versioning HTTP/1.1',
      httpstatus: 200,
      bytessent: 113,
      useragent: 'S3Console/0.4',
      aclrequired: 'Yes',
      sourceregion: 'us-east-1',
      t: '2019-02-06 00:00:38',
    });
    expect(s3rows[1]).toMatchObject({
      requester: null,
      key: 'a%20b.txt',
      errorcode: 'AccessDenied',
      useragent: 'curl/8 "quoted"',
      sourceregion: null,
    });
    const albRows = (
      await store.query(
        `SELECT client_ip, client_port, target_ip, elb_status_code, request_url, user_agent, actions_executed, conn_trace_id FROM alb_logs ORDER BY client_ip DESC`,
      )
    ).rows;
    expect(albRows).toEqual([
      {
        client_ip: '2001:db8::1',
        client_port: 2817,
        target_ip: '10.0.0.1',
        elb_status_code: 200,
        request_url: 'https://www.example.com:443/',
        user_agent: 'curl/7.46.0',
        actions_executed: 'authenticate,forward',
        conn_trace_id: 'TID_1234abcd5678ef90',
      },
      {
        client_ip: '192.0.2.9',
        client_port: 2817,
        target_ip: null,
        elb_status_code: 403,
        request_url: 'https://www.example.com:443/x',
        user_agent: null,
        actions_executed: 'waf',
        conn_trace_id: null,
      },
    ]);
    store.close();
  });
});
