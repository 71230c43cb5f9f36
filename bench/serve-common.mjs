// What bench/serve.mjs (API latency) and bench/serve-render.mjs (first render in Chromium) share:
// the command line, the built server started over the synthetic organisation, the statistics, and
// the two measurements themselves, so one loaded organisation can serve both (`serve.mjs --render`).
// See bench/README.md.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

export const TARGET_P99_MS = 200;
export const TARGET_FIRST_RENDER_MS = 2000;
const CHROMIUM = '/usr/bin/chromium';
const { fetch, URLSearchParams } = globalThis;

/** The flags both benchmarks take, plus `extra` (parseArgs option declarations). */
export function benchArgs(extra = {}) {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '1000' },
      'per-account': { type: 'string', default: '1000' },
      json: { type: 'boolean', default: false },
      ...extra,
    },
  });
  return { ...values, accounts: Number(values.accounts), perAccount: Number(values['per-account']) };
}

/** Progress on stderr, silent with --json. */
export function logger(args) {
  return (line) => {
    if (!args.json) console.error(line);
  };
}

/** The machine is shared: every figure goes with the load average it was measured under. */
export function loadAverage() {
  return loadavg().map((l) => Number(l.toFixed(2)));
}

/**
 * Starts the built server (dist/) on port 0 over the synthetic organisation, with an empty
 * configuration file in a temporary directory. `close()` stops it and removes the directory.
 */
export async function startBenchServer({ accounts, perAccount, log }) {
  const { startServer } = await import('../dist/server/index.js');
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
    log: (line) => log(`  ${line}  (${((performance.now() - loadStart) / 1000).toFixed(0)} s)`),
  });
  const loadSeconds = Number(((performance.now() - loadStart) / 1000).toFixed(1));
  const { state } = server;
  const heapGB = Number((process.memoryUsage().heapUsed / 2 ** 30).toFixed(2));
  log(
    `loaded ${state.snapshot.resources.length.toLocaleString('en-US')} resources, ` +
      `${state.index.size.toLocaleString('en-US')} findings in ${loadSeconds} s (heap ${heapGB} GiB, load average ${loadAverage().join(' ')})`,
  );
  return {
    server,
    state,
    loadSeconds,
    heapGB,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 0.5), p99: percentile(s, 0.99), max: s[s.length - 1] };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// ---------------------------------------------------------------------------------------------
// API latency: distinct findings filters and reach queries, through HTTP and in process.

/**
 * p50 / p99 of `queries` findings filters and as many reach queries, each asked once (so the
 * server's answer cache never helps), through HTTP and called in process (the floor).
 */
export async function measureApi({ server, state }, { queries, log }) {
  const handlers = await import('../dist/server/handlers.js');
  const { API } = await import('../dist/server/api.js');

  // A small deterministic generator, so every run asks the same questions.
  let seed = 42;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];

  const SEVERITIES = ['critical', 'high', 'medium', 'low'];
  const CATEGORIES = ['security', 'compliance', 'dr', 'cost', 'health', 'reliability'];
  const accountIds = [...new Set(state.snapshot.resources.map((r) => r.account))];
  const regions = [...new Set(state.snapshot.resources.map((r) => r.region))];
  const ruleIds = [...new Set(state.index.findings.map((f) => f.ruleId))];

  const findingsQuery = (i) => {
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
    // A distinct offset makes each question a new cache entry.
    p.set('offset', String(i * 7));
    return p;
  };

  const instances = state.snapshot.resources.filter((r) => r.type === 'AWS::EC2::Instance');
  const byAccount = new Map();
  for (const r of instances) {
    const list = byAccount.get(r.account);
    if (list) list.push(r);
    else byAccount.set(r.account, [r]);
  }
  const sameAccount = [...byAccount.values()].filter((l) => l.length >= 2);

  const reachQuery = (i) => {
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
  };

  const queryObject = (params) => {
    const out = {};
    for (const [k, v] of params) out[k] = out[k] === undefined ? v : [].concat(out[k], v);
    return out;
  };

  const measureHttp = async (path, make) => {
    const times = [];
    for (let i = 0; i < queries; i++) {
      const url = new URL(`${path}?${make(i)}`, server.url);
      const t = performance.now();
      const r = await fetch(url);
      await r.arrayBuffer();
      times.push(performance.now() - t);
      if (r.status !== 200 && r.status !== 400) throw new Error(`${url}: HTTP ${r.status}`);
    }
    return stats(times);
  };

  const measureInProcess = (name, make, run) => {
    const times = [];
    for (let i = 0; i < queries; i++) {
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
  };

  // Warm up both paths (JIT) with questions outside the measured sets.
  for (let i = queries; i < queries + 20; i++) {
    await fetch(new URL(`/api/findings?${findingsQuery(i)}`, server.url)).then((r) => r.arrayBuffer());
    await fetch(new URL(`/api/network/reach?${reachQuery(i)}`, server.url)).then((r) => r.arrayBuffer());
  }

  log(`${queries} findings filters and ${queries} reach queries, each asked once ...`);
  const loadBefore = loadAverage();
  const findingsHttp = await measureHttp('/api/findings', findingsQuery);
  const reachHttp = await measureHttp('/api/network/reach', reachQuery);
  const findings = {
    http: findingsHttp,
    inProcess: measureInProcess('findings', findingsQuery, (q) => handlers.findings(state, q)),
  };
  const reach = {
    http: reachHttp,
    inProcess: measureInProcess('reach', reachQuery, (q) => handlers.reach(state, q)),
  };
  const pass = findings.http.p99 <= TARGET_P99_MS && reach.http.p99 <= TARGET_P99_MS;
  return {
    queries,
    targetP99Ms: TARGET_P99_MS,
    findings,
    reach,
    pass,
    loadAverage: [loadBefore, loadAverage()],
  };
}

export function printApi(resources, findingsCount, loadSeconds, api) {
  const f = (n) => `${n.toFixed(1)} ms`;
  const row = (name, r) =>
    `${name.padEnd(10)} HTTP p50 ${f(r.http.p50)}  p99 ${f(r.http.p99)}   in-process (baseline) p50 ${f(
      r.inProcess.p50,
    )}  p99 ${f(r.inProcess.p99)}   HTTP / baseline p50 ${(r.http.p50 / Math.max(r.inProcess.p50, 0.001)).toFixed(1)}x`;
  console.log(
    `serve API on ${resources.toLocaleString('en-US')} resources, ${findingsCount.toLocaleString('en-US')} findings (load ${loadSeconds} s)`,
  );
  console.log(row('findings', api.findings));
  console.log(row('reach', api.reach));
  console.log(`load average before / after: ${api.loadAverage.map((l) => l.join(' ')).join(' / ')}`);
  console.log(`target: API p99 <= ${api.targetP99Ms} ms: ${api.pass ? 'PASS' : 'FAIL'}`);
}

// ---------------------------------------------------------------------------------------------
// First render of the Findings page in Chromium.

/**
 * For each of several filters never asked before: the same findings query through the API alone,
 * an empty page load (a static file), and a fresh browser context opening `#/findings?<filter>`
 * until the first row of findings is painted.
 */
export async function measureRender({ server }, { log }) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is absent: install the chromium package`);
  if (!existsSync(new URL('../dist/web/index.html', import.meta.url))) {
    throw new Error('dist/web is not built: run `npm run build`');
  }
  const { chromium } = await import('playwright-core');
  const meta = await (await fetch(new URL('/api/meta', server.url))).json();

  // Filters as the page writes them into the query (its FILTERS order), each asked once.
  const region = meta.snapshot.regions[0];
  const account = meta.snapshot.accounts[Math.floor(meta.snapshot.accounts.length / 2)]?.id;
  const FILTERS = [
    '',
    'severity=high',
    'category=security',
    'status=open',
    `region=${region}`,
    `account=${account}&severity=medium`,
    'severity=critical&status=open',
  ];

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  const rows = [];
  const loadBefore = loadAverage();
  try {
    // One throw-away load so that Chromium's own start-up is not in the first measurement.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}#/logs`);
      await page.waitForSelector('main h1');
      await context.close();
    }
    const favicon = /href="\.\/(assets\/favicon-[^"]+)"/.exec(
      readFileSync(new URL('../dist/web/index.html', import.meta.url), 'utf8'),
    )?.[1];
    for (const filter of FILTERS) {
      // Baseline: the empty page load.
      let emptyMs = NaN;
      if (favicon) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const start = performance.now();
        await page.goto(new URL(favicon, server.url).href);
        emptyMs = performance.now() - start;
        await context.close();
      }

      // Baseline: the API alone (limit 199: a different cache entry doing the same work).
      const query = [filter, 'groupBy=none'].filter(Boolean).join('&');
      const apiStart = performance.now();
      const response = await fetch(new URL(`/api/findings?${query}&offset=0&limit=199`, server.url));
      const body = await response.json();
      const apiMs = performance.now() - apiStart;
      if (!response.ok) throw new Error(`API ${response.status}: ${JSON.stringify(body)}`);

      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      const pageStart = performance.now();
      await page.goto(`${server.url}#/findings${filter ? `?${filter}` : ''}`);
      await page.waitForSelector(body.total > 0 ? '.vbody [role=row]:not(.pending)' : '.empty', {
        timeout: 120_000,
      });
      const renderMs = performance.now() - pageStart;
      // The browser's own clock, from navigation start, for comparison with the wall clock above.
      const inPageMs = await page.evaluate('performance.now()');
      await context.close();
      rows.push({ filter: filter || '(none)', matching: body.total, apiMs, emptyMs, renderMs, inPageMs });
      log(
        `${(filter || '(none)').padEnd(40)} ${String(body.total).padStart(9)} findings  API ${apiMs.toFixed(0).padStart(6)} ms  empty page ${emptyMs.toFixed(0).padStart(5)} ms  first render ${renderMs.toFixed(0).padStart(6)} ms`,
      );
    }
  } finally {
    await browser.close();
  }

  const apiMedian = median(rows.map((r) => r.apiMs));
  const emptyMedian = median(rows.map((r) => r.emptyMs));
  const renderMedian = median(rows.map((r) => r.renderMs));
  const renderMax = Math.max(...rows.map((r) => r.renderMs));
  return {
    runs: rows,
    apiMedianMs: apiMedian,
    emptyPageMedianMs: emptyMedian,
    firstRenderMedianMs: renderMedian,
    firstRenderMaxMs: renderMax,
    ratio: renderMedian / apiMedian,
    ratioToEmptyPage: renderMedian / emptyMedian,
    pageOverheadMs: renderMedian - apiMedian,
    targetMs: TARGET_FIRST_RENDER_MS,
    pass: renderMax <= TARGET_FIRST_RENDER_MS,
    loadAverage: [loadBefore, loadAverage()],
  };
}

export function printRender(resources, render) {
  console.log(
    `Findings page, ${resources.toLocaleString('en-US')} resources: first render median ${render.firstRenderMedianMs.toFixed(0)} ms (max ${render.firstRenderMaxMs.toFixed(0)} ms); ` +
      `baselines: the same query through the API alone ${render.apiMedianMs.toFixed(0)} ms (ratio ${render.ratio.toFixed(2)}x, the page adds ${render.pageOverheadMs.toFixed(0)} ms); ` +
      `an empty page load ${render.emptyPageMedianMs.toFixed(0)} ms (ratio ${render.ratioToEmptyPage.toFixed(2)}x).`,
  );
  console.log(`load average before / after: ${render.loadAverage.map((l) => l.join(' ')).join(' / ')}`);
  console.log(`${render.pass ? 'PASS' : 'FAIL'}: first render <= ${render.targetMs} ms on every filter.`);
}

/**
 * One suppression from the dashboard, in process (the work the POST does: append to the
 * configuration file, re-mark the findings, recompute what depends on them). No target: the issue
 * sets none, but the server answers nothing else meanwhile, so it is printed beside the others.
 */
export async function measureSuppress({ state }, { log }) {
  const { suppress } = await import('../dist/server/suppress.js');
  const f = state.answer.findings.find(
    (x) => x.status === 'fail' && !x.suppressed && x.category === 'security',
  );
  if (!f) return undefined;
  log('suppressing one finding ...');
  const start = performance.now();
  const outcome = await suppress(state, {
    rule: f.ruleId,
    resource: f.resource.id,
    account: f.resource.account,
    reason: 'benchmark',
    expires: '2099-12-31',
  });
  return {
    ms: Math.round(performance.now() - start),
    suppressed: outcome.suppressed,
    loadAverage: loadAverage(),
  };
}
