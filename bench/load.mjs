// Snapshot load benchmark: generates the scaled demo organisation straight into a snapshot file,
// then loads it with readSnapshot in fresh processes and compares with the floor (plain JSON.parse
// of the same lines). Runs from the built dist/ (`npm run bench:load`). See bench/README.md.
//
//   node --expose-gc bench/load.mjs [--resources N] [--per-account M] [--runs R] [--gzip] [--file F] [--keep] [--json]
//   node --expose-gc bench/load.mjs --quick          # 100,000 resources
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const TARGET_RATIO = 2;
const TARGET_RSS_GIB = 4;

const { values: args } = parseArgs({
  options: {
    resources: { type: 'string' },
    'per-account': { type: 'string', default: '1000' },
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    gzip: { type: 'boolean', default: false },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

if (args.child) {
  process.stdout.write(JSON.stringify(await child(args.child, args.file)) + '\n');
} else {
  await main();
}

async function main() {
  const resources = Number(args.resources ?? (args.quick ? 100_000 : 1_000_000));
  const perAccount = Math.min(Number(args['per-account']), resources);
  const runs = Number(args.runs);
  if (!Number.isInteger(resources) || resources < 1 || resources % perAccount !== 0) {
    throw new Error(
      `--resources (${resources}) must be a positive multiple of --per-account (${perAccount})`,
    );
  }
  const options = { accounts: resources / perAccount, resourcesPerAccount: perAccount };
  const file = args.file ?? join(tmpdir(), `cloudrounds-bench-${process.pid}.jsonl${args.gzip ? '.gz' : ''}`);
  const say = args.json ? () => {} : (line) => console.log(line);

  let generation;
  if (!args.file) {
    const { generateScaledResources, scaledOrganisationHeader } =
      await import('../dist/sources/demo/scale/index.js');
    const { writeSnapshot } = await import('../dist/sources/snapshot/index.js');
    say(
      `generating ${fmt(resources)} resources (${fmt(options.accounts)} accounts × ${fmt(perAccount)}) → ${file}`,
    );
    const start = performance.now();
    await writeSnapshot(generateScaledResources(options), file, scaledOrganisationHeader(options));
    const ms = performance.now() - start;
    generation = { ms, perSecond: (resources / ms) * 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
    say(`  ${fmt(Math.round(ms))} ms, ${fmt(Math.round(generation.perSecond))} resources/s`);
  }
  const bytes = statSync(file).size;

  // Load and floor alternate, each in a fresh process, so neither inherits the other's heap or
  // the generator's garbage, and a slow spell on the machine hits both.
  const loads = [];
  const floors = [];
  for (let run = 1; run <= runs; run++) {
    loads.push(spawnChild('load', file));
    floors.push(spawnChild('floor', file));
    const [l, f] = [loads.at(-1), floors.at(-1)];
    say(
      `  run ${run}/${runs}: load ${fmt(Math.round(l.ms))} ms (CPU ${fmt(Math.round(l.cpuMs))} ms, peak RSS ${fmt(Math.round(l.maxRssMiB))} MiB), ` +
        `floor ${fmt(Math.round(f.ms))} ms (CPU ${fmt(Math.round(f.cpuMs))} ms, peak RSS ${fmt(Math.round(f.maxRssMiB))} MiB)`,
    );
  }
  for (const r of loads) {
    if (r.resources !== resources)
      throw new Error(`readSnapshot returned ${r.resources} resources, expected ${resources}`);
  }
  if (!args.keep && !args.file) rmSync(file, { force: true });

  const load = median(loads.map((r) => r.ms));
  const floor = median(floors.map((r) => r.ms));
  const loadRss = Math.max(...loads.map((r) => r.maxRssMiB));
  const result = {
    node: process.version,
    resources,
    accounts: options.accounts,
    file: { bytes, gzip: args.gzip },
    runs,
    generation,
    load: {
      medianMs: load,
      medianCpuMs: median(loads.map((r) => r.cpuMs)),
      perSecond: (resources / load) * 1000,
      peakRssMiB: loadRss,
      heapUsedMiB: median(loads.map((r) => r.heapUsedMiB)),
    },
    floor: {
      medianMs: floor,
      medianCpuMs: median(floors.map((r) => r.cpuMs)),
      perSecond: (resources / floor) * 1000,
      peakRssMiB: Math.max(...floors.map((r) => r.maxRssMiB)),
    },
    ratio: load / floor,
    cpuRatio: median(loads.map((r) => r.cpuMs)) / median(floors.map((r) => r.cpuMs)),
    targets: { ratio: TARGET_RATIO, peakRssGiB: TARGET_RSS_GIB },
    pass: load / floor <= TARGET_RATIO && loadRss <= TARGET_RSS_GIB * 1024,
  };

  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  console.log('');
  console.log(
    `snapshot file        ${mb(bytes)}${args.gzip ? ' (gzip)' : ''}, ${fmt(resources)} resources, Node ${process.version}`,
  );
  if (generation) {
    console.log(
      `generate + write     ${fmt(Math.round(generation.perSecond))} resources/s (${(generation.ms / 1000).toFixed(1)} s)`,
    );
  }
  console.log(
    `load (readSnapshot)  ${fmt(Math.round(result.load.perSecond))} resources/s (median ${(load / 1000).toFixed(2)} s of ${runs}), ` +
      `peak RSS ${fmt(Math.round(loadRss))} MiB, heap after load ${fmt(Math.round(result.load.heapUsedMiB))} MiB`,
  );
  console.log(
    `floor (JSON.parse)   ${fmt(Math.round(result.floor.perSecond))} resources/s (median ${(floor / 1000).toFixed(2)} s), ` +
      `peak RSS ${fmt(Math.round(result.floor.peakRssMiB))} MiB`,
  );
  console.log(
    `ratio load / floor   ${result.ratio.toFixed(2)}× wall clock (target ≤ ${TARGET_RATIO}×), ${result.cpuRatio.toFixed(2)}× CPU time   ` +
      `peak RSS ${(loadRss / 1024).toFixed(2)} GiB (target ≤ ${TARGET_RSS_GIB} GiB)   ${result.pass ? 'PASS' : 'FAIL'}`,
  );
}

function spawnChild(kind, file) {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), '--child', kind, '--file', file],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`${kind} run failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** One measurement in a fresh process. */
async function child(kind, file) {
  if (kind === 'load') {
    const { readSnapshot } = await import('../dist/sources/snapshot/index.js');
    const cpu = process.cpuUsage();
    const start = performance.now();
    const snapshot = await readSnapshot(file);
    const ms = performance.now() - start;
    return { ms, cpuMs: cpuMs(cpu), resources: snapshot.resources.length, ...memory(snapshot) };
  }
  if (kind === 'floor') {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const values = floorParse(file);
    const ms = performance.now() - start;
    return { ms, cpuMs: cpuMs(cpu), lines: values.length, ...memory(values) };
  }
  throw new Error(`unknown child ${kind}`);
}

/**
 * The floor: the least work that turns the file into the same objects. Read the whole file into
 * one Buffer (gunzipping it in one call if compressed), decode it to strings in 8 MiB blocks cut
 * at newlines, cut lines with indexOf/slice, JSON.parse every line and keep every value in an
 * array. No validation, no streaming, no snapshot assembly.
 */
function floorParse(file) {
  let bytes = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const values = [];
  const BLOCK = 8 << 20;
  for (let start = 0; start < bytes.length;) {
    let end = Math.min(start + BLOCK, bytes.length);
    if (end < bytes.length) end = bytes.lastIndexOf(10, end - 1) + 1;
    const text = bytes.toString('utf8', start, end);
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      values.push(JSON.parse(text.slice(from, nl)));
      from = nl + 1;
    }
    if (from < text.length) values.push(JSON.parse(text.slice(from)));
    start = end;
  }
  return values;
}

/** Peak RSS of the process, and the heap the loaded data holds once garbage is collected. */
function memory(keep) {
  globalThis.gc?.();
  const heapUsedMiB = process.memoryUsage().heapUsed / 2 ** 20;
  void keep;
  return { maxRssMiB: process.resourceUsage().maxRSS / 1024, heapUsedMiB };
}

/** CPU time (user + system, all threads: GC helpers included) since `since`, in ms. */
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
