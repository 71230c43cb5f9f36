import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { CUR_COLUMNS, aggregateCur, type CurLineItem, type CurOptions } from './index.js';

function item(start: string, hours: number, over: Partial<CurLineItem>): CurLineItem {
  const end = new Date(Date.parse(start) + hours * 3_600_000).toISOString();
  return {
    line_item_usage_start_date: start,
    line_item_usage_end_date: end,
    line_item_usage_account_id: '111122223333',
    line_item_product_code: 'AmazonEC2',
    line_item_usage_type: 'USE1-BoxUsage:m5.large',
    line_item_line_item_type: 'Usage',
    line_item_usage_amount: 2,
    line_item_unblended_cost: 0.192,
    pricing_public_on_demand_cost: 0.192,
    product_region_code: 'us-east-1',
    ...over,
  };
}

const rows: CurLineItem[] = [
  item('2026-11-01T00:00:00Z', 1, {}),
  item('2026-11-01T01:00:00Z', 1, {}),
  item('2026-11-01T03:00:00Z', 1, {
    line_item_usage_amount: 4,
    line_item_unblended_cost: 0.384,
    pricing_public_on_demand_cost: 0.384,
  }),
  // A daily line item is spread over its 24 hours; tax is not usage.
  item('2026-11-01T00:00:00Z', 24, {
    line_item_product_code: 'AmazonS3',
    line_item_usage_type: 'TimedStorage-ByteHrs',
    line_item_usage_amount: 10,
    line_item_unblended_cost: 2.4,
    pricing_public_on_demand_cost: 2.4,
  }),
  item('2026-11-01T00:00:00Z', 24, { line_item_line_item_type: 'Tax', line_item_unblended_cost: 99 }),
];

/** The driver of S3 on the first day is asked for (the cost module asks for the anomalies'). */
const s3Driver: CurOptions = {
  driversFor: () => [{ day: '2026-11-01', account: '111122223333', service: 'AmazonS3' }],
};

function check(agg: Awaited<ReturnType<typeof aggregateCur>>) {
  expect(agg.lineItems).toBe(4);
  expect(agg.from).toBe('2026-11-01');
  expect(agg.to).toBe('2026-11-01');
  expect(agg.daily).toEqual([
    {
      day: '2026-11-01',
      account: '111122223333',
      service: 'AmazonEC2',
      usageType: '',
      cost: expect.closeTo(0.768, 6),
    },
    { day: '2026-11-01', account: '111122223333', service: 'AmazonS3', usageType: '', cost: 2.4 },
  ]);
  expect(agg.drivers).toContainEqual({
    day: '2026-11-01',
    account: '111122223333',
    service: 'AmazonS3',
    usageType: 'TimedStorage-ByteHrs',
    impact: 2.4,
  });
  expect(agg.compute.values).toHaveLength(24);
  expect(agg.compute.values.slice(0, 4).map((v) => Math.round(v * 1000) / 1000)).toEqual([
    0.192, 0.192, 0, 0.384,
  ]);
  expect(agg.instances).toHaveLength(1);
  expect(agg.instances[0]).toMatchObject({
    pool: 'us-east-1 m5.large',
    instanceType: 'm5.large',
    unitPrice: expect.closeTo(0.096, 6),
  });
  expect(agg.instances[0]!.values.slice(0, 4)).toEqual([2, 2, 0, 4]);
}

async function writeWithDuckDb(dir: string): Promise<{ csv: string; parquet: string }> {
  const csv = join(dir, 'cur.csv');
  const header = CUR_COLUMNS.join(',');
  writeFileSync(
    csv,
    [header, ...rows.map((r) => CUR_COLUMNS.map((c) => String(r[c])).join(','))].join('\n') + '\n',
  );
  const parquet = join(dir, 'cur.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT * REPLACE (CAST(line_item_usage_start_date AS TIMESTAMP) AS line_item_usage_start_date, CAST(line_item_usage_end_date AS TIMESTAMP) AS line_item_usage_end_date) FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT parquet)`,
  );
  c.closeSync();
  db.closeSync();
  return { csv, parquet };
}

describe('aggregateCur', () => {
  it('aggregates rows given in memory', async () => {
    check(await aggregateCur({ rows, label: 'test' }, s3Driver));
  });

  it('reads CUR 2.0 CSV and Parquet files, and a directory of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cur-'));
    const { csv, parquet } = await writeWithDuckDb(dir);
    check(await aggregateCur({ path: csv }, s3Driver));
    check(await aggregateCur({ path: parquet }, s3Driver));
    const only = mkdtempSync(join(tmpdir(), 'cur-dir-'));
    await writeWithDuckDb(only);
    // A directory with both formats reads the Parquet files.
    check(await aggregateCur({ path: only }, s3Driver));
  });

  it('spreads a daily instance line item over its hours, and keeps tabs and newlines in values apart', async () => {
    const agg = await aggregateCur({
      label: 'daily',
      rows: [
        item('2026-11-01T00:00:00Z', 1, {}),
        // A daily line item (CUR with daily granularity): 48 instance-hours over 24 hours.
        item('2026-11-02T00:00:00Z', 24, {
          line_item_usage_type: 'USE1-BoxUsage:c5.large',
          line_item_usage_amount: 48,
          line_item_unblended_cost: 4.08,
          pricing_public_on_demand_cost: 4.08,
        }),
        // Separators inside values must not shift fields or rows.
        item('2026-11-02T05:00:00Z', 1, {
          line_item_usage_account_id: '4444\t5555',
          line_item_product_code: 'AWS\nLambda',
          line_item_usage_type: 'Request',
          line_item_unblended_cost: 1,
        }),
      ],
    });
    expect(agg.firstHour).toBe('2026-11-01T00:00:00Z');
    expect(agg.compute.values).toHaveLength(48);
    const c5 = agg.instances.find((p) => p.instanceType === 'c5.large')!;
    expect(c5.values.slice(0, 24)).toEqual(new Array<number>(24).fill(0));
    expect(c5.values.slice(24)).toEqual(new Array<number>(24).fill(2));
    expect(c5.unitPrice).toBeCloseTo(0.085, 6);
    expect(agg.compute.values[30]).toBeCloseTo(0.17, 6);
    expect(agg.daily).toContainEqual({
      day: '2026-11-02',
      account: '4444 5555',
      service: 'AWS Lambda',
      usageType: '',
      cost: 1,
    });
    expect(agg.daily).toHaveLength(3);
    expect(agg.lineItems).toBe(3);
  });

  it('computes drivers only for the cells asked for, against their same-weekday baselines', async () => {
    // Five Sundays: two usage types at $1 a day, then one of them jumps to $10 on the last one.
    // The service name has a quote, which the driver query must keep as text.
    const sundays = ['2026-10-04', '2026-10-11', '2026-10-18', '2026-10-25', '2026-11-01'];
    const rows = sundays.flatMap((day) =>
      ['Requests-Tier1', 'TimedStorage-ByteHrs'].map((usageType) =>
        item(`${day}T00:00:00Z`, 24, {
          line_item_product_code: "Amazon'S3",
          line_item_usage_type: usageType,
          line_item_unblended_cost: day === '2026-11-01' && usageType === 'Requests-Tier1' ? 10 : 1,
        }),
      ),
    );
    // The same spike on the Monday, which nobody asks about.
    rows.push(item('2026-11-02T00:00:00Z', 24, { line_item_unblended_cost: 50 }));
    let given: readonly unknown[] = [];
    const agg = await aggregateCur(
      { rows, label: 'drivers' },
      {
        driversFor: (daily) => {
          given = daily;
          return [{ day: '2026-11-01', account: '111122223333', service: "Amazon'S3" }];
        },
      },
    );
    expect(given).toHaveLength(6);
    expect(agg.drivers).toEqual([
      {
        day: '2026-11-01',
        account: '111122223333',
        service: "Amazon'S3",
        usageType: 'Requests-Tier1',
        impact: 9,
      },
    ]);
    expect((await aggregateCur({ rows, label: 'none asked' })).drivers).toEqual([]);
  });

  it('rejects a file without the CUR 2.0 columns, naming the file and the columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cur-bad-'));
    const file = join(dir, 'legacy.csv');
    writeFileSync(file, 'lineItem/UsageStartDate,lineItem/UnblendedCost\n2026-11-01T00:00:00Z,1\n');
    const error = await aggregateCur({ path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(file);
    expect((error as InputError).message).toMatch(/missing column\(s\) line_item_usage_start_date/);
    await expect(aggregateCur({ path: join(dir, 'nothing.parquet') })).rejects.toThrow(/not found/);
  });
});
