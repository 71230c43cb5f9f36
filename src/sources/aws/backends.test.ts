import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FixtureStore,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
} from '../../../test/aws-endpoint/index.js';
import { collectAws } from './collect.js';
import { COLLECTORS } from './collectors/index.js';

const require = createRequire(import.meta.url);

/** s3rver and dynalite accept any signature from these keys. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const WEBSITE = `<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>`;

describe('collection against s3rver (S3) and dynalite (DynamoDB) behind the local endpoint', () => {
  let s3: { close(): Promise<void> };
  let dynamo: Server;
  let endpoint: AwsEndpoint;
  let dir: string;
  let dynaliteUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudrounds-s3rver-'));
    const S3rver = require('s3rver') as new (options: object) => {
      run(): Promise<AddressInfo>;
      close(): Promise<void>;
    };
    const s3rver = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'site-bucket', configs: [WEBSITE] }, { name: 'plain-bucket' }],
    });
    const s3Address = await s3rver.run();
    s3 = s3rver;
    const dynalite = require('dynalite') as (options: object) => Server;
    dynamo = dynalite({ createTableMs: 0 });
    await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
    dynaliteUrl = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
    const client = new DynamoDBClient({
      endpoint: dynaliteUrl,
      region: 'us-east-1',
      credentials: S3RVER_CREDENTIALS,
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    client.destroy();
    // Identity and regions from the recorded account; S3 and DynamoDB from the real emulators.
    const recorded = recordedAccount();
    const fixtures = new FixtureStore();
    for (const [key, body] of recorded.responses)
      if (/^(sts|ec2)\/(GetCallerIdentity|DescribeRegions)$/.test(key)) fixtures.set(key, body);
    endpoint = await startAwsEndpoint({
      fixtures,
      s3rver: `http://127.0.0.1:${s3Address.port}`,
      dynalite: dynaliteUrl,
    });
  });

  afterAll(async () => {
    await endpoint.close();
    await s3.close();
    await new Promise((resolve) => dynamo.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists s3rver buckets with their website configuration and dynalite tables', async () => {
    const { snapshot } = await collectAws({
      endpointUrl: endpoint.url,
      credentials: S3RVER_CREDENTIALS,
      homeRegion: 'us-east-1',
      regions: ['us-east-1'],
      collectors: COLLECTORS.filter((c) => c.id === 's3/buckets' || c.id === 'dynamodb/tables'),
      runner: { backoffBaseMs: 1, backoffMaxMs: 5 },
    });
    const buckets = snapshot.resources.filter((r) => r.type === 'AWS::S3::Bucket');
    expect(buckets.map((b) => b.id).sort()).toEqual(['plain-bucket', 'site-bucket']);
    const site = buckets.find((b) => b.id === 'site-bucket')!;
    expect(site.props.WebsiteConfiguration).toEqual({ IndexDocument: 'index.html' });
    expect(buckets.find((b) => b.id === 'plain-bucket')!.props.WebsiteConfiguration).toBeUndefined();
    const table = snapshot.resources.find((r) => r.type === 'AWS::DynamoDB::Table')!;
    expect(table).toMatchObject({
      id: 'orders',
      props: { TableName: 'orders', BillingMode: 'PAY_PER_REQUEST' },
    });
    expect(table.observed?.TableStatus).toBe('ACTIVE');
    expect(endpoint.log.some((l) => l.operation === 'ListTables' && l.status === 200)).toBe(true);
  });
});
