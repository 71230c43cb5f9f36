/**
 * The daily rounds as one typed answer: what was read, what is unhealthy, what to fix today, how
 * far each failing rule reaches, what changed since the previous run of the same scope, and what
 * was not evaluated. The CLI wires the source, the engines and the store around it; the renderers
 * in report/daily/ turn it into text, Markdown, HTML and JSON. See docs/daily.md.
 */
import { performance } from 'node:perf_hooks';
import {
  CATEGORIES,
  SEVERITIES,
  STATUSES,
  runRules,
  type AnyRule,
  type Category,
  plainFinding,
  plainResource,
  type Finding,
  type FindingCounts,
  type FindingResource,
  type RunConfig,
  type RunResult,
  type Severity,
  type Status,
  type Suppression,
} from '../engine/index.js';
import type { AccountInfo, CoverageGap, CoverageGapKind, Resource, Snapshot } from '../model/index.js';
import { allRules } from '../rules/index.js';
import type { DailyCost } from './cost.js';
import { healthChecks } from '../health/index.js';
import { exposureEngine, exposureRules } from './exposure.js';
import { healthEngine } from './health.js';
import { iamEngine, iamFindingRules } from './iam-findings.js';

/** Version of the daily answer and of its JSON document; bumped on any change that could break a reader. */
export const DAILY_SCHEMA_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Engines: what produces the findings of a daily run.
// ---------------------------------------------------------------------------------------------

/** What one engine found, in the engine's own terms plus what the daily report needs to say about coverage. */
export interface EngineResult extends RunResult {
  /** Resource types the engine examined; resources of other types count as not evaluated. */
  resourceTypes: ReadonlySet<string>;
  /** Checks run per category, so "nothing failed" can be told apart from "nothing ran". */
  checksByCategory: Record<Category, number>;
}

/**
 * One analysis that contributes findings to the daily rounds. The rules engine is the first; the
 * network, IAM and cost engines plug in here and leave {@link PENDING_ANALYSES} as they do.
 */
export interface DailyEngine {
  /** Short name for the report, e.g. `rules`. */
  readonly name: string;
  run(snapshot: Snapshot, config: RunConfig): EngineResult;
}

/** Analyses the daily rounds do not run yet: reported under "not evaluated" until their engine lands. */
export const PENDING_ANALYSES: readonly NotRunAnalysis[] = [];

/** Statuses a daily run keeps: passes and not-applicable results are only counted. */
const KEEP: readonly Status[] = ['fail', 'error'];

/** The rules engine: every rule (or the given ones), with the configuration's suppressions and parameters. */
export function rulesEngine(rules: readonly AnyRule[] = allRules): DailyEngine {
  return {
    name: 'rules',
    run(snapshot, config) {
      const run = runRules(snapshot, {
        rules,
        suppressions: config.suppressions,
        params: config.params,
        keep: KEEP,
      });
      const perType = typeCounts(snapshot.resources);
      const checksByCategory = zeroRecord(CATEGORIES);
      const resourceTypes = new Set<string>();
      for (const rule of run.rules) {
        for (const type of new Set(rule.resourceTypes)) {
          resourceTypes.add(type);
          checksByCategory[rule.category] += perType.get(type) ?? 0;
        }
      }
      return { ...run, resourceTypes, checksByCategory };
    },
  };
}

/**
 * Every rule a configuration may name (suppressions, parameters): the catalogue plus the rules
 * whose evaluation an engine owns (health checks, internet exposure, resource-policy access).
 */
export function configurableRules(): AnyRule[] {
  return [...allRules, ...healthChecks, ...exposureRules, ...iamFindingRules];
}

/** The engines `daily` runs, in order. */
export function dailyEngines(): DailyEngine[] {
  return [rulesEngine(), healthEngine(), exposureEngine(), iamEngine()];
}

/** One engine's share of a run, for the report header. */
export interface EngineSummary {
  name: string;
  rules: number;
  /** Rule × resource evaluations. */
  checks: number;
  /** Wall-clock milliseconds. */
  ms: number;
}

/** Every engine's findings over one snapshot, merged; secrets already redacted from the reasons. */
export interface DailyEvaluation extends EngineResult {
  engines: EngineSummary[];
  /** Replaces secret values of the snapshot with `[redacted]` in any text. */
  redact: (text: string) => string;
}

/**
 * Runs the engines over the snapshot and merges their results. Reasons that contain a secret
 * value of the snapshot (see {@link secretValues}) are redacted here, before anything stores or
 * renders them.
 */
export function evaluateDaily(
  snapshot: Snapshot,
  config: RunConfig,
  engines: readonly DailyEngine[] = dailyEngines(),
): DailyEvaluation {
  const redact = redactor(secretValues(snapshot));
  const rules: AnyRule[] = [];
  const resourceTypes = new Set<string>();
  const merged: DailyEvaluation = {
    findings: [],
    counts: emptyCounts(),
    rules,
    unusedSuppressions: [],
    resourceTypes,
    checksByCategory: zeroRecord(CATEGORIES),
    engines: [],
    redact,
  };
  const unused: Array<Set<Suppression>> = [];
  for (const engine of engines) {
    const start = performance.now();
    const result = engine.run(snapshot, config);
    const ms = performance.now() - start;
    for (const f of result.findings) merged.findings.push(redactFinding(f, redact));
    addCounts(merged.counts, result.counts);
    rules.push(...result.rules);
    for (const t of result.resourceTypes) resourceTypes.add(t);
    for (const c of CATEGORIES) merged.checksByCategory[c] += result.checksByCategory[c];
    unused.push(new Set(result.unusedSuppressions));
    merged.engines.push({
      name: engine.name,
      rules: result.rules.length,
      checks: checksOf(result.counts),
      ms,
    });
  }
  // A suppression is stale only when no engine used it.
  merged.unusedSuppressions = unused.length
    ? [...unused[0]!].filter((s) => unused.every((set) => set.has(s)))
    : [];
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Secrets: never in a report.
// ---------------------------------------------------------------------------------------------

/** Environment variable names whose values are treated as secrets. */
const SECRET_NAME = /pass(word|wd)?|secret|token|api_?key|access_?key|private|credential|auth/i;
/** Shorter values are not redacted: replacing `1` or `true` everywhere would garble every report. */
const MIN_SECRET_LENGTH = 6;

/**
 * Values in the snapshot that are secrets by where they sit: Lambda and ECS environment
 * variables with secret-like names, database master passwords, Secrets Manager secret strings and
 * instance user data. Rules must not quote them; this is the safety net that makes sure no
 * report does.
 */
export function secretValues(snapshot: Pick<Snapshot, 'resources'>): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) found.add(value);
  };
  const addVariables = (variables: unknown) => {
    if (!isRecord(variables)) return;
    for (const [name, value] of Object.entries(variables)) if (SECRET_NAME.test(name)) add(value);
  };
  for (const r of snapshot.resources) {
    const p = r.props;
    switch (r.type) {
      case 'AWS::Lambda::Function':
        addVariables(isRecord(p.Environment) ? p.Environment.Variables : undefined);
        break;
      case 'AWS::ECS::TaskDefinition':
        for (const c of asArray(p.ContainerDefinitions)) {
          for (const e of asArray(isRecord(c) ? c.Environment : undefined)) {
            if (isRecord(e) && typeof e.Name === 'string' && SECRET_NAME.test(e.Name)) add(e.Value);
          }
        }
        break;
      case 'AWS::RDS::DBInstance':
      case 'AWS::RDS::DBCluster':
      case 'AWS::Redshift::Cluster':
        add(p.MasterUserPassword);
        break;
      case 'AWS::SecretsManager::Secret':
        add(p.SecretString);
        break;
      case 'AWS::EC2::Instance':
        add(p.UserData);
        break;
      case 'AWS::EC2::LaunchTemplate':
        add(isRecord(p.LaunchTemplateData) ? p.LaunchTemplateData.UserData : undefined);
        break;
    }
  }
  return [...found];
}

const REDACTED = '[redacted]';

function redactor(secrets: readonly string[]): (text: string) => string {
  if (secrets.length === 0) return (text) => text;
  // Longest first, so a secret that contains another is replaced whole.
  const alternatives = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => {
    pattern.lastIndex = 0;
    return pattern.test(text) ? text.replace(pattern, REDACTED) : text;
  };
}

function redactFinding(f: Finding, redact: (text: string) => string): Finding {
  const reason = redact(f.reason);
  const name = f.resource.name === undefined ? undefined : redact(f.resource.name);
  if (reason === f.reason && name === f.resource.name) return f;
  return { ...plainFinding(f), reason, resource: { ...plainResource(f.resource), name } };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// The answer.
// ---------------------------------------------------------------------------------------------

/** A finding of the run, with what the daily report ranks it by. */
export interface DailyFinding extends Finding {
  /** Identifies the same problem across runs of the scope (the store's finding key). */
  key: string;
  /** Open now and not open in the previous run; always false when the run was not compared. */
  new: boolean;
  /** About exposure to the internet (see {@link isExposure}). */
  exposure: boolean;
  /** The resource is in a production account (see {@link isProdAccount}). */
  prod: boolean;
}

/** A finding open in the previous run and not now, as the previous run recorded it. */
export interface ResolvedFinding {
  key: string;
  ruleId: string;
  severity: string;
  category: string;
  title: string;
  reason: string;
  resource: FindingResource;
}

/** An account of the snapshot with its share of the resources and the open findings. */
export interface DailyAccount {
  id: string;
  name?: string;
  role?: AccountInfo['role'];
  ouPath?: string;
  prod: boolean;
  resources: number;
  open: number;
}

/** How far one failing rule reaches; see {@link blastScore}. */
export interface BlastRadiusEntry {
  ruleId: string;
  title: string;
  severity: Severity;
  category: Category;
  /** Distinct resources with an open finding of the rule. */
  resources: number;
  accounts: string[];
  prod: boolean;
  exposure: boolean;
  /** Of `resources`, how many are new since the previous run. */
  new: number;
  score: number;
}

/** An analysis the run did not do, and where to get it instead. */
export interface NotRunAnalysis {
  analysis: string;
  reason: string;
}

/** A stale `.cloudrounds.yaml` entry: it matched no failing finding. */
export interface UnusedSuppression {
  rule: string;
  resource: string;
  account?: string;
  reason: string;
  expires: string;
  file?: string;
  line?: number;
}

/** The daily rounds, answered. Every list is in the order a report shows it. */
export interface DailyAnswer {
  schemaVersion: typeof DAILY_SCHEMA_VERSION;
  tool: { name: string; version: string };
  /** ISO 8601, when the answer was made. */
  generatedAt: string;
  source: {
    /** As given to `--source`. */
    spec: string;
    kind: string;
    /** The store's scope: runs of one scope are compared with each other. */
    scope: string;
  };
  run: {
    /** The store's run id; null when the run was not recorded (`--no-store`). */
    id: number | null;
    startedAt: string;
    finishedAt: string;
    /** `incomplete` when a coverage gap means resources may be missing. */
    status: 'complete' | 'incomplete';
    recorded: boolean;
    /** The database file, when recorded. */
    store: string | null;
  };
  snapshot: {
    takenAt: string;
    resources: number;
    types: number;
    /** Most resources first. */
    accounts: DailyAccount[];
    regions: Array<{ region: string; resources: number }>;
  };
  evaluation: {
    engines: EngineSummary[];
    rules: number;
    checks: number;
    /** Resources of a type some engine examines. */
    resourcesEvaluated: number;
    /** Results by status; suppressed failures are counted only in `suppressed`. */
    byStatus: Record<Status, number>;
    suppressed: number;
    suppressionExpired: number;
    unusedSuppressions: UnusedSuppression[];
  };
  /** Open findings: failing and not suppressed. */
  totals: {
    open: number;
    bySeverity: Record<Severity, number>;
    byCategory: Record<Category, Record<Severity, number>>;
    /** Non-zero cells only. */
    byAccountCategory: Array<{ account: string; category: Category; open: number }>;
  };
  health: {
    /** Health checks run; 0 means health was not evaluated at all. */
    checks: number;
    /** Keys of open health findings, most severe first. */
    failing: string[];
  };
  /** Keys of the open findings to fix first (health ones are in `health`); see docs/daily.md. */
  topTen: string[];
  /** Every rule with open findings, widest reach first. */
  blastRadius: BlastRadiusEntry[];
  changes: {
    /** False when the run was not recorded, so nothing was compared. */
    compared: boolean;
    /** The run compared with; null on the first run of a scope (then every open finding is new). */
    previousRun: { id: number; startedAt: string; status: 'complete' | 'incomplete' } | null;
    /** Keys of findings open now and not before, in report order. */
    new: string[];
    resolved: ResolvedFinding[];
    stillOpen: number;
  };
  coverage: {
    /** True only with no gap, no undecided check and no analysis left out. */
    complete: boolean;
    gaps: CoverageGap[];
    gapsByKind: Array<{ kind: CoverageGapKind; count: number; example: string }>;
    /** Checks that could not decide (`error`), by rule. */
    errors: Array<{ ruleId: string; count: number; example: string }>;
    /** Resource types no engine examines, most resources first. */
    unevaluatedTypes: Array<{ type: string; resources: number }>;
    unevaluatedResources: number;
    notRun: NotRunAnalysis[];
  };
  /** Open findings per recorded run of the scope, oldest first (empty when not recorded). */
  trend: Array<{
    runId: number;
    startedAt: string;
    open: number;
    failBySeverity: Partial<Record<Severity, number>>;
  }>;
  /**
   * Priced waste with its monthly total, and (with a CUR) spend anomalies and commitment advice;
   * absent when the caller did not price the run. See docs/cost.md.
   */
  cost?: DailyCost;
  /** Every failing and undecided finding (suppressed ones included, marked), most severe first. */
  findings: DailyFinding[];
}

/** What the store says about earlier runs, as `daily` needs it (the store's own types fit). */
export interface DailyHistory {
  runId: number;
  store: string;
  previousRun?: { id: number; startedAt: string; status: 'complete' | 'incomplete' };
  diff: {
    new: ReadonlyArray<{ key: string }>;
    resolved: ReadonlyArray<ResolvedFinding>;
    stillOpen: number;
  };
  trend: ReadonlyArray<{
    runId: number;
    startedAt: string;
    open: number;
    failBySeverity: Record<string, number>;
  }>;
}

export interface DailyInput {
  snapshot: Snapshot;
  evaluation: DailyEvaluation;
  source: DailyAnswer['source'];
  startedAt: string;
  finishedAt: string;
  /** Absent when the run was not recorded. */
  history?: DailyHistory;
  /** The store's finding key: the same function must have keyed the history. */
  keyOf: (finding: Finding) => string;
  tool: DailyAnswer['tool'];
  generatedAt?: string;
  /** The run's cost section (see {@link dailyCost}); left out of the answer when absent. */
  cost?: DailyCost;
  /**
   * The findings of an earlier answer about the same evaluation, already keyed and in report
   * order, whose suppression marks changed since (a suppression from the dashboard): they are used
   * as they are instead of being keyed and sorted again, which is most of the work at a million
   * findings. The order does not depend on suppression marks, so it still holds.
   */
  findings?: DailyFinding[];
}

/** Weights of the blast-radius score and of the ranking. */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 6,
  medium: 3,
  low: 1,
  info: 0,
};

/** Findings whose rule is about public access or the internet, or whose reason names the whole address space. */
const EXPOSURE_RULE = /(^|-)(public|internet)(-|$)/;
const WHOLE_ADDRESS_SPACE = /(^|[^\d.])0\.0\.0\.0\/0|(^|[^\w:])::\/0/;

/** Whether a finding is about exposure to the internet (documented in docs/daily.md). */
export function isExposure(f: Pick<Finding, 'ruleId' | 'reason'>): boolean {
  return EXPOSURE_RULE.test(f.ruleId) || WHOLE_ADDRESS_SPACE.test(f.reason);
}

const PROD = /(^|[^a-z])prod(uction)?([^a-z]|$)/i;

/** Whether an account is production: its name or OU path has the word `prod` or `production`. */
export function isProdAccount(account: Pick<AccountInfo, 'name' | 'ouPath'>): boolean {
  return [account.name, account.ouPath].some((v) => v !== undefined && PROD.test(v));
}

/** Severity weight × (1 + resources affected) × 2 when any of them is in production. */
export function blastScore(severity: Severity, resources: number, prod: boolean): number {
  return SEVERITY_WEIGHT[severity] * (1 + resources) * (prod ? 2 : 1);
}

/** At most this many findings of one rule in the top ten, so one noisy rule cannot fill it. */
const TOP_PER_RULE = 2;
const TOP = 10;

/** Builds the daily answer from a run of the engines and, when recorded, the store's history. */
export function daily(input: DailyInput): DailyAnswer {
  const { snapshot, evaluation, history } = input;
  const accountsById = accountIndex(snapshot);
  const newKeys = new Set(history?.diff.new.map((f) => f.key) ?? []);

  const findings: DailyFinding[] =
    input.findings ??
    evaluation.findings
      .map((f) => {
        const key = input.keyOf(f);
        return {
          ...plainFinding(f),
          key,
          new: newKeys.has(key),
          exposure: isExposure(f),
          prod: accountsById.get(f.resource.account)?.prod ?? false,
        };
      })
      .sort(compareForReport);
  const open = findings.filter(isOpen);

  const blastRadius = blastRadiusOf(open);
  const scoreOf = new Map(blastRadius.map((b) => [b.ruleId, b.score]));
  const ranked = rankedPicks(open, compareForToday(scoreOf));

  const resourcesEvaluated = snapshot.resources.reduce(
    (n, r) => n + (evaluation.resourceTypes.has(r.type) ? 1 : 0),
    0,
  );
  for (const f of open) {
    const account = accountsById.get(f.resource.account);
    if (account) account.open++;
  }

  return {
    schemaVersion: DAILY_SCHEMA_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    source: input.source,
    run: {
      id: history?.runId ?? null,
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      status: runStatus(snapshot.coverage),
      recorded: history !== undefined,
      store: history?.store ?? null,
    },
    snapshot: {
      takenAt: snapshot.takenAt,
      resources: snapshot.resources.length,
      types: typeCounts(snapshot.resources).size,
      accounts: [...accountsById.values()].sort((a, b) => b.resources - a.resources || cmp(a.id, b.id)),
      regions: [...countBy(snapshot.resources, (r) => r.region)]
        .map(([region, resources]) => ({ region, resources }))
        .sort((a, b) => b.resources - a.resources || cmp(a.region, b.region)),
    },
    evaluation: {
      engines: evaluation.engines,
      rules: evaluation.rules.length,
      checks: checksOf(evaluation.counts),
      resourcesEvaluated,
      byStatus: { ...evaluation.counts.byStatus },
      suppressed: evaluation.counts.suppressed,
      suppressionExpired: evaluation.counts.suppressionExpired,
      unusedSuppressions: evaluation.unusedSuppressions.map(unusedSuppression),
    },
    totals: totalsOf(open),
    health: {
      checks: evaluation.checksByCategory.health,
      failing: ranked.health.map((f) => f.key),
    },
    topTen: topTen(ranked.candidates).map((f) => f.key),
    blastRadius,
    changes: {
      compared: history !== undefined,
      previousRun: history?.previousRun ?? null,
      new: open.filter((f) => f.new).map((f) => f.key),
      resolved: (history?.diff.resolved ?? []).map((f) => resolvedFinding(f, evaluation.redact)),
      stillOpen: history?.diff.stillOpen ?? 0,
    },
    coverage: coverageOf(snapshot, evaluation, findings),
    trend: (history?.trend ?? []).map((p) => ({
      runId: p.runId,
      startedAt: p.startedAt,
      open: p.open,
      failBySeverity: pickSeverities(p.failBySeverity),
    })),
    ...(input.cost ? { cost: input.cost } : {}),
    findings,
  };
}

/** Failing and not suppressed: what the report calls open. */
export function isOpen(f: Pick<Finding, 'status' | 'suppressed'>): boolean {
  return f.status === 'fail' && !f.suppressed;
}

/** Looks findings up by key (the first one, when a source repeated a resource). */
export function findingsByKey(answer: Pick<DailyAnswer, 'findings'>): Map<string, DailyFinding> {
  const map = new Map<string, DailyFinding>();
  for (const f of answer.findings) if (!map.has(f.key)) map.set(f.key, f);
  return map;
}

function accountIndex(snapshot: Snapshot): Map<string, DailyAccount> {
  const accounts = new Map<string, DailyAccount>();
  for (const a of snapshot.accounts) {
    accounts.set(a.id, {
      id: a.id,
      ...(a.name !== undefined ? { name: a.name } : {}),
      ...(a.role !== undefined ? { role: a.role } : {}),
      ...(a.ouPath !== undefined ? { ouPath: a.ouPath } : {}),
      prod: isProdAccount(a),
      resources: 0,
      open: 0,
    });
  }
  for (const r of snapshot.resources) {
    let account = accounts.get(r.account);
    if (!account) accounts.set(r.account, (account = { id: r.account, prod: false, resources: 0, open: 0 }));
    account.resources++;
  }
  return accounts;
}

function totalsOf(open: readonly DailyFinding[]): DailyAnswer['totals'] {
  const bySeverity = zeroRecord(SEVERITIES);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, zeroRecord(SEVERITIES)])) as Record<
    Category,
    Record<Severity, number>
  >;
  type Cell = { account: string; category: Category; open: number };
  // Per account, then per category: no key string built per finding.
  const cells = new Map<string, Map<Category, Cell>>();
  for (const f of open) {
    bySeverity[f.severity]++;
    byCategory[f.category][f.severity]++;
    const account = f.resource.account;
    let ofAccount = cells.get(account);
    if (!ofAccount) cells.set(account, (ofAccount = new Map()));
    const cell = ofAccount.get(f.category);
    if (cell) cell.open++;
    else ofAccount.set(f.category, { account, category: f.category, open: 1 });
  }
  return {
    open: open.length,
    bySeverity,
    byCategory,
    byAccountCategory: [...cells.values()]
      .flatMap((m) => [...m.values()])
      .sort(
        (a, b) =>
          cmp(a.account, b.account) || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category),
      ),
  };
}

function blastRadiusOf(open: readonly DailyFinding[]): BlastRadiusEntry[] {
  const byRule = new Map<
    string,
    {
      first: DailyFinding;
      resources: Set<string>;
      fresh: Set<string>;
      accounts: Set<string>;
      prod: boolean;
      exposure: boolean;
    }
  >();
  const keyOfResource = new Map<object, string>();
  for (const f of open) {
    let entry = byRule.get(f.ruleId);
    if (!entry) {
      entry = {
        first: f,
        resources: new Set(),
        fresh: new Set(),
        accounts: new Set(),
        prod: false,
        exposure: false,
      };
      byRule.set(f.ruleId, entry);
    }
    const r = f.resource;
    // Findings about one resource usually share its object: its key is joined once.
    let id = keyOfResource.get(r);
    if (id === undefined)
      keyOfResource.set(r, (id = [r.type, r.account, r.region, r.id, r.file ?? ''].join('\u001f')));
    entry.resources.add(id);
    if (f.new) entry.fresh.add(id);
    entry.accounts.add(r.account);
    entry.prod ||= f.prod;
    entry.exposure ||= f.exposure;
  }
  return [...byRule.values()]
    .map(({ first, resources, fresh, accounts, prod, exposure }) => ({
      ruleId: first.ruleId,
      title: first.title,
      severity: first.severity,
      category: first.category,
      resources: resources.size,
      accounts: [...accounts].sort(),
      prod,
      exposure,
      new: fresh.size,
      score: blastScore(first.severity, resources.size, prod),
    }))
    .sort(
      (a, b) =>
        Number(b.exposure) - Number(a.exposure) ||
        b.score - a.score ||
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        cmp(a.ruleId, b.ruleId),
    );
}

/**
 * The order of "ten things to fix today": severity; then internet exposure, production, new since
 * the previous run, the blast-radius score of the rule; then rule and resource for a stable order.
 */
function compareForToday(scoreOf: ReadonlyMap<string, number>) {
  return (a: DailyFinding, b: DailyFinding): number =>
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    Number(b.exposure) - Number(a.exposure) ||
    Number(b.prod) - Number(a.prod) ||
    Number(b.new) - Number(a.new) ||
    (scoreOf.get(b.ruleId) ?? 0) - (scoreOf.get(a.ruleId) ?? 0) ||
    compareForReport(a, b);
}

/**
 * The open health findings in today's order, and the candidates for the top ten in that order:
 * each rule's {@link TOP_PER_RULE} first findings, which are all the top ten can take from it. The
 * same as sorting every open finding and filtering, without sorting a million of them. Equal
 * findings keep their order in `open`, as a stable sort would.
 */
function rankedPicks(
  open: readonly DailyFinding[],
  compare: (a: DailyFinding, b: DailyFinding) => number,
): { health: DailyFinding[]; candidates: DailyFinding[] } {
  const byRank = (i: number, j: number) => compare(open[i]!, open[j]!) || i - j;
  const health: number[] = [];
  const firstOfRule = new Map<string, number[]>();
  for (let i = 0; i < open.length; i++) {
    const f = open[i]!;
    if (f.category === 'health') {
      health.push(i);
      continue;
    }
    const best = firstOfRule.get(f.ruleId);
    if (!best) {
      firstOfRule.set(f.ruleId, [i]);
      continue;
    }
    if (best.length === TOP_PER_RULE && byRank(i, best[best.length - 1]!) > 0) continue;
    let at = best.length;
    while (at > 0 && byRank(i, best[at - 1]!) < 0) at--;
    best.splice(at, 0, i);
    if (best.length > TOP_PER_RULE) best.pop();
  }
  const inOrder = (indexes: number[]) => indexes.sort(byRank).map((i) => open[i]!);
  return { health: inOrder(health), candidates: inOrder([...firstOfRule.values()].flat()) };
}

function topTen(ranked: readonly DailyFinding[]): DailyFinding[] {
  const perRule = new Map<string, number>();
  const picked: DailyFinding[] = [];
  for (const f of ranked) {
    if (picked.length === TOP) break;
    const n = perRule.get(f.ruleId) ?? 0;
    if (n >= TOP_PER_RULE) continue;
    perRule.set(f.ruleId, n + 1);
    picked.push(f);
  }
  return picked;
}

const STATUS_ORDER: Record<Status, number> = { fail: 0, error: 1, not_applicable: 2, pass: 3 };

/** Most severe first, then by rule, status and resource: stable, so reports diff cleanly. */
function compareForReport(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    cmp(a.ruleId, b.ruleId) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    cmp(a.resource.file ?? '', b.resource.file ?? '') ||
    (a.resource.line ?? 0) - (b.resource.line ?? 0) ||
    cmp(a.resource.account, b.resource.account) ||
    cmp(a.resource.region, b.resource.region) ||
    cmp(a.resource.id, b.resource.id)
  );
}

function coverageOf(
  snapshot: Snapshot,
  evaluation: DailyEvaluation,
  findings: readonly DailyFinding[],
): DailyAnswer['coverage'] {
  const gapsByKind = new Map<CoverageGapKind, { count: number; example: string }>();
  for (const gap of snapshot.coverage) {
    const entry = gapsByKind.get(gap.kind) ?? { count: 0, example: gap.message };
    entry.count++;
    gapsByKind.set(gap.kind, entry);
  }
  const errors = new Map<string, { count: number; example: string }>();
  for (const f of findings) {
    if (f.status !== 'error') continue;
    const entry = errors.get(f.ruleId) ?? { count: 0, example: f.reason };
    entry.count++;
    errors.set(f.ruleId, entry);
  }
  const unevaluatedTypes = [...typeCounts(snapshot.resources)]
    .filter(([type]) => !evaluation.resourceTypes.has(type))
    .map(([type, resources]) => ({ type, resources }))
    .sort((a, b) => b.resources - a.resources || cmp(a.type, b.type));
  const notRun = [...PENDING_ANALYSES];
  return {
    // Resources no check applies to are not evaluated either: no all-clear while any remain.
    complete:
      snapshot.coverage.length === 0 &&
      errors.size === 0 &&
      notRun.length === 0 &&
      unevaluatedTypes.length === 0,
    gaps: snapshot.coverage.map((g) => ({ ...g, message: evaluation.redact(g.message) })),
    gapsByKind: [...gapsByKind]
      .map(([kind, { count, example }]) => ({ kind, count, example: evaluation.redact(example) }))
      .sort((a, b) => b.count - a.count || cmp(a.kind, b.kind)),
    errors: [...errors]
      .map(([ruleId, { count, example }]) => ({ ruleId, count, example }))
      .sort((a, b) => b.count - a.count || cmp(a.ruleId, b.ruleId)),
    unevaluatedTypes,
    unevaluatedResources: unevaluatedTypes.reduce((n, t) => n + t.resources, 0),
    notRun,
  };
}

/** The store's rule: gaps that mean resources may be missing make a run incomplete. */
const MISSING_DATA: ReadonlySet<CoverageGapKind> = new Set<CoverageGapKind>([
  'access-denied',
  'region-disabled',
  'throttled',
  'api-error',
  'skipped-file',
  'parse-error',
]);

function runStatus(coverage: readonly CoverageGap[]): 'complete' | 'incomplete' {
  return coverage.some((g) => MISSING_DATA.has(g.kind)) ? 'incomplete' : 'complete';
}

function resolvedFinding(f: ResolvedFinding, redact: (text: string) => string): ResolvedFinding {
  const { type, id, arn, account, region, name, logicalId, file, line } = f.resource;
  const resource: FindingResource = { type, id, account, region };
  if (arn !== undefined) resource.arn = arn;
  if (name !== undefined) resource.name = redact(name);
  if (logicalId !== undefined) resource.logicalId = logicalId;
  if (file !== undefined) resource.file = file;
  if (line !== undefined) resource.line = line;
  return {
    key: f.key,
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    title: f.title,
    reason: redact(f.reason),
    resource,
  };
}

function unusedSuppression(s: Suppression): UnusedSuppression {
  const out: UnusedSuppression = { rule: s.rule, resource: s.resource, reason: s.reason, expires: s.expires };
  if (s.account !== undefined) out.account = s.account;
  if (s.file !== undefined) out.file = s.file;
  if (s.line !== undefined) out.line = s.line;
  return out;
}

function pickSeverities(counts: Record<string, number>): Partial<Record<Severity, number>> {
  const out: Partial<Record<Severity, number>> = {};
  for (const s of SEVERITIES) if (counts[s]) out[s] = counts[s];
  return out;
}

function typeCounts(resources: readonly Resource[]): Map<string, number> {
  return countBy(resources, (r) => r.type);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function checksOf(counts: FindingCounts): number {
  return STATUSES.reduce((n, s) => n + counts.byStatus[s], 0) + counts.suppressed;
}

function emptyCounts(): FindingCounts {
  return {
    byStatus: zeroRecord(STATUSES),
    failBySeverity: zeroRecord(SEVERITIES),
    suppressed: 0,
    suppressionExpired: 0,
  };
}

function addCounts(into: FindingCounts, from: FindingCounts): void {
  for (const s of STATUSES) into.byStatus[s] += from.byStatus[s];
  for (const s of SEVERITIES) into.failBySeverity[s] += from.failBySeverity[s];
  into.suppressed += from.suppressed;
  into.suppressionExpired += from.suppressionExpired;
}

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
