/**
 * What the server holds between requests: the snapshot loaded once at start, the daily
 * evaluation over it, the findings index, the models the questions reuse (network, IAM), and a
 * cache of answers per route and parameters.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE, loadConfig, type RunConfig } from '../engine/index.js';
import { buildIamModel, type IamModel } from '../iam/index.js';
import type { Snapshot } from '../model/index.js';
import { buildNetwork, type NetworkModel } from '../network/index.js';
import type { PriceBook, SpendInput } from '../cost/index.js';
import { dailyCost, type DailyCost } from '../questions/cost.js';
import { prepareReach } from '../questions/reach.js';
import {
  configurableRules,
  daily,
  dailyEngines,
  evaluateDaily,
  type DailyAnswer,
  type DailyEngine,
  type DailyEvaluation,
  type DailyFinding,
  type DailyHistory,
} from '../questions/daily.js';
import { resolveSource, type SourceOptions } from '../sources/index.js';
import { defaultStorePath, findingKey, scopeKey } from '../store/index.js';
import { loadPriceBook, loadSpend } from '../cli/commands/cost.js';
import { logDetectionEngines } from '../cli/commands/logs.js';
import { VERSION } from '../cli/version.js';
import { FindingsIndex } from './findings-index.js';

export type EphemeralProfile = NonNullable<Parameters<typeof buildNetwork>[1]>['ephemeral'];

/** How to load what the server serves. */
export interface LoadOptions {
  /** `--source` (default `demo`). */
  source?: string;
  sourceOptions?: SourceOptions;
  /**
   * The history database: a path, `false` for none, or undefined for the default store when it
   * exists. Logs routes work when it holds ingested logs.
   */
  db?: string | false;
  /** Record this evaluation as a run of the scope (like `daily`). */
  record?: boolean;
  /** Configuration file read for suppressions and parameters, and written by suppress. */
  configFile?: string;
  /** A CUR export for spend analysis. */
  cur?: string;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface ServerState {
  tool: { name: string; version: string };
  source: { spec: string; kind: string; scope: string };
  loadedAt: string;
  snapshot: Snapshot;
  configFile: string;
  config: RunConfig;
  evaluation: DailyEvaluation;
  engines: readonly DailyEngine[];
  answer: DailyAnswer;
  index: FindingsIndex;
  prices: PriceBook;
  cur: SpendInput | undefined;
  history: DailyHistory | undefined;
  /** The history database in use (trend, logs), if any. */
  storePath: string | undefined;
  /** The store holds ingested logs. */
  logs: boolean;
  network(ephemeral?: EphemeralProfile): NetworkModel;
  iam(): IamModel;
  /** Answers per route and normalised parameters; cleared when a suppression changes findings. */
  cache: Map<string, unknown>;
  /** Builds the daily answer and the findings index from the evaluation. */
  rebuild(): void;
  /**
   * After the suppression marks of the answer's findings at `changed` were replaced (same order,
   * same array): recomputes what depends on them (totals, top ten, blast radius, the cost section
   * when a cost finding changed) and updates the index in place, without keying, sorting or
   * indexing the findings again.
   */
  remark(changed: readonly number[], costChanged: boolean): void;
}

/** Loads the source, runs every engine of the daily rounds, and prepares the indexes. */
export async function loadState(options: LoadOptions = {}): Promise<ServerState> {
  const log = options.log ?? (() => undefined);
  const spec = options.source ?? 'demo';
  const configFile = resolve(options.configFile ?? CONFIG_FILE);
  // A file that does not exist yet is an empty configuration: the first suppression creates it.
  const config = await loadConfig(configFile, configurableRules(), { optional: true });

  const startedAt = new Date();
  log(`loading ${spec} ...`);
  const source = await resolveSource(spec);
  const sourceOptions = options.sourceOptions ?? {};
  const snapshot = await source.load(spec, sourceOptions);
  log(`loaded ${snapshot.resources.length.toLocaleString('en-US')} resources`);
  const scaled = sourceOptions.accounts !== undefined || sourceOptions.resourcesPerAccount !== undefined;
  const scope =
    source.kind === 'demo' && scaled
      ? `demo:${sourceOptions.accounts}x${sourceOptions.resourcesPerAccount}`
      : source.kind === 'aws'
        ? scopeKey({ kind: 'aws', accounts: snapshot.accounts.map((a) => a.id) })
        : scopeKey({ kind: source.kind, input: spec });

  const storePath =
    options.db === false
      ? undefined
      : options.db !== undefined
        ? resolve(options.db)
        : existsSync(defaultStorePath())
          ? defaultStorePath()
          : undefined;
  const logEngines = storePath && existsSync(storePath) ? await logDetectionEngines(storePath) : [];
  const engines = [...dailyEngines(), ...logEngines];
  log(`evaluating (${engines.map((e) => e.name).join(', ')}) ...`);
  const evaluation = evaluateDaily(snapshot, config, engines);
  log(`${evaluation.findings.length.toLocaleString('en-US')} findings`);
  const [prices, cur] = await Promise.all([loadPriceBook(), loadSpend(options.cur, source.kind, scaled)]);

  const history = storePath
    ? await readHistory(storePath, options.record === true, {
        scope,
        sourceKind: source.kind,
        startedAt,
        snapshot,
        evaluation,
      })
    : undefined;

  const tool = { name: 'cloudrounds', version: VERSION };
  const sourceInfo = { spec, kind: source.kind, scope };
  const networks = new Map<string, NetworkModel>();
  let iamModel: IamModel | undefined;

  const state: ServerState = {
    tool,
    source: sourceInfo,
    loadedAt: new Date().toISOString(),
    snapshot,
    configFile,
    config,
    evaluation,
    engines,
    answer: undefined as unknown as DailyAnswer,
    index: undefined as unknown as FindingsIndex,
    prices,
    cur,
    history,
    storePath,
    logs: logEngines.length > 0,
    network(ephemeral = 'auto') {
      let model = networks.get(ephemeral);
      if (!model) networks.set(ephemeral, (model = buildNetwork(snapshot, { ephemeral })));
      return model;
    },
    iam() {
      return (iamModel ??= buildIamModel(snapshot));
    },
    cache: new Map(),
    rebuild() {
      answer(dailyCost(snapshot, state.evaluation.findings, prices, cur));
      state.index = new FindingsIndex(state.answer.findings);
      state.index.prepare();
      state.cache.clear();
    },
    remark(changed, costChanged) {
      const findings = state.answer.findings;
      state.evaluation.findings = findings;
      answer(costChanged ? dailyCost(snapshot, findings, prices, cur) : state.answer.cost, findings);
      for (const i of changed) state.index.refresh(i);
      state.cache.clear();
    },
  };
  /** The daily answer of the evaluation (of `findings`, already keyed and ordered, when given). */
  const answer = (cost: DailyCost | undefined, findings?: DailyFinding[]) => {
    state.answer = daily({
      snapshot,
      evaluation: state.evaluation,
      source: sourceInfo,
      startedAt: startedAt.toISOString(),
      finishedAt: state.loadedAt,
      ...(history ? { history } : {}),
      keyOf: findingKey,
      tool,
      ...(cost ? { cost } : {}),
      ...(findings ? { findings } : {}),
    });
    if (history && !history.runId) {
      // Not recorded: nothing was compared, but the stored runs' trend still shows.
      state.answer = {
        ...state.answer,
        run: { ...state.answer.run, id: null, recorded: false },
        changes: { ...state.answer.changes, compared: false, previousRun: null, new: [] },
      };
    }
  };
  state.rebuild();
  log('building the network model ...');
  // The default profile's model and the REF indexes, so the first reach question is as quick as the next.
  prepareReach(snapshot, state.network());
  return state;
}

interface RecordInput {
  scope: string;
  sourceKind: string;
  startedAt: Date;
  snapshot: Snapshot;
  evaluation: DailyEvaluation;
}

/**
 * The store's side of the overview: with `record`, the run is recorded and compared with the
 * previous one (as `daily` does); without, the store is only read for the trend of earlier runs
 * (runId 0 marks "not recorded").
 */
async function readHistory(
  path: string,
  record: boolean,
  input: RecordInput,
): Promise<DailyHistory | undefined> {
  if (!record && !existsSync(path)) return undefined;
  const { openStore } = await import('../store/index.js');
  const store = await openStore(path, { readOnly: !record });
  try {
    if (record) {
      const runId = await store.recordRun({
        scope: input.scope,
        sourceKind: input.sourceKind,
        startedAt: input.startedAt,
        findings: input.evaluation.findings,
        snapshot: input.snapshot,
        coverage: input.snapshot.coverage,
        toolVersion: VERSION,
      });
      const previous = await store.previousRun(input.scope, runId);
      const diff = await store.diff(runId, previous?.id);
      const trend = await store.trend(input.scope);
      return {
        runId,
        store: store.path,
        ...(previous && {
          previousRun: { id: previous.id, startedAt: isoTime(previous.startedAt), status: previous.status },
        }),
        diff,
        trend: trend.slice(-60).map((p) => ({ ...p, startedAt: isoTime(p.startedAt) })),
      };
    }
    const trend = await store.trend(input.scope);
    return {
      runId: 0,
      store: store.path,
      diff: { new: [], resolved: [], stillOpen: 0 },
      trend: trend.slice(-60).map((p) => ({ ...p, startedAt: isoTime(p.startedAt) })),
    };
  } finally {
    await store.close();
  }
}

/** The store's timestamps (`2026-11-22 06:00:00.123`, UTC) as ISO 8601. */
function isoTime(value: string): string {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}
