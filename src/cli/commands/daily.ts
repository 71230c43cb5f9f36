import { Command, Option } from 'commander';
import { CONFIG_FILE, SEVERITIES, loadConfig, type Severity } from '../../engine/index.js';
import { InputError, type Snapshot } from '../../model/index.js';
import {
  configurableRules,
  daily,
  dailyEngines,
  evaluateDaily,
  type DailyAnswer,
  type DailyHistory,
} from '../../questions/daily.js';
import { dailyCost } from '../../questions/cost.js';
import { loadPriceBook, loadSpend } from './cost.js';
import { logDetectionEngines } from './logs.js';
import {
  renderDailyHtml,
  renderDailyJsonChunks,
  renderDailyMarkdown,
  renderDailyText,
  type DailyReportFiles,
} from '../../report/daily/index.js';
import { failuresAtOrAbove, summarize } from '../../report/findings/summary.js';
import { resolveSource } from '../../sources/index.js';
import { findingKey, scopeKey } from '../../store/keys.js';
import type { Store } from '../../store/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write, writeAtomically, writeChunks } from '../output.js';
import { VERSION } from '../version.js';

interface DailyFlags extends SourceFlags {
  db?: string;
  /** False with --no-store. */
  store: boolean;
  html?: string;
  json?: string;
  md?: string;
  failOn: Severity | 'none';
  config?: string;
  cur?: string;
}

/** The value of --json / --md that means standard output instead of a file. */
const STDOUT = '-';

export function dailyCommand(): Command {
  return addSourceOptions(new Command('daily'))
    .description(
      'The daily rounds: run every check on the source, record the run, and show on one screen what is unhealthy, ' +
        'what to fix today, what changed since the previous run and what was not evaluated.',
    )
    .addOption(
      new Option(
        '--db <file>',
        'the history database (default: $CLOUDROUNDS_HOME or ~/.cloudrounds, cloudrounds.duckdb)',
      ),
    )
    .addOption(new Option('--no-store', 'do not record the run (and compare with nothing)'))
    .addOption(new Option('--html <file>', 'write the full report as one self-contained HTML file'))
    .addOption(new Option('--md <file>', `write the full report as Markdown ('${STDOUT}' for stdout)`))
    .addOption(new Option('--json <file>', `write the answer as versioned JSON ('${STDOUT}' for stdout)`))
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit with code 1 when an unsuppressed failure is this severe or more',
      )
        .choices([...SEVERITIES, 'none'])
        .default('none'),
    )
    .addOption(
      new Option(
        '--cur <path>',
        'a CUR 2.0 export (Parquet or CSV) for spend anomalies and commitment advice (the demo has its own)',
      ),
    )
    .addOption(
      new Option(
        '--config <file>',
        `suppressions and rule parameters (default: ./${CONFIG_FILE} when present)`,
      ),
    )
    .action(async (flags: DailyFlags) => {
      if (flags.json === STDOUT && flags.md === STDOUT) {
        throw new InputError(`--json ${STDOUT} and --md ${STDOUT} cannot both write to stdout`);
      }
      const startedAt = new Date();
      // Configuration and store first: a bad configuration or a locked database fails before the work.
      const config = flags.config
        ? await loadConfig(flags.config, configurableRules())
        : await loadConfig(CONFIG_FILE, configurableRules(), { optional: true });
      const store = flags.store ? await openHistory(flags.db) : undefined;
      try {
        const source = await resolveSource(flags.source);
        const sourceOptions = sourceOptionsFrom(flags);
        const snapshot = await source.load(flags.source, sourceOptions);
        const scope = scopeOf(source.kind, flags, snapshot);

        // Engines. Network, IAM and cost engines join the rules engine in `dailyEngines()`.
        // Log detections are queried first: engines run synchronously, the store does not.
        const logEngines = store ? await logDetectionEngines(store.path) : [];
        const evaluation = evaluateDaily(snapshot, config, [...dailyEngines(), ...logEngines]);
        const scaled = flags.accounts !== undefined || flags.resourcesPerAccount !== undefined;
        const [prices, cur] = await Promise.all([loadPriceBook(), loadSpend(flags.cur, source.kind, scaled)]);
        const cost = dailyCost(snapshot, evaluation.findings, prices, cur);

        const history = store
          ? await record(store, { scope, sourceKind: source.kind, startedAt, snapshot, evaluation })
          : undefined;
        const answer = daily({
          snapshot,
          evaluation,
          source: { spec: flags.source, kind: source.kind, scope },
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          history,
          keyOf: findingKey,
          tool: { name: 'cloudrounds', version: VERSION },
          cost,
        });

        const files = await writeReports(answer, flags);
        if (flags.json !== STDOUT && flags.md !== STDOUT) {
          await write(renderDailyText(answer, { width: screenWidth(), files }));
        }
        const summary = summarize(snapshot, evaluation);
        if (flags.failOn !== 'none' && failuresAtOrAbove(summary, flags.failOn) > 0) process.exitCode = 1;
      } finally {
        await store?.close();
      }
    });
}

/** Opens the store; imported lazily so that `--no-store` never loads DuckDB. */
async function openHistory(db: string | undefined): Promise<Store> {
  const { openStore, defaultStorePath } = await import('../../store/index.js');
  return openStore(db ?? defaultStorePath());
}

interface RecordInput {
  scope: string;
  sourceKind: string;
  startedAt: Date;
  snapshot: Snapshot;
  evaluation: ReturnType<typeof evaluateDaily>;
}

/** Records the run (findings, snapshot, coverage) and reads back what the report needs. */
async function record(store: Store, input: RecordInput): Promise<DailyHistory> {
  const { snapshot, evaluation } = input;
  const runId = await store.recordRun({
    scope: input.scope,
    sourceKind: input.sourceKind,
    startedAt: input.startedAt,
    findings: evaluation.findings,
    snapshot,
    coverage: snapshot.coverage,
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

/**
 * The scope runs are compared within (see docs/store.md). The synthetic large demo organisation
 * gets its own scope per size, so it is never compared with the demo organisation.
 */
function scopeOf(kind: string, flags: DailyFlags, snapshot: Snapshot): string {
  if (kind === 'demo' && (flags.accounts !== undefined || flags.resourcesPerAccount !== undefined)) {
    const o = sourceOptionsFrom(flags);
    return `demo:${o.accounts}x${o.resourcesPerAccount}`;
  }
  if (kind === 'aws') return scopeKey({ kind, accounts: snapshot.accounts.map((a) => a.id) });
  return scopeKey({ kind, input: flags.source });
}

/** Writes the requested report files (or stdout for `-`) and returns the names written. */
async function writeReports(answer: DailyAnswer, flags: DailyFlags): Promise<DailyReportFiles> {
  const files: DailyReportFiles = {};
  const emit = async (to: string, chunks: Iterable<string>) => {
    if (to === STDOUT) await writeChunks(chunks, write);
    else await writeAtomically(to, chunks);
    return to === STDOUT ? 'stdout' : to;
  };
  if (flags.json !== undefined) files.json = await emit(flags.json, renderDailyJsonChunks(answer));
  if (flags.md !== undefined) files.md = await emit(flags.md, [renderDailyMarkdown(answer)]);
  if (flags.html !== undefined) files.html = await emit(flags.html, [renderDailyHtml(answer)]);
  return files;
}

/** The store's timestamps (`2026-11-22 06:00:00.123`, UTC) as ISO 8601. */
function isoTime(value: string): string {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

function screenWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? Math.max(80, process.stdout.columns) : 160;
}
