/**
 * `daily --json FILE`: the daily answer as a documented, versioned document (docs/daily.md). The
 * zod schema below is the definition; tests validate real output against it. Findings use the
 * same shape as `scan --format json`, plus the fields the daily ranking adds.
 */
import { z } from 'zod';
import { CATEGORIES, SEVERITIES, STATUSES } from '../../engine/index.js';
import { DAILY_SCHEMA_VERSION, type DailyAnswer, type DailyFinding } from '../../questions/daily.js';
import { dailyCostJsonSchema } from './cost.js';
import { coverageGapJsonSchema, findingJson, findingJsonSchema } from '../findings/json.js';

const count = z.number().int().nonnegative();
const time = z.iso.datetime({ offset: true });
const severity = z.enum(SEVERITIES);
const category = z.enum(CATEGORIES);
const runStatus = z.enum(['complete', 'incomplete']);

const bySeverity = z.strictObject(
  Object.fromEntries(SEVERITIES.map((s) => [s, count])) as Record<(typeof SEVERITIES)[number], typeof count>,
);

/** A finding of the run: the `scan` finding plus its key and what the ranking looks at. */
export const dailyFindingJsonSchema = findingJsonSchema.extend({
  /** Stable across runs of the scope (the store's finding key). */
  key: z.string().min(1),
  /** Open now and not open in the previous run; false when the run was not compared. */
  new: z.boolean(),
  /** About exposure to the internet. */
  exposure: z.boolean(),
  /** In a production account. */
  prod: z.boolean(),
});

/** A finding open in the previous run and not now, as that run recorded it. */
export const resolvedFindingJsonSchema = z.strictObject({
  key: z.string().min(1),
  ruleId: z.string().min(1),
  severity: z.string().min(1),
  category: z.string().min(1),
  title: z.string(),
  reason: z.string(),
  resource: findingJsonSchema.shape.resource,
});

/** The whole `daily --json` document. */
export const dailyJsonSchema = z.strictObject({
  schemaVersion: z.literal(DAILY_SCHEMA_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  generatedAt: time,
  source: z.strictObject({ spec: z.string(), kind: z.string(), scope: z.string() }),
  run: z.strictObject({
    id: z.number().int().positive().nullable(),
    startedAt: time,
    finishedAt: time,
    status: runStatus,
    recorded: z.boolean(),
    store: z.string().nullable(),
  }),
  snapshot: z.strictObject({
    takenAt: z.string(),
    resources: count,
    types: count,
    accounts: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string().optional(),
        role: z.string().optional(),
        ouPath: z.string().optional(),
        prod: z.boolean(),
        resources: count,
        open: count,
      }),
    ),
    regions: z.array(z.strictObject({ region: z.string(), resources: count })),
  }),
  evaluation: z.strictObject({
    engines: z.array(
      z.strictObject({ name: z.string(), rules: count, checks: count, ms: z.number().nonnegative() }),
    ),
    rules: count,
    checks: count,
    resourcesEvaluated: count,
    byStatus: z.strictObject(
      Object.fromEntries(STATUSES.map((s) => [s, count])) as Record<(typeof STATUSES)[number], typeof count>,
    ),
    suppressed: count,
    suppressionExpired: count,
    unusedSuppressions: z.array(
      z.strictObject({
        rule: z.string(),
        resource: z.string(),
        account: z.string().optional(),
        reason: z.string(),
        expires: z.string(),
        file: z.string().optional(),
        line: z.number().int().positive().optional(),
      }),
    ),
  }),
  totals: z.strictObject({
    open: count,
    bySeverity,
    byCategory: z.strictObject(
      Object.fromEntries(CATEGORIES.map((c) => [c, bySeverity])) as Record<
        (typeof CATEGORIES)[number],
        typeof bySeverity
      >,
    ),
    byAccountCategory: z.array(z.strictObject({ account: z.string(), category, open: count })),
  }),
  health: z.strictObject({ checks: count, failing: z.array(z.string()) }),
  topTen: z.array(z.string()).max(10),
  blastRadius: z.array(
    z.strictObject({
      ruleId: z.string(),
      title: z.string(),
      severity,
      category,
      resources: count,
      accounts: z.array(z.string()),
      prod: z.boolean(),
      exposure: z.boolean(),
      new: count,
      score: z.number().nonnegative(),
    }),
  ),
  changes: z.strictObject({
    compared: z.boolean(),
    previousRun: z
      .strictObject({ id: z.number().int().positive(), startedAt: time, status: runStatus })
      .nullable(),
    new: z.array(z.string()),
    resolved: z.array(resolvedFindingJsonSchema),
    stillOpen: count,
  }),
  coverage: z.strictObject({
    complete: z.boolean(),
    gaps: z.array(coverageGapJsonSchema),
    gapsByKind: z.array(
      z.strictObject({ kind: coverageGapJsonSchema.shape.kind, count, example: z.string() }),
    ),
    errors: z.array(z.strictObject({ ruleId: z.string(), count, example: z.string() })),
    unevaluatedTypes: z.array(z.strictObject({ type: z.string(), resources: count })),
    unevaluatedResources: count,
    notRun: z.array(z.strictObject({ analysis: z.string(), reason: z.string() })),
  }),
  trend: z.array(
    z.strictObject({
      runId: z.number().int().positive(),
      startedAt: time,
      open: count,
      failBySeverity: z.partialRecord(severity, count),
    }),
  ),
  /** Priced waste and spend analysis (docs/cost.md); added in the same schema version, optional. */
  cost: dailyCostJsonSchema.optional(),
  findings: z.array(dailyFindingJsonSchema),
});

export type DailyJson = z.output<typeof dailyJsonSchema>;

/** A daily finding as the document writes it: absent fields left out. */
function dailyFindingJson(f: DailyFinding): z.output<typeof dailyFindingJsonSchema> {
  return { ...findingJson(f), key: f.key, new: f.new, exposure: f.exposure, prod: f.prod };
}

/**
 * The document in chunks: everything but the findings pretty-printed, then one finding per line, so
 * a run with a million findings streams to its file instead of becoming one string. The whole text
 * is one JSON value, ending with a newline. JSON.stringify leaves out undefined fields.
 */
export function* renderDailyJsonChunks(answer: DailyAnswer): Generator<string> {
  const { findings, ...rest } = answer;
  const head = JSON.stringify(rest, null, 2);
  yield head.slice(0, head.lastIndexOf('}')).trimEnd() + ',\n  "findings": [';
  let first = true;
  for (const f of findings) {
    yield (first ? '\n    ' : ',\n    ') + JSON.stringify(dailyFindingJson(f));
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

/** The document as one string; see {@link renderDailyJsonChunks}. */
export function renderDailyJson(answer: DailyAnswer): string {
  return [...renderDailyJsonChunks(answer)].join('');
}
