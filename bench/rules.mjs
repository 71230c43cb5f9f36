// Rules benchmark: every rule of the catalogue over the synthetic large organisation, compared
// with the time it takes to load the same organisation from a snapshot file; then `daily` on the
// demo organisation, cold, against its 3 s target. Runs from the built dist/
// (`npm run bench:rules`). See docs/daily.md (Performance).
//
//   node --expose-gc bench/rules.mjs [--resources N] [--per-account M] [--runs R] [--daily-runs D] [--file F] [--keep] [--profile] [--json]
//   node --expose-gc bench/rules.mjs --resources 100000      # quick
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Running every rule may take at most as long as loading the snapshot it runs on. */
const TARGET_RATIO = 1.0;
/** `cloudrounds daily` on the demo organisation, from a cold start, in seconds. */
const TARGET_DAILY_S = 3;

/** Records a process's own CPU time and peak RSS when it exits, into the file BENCH_USAGE_FILE names. */
const USAGE_PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { writeFileSync } from 'node:fs';" +
      "process.on('exit', () => { const c = process.cpuUsage(); writeFileSync(process.env.BENCH_USAGE_FILE, " +
      'JSON.stringify({ cpuMs: (c.user + c.system) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024 })); });',
  );

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist', 'cli', 'bin.js');

const { values: args } = parseArgs({
  options: {
    resources: { type: 'string', default: '1000000' },
    'per-account': { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    'daily-runs': { type: 'string', default: '3' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

if (args.child) {
  process.stdout.write(JSON.stringify(await child(args.child)) + '\n');
} else {
  await main();
}

async function main() {
  const resources = Number(args.resources);
  const perAccount = Math.min(Number(args['per-account']), resources);
  const runs = Number(args.runs);
  const dailyRuns = Number(args['daily-runs']);
  if (!Number.isInteger(resources) || resources < 1 || resources % perAccount !== 0) {
    throw new Error(
      `--resources (${resources}) must be a positive multiple of --per-account (${perAccount})`,
    );
  }
  const options = { accounts: resources / perAccount, resourcesPerAccount: perAccount };
  const say = args.json ? () => {} : (line) => console.log(line);
  const file = args.file ?? join(tmpdir(), `cloudrounds-bench-rules-${process.pid}.jsonl`);

  if (!args.file) {
    const { generateScaledResources, scaledOrganisationHeader } =
      await import('../dist/sources/demo/scale/index.js');
    const { writeSnapshot } = await import('../dist/sources/snapshot/index.js');
    say(
      `generating ${fmt(resources)} resources (${fmt(options.accounts)} accounts × ${fmt(perAccount)}) → ${file}`,
    );
    const start = performance.now();
    await writeSnapshot(generateScaledResources(options), file, scaledOrganisationHeader(options));
    say(`  ${fmt(Math.round(performance.now() - start))} ms`);
  }
  const bytes = statSync(file).size;

  // Each run in a fresh process: load the file, then run every rule on what was loaded.
  const measured = [];
  for (let run = 1; run <= runs; run++) {
    const r = spawnChild(['--child', 'rules', '--file', file, ...(args.profile ? ['--profile'] : [])]);
    measured.push(r);
    say(
      `  run ${run}/${runs}: load ${fmt(Math.round(r.loadMs))} ms, rules ${fmt(Math.round(r.rulesMs))} ms ` +
        `(${fmt(r.evaluations)} evaluations, ${fmt(r.kept)} findings kept), peak RSS ${fmt(Math.round(r.maxRssMiB))} MiB`,
    );
  }
  if (!args.keep && !args.file) rmSync(file, { force: true });

  // daily on the demo organisation, cold: a fresh process of the built binary and a new database.
  // A preloaded module records the child's own CPU time and peak RSS as it exits, so the figure
  // means something on a busy machine too.
  const daily = [];
  for (let run = 1; run <= dailyRuns; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-bench-daily-'));
    try {
      const stored = timeDaily(['daily', '--db', join(dir, 'bench.duckdb')], dir);
      const noStore = timeDaily(['daily', '--no-store'], dir);
      daily.push({
        ms: stored.ms,
        cpuMs: stored.cpuMs,
        maxRssMiB: stored.maxRssMiB,
        noStoreMs: noStore.ms,
        noStoreCpuMs: noStore.cpuMs,
      });
      say(
        `  daily (demo, cold) ${run}/${dailyRuns}: ${fmt(Math.round(stored.ms))} ms (CPU ${fmt(Math.round(stored.cpuMs))} ms, ` +
          `peak RSS ${fmt(Math.round(stored.maxRssMiB))} MiB); --no-store ${fmt(Math.round(noStore.ms))} ms (CPU ${fmt(Math.round(noStore.cpuMs))} ms)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const loadMs = median(measured.map((r) => r.loadMs));
  const rulesMs = median(measured.map((r) => r.rulesMs));
  const evaluations = measured[0].evaluations;
  const dailyMs = median(daily.map((d) => d.ms));
  const result = {
    node: process.version,
    resources,
    accounts: options.accounts,
    file: { bytes },
    runs,
    rules: measured[0].rules,
    load: {
      medianMs: loadMs,
      medianCpuMs: median(measured.map((r) => r.loadCpuMs)),
      settleCpuMs: median(measured.map((r) => r.settleCpuMs)),
      perSecond: (resources / loadMs) * 1000,
    },
    evaluate: {
      medianMs: rulesMs,
      medianCpuMs: median(measured.map((r) => r.rulesCpuMs)),
      evaluations,
      evaluationsPerSecond: (evaluations / rulesMs) * 1000,
      kept: measured[0].kept,
      byStatus: measured[0].byStatus,
    },
    peakRssMiB: Math.max(...measured.map((r) => r.maxRssMiB)),
    ratio: rulesMs / loadMs,
    cpuRatio: median(measured.map((r) => r.rulesCpuMs)) / median(measured.map((r) => r.loadCpuMs)),
    slowestRules: measured[0].slowest,
    daily: {
      medianMs: dailyMs,
      medianCpuMs: median(daily.map((d) => d.cpuMs)),
      peakRssMiB: Math.max(...daily.map((d) => d.maxRssMiB)),
      noStoreMedianMs: median(daily.map((d) => d.noStoreMs)),
      noStoreMedianCpuMs: median(daily.map((d) => d.noStoreCpuMs)),
      runs: dailyRuns,
    },
    targets: { ratio: TARGET_RATIO, dailySeconds: TARGET_DAILY_S },
  };
  result.pass = result.ratio <= TARGET_RATIO && dailyMs <= TARGET_DAILY_S * 1000;

  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log('');
  console.log(
    `organisation         ${fmt(resources)} resources in ${fmt(options.accounts)} accounts, ${(bytes / 1e6).toFixed(1)} MB snapshot, Node ${process.version}`,
  );
  console.log(
    `load (readSnapshot)  ${(loadMs / 1000).toFixed(2)} s wall, ${(result.load.medianCpuMs / 1000).toFixed(2)} s CPU (median of ${runs}), ` +
      `${fmt(Math.round(result.load.perSecond))} resources/s; then gc() and settling ${(result.load.settleCpuMs / 1000).toFixed(2)} s CPU, counted on neither side`,
  );
  console.log(
    `rules (runRules)     ${(rulesMs / 1000).toFixed(2)} s wall, ${(result.evaluate.medianCpuMs / 1000).toFixed(2)} s CPU: ` +
      `${fmt(result.rules)} rules, ${fmt(evaluations)} evaluations, ${fmt(Math.round(result.evaluate.evaluationsPerSecond))} evaluations/s, ` +
      `${fmt(result.evaluate.kept)} fail/error findings kept`,
  );
  console.log(`peak RSS             ${fmt(Math.round(result.peakRssMiB))} MiB (load + rules, one process)`);
  if (result.slowestRules.length > 0) {
    console.log(
      `slowest rules        ${result.slowestRules.map((r) => `${r.id} ${fmt(Math.round(r.ms))} ms`).join(', ')}`,
    );
  }
  console.log(
    `ratio rules / load   ${result.ratio.toFixed(2)}× wall clock (target ≤ ${TARGET_RATIO.toFixed(1)}×), ${result.cpuRatio.toFixed(2)}× CPU time   ` +
      `daily (demo, cold) ${(dailyMs / 1000).toFixed(2)} s wall, ${(result.daily.medianCpuMs / 1000).toFixed(2)} s CPU, median of ${dailyRuns} ` +
      `(target ≤ ${TARGET_DAILY_S} s; --no-store ${(result.daily.noStoreMedianMs / 1000).toFixed(2)} s)   ${result.pass ? 'PASS' : 'FAIL'}`,
  );
}

/** Runs the built binary cold and returns its wall time, CPU time and peak RSS. */
function timeDaily(cliArgs, dir) {
  const usageFile = join(dir, `usage-${Math.random().toString(36).slice(2)}.json`);
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', USAGE_PRELOAD, bin, ...cliArgs], {
    encoding: 'utf8',
    env: { ...process.env, CLOUDROUNDS_HOME: dir, BENCH_USAGE_FILE: usageFile },
  });
  const ms = performance.now() - start;
  if (result.status !== 0)
    throw new Error(`${cliArgs.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  return { ms, ...JSON.parse(readFileSync(usageFile, 'utf8')) };
}

function spawnChild(extra) {
  const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`child failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** One measurement in a fresh process: load the snapshot file, then run every rule on it. */
async function child(kind) {
  if (kind !== 'rules') throw new Error(`unknown child ${kind}`);
  const { readSnapshot } = await import('../dist/sources/snapshot/index.js');
  const { runRules } = await import('../dist/engine/index.js');
  const { allRules } = await import('../dist/rules/index.js');

  const loadCpu = process.cpuUsage();
  const loadStart = performance.now();
  const snapshot = await readSnapshot(args.file);
  const loadMs = performance.now() - loadStart;
  const loadCpuMs = cpuMs(loadCpu);
  // A full collection, then a pause for V8's background threads to finish sweeping it, so that
  // neither side is charged with the other's garbage; reported apart (`settleCpuMs`).
  const settleCpu = process.cpuUsage();
  globalThis.gc?.();
  await sleep(500);
  const settleCpuMs = cpuMs(settleCpu);

  // With --profile each rule's evaluate is timed (a few percent of overhead).
  const spent = new Map();
  const rules = args.profile
    ? allRules.map((rule) => ({
        ...rule,
        evaluate(resource, ctx) {
          const t = performance.now();
          try {
            return rule.evaluate(resource, ctx);
          } finally {
            spent.set(rule.id, (spent.get(rule.id) ?? 0) + performance.now() - t);
          }
        },
      }))
    : allRules;

  const cpu = process.cpuUsage();
  const rulesStart = performance.now();
  const run = runRules(snapshot, { rules, keep: ['fail', 'error'] });
  const rulesMs = performance.now() - rulesStart;
  const rulesCpuMs = cpuMs(cpu);

  const { byStatus, suppressed } = run.counts;
  const evaluations = Object.values(byStatus).reduce((a, b) => a + b, 0) + suppressed;
  return {
    resources: snapshot.resources.length,
    rules: run.rules.length,
    loadMs,
    loadCpuMs,
    settleCpuMs,
    rulesMs,
    rulesCpuMs,
    evaluations,
    kept: run.findings.length,
    byStatus,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    slowest: [...spent]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([id, ms]) => ({ id, ms })),
  };
}

function cpuMs(since) {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fmt(n) {
  return n.toLocaleString('en-US');
}
