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
// and PASS / FAIL against the target (first render <= 2 s). The setup and the measurement are in
// bench/serve-common.mjs (`bench/serve.mjs --render` runs it after the API figures). See
// bench/README.md.
//
//   node bench/serve-render.mjs [--accounts N] [--per-account M] [--json]
//   node bench/serve-render.mjs --accounts 20 --per-account 1000      # quick
import { benchArgs, logger, measureRender, printRender, startBenchServer } from './serve-common.mjs';

const args = benchArgs();
const log = logger(args);
const bench = await startBenchServer({ accounts: args.accounts, perAccount: args.perAccount, log });
let render;
try {
  render = await measureRender(bench, { log });
} finally {
  await bench.close();
}
const resources = bench.state.snapshot.resources.length;
if (args.json) {
  console.log(
    JSON.stringify({ resources, loadSeconds: bench.loadSeconds, heapGB: bench.heapGB, ...render }, null, 2),
  );
} else {
  printRender(resources, render);
}
