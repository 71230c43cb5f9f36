// Cost analysis benchmark: writes N synthetic CUR 2.0 line items to a Parquet file with DuckDB
// (cached in the temp directory), then runs the spend analysis of `cloudrounds cost --cur`
// (DuckDB aggregation in src/store/cur, anomalies and commitment sweeps in src/cost) and, as the
// baseline, one plain DuckDB aggregate over the same file (daily cost per account and service).
// They alternate --repeat times (default 3); the ratio is the median of the runs' ratios. CPU time
// (all threads of the process) is printed beside wall time because the machine may be shared.
// Runs from the built dist/ (`npm run bench:cost`). See bench/README.md.
//
//   node bench/cost.mjs [--rows N] [--threads T] [--repeat R] [--clean] [--json]
//   node bench/cost.mjs --quick          # 1,000,000 line items
import { existsSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const TARGET_RATIO = 2;

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string' },
    quick: { type: 'boolean', default: false },
    threads: { type: 'string' },
    repeat: { type: 'string' },
    clean: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const rows = Number(args.rows ?? (args.quick ? 1_000_000 : 10_000_000));
const threads = args.threads ? Number(args.threads) : undefined;
const repeat = Math.max(1, Number(args.repeat ?? 3));
// `v2`: usage amounts are DOUBLE, as in CUR 2.0 exports (the first files had DECIMAL(21,1), which
// Parquet stores as 16-byte integers: decoding and casting them cost about 0.3 s of CPU, a tenth
// of the analysis, which no real export costs).
const file = join(tmpdir(), `cloudrounds-bench-cur-v2-${rows}.parquet`);

const { aggregateCur, dailyTotalsSql, instanceHoursSql } = await import('../dist/store/cur/index.js');
const { analyseSpend, anomalyCells } = await import('../dist/cost/index.js');

const log = (...a) => (args.json ? undefined : console.log(...a));

async function withDuckDb(fn) {
  const db = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const c = await db.connect();
  try {
    return await fn(c);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/**
 * 60 days of hourly line items over 20 accounts, 12 services, 60 usage types (a quarter of them
 * EC2 BoxUsage of 8 instance types in 3 regions), with a weekly rhythm and one spike.
 */
async function generate() {
  const start = performance.now();
  await withDuckDb(async (c) => {
    await c.run(`
      COPY (
        SELECT
          TIMESTAMP '2026-09-23 00:00:00' + to_hours((i // 1000) % 1440) AS line_item_usage_start_date,
          TIMESTAMP '2026-09-23 01:00:00' + to_hours((i // 1000) % 1440) AS line_item_usage_end_date,
          lpad(CAST(100000000000 + (hash(i) % 20) AS VARCHAR), 12, '0') AS line_item_usage_account_id,
          ['AmazonEC2','AmazonEC2','AmazonEC2','AmazonS3','AmazonRDS','AWSLambda','AmazonDynamoDB','AWSELB',
           'AmazonCloudWatch','AmazonGuardDuty','AWSCloudTrail','AmazonVPC'][1 + (i % 12)] AS line_item_product_code,
          CASE WHEN i % 12 < 3
            THEN ['USE1','USW2','EUW1'][1 + (i // 7) % 3] || '-BoxUsage:' ||
                 ['m5.large','m5.xlarge','t3.medium','c5.large','r5.large','m6i.large','t3.large','c6i.xlarge'][1 + (i // 13) % 8]
            ELSE 'USE1-Usage' || CAST(i % 45 AS VARCHAR) END AS line_item_usage_type,
          CASE WHEN i % 997 = 0 THEN 'Tax' ELSE 'Usage' END AS line_item_line_item_type,
          CAST(1 + (i % 3) AS DOUBLE) AS line_item_usage_amount,
          (0.01 + (hash(i * 31) % 1000) / 10000.0)
            * CASE WHEN dayofweek(TIMESTAMP '2026-09-23' + to_hours((i // 1000) % 1440)) IN (0, 6) THEN 0.5 ELSE 1 END
            * CASE WHEN (i // 1000) % 1440 >= 1416 AND i % 12 = 5 THEN 20 ELSE 1 END AS line_item_unblended_cost,
          (0.01 + (hash(i * 31) % 1000) / 10000.0) AS pricing_public_on_demand_cost,
          ['us-east-1','us-west-2','eu-west-1'][1 + (i // 7) % 3] AS product_region_code
        FROM range(${rows}) t(i)
      ) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
  });
  return performance.now() - start;
}

if (!existsSync(file)) {
  log(`writing ${rows.toLocaleString('en-US')} synthetic CUR line items to ${file} …`);
  const ms = await generate();
  log(`  written in ${(ms / 1000).toFixed(1)} s (${(statSync(file).size / 1024 ** 2).toFixed(0)} MiB)`);
}

/** Runs `fn` once: wall and CPU milliseconds, and its value. */
async function timed(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Baseline: one plain aggregate over the file, the least any daily-spend analysis must do: the
// daily totals the anomaly detection starts from, reading 4 of the 10 columns the analysis reads.
const baseline = () =>
  withDuckDb(async (c) => {
    const r = await c.runAndReadAll(`
      SELECT CAST(line_item_usage_start_date AS DATE) AS day, line_item_usage_account_id, line_item_product_code,
             sum(line_item_unblended_cost) AS cost
      FROM read_parquet('${file}') GROUP BY ALL`);
    return r.getRowObjectsJS().length;
  });

// The floor of this analysis: its two scans of the line items alone (daily usage totals per account
// and service, hourly EC2 instance usage), without anomalies, drivers or commitment sweeps. Every
// line item has to be read by both, so the analysis cannot be faster than this.
const scans = () =>
  withDuckDb(async (c) => {
    await c.run(`CREATE VIEW cur AS SELECT * FROM read_parquet('${file}')`);
    const daily = await c.runAndReadAll(dailyTotalsSql());
    const hours = await c.runAndReadAll(instanceHoursSql());
    return daily.currentRowCount + hours.currentRowCount;
  });

// The analysis: DuckDB aggregation (daily spend, hourly pools, drivers of the anomalies) + anomalies
// + commitment sweeps.
const analysis = async () => {
  const start = performance.now();
  // Drivers (the usage type behind each anomaly) are computed for the flagged cells only, as
  // `cloudrounds cost --cur` does.
  const cur = await aggregateCur(
    { path: file },
    { ...(threads ? { threads } : {}), driversFor: anomalyCells },
  );
  const aggMs = performance.now() - start;
  const spend = analyseSpend(cur);
  return { cur, spend, aggMs, engineMs: performance.now() - start - aggMs };
};

const loadBefore = loadavg();
// Baseline, scans and analysis alternate, so that other jobs on a shared machine slow all alike; the
// ratio is the median of the runs' ratios, the times shown are the fastest.
const pairs = [];
for (let i = 0; i < repeat; i++)
  pairs.push({ base: await timed(baseline), scans: await timed(scans), run: await timed(analysis) });
const fastest = (key) => pairs.map((p) => p[key]).reduce((a, b) => (b.ms < a.ms ? b : a));
const base = fastest('base');
const run = fastest('run');
const baseRows = base.value;
const baseMs = base.ms;
const { cur, spend, aggMs } = run.value;
const totalMs = run.ms;
const rssMiB = process.resourceUsage().maxRSS / 1024;
const loadAfter = loadavg();

const ratio = median(pairs.map((p) => p.run.ms / p.base.ms));
const floorRatio = median(pairs.map((p) => p.scans.ms / p.base.ms));
const floor = fastest('scans');
const cpuRatio = median(pairs.map((p) => p.run.cpuMs / p.base.cpuMs));
const result = {
  rows,
  file,
  repeat,
  loadAverage: {
    before: loadBefore.map((l) => Math.round(l * 100) / 100),
    after: loadAfter.map((l) => Math.round(l * 100) / 100),
  },
  baselineMs: Math.round(baseMs),
  baselineCpuMs: Math.round(base.cpuMs),
  baselineGroups: baseRows,
  scansMs: Math.round(floor.ms),
  scansRatio: Math.round(floorRatio * 100) / 100,
  analysisMs: Math.round(totalMs),
  analysisCpuMs: Math.round(run.cpuMs),
  aggregationMs: Math.round(aggMs),
  engineMs: Math.round(run.value.engineMs),
  dailyRows: cur.daily.length,
  hours: cur.compute.values.length,
  anomalies: spend.anomalies.anomalies.length,
  riPools: cur.instances.length,
  peakRssMiB: Math.round(rssMiB),
  ratio: Math.round(ratio * 100) / 100,
  cpuRatio: Math.round(cpuRatio * 100) / 100,
  target: TARGET_RATIO,
  pass: ratio <= TARGET_RATIO,
};
if (args.json) console.log(JSON.stringify(result));
else {
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  log(`load average      ${load(loadBefore)} before, ${load(loadAfter)} after (1, 5, 15 min)`);
  log(
    `line items        ${rows.toLocaleString('en-US')} (${cur.lineItems.toLocaleString('en-US')} usage items); ${repeat} runs each, alternating`,
  );
  log(
    `baseline          ${result.baselineMs} ms (${result.baselineCpuMs} ms CPU)  plain DuckDB daily aggregate (${baseRows} groups)`,
  );
  log(
    `the two scans     ${result.scansMs} ms (${floor.cpuMs.toFixed(0)} ms CPU), ${result.scansRatio}× the baseline: daily usage totals and hourly EC2 usage alone, the least this analysis reads`,
  );
  log(
    `analysis          ${result.analysisMs} ms (${result.analysisCpuMs} ms CPU) = DuckDB aggregation ${result.aggregationMs} ms + anomalies and sweeps ${result.engineMs} ms`,
  );
  log(
    `                  ${cur.daily.length} daily rows, ${cur.compute.values.length} hours, ${cur.instances.length} RI pools, ${spend.anomalies.anomalies.length} anomalies`,
  );
  log(`peak RSS          ${result.peakRssMiB} MiB`);
  log(
    `ratio             ${result.ratio} (median of the runs; target ≤ ${TARGET_RATIO})  ${result.pass ? 'PASS' : 'FAIL'}   CPU time ratio ${result.cpuRatio}`,
  );
}
// The Parquet file is kept for the next run (writing 10 M rows takes longer than analysing them).
if (args.clean) rmSync(file, { force: true });
process.exitCode = result.pass ? 0 : 1;
