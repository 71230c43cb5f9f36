/**
 * `cloudrounds logs`: ingest CloudTrail, VPC flow, S3 access and ALB logs (local files or S3) into
 * the store, ask the named questions, run SQL, run detections (built-in and Sigma), and emit
 * Athena DDL or run the same SQL on Athena. See docs/logs.md.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { athenaDdl } from '../../logs/athena-ddl.js';
import { type Detection, builtinDetections, detectionSql } from '../../logs/detections.js';
import type { Dialect } from '../../logs/dialect.js';
import { logIngestSql } from '../../logs/ingest-sql.js';
import { compileSigmaYaml } from '../../logs/sigma.js';
import { InputError } from '../../model/index.js';
import type { DailyEngine } from '../../questions/daily.js';
import {
  LOGS_SCHEMA_VERSION,
  LOG_QUESTION_TITLES,
  type DetectAnswer,
  type DetectionResult,
  type LogQuestion,
  type UnsupportedRule,
  detectionResult,
  logAnswer,
  logDetectionsEngine,
  logQuestionParams,
  logQuestionSql,
} from '../../questions/logs.js';
import { renderTable } from '../../report/table.js';
import type { IngestReport, LogKind, LogStore, QueryResult } from '../../store/logs/index.js';
import { LOG_KINDS } from '../../store/logs/types.js';
import { write, writeJson } from '../output.js';

interface StoreFlags {
  db?: string;
}

interface EngineFlags extends StoreFlags {
  engine: Dialect;
  workgroup?: string;
  output?: string;
  database?: string;
  region?: string;
  endpointUrl?: string;
  json?: boolean;
  sql?: boolean;
}

const dbOption = () =>
  new Option('--db <file>', 'the store (default: $CLOUDROUNDS_HOME or ~/.cloudrounds, cloudrounds.duckdb)');

function addEngineOptions(command: Command): Command {
  return command
    .addOption(dbOption())
    .addOption(
      new Option('--engine <engine>', 'where the SQL runs').choices(['duckdb', 'athena']).default('duckdb'),
    )
    .addOption(new Option('--workgroup <name>', 'Athena workgroup'))
    .addOption(new Option('--output <s3uri>', 'Athena query result location (s3://...)'))
    .addOption(new Option('--database <name>', 'Athena database holding the tables of `logs athena-ddl`'))
    .addOption(new Option('--region <region>', 'AWS region for Athena'))
    .addOption(new Option('--endpoint-url <url>', 'Athena endpoint override'))
    .addOption(new Option('--sql', 'print the SQL instead of running it'))
    .addOption(new Option('--json', 'write the answer as versioned JSON'));
}

export function logsCommand(): Command {
  const logs = new Command('logs').description(
    'CloudTrail, VPC flow, S3 access and ALB logs: ingest into the store, ask who changed what, detect, or run on Athena.',
  );
  logs.addCommand(ingestCommand());
  logs.addCommand(queryCommand());
  for (const question of Object.keys(logQuestionParams) as LogQuestion[])
    logs.addCommand(questionCommand(question));
  logs.addCommand(detectCommand());
  logs.addCommand(athenaDdlCommand());
  for (const command of logs.commands) command.exitOverride();
  return logs;
}

// ---------------------------------------------------------------------------------------------

function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      'Read log files, directories (walked) or s3://bucket/prefix into the store; re-ingesting adds nothing.',
    )
    .argument('<paths...>', 'files, directories or s3:// prefixes')
    .addOption(dbOption())
    .addOption(
      new Option('--kind <kind>', 'read every file as this format instead of recognising it').choices([
        ...LOG_KINDS,
      ]),
    )
    .addOption(new Option('--flow-format <fields>', 'field list of flow-log files without a header line'))
    .addOption(new Option('--endpoint-url <url>', 'S3 endpoint override (also AWS_ENDPOINT_URL_S3)'))
    .addOption(new Option('--region <region>', 'AWS region for S3'))
    .addOption(new Option('--json', 'write the ingestion report as JSON'))
    .action(
      async (
        paths: string[],
        flags: StoreFlags & {
          kind?: LogKind;
          flowFormat?: string;
          endpointUrl?: string;
          region?: string;
          json?: boolean;
        },
      ) => {
        const sql = logIngestSql(flags.flowFormat ? { flowFormat: flags.flowFormat } : {});
        const store = await openLogStore(flags.db);
        const options = flags.kind ? { kind: flags.kind } : {};
        const started = performance.now();
        try {
          const reports: IngestReport[] = [];
          const local = paths.filter((p) => !p.startsWith('s3://'));
          for (const p of local)
            await stat(p).catch(() => {
              throw new InputError('no such file or directory', { file: p });
            });
          if (local.length) reports.push(await store.ingestPaths(local, sql, options));
          for (const uri of paths.filter((p) => p.startsWith('s3://')))
            reports.push(await ingestS3(store, uri, sql, options, flags));
          const report = mergeReports(reports);
          const seconds = (performance.now() - started) / 1000;
          if (flags.json) await writeJson({ schemaVersion: LOGS_SCHEMA_VERSION, ...report, seconds });
          else await write(ingestText(report, seconds, store.path));
          if (report.failed > 0 || report.skippedLines > 0) process.exitCode = process.exitCode ?? 0;
        } finally {
          store.close();
        }
      },
    );
}

async function ingestS3(
  store: LogStore,
  uri: string,
  sql: ReturnType<typeof logIngestSql>,
  options: { kind?: LogKind },
  flags: { endpointUrl?: string; region?: string },
): Promise<IngestReport> {
  const { downloadS3Prefix } = await import('../../store/logs/s3.js');
  const known = new Map<string, string>();
  if (await store.hasTable('log_files')) {
    const rows = await store.query(
      `SELECT path, size, epoch_ms(mtime) AS mtime FROM log_files WHERE path LIKE 's3://%'`,
    );
    for (const r of rows.rows) known.set(String(r.path), `${String(r.size)}:${String(r.mtime)}`);
  }
  const download = await downloadS3Prefix(uri, {
    ...(flags.endpointUrl && { endpoint: flags.endpointUrl }),
    ...(flags.region && { region: flags.region }),
    known: (id, size, mtime) => known.get(id) === `${size}:${mtime.getTime()}`,
  });
  try {
    const report = await store.ingest(download.inputs, sql, options);
    report.alreadyIngested += download.alreadyIngested;
    return report;
  } finally {
    await download.cleanup();
  }
}

function mergeReports(reports: IngestReport[]): IngestReport {
  const out: IngestReport = {
    ingested: 0,
    alreadyIngested: 0,
    skipped: 0,
    failed: 0,
    records: { cloudtrail: 0, flow: 0, 's3-access': 0, alb: 0 },
    duplicates: 0,
    skippedLines: 0,
    warnings: [],
    bytes: 0,
  };
  for (const r of reports) {
    out.ingested += r.ingested;
    out.alreadyIngested += r.alreadyIngested;
    out.skipped += r.skipped;
    out.failed += r.failed;
    out.duplicates += r.duplicates;
    out.skippedLines += r.skippedLines;
    out.bytes += r.bytes;
    for (const k of LOG_KINDS) out.records[k] += r.records[k];
    out.warnings.push(...r.warnings);
  }
  return out;
}

function ingestText(r: IngestReport, seconds: number, db: string): string {
  const records = LOG_KINDS.filter((k) => r.records[k] > 0).map(
    (k) => `${r.records[k].toLocaleString('en-US')} ${k}`,
  );
  const lines = [
    `Ingested ${r.ingested} file(s) into ${db} in ${seconds.toFixed(1)} s: ${records.length ? records.join(', ') : 'no'} records.`,
    `Already ingested: ${r.alreadyIngested}; skipped: ${r.skipped}; failed: ${r.failed}; duplicate events: ${r.duplicates}; malformed lines skipped: ${r.skippedLines}.`,
  ];
  for (const w of r.warnings)
    lines.push(`warning: ${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`);
  const listed = r.warnings.length;
  const total = r.failed + r.skippedLines;
  if (total > listed) lines.push(`(${total - listed} more warnings not listed)`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

function queryCommand(): Command {
  return addEngineOptions(
    new Command('query')
      .description(
        'Run read-only SQL over the log tables (cloudtrail_logs, vpc_flow_logs, s3_access_logs, alb_logs, log_files).',
      )
      .argument('<sql>', 'the query'),
  ).action(async (sql: string, flags: EngineFlags) => {
    const result = await runSql(sql, flags);
    if (flags.json)
      await writeJson({
        schemaVersion: LOGS_SCHEMA_VERSION,
        engine: flags.engine,
        sql,
        columns: result.columns,
        rows: result.rows,
      });
    else await write(tableText(result));
  });
}

/** Runs SQL on the chosen engine; the local store is opened read-only with file access off. */
async function runSql(sql: string, flags: EngineFlags): Promise<QueryResult> {
  if (flags.engine === 'athena') {
    const { runAthenaQuery } = await import('../../store/logs/athena.js');
    return runAthenaQuery(sql, {
      ...(flags.workgroup && { workgroup: flags.workgroup }),
      ...(flags.output && { output: flags.output }),
      ...(flags.database && { database: flags.database }),
      ...(flags.region && { region: flags.region }),
      ...(flags.endpointUrl && { endpoint: flags.endpointUrl }),
    });
  }
  const store = await openLogStore(flags.db, { readOnly: true });
  try {
    if (!(await store.hasTable('cloudtrail_logs'))) {
      throw new InputError(
        'no logs have been ingested into this store yet; run `cloudrounds logs ingest PATH` first',
        { file: store.path },
      );
    }
    return await store.query(sql);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`query failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    store.close();
  }
}

function tableText(result: QueryResult): string {
  if (result.rows.length === 0) return '(no rows)\n';
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return (
    renderTable(
      result.columns,
      result.rows.map((r) => result.columns.map((c) => cell(r[c]).slice(0, 120))),
    ) + `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})\n`
  );
}

// ---------------------------------------------------------------------------------------------

const QUESTION_FLAGS: Record<LogQuestion, Array<[flags: string, description: string]>> = {
  who: [
    ['--resource <id>', 'resource id, name or ARN'],
    ['--limit <n>', 'most rows'],
  ],
  timeline: [
    ['--principal <id>', 'user name, ARN, access key id or source identity'],
    ['--limit <n>', 'most rows'],
  ],
  rejected: [
    ['--ip <address>', 'address (source or destination)'],
    ['--eni <id>', 'network interface id'],
    ['--limit <n>', 'most rows'],
  ],
  'top-talkers': [
    ['--by <pair|source>', 'group by address pair or source'],
    ['--limit <n>', 'most rows'],
  ],
  denied: [
    ['--min <n>', 'only principal/API pairs denied at least this often'],
    ['--limit <n>', 'most rows'],
  ],
};

function questionCommand(question: LogQuestion): Command {
  const command = addEngineOptions(new Command(question).description(LOG_QUESTION_TITLES[question]));
  for (const [flags, description] of QUESTION_FLAGS[question])
    command.addOption(new Option(flags, description));
  return command.action(async (flags: EngineFlags & Record<string, unknown>) => {
    const raw = Object.fromEntries(
      QUESTION_FLAGS[question]
        .map(([f]) => {
          const name = /--([a-z-]+)/.exec(f)![1]!;
          return [name, flags[name]];
        })
        .filter(([, v]) => v !== undefined),
    );
    const parsed = logQuestionParams[question].safeParse(raw);
    if (!parsed.success)
      throw new InputError(`logs ${question}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const sql = logQuestionSql(question, parsed.data as never, flags.engine);
    if (flags.sql) {
      await write(sql + '\n');
      return;
    }
    const result = await runSql(sql, flags);
    const answer = logAnswer(question, parsed.data as never, flags.engine, sql, result.rows);
    if (flags.json) await writeJson(answer);
    else await write(`${answer.title}\n\n${tableText(result)}`);
  });
}

// ---------------------------------------------------------------------------------------------

function detectCommand(): Command {
  return addEngineOptions(
    new Command('detect')
      .description('Run the built-in detections and Sigma rules (aws/cloudtrail) over the ingested logs.')
      .addOption(new Option('--sigma <dir>', 'directory of Sigma rules (walked; .yml / .yaml)'))
      .addOption(new Option('--no-builtin', 'run only the Sigma rules')),
  ).action(async (flags: EngineFlags & { sigma?: string; builtin: boolean }) => {
    const detections: Detection[] = flags.builtin ? builtinDetections() : [];
    const unsupported: UnsupportedRule[] = [];
    if (flags.sigma) {
      const loaded = await loadSigmaDir(flags.sigma);
      detections.push(...loaded.detections);
      unsupported.push(...loaded.unsupported);
    }
    if (flags.sql) {
      for (const d of detections)
        await write(`-- ${d.id}: ${d.title}\n${detectionSql(flags.engine, d)};\n\n`);
      return;
    }
    const { results, failed } = await runDetections(detections, flags);
    const answer: DetectAnswer = {
      schemaVersion: LOGS_SCHEMA_VERSION,
      detections: results,
      unsupported: [...unsupported, ...failed],
    };
    if (flags.json) await writeJson(answer);
    else await write(detectText(answer));
  });
}

/** Loads every Sigma rule under `dir`; rules that do not convert are listed with the reason. */
export async function loadSigmaDir(
  dir: string,
): Promise<{ detections: Detection[]; unsupported: UnsupportedRule[] }> {
  const files = await yamlFiles(dir).catch(() => {
    throw new InputError('cannot read the Sigma rule directory', { file: dir });
  });
  const detections: Detection[] = [];
  const unsupported: UnsupportedRule[] = [];
  for (const file of files) {
    const name = relative(dir, file);
    const result = compileSigmaYaml(await readFile(file, 'utf8'), name);
    if (!result.ok) {
      unsupported.push({ file: name, id: result.id, title: result.title, reason: result.reason });
      continue;
    }
    const detection: Detection = {
      source: 'cloudtrail',
      id: result.id,
      title: result.title,
      level: result.level,
      cond: result.cond,
      origin: name,
      ...(result.description && { description: result.description }),
    };
    // A field the tables cannot express (e.g. one outside the Athena useridentity struct) is a
    // conversion failure, reported like any other.
    const problem = renderProblem(detection);
    if (problem) unsupported.push({ file: name, id: result.id, title: result.title, reason: problem });
    else detections.push(detection);
  }
  return { detections, unsupported };
}

function renderProblem(detection: Detection): string | undefined {
  for (const dialect of ['duckdb', 'athena'] as const) {
    try {
      detectionSql(dialect, detection);
    } catch (error) {
      return `${dialect}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFiles(path)));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Runs detections whose table holds data; a detection whose SQL fails (e.g. a Sigma regex RE2
 * refuses) is reported as unsupported by the caller's error, not silently dropped.
 */
async function runDetections(detections: readonly Detection[], flags: EngineFlags): Promise<DetectionRun> {
  if (flags.engine === 'athena') {
    const results: DetectionResult[] = [];
    for (const d of detections)
      results.push(detectionResult(d, (await runSql(detectionSql('athena', d), flags)).rows));
    return { results, failed: [] };
  }
  const store = await openLogStore(flags.db, { readOnly: true });
  try {
    return await detectWithStore(store, detections);
  } finally {
    store.close();
  }
}

/** Results of the detections that ran, and those whose SQL the engine refused (with the reason). */
export interface DetectionRun {
  results: DetectionResult[];
  failed: UnsupportedRule[];
}

/** Runs each detection on the store; tables never ingested give no matches. */
export async function detectWithStore(
  store: LogStore,
  detections: readonly Detection[],
): Promise<DetectionRun> {
  const hasCloudTrail = await store.hasTable('cloudtrail_logs');
  const hasFlow = await store.hasTable('vpc_flow_logs');
  const results: DetectionResult[] = [];
  const failed: UnsupportedRule[] = [];
  for (const d of detections) {
    const present = d.source === 'cloudtrail' ? hasCloudTrail : hasFlow;
    try {
      const rows = present ? (await store.query(detectionSql('duckdb', d))).rows : [];
      results.push(detectionResult(d, rows));
    } catch (error) {
      const reason = `the query failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
      failed.push({ file: d.origin, id: d.id, title: d.title, reason });
    }
  }
  return { results, failed };
}

function detectText(answer: DetectAnswer): string {
  const fired = answer.detections.filter((d) => d.matches.length > 0);
  const lines = [`${answer.detections.length} detections run, ${fired.length} fired.`, ''];
  for (const d of fired) {
    lines.push(
      `[${d.level}] ${d.title} (${d.id}): ${d.matches.length} match${d.matches.length === 1 ? '' : 'es'}`,
    );
    for (const m of d.matches.slice(0, 10)) {
      lines.push(`  ${m.eventTime ?? '-'}  ${m.eventName ?? '-'}  ${m.principal ?? '-'}  ${m.eventID}`);
    }
    if (d.matches.length > 10) lines.push(`  ... ${d.matches.length - 10} more (--json for all)`);
  }
  if (answer.unsupported.length) {
    lines.push('', `${answer.unsupported.length} Sigma rule(s) not converted:`);
    for (const u of answer.unsupported) lines.push(`  ${u.file}: ${u.reason}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The daily engine over the built-in detections, when the store holds logs; none otherwise. Used
 * by `daily`, which must query before its synchronous engines run.
 */
export async function logDetectionEngines(storePath: string): Promise<DailyEngine[]> {
  const store = await openLogStore(storePath);
  try {
    if (!(await store.hasTable('log_files'))) return [];
    const [row] = (await store.query('SELECT count(*) AS n FROM log_files')).rows;
    if (!row || Number(row.n) === 0) return [];
    return [logDetectionsEngine((await detectWithStore(store, builtinDetections())).results)];
  } finally {
    store.close();
  }
}

// ---------------------------------------------------------------------------------------------

function athenaDdlCommand(): Command {
  return new Command('athena-ddl')
    .description('Print Athena CREATE EXTERNAL TABLE statements (partition projection) for the log tables.')
    .requiredOption('--location <s3uri>', 's3://bucket[/prefix] above AWSLogs/')
    .requiredOption('--account <id>', 'account id in the AWSLogs/ path')
    .addOption(new Option('--regions <list>', 'comma-separated regions to project').default('us-east-1'))
    .addOption(new Option('--since <yyyy/MM/dd>', 'first day of data').default('2020/01/01'))
    .addOption(new Option('--organization-id <o-id>', 'organization trail: org id in the path'))
    .addOption(new Option('--s3-access-location <s3uri>', 'prefix of S3 server access logs'))
    .action(
      async (flags: {
        location: string;
        account: string;
        regions: string;
        since: string;
        organizationId?: string;
        s3AccessLocation?: string;
      }) => {
        if (!flags.location.startsWith('s3://'))
          throw new InvalidArgumentError('--location must be an s3:// URI');
        await write(
          athenaDdl({
            location: flags.location,
            account: flags.account,
            regions: flags.regions
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean),
            since: flags.since,
            ...(flags.organizationId && { organizationId: flags.organizationId }),
            ...(flags.s3AccessLocation && { s3AccessLocation: flags.s3AccessLocation }),
          }),
        );
      },
    );
}

/**
 * Opens the log store (default: the history database). DuckDB is imported here, on use, so that
 * no other command loads it at startup.
 */
async function openLogStore(path?: string, options?: { readOnly?: boolean }): Promise<LogStore> {
  const { openLogStore: open } = await import('../../store/logs/index.js');
  return open(path, options);
}
