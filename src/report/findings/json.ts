/**
 * `scan --format json`: the documented, versioned findings document (docs/output-formats.md).
 * The zod schema below is the definition; tests validate real output against it.
 */
import { z } from 'zod';
import type { CoverageGap, CoverageGapKind } from '../../model/index.js';
import { CATEGORIES, SEVERITIES, STATUSES, type Finding } from '../../engine/index.js';
import type { FindingsReport } from './summary.js';

/** Version of the findings document; bumped on any change that could break a reader. */
export const FINDINGS_JSON_SCHEMA_VERSION = 1;

const COVERAGE_GAP_KINDS = [
  'access-denied',
  'region-disabled',
  'throttled',
  'api-error',
  'unresolved-value',
  'missing-reference',
  'unsupported-type',
  'skipped-file',
  'parse-error',
  'unexpanded',
] as const satisfies readonly CoverageGapKind[];
// Fails to compile when the model gains a gap kind this document does not list yet (the kind names it).
type UnlistedGapKind = Exclude<CoverageGapKind, (typeof COVERAGE_GAP_KINDS)[number]>;
const _everyGapKindListed: [UnlistedGapKind] extends [never] ? true : UnlistedGapKind = true;

const count = z.number().int().nonnegative();
const line = z.number().int().positive();

const suppressionNote = z.strictObject({
  reason: z.string().min(1),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  file: z.string().optional(),
  line: line.optional(),
});

/** One finding: a rule's verdict on one resource. */
export const findingJsonSchema = z.strictObject({
  ruleId: z.string().min(1),
  status: z.enum(STATUSES),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  /** The rule's title: the good state. */
  title: z.string().min(1),
  /** The rule's sentence about this resource. */
  reason: z.string().min(1),
  /** External controls, `<framework>:<control>`. */
  controls: z.array(z.string().regex(/^[a-z0-9.-]+:.+$/)),
  resource: z.strictObject({
    type: z.string().min(1),
    id: z.string().min(1),
    arn: z.string().optional(),
    name: z.string().optional(),
    logicalId: z.string().optional(),
    account: z.string().min(1),
    region: z.string().min(1),
    /** Relative to the working directory for templates, plans and describe output. */
    file: z.string().optional(),
    line: line.optional(),
  }),
  remediation: z.strictObject({
    text: z.string().min(1),
    cli: z.string().optional(),
    cloudformation: z.string().optional(),
    terraform: z.string().optional(),
  }),
  /** Present when a current suppression accepts the failure: it is not counted. */
  suppressed: suppressionNote.optional(),
  /** Present when the suppression that matched has expired: the failure counts again. */
  suppressionExpired: suppressionNote.optional(),
});

export const coverageGapJsonSchema = z.strictObject({
  kind: z.enum(COVERAGE_GAP_KINDS),
  message: z.string().min(1),
  account: z.string().optional(),
  region: z.string().optional(),
  resourceType: z.string().optional(),
  resourceId: z.string().optional(),
  file: z.string().optional(),
  line: line.optional(),
  path: z.string().optional(),
});

const byStatus = z.strictObject(
  Object.fromEntries(STATUSES.map((s) => [s, count])) as Record<(typeof STATUSES)[number], typeof count>,
);
const bySeverity = z.strictObject(
  Object.fromEntries(SEVERITIES.map((s) => [s, count])) as Record<(typeof SEVERITIES)[number], typeof count>,
);

export const findingsSummaryJsonSchema = z.strictObject({
  resources: count,
  resourcesEvaluated: count,
  rules: count,
  results: count,
  byStatus,
  failBySeverity: bySeverity,
  suppressed: count,
  suppressionExpired: count,
  unusedSuppressions: count,
  coverageGaps: count,
  gapsByKind: z.partialRecord(z.enum(COVERAGE_GAP_KINDS), count),
  complete: z.boolean(),
});

/** The whole `scan --format json` document. */
export const findingsJsonSchema = z.strictObject({
  schemaVersion: z.literal(FINDINGS_JSON_SCHEMA_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  generatedAt: z.iso.datetime({ offset: true }),
  inputs: z.array(z.string()),
  /** True when `findings` holds every result; false when failures only. */
  all: z.boolean(),
  findings: z.array(findingJsonSchema),
  coverage: z.array(coverageGapJsonSchema),
  summary: findingsSummaryJsonSchema,
});

export type FindingsJson = z.output<typeof findingsJsonSchema>;
export type FindingJson = z.output<typeof findingJsonSchema>;

/** A finding as the document writes it: absent fields left out, nothing else added. */
export function findingJson(f: Finding): FindingJson {
  const r = f.resource;
  const out: FindingJson = {
    ruleId: f.ruleId,
    status: f.status,
    severity: f.severity,
    category: f.category,
    title: f.title,
    reason: f.reason,
    controls: [...f.controls],
    resource: defined({
      type: r.type,
      id: r.id,
      arn: r.arn,
      name: r.name,
      logicalId: r.logicalId,
      account: r.account,
      region: r.region,
      file: r.file,
      line: r.line,
    }),
    remediation: defined({ ...f.remediation }),
  };
  if (f.suppressed) out.suppressed = defined({ ...f.suppressed });
  if (f.suppressionExpired) out.suppressionExpired = defined({ ...f.suppressionExpired });
  return out;
}

function gapJson(gap: CoverageGap): z.output<typeof coverageGapJsonSchema> {
  return defined({ ...gap });
}

/** Drops keys whose value is undefined, so the document has no `null`s and no empty keys. */
function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/**
 * The document as text, one finding per line so a large scan streams with bounded memory. The
 * whole text is one JSON value.
 */
export function* renderFindingsJson(report: FindingsReport): Generator<string> {
  const head = {
    schemaVersion: FINDINGS_JSON_SCHEMA_VERSION,
    tool: report.tool,
    generatedAt: report.generatedAt,
    inputs: report.inputs,
    all: report.all,
  };
  yield JSON.stringify(head).slice(0, -1) + ',"findings":[';
  let first = true;
  for (const f of report.findings) {
    yield (first ? '\n' : ',\n') + JSON.stringify(findingJson(f));
    first = false;
  }
  yield `\n],"coverage":[`;
  first = true;
  for (const gap of report.coverage) {
    yield (first ? '\n' : ',\n') + JSON.stringify(gapJson(gap));
    first = false;
  }
  yield `\n],"summary":${JSON.stringify(report.summary)}}\n`;
}
