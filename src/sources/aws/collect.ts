/**
 * Live collection end to end: scope (credentials, accounts, regions) → one unit per (account,
 * region, collector) → journal → mapping → snapshot.
 */
import { GLOBAL_REGION, type CoverageGap, type Snapshot } from '../../model/index.js';
import { ClientPool, DEFAULT_CLIENT_SETTINGS, type ClientSettings, type Credentials } from './clients.js';
import type { Collector } from './collector.js';
import { COLLECTORS, collectorsById } from './collectors/index.js';
import { Journal, unitKey } from './journal.js';
import { buildSnapshot, type UnitResult } from './mapping.js';
import type { CollectProgress } from './progress.js';
import { DEFAULT_RUNNER_OPTIONS, Runner, type RunnerOptions, type RunnerStats } from './runner.js';
import { resolveScope, type ScopeOptions } from './scope.js';
import { defaultCollectWorkers, UnitThreads } from './unit-threads.js';

export interface CollectOptions extends ScopeOptions {
  /** Collectors to run (default all). */
  collectors?: readonly Collector[];
  /** Journal file for `--resume`; none by default. */
  journal?: string;
  resume?: boolean;
  runner?: Partial<RunnerOptions>;
  client?: Partial<ClientSettings>;
  onProgress?: (progress: CollectProgress) => void;
  /**
   * Worker threads that make the calls of the units that read no other unit (default: one per CPU,
   * at most three; 0 keeps everything on the main thread; see unit-threads.ts). Runner options given
   * as functions (`sleep`, `random`, `now`) or collectors outside the registry keep their units on
   * the main thread.
   */
  workers?: number;
}

export interface CollectResult {
  snapshot: Snapshot;
  stats: RunnerStats & { units: number; resumedUnits: number };
}

export async function collectAws(options: CollectOptions = {}): Promise<CollectResult> {
  const settings: ClientSettings = { ...DEFAULT_CLIENT_SETTINGS, ...options.client };
  if (options.endpointUrl) settings.endpoint = options.endpointUrl;
  const pool = new ClientPool(settings);
  const runnerOptions = { ...DEFAULT_RUNNER_OPTIONS, ...options.runner };
  const runner = new Runner(pool, runnerOptions);
  const collectors = options.collectors ?? COLLECTORS;
  const registry = collectorsById();
  // Functions cannot cross to a worker thread: a backoff driven by the caller (tests) keeps every unit
  // on the main thread. A clock crosses as its offset from this thread's.
  const portable = options.runner?.sleep === undefined && options.runner?.random === undefined;
  const workerCount = portable ? (options.workers ?? defaultCollectWorkers()) : 0;
  // Workers start before the scope is resolved, so that loading them overlaps the discovery calls.
  const credentials = new Map<string, Credentials>();
  let onWorkerStats = (_delta: RunnerStats): void => undefined;
  const workers =
    workerCount > 0
      ? new UnitThreads(
          workerCount,
          {
            settings,
            runner: {
              perService: runnerOptions.perService,
              // The overall limit is shared out between the workers.
              total: Math.max(runnerOptions.perService, Math.ceil(runnerOptions.total / workerCount)),
              retryRounds: runnerOptions.retryRounds,
              backoffBaseMs: runnerOptions.backoffBaseMs,
              backoffMaxMs: runnerOptions.backoffMaxMs,
              callTimeoutMs: runnerOptions.callTimeoutMs,
              maxPages: runnerOptions.maxPages,
            },
            clockOffsetMs: runnerOptions.now().getTime() - Date.now(),
          },
          (account) => {
            const found = credentials.get(account);
            if (!found) throw new Error(`no credentials for account ${account}`);
            return found;
          },
          (delta) => onWorkerStats(delta),
          expectedServices(collectors, registry),
        )
      : undefined;
  try {
    const scope = await resolveScope(runner, options);
    for (const account of scope.accounts) credentials.set(account.id, account.credentials);
    const opened = options.journal ? await Journal.open(options.journal, options.resume === true) : undefined;
    const finished = new Map((opened?.done ?? []).map((u) => [unitKey(u), u]));

    const plan: Array<{ collector: Collector; account: (typeof scope.accounts)[number]; region: string }> =
      [];
    for (const account of scope.accounts) {
      for (const collector of startOrder(collectors)) {
        const regions = collector.global ? [GLOBAL_REGION] : account.regions;
        for (const region of regions) plan.push({ collector, account, region });
      }
    }
    const results: UnitResult[] = [];
    const done = new Map<string, UnitResult>();
    const byId = collectorsById(collectors);
    let resumed = 0;
    const progress: CollectProgress = {
      accounts: scope.accounts.length,
      regions: new Set(scope.accounts.flatMap((a) => a.regions)).size,
      services: new Set(collectors.map((c) => c.service)).size,
      unitsDone: 0,
      unitsTotal: plan.length,
      calls: 0,
      gaps: 0,
    };
    const report = (): void => {
      progress.calls = runner.stats.calls;
      progress.gaps = runner.stats.gaps + scope.gaps.length;
      options.onProgress?.({ ...progress });
    };
    onWorkerStats = (delta) => {
      runner.stats.calls += delta.calls;
      runner.stats.retries += delta.retries;
      runner.stats.gaps += delta.gaps;
      report();
    };
    const runPlanned = async ({ collector, account, region }: (typeof plan)[number]): Promise<void> => {
      const key = unitKey({ account: account.id, region, collector: collector.id });
      let unit = finished.get(key);
      if (unit) resumed++;
      else {
        const clientRegion = region === GLOBAL_REGION ? scope.homeRegion : region;
        // A dependency's unit in the same account: the same region, or the account's one global unit.
        const upstream = (id: string) =>
          done.get(
            unitKey({
              account: account.id,
              region: byId.get(id)?.global ? GLOBAL_REGION : region,
              collector: id,
            }),
          )?.data;
        const thread =
          workers && !collector.dependsOn?.length && registry.get(collector.id) === collector
            ? workers.threadFor(`${account.id}|${clientRegion}|${collector.service}`, collector.service)
            : undefined;
        const data = thread
          ? await workers!.run(thread, { collector: collector.id, account: account.id, region, clientRegion })
          : await runner.runUnit(collector, account, region, clientRegion, upstream);
        unit = { collector: collector.id, account: account.id, region, clientRegion, data };
        await opened?.journal.record(unit);
      }
      results.push(unit);
      done.set(key, unit);
      progress.unitsDone++;
      report();
    };
    // A unit starts as soon as the units it reads have finished (its dependencies in the same account
    // and region, or the account's global unit), not when a whole phase has: the metrics of one
    // region need not wait for IAM or for another region. Phases only order the creation of the
    // promises, so that every dependency's promise exists before its dependents'.
    const running = new Map<string, Promise<void>>();
    for (const phase of phasesOf(collectors)) {
      for (const planned of plan.filter((p) => phase.has(p.collector))) {
        const deps = (planned.collector.dependsOn ?? []).flatMap((id) => {
          const upstream = byId.get(id);
          if (!upstream) return [];
          const region = upstream.global ? GLOBAL_REGION : planned.region;
          const dep = running.get(unitKey({ account: planned.account.id, region, collector: id }));
          return dep ? [dep] : [];
        });
        const key = unitKey({
          account: planned.account.id,
          region: planned.region,
          collector: planned.collector.id,
        });
        running.set(
          key,
          Promise.all(deps).then(() => runPlanned(planned)),
        );
      }
    }
    await Promise.all(running.values());
    await opened?.journal.flush();
    // Units finish in any order; the snapshot must not depend on it.
    results.sort((a, b) => unitKey(a).localeCompare(unitKey(b)));
    const scopeGaps: CoverageGap[] = scope.gaps;
    const snapshot = buildSnapshot(results, byId, {
      accounts: scope.accountInfo,
      regions: [...new Set(scope.accounts.flatMap((a) => a.regions))].sort(),
      gaps: scopeGaps,
    });
    return { snapshot, stats: { ...runner.stats, units: plan.length, resumedUnits: resumed } };
  } finally {
    pool.destroy();
    await workers?.close();
  }
}

/** Global collectors first: in most accounts IAM's and S3's units are the longest. */
function startOrder(collectors: readonly Collector[]): Collector[] {
  return [...collectors].sort((a, b) => Number(b.global ?? false) - Number(a.global ?? false));
}

/**
 * The services of an account's units that can run on a worker, in the order they start, with the
 * collector folders each needs (see UnitThreads: workers load them while the scope is resolved).
 */
function expectedServices(
  collectors: readonly Collector[],
  registry: ReadonlyMap<string, Collector>,
): Array<{ service: string; folders: string[] }> {
  const services = new Map<string, Set<string>>();
  for (const c of startOrder(collectors)) {
    if (c.dependsOn?.length || registry.get(c.id) !== c) continue;
    let folders = services.get(c.service);
    if (!folders) services.set(c.service, (folders = new Set()));
    folders.add(c.id.slice(0, c.id.indexOf('/')));
  }
  return [...services].map(([service, folders]) => ({ service, folders: [...folders] }));
}

/**
 * Collectors in run order: first those that depend on nothing, then those whose dependencies are all
 * in earlier phases. A dependency that is not among the collectors run is simply absent.
 */
export function phasesOf(collectors: readonly Collector[]): Array<Set<Collector>> {
  const ids = new Set(collectors.map((c) => c.id));
  const depth = new Map<string, number>();
  const depthOf = (collector: Collector, seen: string[]): number => {
    const known = depth.get(collector.id);
    if (known !== undefined) return known;
    if (seen.includes(collector.id)) {
      throw new Error(`collectors depend on each other: ${[...seen, collector.id].join(' → ')}`);
    }
    let d = 0;
    for (const dep of collector.dependsOn ?? []) {
      const upstream = ids.has(dep) ? collectors.find((c) => c.id === dep) : undefined;
      if (upstream) d = Math.max(d, depthOf(upstream, [...seen, collector.id]) + 1);
    }
    depth.set(collector.id, d);
    return d;
  };
  const phases: Array<Set<Collector>> = [];
  for (const collector of collectors) (phases[depthOf(collector, [])] ??= new Set()).add(collector);
  return phases.filter((p) => p !== undefined);
}
