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
  | { type: 'unit'; id: number; collector: string; account: string; region: string; clientRegion: string }
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
      this.post({ type: 'unit', id, ...unit });
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
 * Worker threads for the units that do not read another collector's output. Each (account, region,
 * service) stays on one worker, so the runner's limit per service holds there as on one thread.
 */
export class UnitThreads {
  private readonly threads: UnitThread[];
  private readonly placed = new Map<string, UnitThread>();
  private nextId = 0;

  /**
   * `credentialsOf` gives an account's credentials (a provider is called on this thread); `onStats`
   * receives each worker's calls, retries and gaps as they happen.
   */
  constructor(
    count: number,
    init: WorkerInit,
    credentialsOf: (account: string) => Credentials,
    onStats: (delta: RunnerStats) => void,
  ) {
    this.threads = Array.from({ length: count }, () => new UnitThread(init, credentialsOf, onStats));
  }

  /**
   * Runs a unit on the worker of its (account, region, service). Keys are dealt to the workers in
   * turn, in the order they first come: collect.ts starts the global services first, which in most
   * accounts are the largest, so they land on different workers.
   */
  run(
    key: string,
    unit: { collector: string; account: string; region: string; clientRegion: string },
  ): Promise<UnitData> {
    let thread = this.placed.get(key);
    if (!thread) {
      thread = this.threads[this.placed.size % this.threads.length]!;
      this.placed.set(key, thread);
    }
    return thread.run(this.nextId++, unit);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}
