/**
 * A collection thread (see unit-threads.ts): runs the units the main thread sends it with its own SDK
 * clients and runner, and answers each with the unit's data and the calls, retries and gaps it cost.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AwsCredentialIdentity } from '@smithy/types';
import { ClientPool } from './clients.js';
import type { Collector } from './collector.js';
import { DEFAULT_RUNNER_OPTIONS, Runner, type RunnerStats } from './runner.js';
import type { FromWorker, ToWorker, WorkerInit } from './unit-threads.js';

const port = parentPort;
if (!port) throw new Error('unit-worker.js runs as a worker thread of a collection');

// The SDK warns once per thread about Node versions it will stop supporting; the main thread has
// said it already. A worker has its own copy of the environment.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const init = workerData as WorkerInit;
const pool = new ClientPool(init.settings);
const runner = new Runner(pool, {
  ...DEFAULT_RUNNER_OPTIONS,
  ...init.runner,
  now: () => new Date(Date.now() + init.clockOffsetMs),
});

/**
 * A collector by id, from its service folder's module (`iam/authorization-details` from
 * `collectors/iam/`): a worker loads only the services it is given (see SERVICES in clients.ts).
 */
const folders = new Map<string, Promise<Record<string, unknown>>>();
function loadFolder(folder: string): Promise<Record<string, unknown>> {
  let module = folders.get(folder);
  if (!module) {
    module = import(`./collectors/${folder}/index.js`) as Promise<Record<string, unknown>>;
    folders.set(folder, module);
  }
  return module;
}
// What the main thread expects this worker to run first starts loading now; a failure surfaces
// when a unit needs the folder.
for (const folder of init.preload ?? []) loadFolder(folder).catch(() => undefined);

async function collectorOf(id: string): Promise<Collector> {
  const folder = /^([a-z0-9-]+)\//.exec(id)?.[1];
  if (!folder) throw new Error(`unknown collector ${id}`);
  const module = await loadFolder(folder);
  for (const list of Object.values(module)) {
    if (!Array.isArray(list)) continue;
    const found = (list as Collector[]).find((c) => c.id === id);
    if (found) return found;
  }
  throw new Error(`unknown collector ${id}`);
}
const send = (message: FromWorker): void => port.postMessage(message);

/** Credentials requests waiting for the main thread's answer. */
const asked = new Map<number, { resolve: (i: AwsCredentialIdentity) => void; reject: (e: Error) => void }>();
let nextAsk = 0;
const credentialsOf = (account: string) => (): Promise<AwsCredentialIdentity> =>
  new Promise((resolve, reject) => {
    const id = nextAsk++;
    asked.set(id, { resolve, reject });
    send({ type: 'credentials', id, account });
  });

/** What the runner counted since the last report (the main thread adds it to its own). */
let reported: RunnerStats = { calls: 0, retries: 0, gaps: 0 };
function statsDelta(): RunnerStats {
  const now = { ...runner.stats };
  const delta = {
    calls: now.calls - reported.calls,
    retries: now.retries - reported.retries,
    gaps: now.gaps - reported.gaps,
  };
  reported = now;
  return delta;
}
// Progress while long units run; unref'd, so it never keeps the thread alive.
setInterval(() => {
  const delta = statsDelta();
  if (delta.calls || delta.retries || delta.gaps) send({ type: 'stats', stats: delta });
}, 250).unref();

async function runUnit(message: Extract<ToWorker, { type: 'unit' }>): Promise<void> {
  try {
    const collector = await collectorOf(message.collector);
    const account = {
      id: message.account,
      credentials: message.identity ?? credentialsOf(message.account),
    };
    const data = await runner.runUnit(collector, account, message.region, message.clientRegion);
    send({ type: 'done', id: message.id, data, stats: statsDelta() });
  } catch (error) {
    send({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'unit') {
    void runUnit(message);
    return;
  }
  const waiting = asked.get(message.id);
  asked.delete(message.id);
  if (!waiting) return;
  if (message.identity) waiting.resolve(message.identity);
  else waiting.reject(new Error(message.error ?? 'no credentials'));
});
