import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logQuestionParams, logQuestionSql } from '../../questions/logs.js';
import { runAthenaQuery } from './athena.js';

/**
 * A recorded Athena exchange (JSON 1.1 protocol: POST /, `X-Amz-Target: AmazonAthena.<Operation>`),
 * replayed by a local server: a query that is RUNNING on the first poll, then SUCCEEDED, with its
 * results in two pages (the first row of the first page holds the column names).
 */
const RECORDED: Record<string, Array<Record<string, unknown>>> = {
  StartQueryExecution: [{ QueryExecutionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' }],
  GetQueryExecution: [
    {
      QueryExecution: {
        QueryExecutionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
        Status: { State: 'RUNNING' },
      },
    },
    {
      QueryExecution: {
        QueryExecutionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
        Status: { State: 'SUCCEEDED' },
      },
    },
  ],
  GetQueryResults: [
    {
      ResultSet: {
        ResultSetMetadata: {
          ColumnInfo: [
            { Name: 'principal', Type: 'varchar' },
            { Name: 'count', Type: 'bigint' },
          ],
        },
        Rows: [
          { Data: [{ VarCharValue: 'principal' }, { VarCharValue: 'count' }] },
          { Data: [{ VarCharValue: 'arn:aws:iam::111122223333:user/mallory' }, { VarCharValue: '42' }] },
        ],
      },
      NextToken: 'page-2',
    },
    {
      ResultSet: {
        ResultSetMetadata: {
          ColumnInfo: [
            { Name: 'principal', Type: 'varchar' },
            { Name: 'count', Type: 'bigint' },
          ],
        },
        Rows: [{ Data: [{ VarCharValue: 'arn:aws:iam::111122223333:user/eve' }, {}] }],
      },
    },
  ],
};

const requests: Array<{ target: string; body: Record<string, unknown> }> = [];
let server: Server;
let endpoint = '';

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

beforeAll(async () => {
  const served: Record<string, number> = {};
  server = createServer((req, res) => {
    void body(req).then((text) => {
      const target = String(req.headers['x-amz-target'] ?? '').replace('AmazonAthena.', '');
      requests.push({ target, body: JSON.parse(text) as Record<string, unknown> });
      const replies = RECORDED[target] ?? [];
      const i = served[target] ?? 0;
      served[target] = i + 1;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(replies[Math.min(i, replies.length - 1)] ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Athena', () => {
  it('runs the question SQL through StartQueryExecution, polls, and pages the results', async () => {
    const sql = logQuestionSql('denied', logQuestionParams.denied.parse({}), 'athena');
    const result = await runAthenaQuery(sql, {
      endpoint,
      region: 'us-east-1',
      workgroup: 'primary',
      output: 's3://results-bucket/cloudrounds/',
      database: 'logs',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      pollMs: 1,
    });
    expect(result).toEqual({
      columns: ['principal', 'count'],
      rows: [
        { principal: 'arn:aws:iam::111122223333:user/mallory', count: '42' },
        { principal: 'arn:aws:iam::111122223333:user/eve', count: null },
      ],
    });
    expect(requests.map((r) => r.target)).toEqual([
      'StartQueryExecution',
      'GetQueryExecution',
      'GetQueryExecution',
      'GetQueryResults',
      'GetQueryResults',
    ]);
    expect(requests[0]!.body).toMatchObject({
      QueryString: sql,
      WorkGroup: 'primary',
      ResultConfiguration: { OutputLocation: 's3://results-bucket/cloudrounds/' },
      QueryExecutionContext: { Database: 'logs' },
    });
    expect(requests[4]!.body).toMatchObject({ NextToken: 'page-2' });
  });
});
