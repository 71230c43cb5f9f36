import { describe, expect, it } from 'vitest';
import { deal, type Seat } from './unit-threads.js';

function seats(workers: number): Array<Seat<string>> {
  return [
    { thread: undefined, heavy: 0, keys: 0 },
    ...Array.from({ length: workers }, (_, i) => ({ thread: `w${i + 1}`, heavy: 0, keys: 0 })),
  ];
}

const where = (s: Seat<string>) => s.thread ?? 'main';

describe('deal', () => {
  it('gives IAM, S3 and EC2 a thread each, workers first, and keeps the small services on the main thread', () => {
    const table = seats(2);
    // The order collect.ts starts an account's units in: global services first.
    const order = ['s3', 's3control', 'iam', 'organizations', 'ec2', 'rds', 'lambda', 'kms'];
    const placed = order.map((service) => `${service}:${where(deal(table, service))}`);
    expect(placed).toEqual([
      's3:w1',
      's3control:main',
      'iam:w2',
      'organizations:main',
      'ec2:main',
      'rds:main',
      'lambda:main',
      'kms:main',
    ]);
  });

  it('spreads the heavy services of many accounts evenly', () => {
    const table = seats(3);
    for (let account = 0; account < 8; account++)
      for (const service of ['iam', 's3', 'ec2']) deal(table, service);
    expect(table.map((s) => s.heavy)).toEqual([6, 6, 6, 6]);
  });

  it('with no worker, everything stays on the main thread', () => {
    const table = seats(0);
    expect(['iam', 'ec2', 'kms'].map((s) => where(deal(table, s)))).toEqual(['main', 'main', 'main']);
  });
});
