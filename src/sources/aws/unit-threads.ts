/**
 * Units on more than one thread. A collection is bound by the SDK's own CPU per call (serialising,
 * signing, middleware, parsing: a few milliseconds each), not by the network: on one thread the
 * calls of a large service (IAM's per-user calls, S3's per-bucket calls) wait for the event loop
 * while other services' pages are parsed. Worker threads each run their own SDK clients and runner;
 * the main thread keeps the plan, the dependencies, the journal and the mapping.
 *
 * What crosses to a worker: the collector's id (a worker imports the same registry), the account id
 * and name, the region, and the client and runner settings. Credentials stay on the main thread: a
 * worker asks for them when its SDK clients do, so a provider (SSO, an assumed role) refreshes in one
 * place. A unit that reads another collector's output (`dependsOn`) runs on the main thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ClientSettings, Credentials } from './clients.js';
import type { UnitData } from './collector.js';
import type { RunnerOptions, RunnerStats } from './runner.js';

/** The runner settings a worker can receive: numbers only (functions do not cross threads). */
export type PortableRunnerOptions = Pick<
  RunnerOptions,
  'perService' | 'total' | 'retryRounds' | 'backoffBaseMs' | 'backoffMaxMs' | 'callTimeoutMs' | 'maxPages'
>;

/** Messages from the main thread to a worker. */
export type ToWorker =
  | {
      type: 'unit';
      id: number;
      collector: string;
      account: string;
      region: string;
      clientRegion: string;
      /** Static credentials travel with the unit; a provider is asked through `credentials`. */
      identity?: AwsCredentialIdentity;
    }
  | { type: 'credentials'; id: number; identity?: AwsCredentialIdentity; error?: string };

/** Messages from a worker to the main thread. */
export type FromWorker =
  | { type: 'done'; id: number; data: UnitData; stats: RunnerStats }
  | { type: 'failed'; id: number; message: string }
  | { type: 'credentials'; id: number; account: string }
  | { type: 'stats'; stats: RunnerStats };

export interface WorkerInit {
  settings: ClientSettings;
  runner: PortableRunnerOptions;
  /** Collector folders (`iam`, `s3`) to load at start, before the first unit arrives. */
  preload?: string[];
  /** The collection's clock (`RunnerOptions.now`) minus the system clock, at the start. */
  clockOffsetMs: number;
}

const WORKER_URL = new URL('./unit-worker.js', import.meta.url);

/**
 * Worker threads a collection uses by default: one per CPU, at most three; the main thread keeps the
 * plan, the units that read other units, and the mapping. A source checkout run through a
 * TypeScript loader has no compiled worker script, and collects on the main thread alone.
 */
export function defaultCollectWorkers(): number {
  if (!existsSync(fileURLToPath(WORKER_URL))) return 0;
  return Math.max(1, Math.min(3, availableParallelism()));
}

interface Pending {
  resolve: (data: UnitData) => void;
  reject: (error: Error) => void;
}

/** One worker thread and the units it is running. */
class UnitThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private failure?: Error;

  constructor(
    init: WorkerInit,
    private readonly credentialsOf: (account: string) => Credentials,
    private readonly onStats: (delta: RunnerStats) => void,
  ) {
    this.worker = new Worker(WORKER_URL, { workerData: init });
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (this.pending.size > 0) this.fail(new Error(`a collection thread exited (code ${code})`));
    });
    // An idle worker must not keep the process alive.
    this.worker.unref();
  }

  get load(): number {
    return this.pending.size;
  }

  run(id: number, unit: Omit<Extract<ToWorker, { type: 'unit' }>, 'type' | 'id'>): Promise<UnitData> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<UnitData>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      const credentials = this.credentialsOf(unit.account);
      const identity = typeof credentials === 'function' ? undefined : credentials;
      this.post({ type: 'unit', id, ...unit, ...(identity ? { identity } : {}) });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'stats':
        this.onStats(message.stats);
        return;
      case 'credentials':
        void this.answerCredentials(message.id, message.account);
        return;
      case 'done':
      case 'failed': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (this.pending.size === 0) this.worker.unref();
        if (!pending) return;
        if (message.type === 'done') {
          this.onStats(message.stats);
          pending.resolve(message.data);
        } else pending.reject(new Error(message.message));
      }
    }
  }

  private async answerCredentials(id: number, account: string): Promise<void> {
    try {
      const credentials = this.credentialsOf(account);
      const identity = typeof credentials === 'function' ? await credentials() : credentials;
      this.post({ type: 'credentials', id, identity });
    } catch (error) {
      this.post({ type: 'credentials', id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/**
 * Services whose units are usually the largest of an account: IAM (calls per user and key), S3
 * (a dozen calls per bucket) and EC2 (the largest pages to parse). Each gets a thread of its own
 * when there are threads enough, so that two of them never queue behind each other.
 */
const HEAVY_SERVICES = new Set(['iam', 's3', 'ec2']);

/** Where a unit runs (the main thread, or a worker), with what was dealt to it so far. */
export interface Seat<T> {
  thread: T | undefined;
  heavy: number;
  keys: number;
}

/**
 * The seat for a new (account, region, service): a heavy service goes to the seat with the fewest
 * heavy keys (a worker on a tie: the main thread also plans and maps); any other service stays on the
 * main thread. The main thread has every service's SDK client loaded already (the collector registry
 * imports them), while a worker would first load the service's package, 100 to 300 ms of CPU for
 * units of one to three calls; on a small machine those loads, a dozen per worker, held up the heavy
 * services' first calls by most of a second. `seats[0]` is the main thread. Counts are updated.
 */
export function deal<T>(seats: ReadonlyArray<Seat<T>>, service: string): Seat<T> {
  const main = seats[0]!;
  if (!HEAVY_SERVICES.has(service)) {
    main.keys++;
    return main;
  }
  let seat = seats[1] ?? main;
  for (const s of [...seats.slice(1), main]) {
    if (s.heavy < seat.heavy || (s.heavy === seat.heavy && s.keys < seat.keys)) seat = s;
  }
  seat.heavy++;
  seat.keys++;
  return seat;
}

/**
 * Worker threads for the units that do not read another collector's output. Each (account, region,
 * service) stays on one thread, so the runner's limit per service holds there as on one thread.
 */
export class UnitThreads {
  private readonly seats: Array<Seat<UnitThread>>;
  private readonly placed = new Map<string, Seat<UnitThread>>();
  private nextId = 0;

  /**
   * `count` worker threads; the main thread also takes units. `credentialsOf` gives an account's
   * credentials (a provider is called on this thread); `onStats` receives each worker's calls,
   * retries and gaps as they happen.
   */
  constructor(
    count: number,
    init: WorkerInit,
    credentialsOf: (account: string) => Credentials,
    onStats: (delta: RunnerStats) => void,
    expected: ReadonlyArray<{ service: string; folders: readonly string[] }> = [],
  ) {
    // A worker takes a moment to load the SDK clients and collectors of its services. The dealing
    // is deterministic, so dealing the services in the order units will start tells each worker
    // which heavy service it will run, and it loads that while the scope is still being resolved.
    const preview: Array<Seat<true>> = Array.from({ length: count + 1 }, (_, i) => ({
      thread: i === 0 ? undefined : true,
      heavy: 0,
      keys: 0,
    }));
    const preload = preview.map(() => new Set<string>());
    // Workers only run heavy services (see deal): those are the folders to load.
    for (const { service, folders } of expected) {
      const seat = deal(preview, service);
      if (!HEAVY_SERVICES.has(service)) continue;
      for (const folder of folders) preload[preview.indexOf(seat)]!.add(folder);
    }
    const workers = Array.from(
      { length: count },
      (_, i) => new UnitThread({ ...init, preload: [...preload[i + 1]!] }, credentialsOf, onStats),
    );
    this.seats = [
      { thread: undefined, heavy: 0, keys: 0 },
      ...workers.map((thread) => ({ thread, heavy: 0, keys: 0 })),
    ];
  }

  /** The worker that runs units of this (account, region, service), or undefined for the main thread. */
  threadFor(key: string, service: string): UnitThread | undefined {
    let seat = this.placed.get(key);
    if (!seat) this.placed.set(key, (seat = deal(this.seats, service)));
    return seat.thread;
  }

  run(
    thread: UnitThread,
    unit: { collector: string; account: string; region: string; clientRegion: string },
  ): Promise<UnitData> {
    return thread.run(this.nextId++, unit);
  }

  async close(): Promise<void> {
    await Promise.all(this.seats.map((s) => s.thread?.close()));
  }
}
