import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAKE_CREDENTIALS,
  FixtureStore,
  startAwsEndpoint,
  type AwsEndpoint,
} from '../../../test/aws-endpoint/index.js';
import { costExplorerSpend } from './cost-explorer.js';

const fixtures = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'test',
  'aws-endpoint',
  'fixtures',
  'cost-explorer',
);

let endpoints: AwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  endpoints = [];
});

async function endpoint(): Promise<AwsEndpoint> {
  const at = await startAwsEndpoint({ fixtures: FixtureStore.fromDirectory(fixtures) });
  endpoints.push(at);
  return at;
}

describe('costExplorerSpend against the local endpoint', () => {
  it('reads daily unblended cost per account and service through the SDK client', async () => {
    const at = await endpoint();
    const spend = await costExplorerSpend({
      endpoint: at.url,
      credentials: FAKE_CREDENTIALS,
      maxAttempts: 1,
      days: 3,
      now: new Date('2026-11-22T08:00:00Z'),
    });
    expect(spend.daily).toHaveLength(12);
    expect(spend.from).toBe('2026-11-19');
    expect(spend.to).toBe('2026-11-21');
    expect(spend.lineItems).toBe(12);
    expect(spend.daily[0]).toEqual({
      day: '2026-11-19',
      account: '111122223333',
      service: 'Amazon Elastic Compute Cloud - Compute',
      usageType: '',
      cost: 41.2871,
    });
    const ec2 = spend.daily.filter((r) => r.service.startsWith('Amazon Elastic Compute Cloud'));
    expect(ec2.map((r) => r.cost)).toEqual([41.2871, 41.3002, 97.553]);
    // No hourly usage from Cost Explorer: the commitment sweeps get nothing to size.
    expect(spend.compute.values).toEqual([]);
    expect(spend.instances).toEqual([]);
    expect(spend.source).toContain('2026-11-19 to 2026-11-22');
  });

  it('sends the request Cost Explorer documents: daily, UnblendedCost, grouped by account and service', async () => {
    const at = await endpoint();
    await costExplorerSpend({
      endpoint: at.url,
      credentials: FAKE_CREDENTIALS,
      maxAttempts: 1,
      days: 60,
      now: new Date('2026-11-22T08:00:00Z'),
    });
    const calls = at.log.filter((r) => r.service === 'ce');
    expect(calls.map((r) => r.operation)).toEqual(['GetCostAndUsage']);
    expect(calls[0]?.region).toBe('us-east-1');
    expect(calls[0]?.params).toMatchObject({
      TimePeriod: { Start: '2026-09-23', End: '2026-11-22' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
  });

  it('follows NextPageToken until the last page', async () => {
    const pages = [
      { ResultsByTime: [period('2026-11-20', '1.5')], NextPageToken: 'p2' },
      { ResultsByTime: [period('2026-11-21', '2.5')] },
    ];
    const seen: Array<string | undefined> = [];
    const spend = await costExplorerSpend({
      client: {
        send: (command) => {
          seen.push(command.input.NextPageToken);
          return Promise.resolve({ ...pages[seen.length - 1], $metadata: {} });
        },
      },
      now: new Date('2026-11-22T00:00:00Z'),
    });
    expect(seen).toEqual([undefined, 'p2']);
    expect(spend.daily.map((r) => r.cost)).toEqual([1.5, 2.5]);
  });
});

function period(day: string, amount: string) {
  return {
    TimePeriod: { Start: day, End: day },
    Groups: [
      { Keys: ['111122223333', 'AWS Lambda'], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } },
    ],
  };
}
