/**
 * One function per API route: validated parameters in (the route's request schema in api.ts has
 * already checked them), the question's answer out, as the CLI's `--json` would print it.
 * Questions throw `InputError` on parameters they reject (an unknown REF): the server answers 400.
 */
import { builtinDetections, detectionSql } from '../logs/detections.js';
import { lookupControl, FRAMEWORKS } from '../frameworks/index.js';
import { escalationAnswer } from '../iam/escalation.js';
import { InputError, type Snapshot } from '../model/index.js';
import { cost } from '../questions/cost.js';
import { configurableRules, findingsByKey, type DailyFinding } from '../questions/daily.js';
import { diagramOf } from '../questions/diagram.js';
import { iamSimulate, iamWhoCan } from '../questions/iam.js';
import {
  detectionResult,
  LOG_QUESTION_TITLES,
  LOG_QUESTIONS,
  LOGS_SCHEMA_VERSION,
  logAnswer,
  logQuestionParams,
  logQuestionSql,
  type DetectAnswer,
  type LogQuestion,
} from '../questions/logs.js';
import { reachQuestion } from '../questions/reach.js';
import { exposure as exposureOf } from '../network/index.js';
import { layoutDiagram, type PlacedNode } from '../report/diagram/index.js';
import { findingJson } from '../report/findings/json.js';
import { CONTAINER_KINDS } from '../questions/diagram.js';
import type { z } from 'zod';
import {
  API_VERSION,
  type API,
  type DiagramResponse,
  type FindingDetailResponse,
  type FindingsResponse,
  type MetaResponse,
  type OverviewResponse,
  type SuppressionsResponse,
} from './api.js';
import { complianceAnswer } from './compliance.js';
import type { ServerState } from './state.js';
import type { LogStore } from '../store/logs/index.js';
import { suppress } from './suppress.js';
import { CATEGORIES, SEVERITIES, loadConfig } from '../engine/index.js';
import { existsSync } from 'node:fs';

type Api = typeof API;
type In<K extends keyof Api> = z.output<Api[K]['request']>;

/** The route's answer to a 409: what the page needs that the server was not given. */
export class Unavailable extends Error {
  override readonly name = 'Unavailable';
}

export function dailyFindingJson(f: DailyFinding): OverviewResponse['topTen'][number] {
  return { ...findingJson(f), key: f.key, new: f.new, exposure: f.exposure, prod: f.prod };
}

/** The snapshot's accounts (declared, and those of its resources), sorted: one pass per snapshot. */
const accountLists = new WeakMap<Snapshot, string[]>();

function accountIds(snapshot: Snapshot, names: ReadonlyMap<string, unknown>): string[] {
  let ids = accountLists.get(snapshot);
  if (!ids) {
    const all = new Set(names.keys());
    for (const r of snapshot.resources) all.add(r.account);
    accountLists.set(snapshot, (ids = [...all].sort()));
  }
  return ids;
}

export function meta(state: ServerState, exposed: boolean): MetaResponse {
  const names = new Map(state.snapshot.accounts.map((a) => [a.id, a.name]));
  const accounts = accountIds(state.snapshot, names);
  const seen = new Set<string>();
  return {
    schemaVersion: API_VERSION,
    tool: state.tool,
    source: state.source,
    loadedAt: state.loadedAt,
    snapshot: {
      takenAt: state.snapshot.takenAt,
      resources: state.snapshot.resources.length,
      accounts: accounts.map((id) => {
        const name = names.get(id);
        return name !== undefined ? { id, name } : { id };
      }),
      regions: [...state.snapshot.regions].sort(),
    },
    exposed,
    features: { store: state.storePath !== undefined, logs: state.logs, spend: state.cur !== undefined },
    configFile: state.configFile,
    categories: [...CATEGORIES],
    severities: [...SEVERITIES],
    rules: configurableRules()
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .map((r) => ({ id: r.id, title: r.title, severity: r.severity, category: r.category })),
    frameworks: FRAMEWORKS.map((f) => ({
      id: f.id,
      name: f.name,
      version: f.version,
      controls: Object.keys(f.controls).length,
    })),
    logQuestions: LOG_QUESTIONS.map((name) => ({ name, title: LOG_QUESTION_TITLES[name] })),
  };
}

export function overview(state: ServerState): OverviewResponse {
  const { findings, ...rest } = state.answer;
  const byKey = findingsByKey({ findings });
  const pick = (keys: readonly string[]) =>
    keys.flatMap((k) => {
      const f = byKey.get(k);
      return f ? [dailyFindingJson(f)] : [];
    });
  // Through JSON, so the document is exactly what `daily --json` writes (undefined fields left out).
  const daily = JSON.parse(JSON.stringify(rest)) as OverviewResponse['daily'];
  return { schemaVersion: API_VERSION, daily, topTen: pick(rest.topTen), health: pick(rest.health.failing) };
}

export function findings(state: ServerState, q: In<'findings'>): FindingsResponse {
  const r = state.index.query(q);
  return {
    schemaVersion: API_VERSION,
    totalFindings: state.index.size,
    total: r.total,
    groupBy: q.groupBy,
    offset: q.offset,
    limit: q.limit,
    facets: r.facets,
    items: r.items.map(dailyFindingJson),
    ...(r.groups ? { groups: r.groups, totalGroups: r.totalGroups ?? r.groups.length } : {}),
  };
}

export function finding(state: ServerState, q: In<'finding'>): FindingDetailResponse {
  const f = state.index.get(q.key);
  if (!f) throw new NotFound(`no finding has the key ${q.key}`);
  const rule = configurableRules().find((r) => r.id === f.ruleId);
  return {
    schemaVersion: API_VERSION,
    finding: dailyFindingJson(f),
    rule: rule
      ? {
          id: rule.id,
          title: rule.title,
          severity: rule.severity,
          category: rule.category,
          rationale: rule.rationale,
          references: [...(rule.references ?? [])],
          remediation: { ...rule.remediation },
          controls: rule.controls.map((id) => {
            const found = lookupControl(id);
            return {
              id,
              framework: found?.framework.id ?? id.slice(0, id.indexOf(':')),
              ...(found ? { title: found.control.title } : {}),
            };
          }),
        }
      : null,
    suppressDraft: {
      rule: f.ruleId,
      resource: f.resource.arn ?? f.resource.id,
      account: f.resource.account,
    },
  };
}

export class NotFound extends Error {
  override readonly name = 'NotFound';
}

export async function suppressions(state: ServerState): Promise<SuppressionsResponse> {
  const exists = existsSync(state.configFile);
  const config = exists ? await loadConfig(state.configFile, configurableRules()) : state.config;
  const today = new Date().toISOString().slice(0, 10);
  return {
    schemaVersion: API_VERSION,
    file: state.configFile,
    exists,
    suppressions: config.suppressions.map((s) => ({ ...s, expired: s.expires < today })),
  };
}

export async function suppressOne(state: ServerState, body: In<'suppress'>) {
  const outcome = await suppress(state, body);
  return { schemaVersion: API_VERSION, ...outcome };
}

export function compliance(state: ServerState, q: In<'compliance'>) {
  return complianceAnswer(state.snapshot, state.evaluation.rules, state.answer.findings, q.framework);
}

export async function diagram(state: ServerState, q: In<'diagram'>): Promise<DiagramResponse> {
  const d = diagramOf(state.network(), state.snapshot, q);
  const layout = await layoutDiagram(d);
  const nodes: DiagramResponse['layout']['nodes'] = [];
  const walk = (placed: readonly PlacedNode[], parent: string | null) => {
    for (const p of placed) {
      const n = p.node;
      nodes.push({
        id: n.id,
        parent,
        kind: n.kind,
        label: n.label,
        ...(n.detail !== undefined ? { detail: n.detail } : {}),
        ...(n.resourceId !== undefined ? { resourceId: n.resourceId } : {}),
        ...(n.public !== undefined ? { public: n.public } : {}),
        ...(n.variant !== undefined ? { variant: n.variant } : {}),
        container: CONTAINER_KINDS.has(n.kind) || n.children.length > 0,
        x: p.x,
        y: p.y,
        absX: p.absX,
        absY: p.absY,
        width: p.width,
        height: p.height,
      });
      walk(p.children, n.id);
    }
  };
  walk(layout.nodes, null);
  return {
    schemaVersion: API_VERSION,
    diagram: JSON.parse(JSON.stringify(d)) as DiagramResponse['diagram'],
    layout: {
      width: layout.width,
      height: layout.height,
      nodes,
      edges: layout.edges.map((e) => ({ ...e.edge, points: e.points.map((p) => ({ x: p.x, y: p.y })) })),
    },
  };
}

export function reach(state: ServerState, q: In<'reach'>) {
  return reachQuestion(state.snapshot, q, state.network(q.ephemeral));
}

export function exposure(state: ServerState, q: In<'exposure'>) {
  // What exposureQuestion answers, over the model already built for this profile.
  return exposureOf(state.network(q.ephemeral));
}

export function simulate(state: ServerState, q: In<'simulate'>) {
  return iamSimulate(state.snapshot, q, state.iam());
}

export function whoCan(state: ServerState, q: In<'whoCan'>) {
  return iamWhoCan(state.snapshot, q, state.iam());
}

export function escalation(state: ServerState) {
  return escalationAnswer(state.iam(), state.snapshot);
}

export function costAnswer(state: ServerState) {
  return cost({
    snapshot: state.snapshot,
    config: state.config,
    prices: state.prices,
    ...(state.cur ? { cur: state.cur } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Logs: each call opens the store read-only with file access off, as `logs query` does.

async function withLogs<T>(state: ServerState, work: (store: LogStore) => Promise<T>): Promise<T> {
  if (!state.storePath || !state.logs) {
    throw new Unavailable(
      'no logs: start serve with --db pointing at a store where `cloudrounds logs ingest` has loaded logs',
    );
  }
  const { openLogStore } = await import('../store/logs/index.js');
  const store = await openLogStore(state.storePath, { readOnly: true });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

export async function logQuestion(state: ServerState, q: In<'logQuestion'>) {
  const { question, ...raw } = q;
  const schema = logQuestionParams[question as LogQuestion];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BadParams(parsed.error.issues);
  return withLogs(state, async (store) => {
    const sql = logQuestionSql(question, parsed.data as never, 'duckdb');
    const result = await store.query(sql);
    return logAnswer(question, parsed.data as never, 'duckdb', sql, result.rows);
  });
}

/** The question's own schema rejected the parameters: a 400 with its issues. */
export class BadParams extends Error {
  override readonly name = 'BadParams';
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super(issues.map((i) => i.message).join('; '));
  }
}

export async function logQuery(state: ServerState, q: In<'logQuery'>) {
  return withLogs(state, async (store) => {
    try {
      const result = await store.query(q.sql);
      return {
        schemaVersion: LOGS_SCHEMA_VERSION,
        engine: 'duckdb' as const,
        sql: q.sql,
        columns: result.columns,
        rows: result.rows,
      };
    } catch (error) {
      throw new InputError(
        `query failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        {
          path: 'sql',
        },
      );
    }
  });
}

export async function detections(state: ServerState): Promise<DetectAnswer> {
  return withLogs(state, async (store) => {
    const hasCloudTrail = await store.hasTable('cloudtrail_logs');
    const hasFlow = await store.hasTable('vpc_flow_logs');
    const answer: DetectAnswer = { schemaVersion: LOGS_SCHEMA_VERSION, detections: [], unsupported: [] };
    for (const d of builtinDetections()) {
      const present = d.source === 'cloudtrail' ? hasCloudTrail : hasFlow;
      try {
        const rows = present ? (await store.query(detectionSql('duckdb', d))).rows : [];
        answer.detections.push(detectionResult(d, rows));
      } catch (error) {
        answer.unsupported.push({
          file: d.origin ?? 'builtin',
          id: d.id,
          title: d.title,
          reason: `the query failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
        });
      }
    }
    return answer;
  });
}
