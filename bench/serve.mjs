// Dashboard API latency on the synthetic organisation (default 1000 accounts x 1000 resources =
// 1M resources): p50 / p99 of the findings filter and of a reach query through HTTP, against the
// baseline of the same questions called in process without HTTP (the theoretical floor: what is
// left is the server's own cost: routing, validation, JSON, the socket). Every request is a
// different question, so the server's answer cache never helps. Prints PASS / FAIL against the
// target (API p99 <= 200 ms). With --render, also the Chromium first render of the Findings page
// (bench/serve-render.mjs) on the same loaded organisation, so a full-size run loads it once.
// Runs from the built dist/ (`npm run bench:serve`). See bench/README.md.
//
//   node bench/serve.mjs [--accounts N] [--per-account M] [--queries Q] [--render] [--json]
//   node bench/serve.mjs --accounts 20 --per-account 1000 --queries 100      # quick
import {
  benchArgs,
  logger,
  measureApi,
  measureRender,
  measureSuppress,
  printApi,
  printRender,
  startBenchServer,
} from './serve-common.mjs';

const args = benchArgs({
  queries: { type: 'string', default: '400' },
  render: { type: 'boolean', default: false },
});
const log = logger(args);
const bench = await startBenchServer({ accounts: args.accounts, perAccount: args.perAccount, log });
let api;
let render;
let suppression;
try {
  api = await measureApi(bench, { queries: Number(args.queries), log });
  if (args.render) render = await measureRender(bench, { log });
  suppression = await measureSuppress(bench, { log });
} finally {
  await bench.close();
}

const resources = bench.state.snapshot.resources.length;
const findings = bench.state.index.size;
if (args.json) {
  const summary = {
    accounts: args.accounts,
    perAccount: args.perAccount,
    resources,
    findings,
    loadSeconds: bench.loadSeconds,
    heapGB: bench.heapGB,
    queries: api.queries,
    targetP99Ms: api.targetP99Ms,
    results: { findings: api.findings, reach: api.reach },
    pass: api.pass,
    loadAverage: api.loadAverage,
    ...(render ? { render } : {}),
    ...(suppression ? { suppression } : {}),
  };
  console.log(JSON.stringify(summary, null, 2));
} else {
  printApi(resources, findings, bench.loadSeconds, api);
  if (render) printRender(resources, render);
  if (suppression) {
    console.log(
      `suppression (no target): ${suppression.ms.toLocaleString('en-US')} ms for ${suppression.suppressed} finding, load average ${suppression.loadAverage.join(' ')}`,
    );
  }
}
