// Collection benchmark: a synthetic account of 20,000 resources behind the local AWS endpoint
// (test/aws-endpoint) with 50 ms latency per call and per-API rate limits. Prints wall time, API
// calls and the ratio to the theoretical minimum; then repeats under fault injection (20%
// throttling, 2% 5xx) and checks that not one page was lost. Runs from the built dist/
// (`npm run bench:collect`). See bench/README.md.
//
//   node bench/collect.mjs [--resources N] [--latency MS] [--rate R] [--workers W] [--no-faults] [--json]
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';

const TARGET_RATIO = 1.3;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    resources: { type: 'string', default: '20000' },
    latency: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    workers: { type: 'string' },
    'no-faults': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const latencyMs = Number(args.latency);
const ratePerOp = Number(args.rate);

/** The endpoint is TypeScript test code: transpile it (types erased, nothing else) into a temp dir. */
async function loadEndpoint() {
  const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-bench-endpoint-'));
  const src = join(root, 'test', 'aws-endpoint');
  // Recursively: the endpoint keeps per-service write handlers in a subdirectory.
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    const file = entry.name;
    if (!entry.isFile() || !file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const from = join(entry.parentPath ?? entry.path, file);
    const out = ts.transpileModule(readFileSync(from, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
    });
    const to = join(dir, relative(src, from)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, out.outputText);
  }
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  // The endpoint runs in a worker thread, so that serving and collecting do not share one event loop.
  writeFileSync(
    join(dir, 'worker.js'),
    `import { parentPort, workerData } from 'node:worker_threads';
import { startAwsEndpoint, syntheticAccount } from './index.js';
const fixtures = syntheticAccount(workerData.size);
let endpoint;
parentPort.on('message', async (message) => {
  if (message.type === 'start') {
    endpoint = await startAwsEndpoint({ fixtures, faults: message.faults });
    parentPort.postMessage({ type: 'started', url: endpoint.url });
  } else if (message.type === 'stop') {
    const log = endpoint.log;
    await endpoint.close();
    parentPort.postMessage({ type: 'stopped', log });
  }
});
`,
  );
  return { dir, module: await import(pathToFileURL(join(dir, 'index.js')).href) };
}

/** Shares of the account, scaled to the requested number of resources. */
function sizeFor(total) {
  const share = {
    instances: 0.3,
    volumes: 0.3,
    snapshots: 0.1,
    securityGroups: 0.1,
    networkInterfaces: 0.1,
    subnets: 0.05,
    vpcs: 0.005,
    buckets: 0.005,
    users: 0.04,
  };
  const size = Object.fromEntries(
    Object.entries(share).map(([k, v]) => [k, Math.max(1, Math.round(total * v))]),
  );
  return size;
}

const { collectAws } = await import(pathToFileURL(join(root, 'dist', 'sources', 'aws', 'collect.js')).href);
const { DEFAULT_RUNNER_OPTIONS } = await import(
  pathToFileURL(join(root, 'dist', 'sources', 'aws', 'runner.js')).href
);
const { defaultCollectWorkers } = await import(
  pathToFileURL(join(root, 'dist', 'sources', 'aws', 'unit-threads.js')).href
);
// The collection's own default unless --workers says otherwise.
const workers = args.workers === undefined ? defaultCollectWorkers() : Number(args.workers);
const { dir: endpointDir, module: endpointModule } = await loadEndpoint();
const { syntheticResourceCount } = endpointModule;

const size = sizeFor(Number(args.resources));
const expected = syntheticResourceCount(size);
const worker = new Worker(join(endpointDir, 'worker.js'), { workerData: { size } });
const ask = (message, reply) =>
  new Promise((resolve) => {
    const on = (answer) => {
      if (answer.type !== reply) return;
      worker.off('message', on);
      resolve(answer);
    };
    worker.on('message', on);
    worker.postMessage(message);
  });
const credentials = { accessKeyId: 'AKIABENCHEXAMPLE0000', secretAccessKey: 'bench' };

const benchClock = new Date();

async function run(faults) {
  const { url } = await ask(
    { type: 'start', faults: { latencyMs, rateLimits: { '*': ratePerOp }, ...faults } },
    'started',
  );
  const started = performance.now();
  // Where the time goes: busy share of the collecting (main) thread and the endpoint's thread, and
  // the CPU time of the whole process (both threads) during the collection.
  const mainElu = performance.eventLoopUtilization();
  const endpointElu = worker.performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  let result;
  let failure;
  try {
    result = await collectAws({
      endpointUrl: url,
      credentials,
      homeRegion: 'us-east-1',
      regions: ['us-east-1'],
      // One clock for both runs: the metrics windows end at the collection time rounded down to the
      // hour, and a fault run of several minutes may cross an hour the clean run did not.
      runner: { backoffBaseMs: 200, backoffMaxMs: 5_000, now: () => benchClock },
      workers,
    });
  } catch (error) {
    failure = error;
  }
  const wallMs = performance.now() - started;
  const busy = {
    main: performance.eventLoopUtilization(mainElu).utilization,
    endpoint: worker.performance.eventLoopUtilization(endpointElu).utilization,
    cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu)),
  };
  const { log } = await ask({ type: 'stop' }, 'stopped');
  if (failure) throw failure;
  if (process.env.BENCH_TIMELINE) writeFileSync(process.env.BENCH_TIMELINE, JSON.stringify(log));
  return { ...result, wallMs, log, busy };
}

/**
 * The least time the calls could take: every (service) queue runs at the concurrency the runner and
 * the rate limits allow (limit × latency requests in flight per operation), every pagination chain
 * runs one page after another, and the scope calls (identity, regions) come first.
 */
function floorOf(log) {
  const perService = new Map();
  const perOp = new Map();
  for (const entry of log) {
    perService.set(entry.service, (perService.get(entry.service) ?? 0) + 1);
    const op = `${entry.service}:${entry.operation}`;
    perOp.set(op, (perOp.get(op) ?? 0) + 1);
  }
  const concurrency = Math.min(DEFAULT_RUNNER_OPTIONS.perService, (ratePerOp * latencyMs) / 1000);
  let floor = 0;
  let bound = '';
  for (const [service, calls] of perService) {
    const ms = (calls * latencyMs) / concurrency;
    if (ms > floor) [floor, bound] = [ms, `${service}: ${calls} calls × ${latencyMs} ms ÷ ${concurrency}`];
  }
  // Two discovery calls precede everything.
  return { floorMs: floor + 2 * latencyMs, bound, perService: Object.fromEntries(perService) };
}

const clean = await run({});
const cleanResources = clean.snapshot.resources.length;
const { floorMs, bound, perService } = floorOf(clean.log);
const ratio = clean.wallMs / floorMs;
const lines = [
  `synthetic account: ${expected.toLocaleString('en-US')} resources (${Object.entries(size)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')})`,
  `latency ${latencyMs} ms per call, rate limit ${ratePerOp}/s per API, runner concurrency ${DEFAULT_RUNNER_OPTIONS.perService} per service, ${workers} worker thread(s)`,
  `collected ${cleanResources.toLocaleString('en-US')} resources with ${clean.log.length.toLocaleString('en-US')} API calls in ${(clean.wallMs / 1000).toFixed(2)} s`,
  `time: main thread busy ${(clean.busy.main * 100).toFixed(0)}%, endpoint thread busy ${(clean.busy.endpoint * 100).toFixed(0)}%, process CPU ${(clean.busy.cpuMs / 1000).toFixed(2)} s (load average ${loadavg()[0].toFixed(1)})`,
  `calls per service: ${Object.entries(perService)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')}`,
  `theoretical minimum ${(floorMs / 1000).toFixed(2)} s (${bound}); ratio ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x)`,
];
let faultOk = true;
let faulty;
if (!args['no-faults']) {
  faulty = await run({ throttleRate: 0.2, serverErrorRate: 0.02, seed: 11 });
  const strip = (s) => JSON.stringify({ r: s.resources, g: s.coverage });
  const same = strip(faulty.snapshot) === strip(clean.snapshot);
  if (!same) {
    // Say what differs: a lost page shows as missing resources, anything else as changed ones.
    const byKey = (s) => new Map(s.resources.map((r) => [`${r.type} ${r.id}`, JSON.stringify(r)]));
    const [a, b] = [byKey(clean.snapshot), byKey(faulty.snapshot)];
    const missing = [...a.keys()].filter((k) => !b.has(k));
    const extra = [...b.keys()].filter((k) => !a.has(k));
    const changed = [...a.keys()].filter((k) => b.has(k) && a.get(k) !== b.get(k));
    const gaps = faulty.snapshot.coverage.filter(
      (g) => !clean.snapshot.coverage.some((c) => JSON.stringify(c) === JSON.stringify(g)),
    );
    console.error(
      `differences: ${missing.length} missing (${missing.slice(0, 3).join(', ')}), ${extra.length} extra, ` +
        `${changed.length} changed (${changed.slice(0, 3).join(', ')}), ${gaps.length} new gaps ${JSON.stringify(gaps.slice(0, 3))}`,
    );
  }
  const throttled = faulty.log.filter((l) => l.fault === 'throttle' || l.fault === 'rate-limit').length;
  const errors = faulty.log.filter((l) => l.fault === 'server-error').length;
  faultOk = same;
  lines.push(
    `under faults (20% throttling, 2% 5xx): ${throttled} throttled and ${errors} failed responses, ${faulty.stats.retries} runner retries, ` +
      `${(faulty.wallMs / 1000).toFixed(2)} s; snapshot ${same ? 'identical to the fault-free one: no page lost' : 'DIFFERS: pages lost'}`,
  );
}
const pass = ratio <= TARGET_RATIO && faultOk && cleanResources >= expected;
lines.push(pass ? 'PASS' : 'FAIL');
await worker.terminate();
rmSync(endpointDir, { recursive: true, force: true });
if (args.json) {
  console.log(
    JSON.stringify({
      expected,
      resources: cleanResources,
      calls: clean.log.length,
      workers,
      wallMs: clean.wallMs,
      cpuMs: clean.busy.cpuMs,
      busy: { main: clean.busy.main, endpoint: clean.busy.endpoint },
      loadAverage: loadavg()[0],
      floorMs,
      ratio,
      faultOk,
      pass,
    }),
  );
} else {
  for (const line of lines) console.log(line);
}
process.exitCode = pass ? 0 : 1;
