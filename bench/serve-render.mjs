// Time to first render of the dashboard's Findings page in Chromium, on the synthetic organisation
// (default 1000 accounts x 1000 resources = 1M resources). The server (`startServer` from the built
// dist/) loads and evaluates the organisation once; then, for each of several filters never asked
// before (so the server's answer cache cannot help), the benchmark
//   1. times the same findings query through the API alone (the baseline: what the page cannot go
//      below), with a limit of 199 so it is a different cache entry doing the same work, and
//   2. opens a fresh browser context (empty cache) on `#/findings?<filter>` and times navigation
//      start to the first row of findings painted in the virtualised table.
// A second baseline, the empty page load, opens a fresh context on a static file of the same server
// (process start-up and one navigation, no script): on a busy machine it shows how much of the
// first render is the browser itself. It prints all three per filter, their medians, the ratios,
// and PASS / FAIL against the target (first render <= 2 s). See bench/README.md.
//
//   node bench/serve-render.mjs [--accounts N] [--per-account M] [--json]
//   node bench/serve-render.mjs --accounts 20 --per-account 1000      # quick
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const TARGET_FIRST_RENDER_MS = 2000;
const { fetch } = globalThis;
const CHROMIUM = '/usr/bin/chromium';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000' },
    'per-account': { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
  },
});
const accounts = Number(args.accounts);
const perAccount = Number(args['per-account']);

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is absent: install the chromium package`);
const { startServer } = await import('../dist/server/index.js');
if (!existsSync(new URL('../dist/web/index.html', import.meta.url))) {
  throw new Error('dist/web is not built: run `npm run build`');
}

const log = (line) => {
  if (!args.json) console.error(line);
};

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-bench-render-'));
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
const meta = await (await fetch(new URL('/api/meta', server.url))).json();
log(`loaded ${meta.snapshot.resources.toLocaleString('en-US')} resources in ${(loadMs / 1000).toFixed(1)} s`);

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
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const apiMedian = median(rows.map((r) => r.apiMs));
const emptyMedian = median(rows.map((r) => r.emptyMs));
const renderMedian = median(rows.map((r) => r.renderMs));
const renderMax = Math.max(...rows.map((r) => r.renderMs));
const result = {
  resources: meta.snapshot.resources,
  loadSeconds: loadMs / 1000,
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
};
if (args.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log(
    `Findings page, ${meta.snapshot.resources.toLocaleString('en-US')} resources: first render median ${renderMedian.toFixed(0)} ms (max ${renderMax.toFixed(0)} ms); ` +
      `baselines: the same query through the API alone ${apiMedian.toFixed(0)} ms (ratio ${result.ratio.toFixed(2)}x, the page adds ${result.pageOverheadMs.toFixed(0)} ms); ` +
      `an empty page load ${emptyMedian.toFixed(0)} ms (ratio ${result.ratioToEmptyPage.toFixed(2)}x).`,
  );
  console.log(
    `${result.pass ? 'PASS' : 'FAIL'}: first render <= ${TARGET_FIRST_RENDER_MS} ms on every filter.`,
  );
}
