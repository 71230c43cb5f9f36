import { stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  CONFIG_FILE,
  loadConfig,
  runRules,
  SEVERITIES,
  STATUSES,
  type RunConfig,
  type RunResult,
  type Severity,
} from '../../engine/index.js';
import { InputError, makeSnapshot, type AccountInfo, type Snapshot } from '../../model/index.js';
import { configurableRules, dailyEngines } from '../../questions/daily.js';
import {
  FINDINGS_FORMATS,
  failuresAtOrAbove,
  makeFindingsReport,
  renderFindings,
  summaryLine,
  type FindingsFormat,
} from '../../report/findings/index.js';
import { allRules } from '../../rules/index.js';
import { loadSource, resolveSource, type SourceOptions } from '../../sources/index.js';
import { writeAtomically, writeChunks } from '../output.js';
import { runScanFix } from './scan-fix.js';
import { VERSION } from '../version.js';

interface ScanFlags {
  format: FindingsFormat;
  failOn: Severity | 'none';
  all?: boolean;
  config?: string;
  out?: string;
  param: Record<string, string>;
  account?: string;
  region?: string;
  fix?: boolean;
  write?: boolean;
  fixParam?: Record<string, string>;
}

/** The PATH that means the bundled demo organisation rather than a file. */
export const DEMO_PATH = 'demo';

export function scanCommand(): Command {
  return new Command('scan')
    .description(
      'Run the rules on CloudFormation templates, Terraform plans, describe-* output or snapshot files, and report the findings.',
    )
    .argument(
      '<path...>',
      `template file or directory, Terraform plan JSON or .tf directory, describe-* directory, snapshot file; '${DEMO_PATH}' for the demo organisation (./${DEMO_PATH} for a file of that name)`,
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(FINDINGS_FORMATS).default('table'),
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit with code 1 when an unsuppressed failure is this severe or more',
      )
        .choices([...SEVERITIES, 'none'])
        .default('none'),
    )
    .addOption(
      new Option('--all', 'report passing, not applicable and undecided results too, not only failures'),
    )
    .addOption(
      new Option(
        '--config <file>',
        `suppressions and rule parameters (default: ./${CONFIG_FILE} when present)`,
      ),
    )
    .addOption(new Option('-o, --out <file>', 'write the report to this file (atomically) instead of stdout'))
    .addOption(
      new Option('--param <key=value>', 'CloudFormation parameter value (repeatable)')
        .argParser(collectKeyValue)
        .default({}),
    )
    .addOption(
      new Option('--account <id>', 'account id for templates and plans that do not say (needed for asff)'),
    )
    .addOption(
      new Option('--region <name>', 'region for templates and plans that do not say (needed for asff)'),
    )
    .addOption(new Option('--fix', 'print the templates with the declared fixes applied, as a unified diff'))
    .addOption(new Option('--write', 'with --fix: rewrite the template files in place'))
    .addOption(
      new Option('--fix-param <key=value>', 'with --fix: a parameter of the fixes (repeatable)')
        .argParser(collectKeyValue)
        .default({}),
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      const config = flags.config
        ? await loadConfig(flags.config, configurableRules())
        : await loadConfig(CONFIG_FILE, configurableRules(), { optional: true });
      if (flags.write && !flags.fix) throw new InputError('--write needs --fix');
      if (flags.fix) return runScanFix(paths, flags, config, sourceOptions(flags));
      const snapshot = await loadInputs(paths, sourceOptions(flags));
      const run = withEngines(
        runRules(snapshot, {
          rules: allRules,
          params: config.params,
          suppressions: config.suppressions,
          // Without --all only failures are shown; the rest are still counted.
          ...(flags.all ? {} : { keep: ['fail'] as const }),
        }),
        snapshot,
        // The engines keep what the rules keep: failures only, or every result with --all.
        { ...config, keep: flags.all ? STATUSES : ['fail'] },
      );
      const report = makeFindingsReport(snapshot, run, {
        tool: { name: 'cloudrounds', version: VERSION },
        inputs: paths,
        all: flags.all ?? false,
      });
      const chunks = renderFindings(flags.format, report, {
        srcRoot: process.cwd(),
        ...(flags.region && { globalRegion: flags.region }),
      });
      if (flags.out) await writeAtomically(flags.out, chunks);
      else await writeChunks(chunks);
      // Machine formats (and files) carry no human summary on stdout: say on stderr what was found
      // and what was not evaluated.
      if (flags.format !== 'table' || flags.out) console.error(summaryLine(report.summary));
      if (flags.failOn !== 'none' && failuresAtOrAbove(report.summary, flags.failOn) > 0) {
        process.exitCode = 1;
      }
    });
}

/**
 * Adds the findings of the engines `daily` runs besides the rules (network exposure, health) to
 * the rules' run, so that `scan` and `daily` report the same problems. A suppression is stale
 * only when no engine used it.
 */
function withEngines(run: RunResult, snapshot: Snapshot, config: RunConfig): RunResult {
  const results = dailyEngines()
    .filter((engine) => engine.name !== 'rules')
    .map((engine) => engine.run(snapshot, config));
  const counts = structuredClone(run.counts);
  for (const r of results) {
    for (const s of STATUSES) counts.byStatus[s] += r.counts.byStatus[s];
    for (const s of SEVERITIES) counts.failBySeverity[s] += r.counts.failBySeverity[s];
    counts.suppressed += r.counts.suppressed;
    counts.suppressionExpired += r.counts.suppressionExpired;
  }
  return {
    findings: [...run.findings, ...results.flatMap((r) => r.findings)],
    counts,
    rules: [...run.rules, ...results.flatMap((r) => r.rules)],
    unusedSuppressions: run.unusedSuppressions.filter((s) =>
      results.every((r) => r.unusedSuppressions.includes(s)),
    ),
  };
}

function sourceOptions(flags: ScanFlags): SourceOptions {
  const options: SourceOptions = { params: flags.param };
  if (flags.account) options.account = flags.account;
  if (flags.region) options.region = flags.region;
  return options;
}

function collectKeyValue(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got '${value}'`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/**
 * Loads every PATH and merges them into one snapshot (resources and coverage concatenated). A PATH
 * that cannot be read at all is an input error naming it; problems inside a directory are the
 * source's coverage gaps, and the rest still loads.
 */
export async function loadInputs(paths: readonly string[], options: SourceOptions): Promise<Snapshot> {
  const seen = new Set<string>();
  const snapshots: Snapshot[] = [];
  for (const path of paths) {
    const key = path === DEMO_PATH ? DEMO_PATH : resolve(path);
    if (seen.has(key)) continue;
    seen.add(key);
    const snapshot = await loadInput(path, options);
    if (snapshot.resources.length === 0) console.error(`warning: ${path}: no resources found`);
    snapshots.push(snapshot);
  }
  return merge(snapshots);
}

async function loadInput(path: string, options: SourceOptions): Promise<Snapshot> {
  if (path === DEMO_PATH) return loadSource(DEMO_PATH, options);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InputError('no such file or directory', { file: path });
  const base = info.isDirectory() ? path : dirname(path);
  const source = await resolveSource(path);
  let snapshot: Snapshot;
  try {
    snapshot = await source.load(path, options);
  } catch (error) {
    if (error instanceof InputError) throw relocate(error, path, base);
    throw error;
  }
  // Snapshot files record paths relative to what was collected then; we cannot rebase those.
  return source.kind === 'snapshot' ? snapshot : rebase(snapshot, base);
}

/** A path as the user sees it: relative to the working directory, with forward slashes. */
function fromCwd(abs: string): string {
  return relative(process.cwd(), abs).split(sep).join('/') || '.';
}

/** Sources name files relative to the input; an error about one names it from the working directory. */
function relocate(error: InputError, path: string, base: string): InputError {
  let file = path;
  if (error.file && resolve(error.file) !== resolve(path)) file = fromCwd(resolve(base, error.file));
  const where: ConstructorParameters<typeof InputError>[1] = { file };
  if (error.line !== undefined) where.line = error.line;
  if (error.column !== undefined) where.column = error.column;
  if (error.path !== undefined) where.path = error.path;
  return new InputError(error.message, where);
}

/**
 * Rewrites the files of resources and gaps from relative-to-the-input to relative-to-the-working
 * directory, so that findings from several PATHs name their files unambiguously (and SARIF can
 * point at them from `SRCROOT`).
 */
function rebase(snapshot: Snapshot, base: string): Snapshot {
  const cache = new Map<string, string>();
  const to = (file: string) => {
    let out = cache.get(file);
    if (out === undefined) cache.set(file, (out = fromCwd(resolve(base, file))));
    return out;
  };
  for (const r of snapshot.resources) {
    if (r.origin.file) r.origin = { ...r.origin, file: to(r.origin.file) };
  }
  return { ...snapshot, coverage: snapshot.coverage.map((g) => (g.file ? { ...g, file: to(g.file) } : g)) };
}

function merge(snapshots: readonly Snapshot[]): Snapshot {
  if (snapshots.length === 1) return snapshots[0]!;
  const accounts = new Map<string, AccountInfo>();
  for (const s of snapshots) for (const a of s.accounts) accounts.set(a.id, { ...accounts.get(a.id), ...a });
  // Rules that compare ages see the newest of the inputs' times.
  const takenAt = snapshots.map((s) => s.takenAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  return makeSnapshot(
    snapshots.flatMap((s) => s.resources),
    snapshots.flatMap((s) => s.coverage),
    {
      takenAt,
      accounts: [...accounts.values()].sort((a, b) => a.id.localeCompare(b.id)),
      regions: snapshots.flatMap((s) => s.regions),
    },
  );
}
