// Dashboard API latency on the synthetic organisation (default 1000 accounts x 1000 resources =
// 1M resources): p50 / p99 of the findings filter and of a reach query through HTTP, against the
// baseline of the same questions called in process without HTTP (the theoretical floor: what is
// left is the server's own cost: routing, validation, JSON, the socket). Every request is a
// different question, so the server's answer cache never helps. Prints PASS / FAIL against the
// target (API p99 <= 200 ms). Runs from the built dist/ (`npm run bench:serve`). The Chromium
// first-render figure is bench/serve-render.mjs. See bench/README.md.
//
//   node bench/serve.mjs [--accounts N] [--per-account M] [--queries Q] [--json]
//   node bench/serve.mjs --accounts 20 --per-account 1000 --queries 100      # quick
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const TARGET_P99_MS = 200;
const { fetch, URLSearchParams } = globalThis;

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000' },
    'per-account': { type: 'string', default: '1000' },
    queries: { type: 'string', default: '400' },
    json: { type: 'boolean', default: false },
  },
});
const accounts = Number(args.accounts);
const perAccount = Number(args['per-account']);
const QUERIES = Number(args.queries);

const { startServer } = await import('../dist/server/index.js');
const handlers = await import('../dist/server/handlers.js');
const { API } = await import('../dist/server/api.js');

const log = (line) => {
  if (!args.json) console.error(line);
};

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-bench-serve-'));
const configFile = join(dir, '.cloudrounds.yaml');
writeFileSync(configFile, '# benchmark\n');

log(`loading the synthetic organisation: ${accounts} accounts x ${perAccount} resources ...`);
const loadStart = performance.now();
const server = await startServer({
  source: 'demo',
  sourceOptions: { accounts, resourcesPerAccount: perAccount },
  db: false,
  configFile,
  port: 0,
  log: (line) => log(`  ${line}`),
});
const loadMs = performance.now() - loadStart;
const { state } = server;
log(
  `loaded ${state.snapshot.resources.length.toLocaleString('en-US')} resources, ` +
    `${state.index.size.toLocaleString('en-US')} findings in ${(loadMs / 1000).toFixed(1)} s`,
);

// A small deterministic generator, so every run asks the same questions.
let seed = 42;
function random() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}
const pick = (list) => list[Math.floor(random() * list.length)];

// ---------------------------------------------------------------------------------------------
// Questions: distinct findings filters and distinct reach queries.

const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const CATEGORIES = ['security', 'compliance', 'dr', 'cost', 'health', 'reliability'];
const accountIds = [...new Set(state.snapshot.resources.map((r) => r.account))];
const regions = [...new Set(state.snapshot.resources.map((r) => r.region))];
const ruleIds = [...new Set(state.index.findings.map((f) => f.ruleId))];

function findingsQuery(i) {
  const p = new URLSearchParams();
  // Every shape the page asks: one filter, several, a group-by, deep pages.
  switch (i % 6) {
    case 0:
      p.set('severity', pick(SEVERITIES));
      break;
    case 1:
      p.set('category', pick(CATEGORIES));
      p.set('status', 'open');
      break;
    case 2:
      p.set('account', pick(accountIds));
      break;
    case 3:
      p.set('region', pick(regions));
      p.set('severity', `${pick(SEVERITIES)},${pick(SEVERITIES)}`);
      p.set('groupBy', pick(['rule', 'resource']));
      break;
    case 4:
      p.set('rule', pick(ruleIds));
      break;
    default:
      p.set('control', pick(['cis-aws-v5.0', 'aws-fsbp', 'pci-dss-v4.0']));
      break;
  }
  p.set('limit', '100');
  // A distinct offset makes each question a new cache entry doing the full scan.
  p.set('offset', String(i * 7));
  return p;
}

const instances = state.snapshot.resources.filter((r) => r.type === 'AWS::EC2::Instance');
const byAccount = new Map();
for (const r of instances) byAccount.set(r.account, [...(byAccount.get(r.account) ?? []), r]);
const sameAccount = [...byAccount.values()].filter((l) => l.length >= 2);

function reachQuery(i) {
  const p = new URLSearchParams();
  const port = 1 + (i % 65000); // distinct, so never a cache hit
  if (i % 2 === 0) {
    p.set('from', 'internet');
    p.set('to', pick(instances).id);
  } else {
    const list = pick(sameAccount);
    p.set('from', pick(list).id);
    p.set('to', pick(list).id);
  }
  p.set('port', String(port));
  return p;
}

// ---------------------------------------------------------------------------------------------

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 0.5), p99: percentile(s, 0.99), max: s[s.length - 1] };
}
function queryObject(params) {
  const out = {};
  for (const [k, v] of params) out[k] = out[k] === undefined ? v : [].concat(out[k], v);
  return out;
}

async function measureHttp(path, make) {
  const times = [];
  for (let i = 0; i < QUERIES; i++) {
    const url = new URL(`${path}?${make(i)}`, server.url);
    const t = performance.now();
    const r = await fetch(url);
    await r.arrayBuffer();
    times.push(performance.now() - t);
    if (r.status !== 200 && r.status !== 400) throw new Error(`${url}: HTTP ${r.status}`);
  }
  return stats(times);
}

function measureInProcess(name, make, run) {
  const times = [];
  for (let i = 0; i < QUERIES; i++) {
    const t = performance.now();
    try {
      // The same validation and the same answer, without the socket and the JSON text.
      run(API[name].request.parse(queryObject(make(i))));
    } catch (error) {
      if (error?.name !== 'InputError') throw error;
    }
    times.push(performance.now() - t);
  }
  return stats(times);
}

// Warm up both paths (JIT, lazily built models) with questions outside the measured sets.
for (let i = QUERIES; i < QUERIES + 20; i++) {
  await fetch(new URL(`/api/findings?${findingsQuery(i)}`, server.url)).then((r) => r.arrayBuffer());
  await fetch(new URL(`/api/network/reach?${reachQuery(i)}`, server.url)).then((r) => r.arrayBuffer());
}

log(`${QUERIES} findings filters and ${QUERIES} reach queries, each asked once ...`);
const findingsHttp = await measureHttp('/api/findings', findingsQuery);
const reachHttp = await measureHttp('/api/network/reach', reachQuery);
const results = {
  findings: {
    http: findingsHttp,
    inProcess: measureInProcess('findings', findingsQuery, (q) => handlers.findings(state, q)),
  },
  reach: {
    http: reachHttp,
    inProcess: measureInProcess('reach', reachQuery, (q) => handlers.reach(state, q)),
  },
};
await server.close();
rmSync(dir, { recursive: true, force: true });

const pass = results.findings.http.p99 <= TARGET_P99_MS && results.reach.http.p99 <= TARGET_P99_MS;
const summary = {
  accounts,
  perAccount,
  resources: state.snapshot.resources.length,
  findings: state.index.size,
  loadSeconds: Number((loadMs / 1000).toFixed(1)),
  queries: QUERIES,
  targetP99Ms: TARGET_P99_MS,
  results,
  pass,
};
if (args.json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const f = (n) => `${n.toFixed(1)} ms`;
  const row = (name, r) =>
    `${name.padEnd(10)} HTTP p50 ${f(r.http.p50)}  p99 ${f(r.http.p99)}   in-process (baseline) p50 ${f(
      r.inProcess.p50,
    )}  p99 ${f(r.inProcess.p99)}   HTTP / baseline p50 ${(r.http.p50 / Math.max(r.inProcess.p50, 0.001)).toFixed(1)}x`;
  console.log(
    `serve API on ${summary.resources.toLocaleString('en-US')} resources, ${summary.findings.toLocaleString('en-US')} findings (load ${summary.loadSeconds} s)`,
  );
  console.log(row('findings', results.findings));
  console.log(row('reach', results.reach));
  console.log(`target: API p99 <= ${TARGET_P99_MS} ms: ${pass ? 'PASS' : 'FAIL'}`);
}
