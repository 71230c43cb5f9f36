/**
 * The log questions as typed analyses: parameters (one zod schema per question, shared by the CLI
 * and any other front end), the SQL that answers each on DuckDB or Athena, and the answer built
 * from the rows. Running the SQL is the caller's job (the store, or Athena), so this stays pure.
 * See docs/logs.md.
 */
import { z } from 'zod';
import type { FindingCounts, Finding, RunConfig } from '../engine/index.js';
import { CATEGORIES, SEVERITIES, STATUSES, type Severity } from '../engine/index.js';
import type { Dialect } from '../logs/dialect.js';
import type { Detection, DetectionMatch } from '../logs/detections.js';
import { deniedSql, rejectedSql, timelineSql, topTalkersSql, whoSql } from '../logs/questions.js';
import type { SigmaLevel } from '../logs/sigma.js';
import { GLOBAL_REGION, UNKNOWN_ACCOUNT, UNKNOWN_REGION } from '../model/index.js';
import type { DailyEngine, EngineResult } from './daily.js';

/** Version of every log answer's JSON document. */
export const LOGS_SCHEMA_VERSION = 1;

const limit = z.coerce.number().int().positive().max(1_000_000);

/** Parameters of each named question. */
export const logQuestionParams = {
  who: z.object({ resource: z.string().min(1), limit: limit.default(1000) }),
  timeline: z.object({ principal: z.string().min(1), limit: limit.default(10000) }),
  rejected: z
    .object({
      ip: z.string().min(1).optional(),
      eni: z.string().min(1).optional(),
      limit: limit.default(1000),
    })
    .refine((p) => p.ip !== undefined || p.eni !== undefined, { message: 'give --ip or --eni' }),
  'top-talkers': z.object({ by: z.enum(['pair', 'source']).default('pair'), limit: limit.default(20) }),
  denied: z.object({ min: z.coerce.number().int().positive().default(1), limit: limit.default(1000) }),
} as const;

export type LogQuestion = keyof typeof logQuestionParams;
export const LOG_QUESTIONS = Object.keys(logQuestionParams) as LogQuestion[];
export type LogQuestionParams<Q extends LogQuestion> = z.output<(typeof logQuestionParams)[Q]>;

/** One sentence on what each question answers, for help text and answers. */
export const LOG_QUESTION_TITLES: Record<LogQuestion, string> = {
  who: 'Who changed the resource, when and from where (CloudTrail write events mentioning it)',
  timeline: 'Everything the identity did, including through the role sessions it started',
  rejected: 'Rejected VPC flows to or from the address or interface',
  'top-talkers': 'Address pairs by bytes in VPC flow logs',
  denied: 'Denied API calls (AccessDenied, UnauthorizedOperation) by principal and API, with bursts',
};

/** The SQL answering a question; validate `params` with {@link logQuestionParams} first. */
export function logQuestionSql<Q extends LogQuestion>(
  question: Q,
  params: LogQuestionParams<Q>,
  dialect: Dialect,
): string {
  const p = params as Record<string, unknown>;
  switch (question) {
    case 'who':
      return whoSql(dialect, String(p.resource), Number(p.limit));
    case 'timeline':
      return timelineSql(dialect, String(p.principal), Number(p.limit));
    case 'rejected':
      return rejectedSql(
        dialect,
        {
          ...(p.ip !== undefined && { ip: String(p.ip) }),
          ...(p.eni !== undefined && { eni: String(p.eni) }),
        },
        Number(p.limit),
      );
    case 'top-talkers':
      return topTalkersSql(dialect, p.by === 'source' ? 'source' : 'pair', Number(p.limit));
    case 'denied':
      return deniedSql(dialect, Number(p.min), Number(p.limit));
  }
  throw new Error(`unknown question ${String(question)}`);
}

/** A question's answer: the rows, and the SQL that produced them so it can be rerun or adapted. */
export interface LogAnswer {
  schemaVersion: number;
  question: LogQuestion;
  title: string;
  params: Record<string, unknown>;
  engine: Dialect;
  sql: string;
  rows: Array<Record<string, unknown>>;
}

export const logAnswerSchema = z.object({
  schemaVersion: z.literal(LOGS_SCHEMA_VERSION),
  question: z.enum(LOG_QUESTIONS as [LogQuestion, ...LogQuestion[]]),
  title: z.string(),
  params: z.record(z.string(), z.unknown()),
  engine: z.enum(['duckdb', 'athena']),
  sql: z.string(),
  rows: z.array(z.record(z.string(), z.unknown())),
});

export function logAnswer<Q extends LogQuestion>(
  question: Q,
  params: LogQuestionParams<Q>,
  engine: Dialect,
  sql: string,
  rows: Array<Record<string, unknown>>,
): LogAnswer {
  return {
    schemaVersion: LOGS_SCHEMA_VERSION,
    question,
    title: LOG_QUESTION_TITLES[question],
    params: { ...params },
    engine,
    sql,
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// Detections
// ---------------------------------------------------------------------------------------------

/** One detection's outcome. */
export interface DetectionResult {
  id: string;
  title: string;
  level: SigmaLevel;
  matches: DetectionMatch[];
}

/** A Sigma rule that could not be converted, and why. */
export interface UnsupportedRule {
  file: string;
  id: string;
  title: string;
  reason: string;
}

export interface DetectAnswer {
  schemaVersion: number;
  detections: DetectionResult[];
  unsupported: UnsupportedRule[];
}

const matchSchema = z.object({
  eventID: z.string(),
  eventName: z.string().nullable(),
  eventSource: z.string().nullable(),
  eventTime: z.string().nullable(),
  principal: z.string().nullable(),
});

export const detectAnswerSchema = z.object({
  schemaVersion: z.literal(LOGS_SCHEMA_VERSION),
  detections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      level: z.enum(['critical', 'high', 'medium', 'low', 'informational']),
      matches: z.array(matchSchema),
    }),
  ),
  unsupported: z.array(z.object({ file: z.string(), id: z.string(), title: z.string(), reason: z.string() })),
});

/** Rows of a detection query as matches (NULL-safe strings). */
export function detectionResult(
  detection: Detection,
  rows: ReadonlyArray<Record<string, unknown>>,
): DetectionResult {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: detection.id,
    title: detection.title,
    level: detection.level,
    matches: rows.map((r) => ({
      eventID: String(r.eventID ?? ''),
      eventName: text(r.eventName),
      eventSource: text(r.eventSource),
      eventTime: text(r.eventTime),
      principal: text(r.principal),
    })),
  };
}

const LEVEL_SEVERITY: Record<SigmaLevel, Severity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  informational: 'info',
};

/**
 * A daily engine over detections already run against the store. `DailyEngine.run` is synchronous
 * and the store is not, so the caller queries first and hands the results in; each detection that
 * fired becomes one failing finding per principal (the identity, or the source address of a flow).
 */
export function logDetectionsEngine(results: readonly DetectionResult[]): DailyEngine {
  return {
    name: 'logs',
    run(_snapshot, _config: RunConfig): EngineResult {
      const findings: Finding[] = [];
      const counts: FindingCounts = {
        byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as FindingCounts['byStatus'],
        failBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as FindingCounts['failBySeverity'],
        suppressed: 0,
        suppressionExpired: 0,
      };
      for (const result of results) {
        const byPrincipal = new Map<string, DetectionMatch[]>();
        for (const m of result.matches) {
          const key = m.principal ?? 'unknown';
          byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), m]);
        }
        if (byPrincipal.size === 0) counts.byStatus.pass++;
        for (const [principal, matches] of [...byPrincipal].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const severity = LEVEL_SEVERITY[result.level];
          const times = matches
            .map((m) => m.eventTime ?? '')
            .filter(Boolean)
            .sort();
          const first = matches[0]!;
          findings.push({
            ruleId: `logs-${result.id}`,
            status: 'fail',
            severity,
            category: 'security',
            title: result.title,
            reason:
              `${result.title}: ${matches.length} event${matches.length === 1 ? '' : 's'} by ${principal}` +
              (times.length ? ` between ${times[0]} and ${times[times.length - 1]}` : '') +
              ` (first: ${first.eventName ?? '?'} ${first.eventID}).`,
            controls: [],
            resource: principalResource(principal, first.eventSource),
            remediation: {
              text: `Review the events (cloudrounds logs detect --json, or logs timeline --principal ${principal}) and confirm they were expected.`,
            },
          });
          counts.byStatus.fail++;
          counts.failBySeverity[severity]++;
        }
      }
      const checksByCategory = Object.fromEntries(
        CATEGORIES.map((c) => [c, 0]),
      ) as EngineResult['checksByCategory'];
      checksByCategory.security = results.length;
      return {
        findings,
        counts,
        rules: [],
        unusedSuppressions: [],
        resourceTypes: new Set(),
        checksByCategory,
      };
    },
  };
}

/** The resource a detection finding points at: the IAM identity of an ARN, or the flow's source. */
function principalResource(principal: string, eventSource: string | null): Finding['resource'] {
  if (eventSource === 'vpc-flow-logs') {
    return { type: 'AWS::EC2::FlowLog', id: principal, account: UNKNOWN_ACCOUNT, region: UNKNOWN_REGION };
  }
  const arn = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}|[^:]*):(.+)$/.exec(principal);
  const account = arn?.[2] || UNKNOWN_ACCOUNT;
  const rest = arn?.[3] ?? '';
  const type =
    rest === 'root'
      ? 'AWS::IAM::RootAccount'
      : rest.startsWith('assumed-role/') || rest.startsWith('role/')
        ? 'AWS::IAM::Role'
        : 'AWS::IAM::User';
  const resource: Finding['resource'] = { type, id: principal, account, region: GLOBAL_REGION };
  if (arn) resource.arn = principal;
  return resource;
}
