/**
 * The dashboard API contract: for each route, the zod schema of its request (query string for GET,
 * JSON body otherwise) and of its response. Request schemas are the CLI's own where the CLI has
 * one (reach, exposure, diagram, iam simulate / who-can, logs questions, suppressions); the ones
 * defined here are marked so. Responses reuse the CLI's `--json` document schemas. Tests validate
 * every response against these. Browser code imports only the types from this file (the schemas
 * pull in engine modules); the paths and header names are in ./routes.ts. See docs/serve.md.
 *
 * Stability: fields are only ever added; a breaking change bumps {@link API_VERSION}.
 */
import { z } from 'zod';
import { CATEGORIES, SEVERITIES, suppressionSchema } from '../engine/index.js';
import { escalationAnswerSchema } from '../iam/escalation.js';
import { exposureAnswerSchema, reachAnswerSchema } from '../network/schema.js';
import { costParamsSchema } from '../questions/cost.js';
import { diagramParamsSchema, diagramSchema } from '../questions/diagram.js';
import {
  simulateAnswerSchema,
  simulateParamsSchema,
  whoCanAnswerSchema,
  whoCanParamsSchema,
} from '../questions/iam.js';
import {
  detectAnswerSchema,
  LOG_QUESTIONS,
  logAnswerSchema,
  logQuestionParams,
  type LogQuestion,
} from '../questions/logs.js';
import { exposureParamsSchema, reachParamsSchema } from '../questions/reach.js';
import { costJsonSchema } from '../report/daily/cost.js';
import { dailyFindingJsonSchema, dailyJsonSchema } from '../report/daily/json.js';
import { API_VERSION, ROUTES } from './routes.js';

export { API_VERSION, ROUTES } from './routes.js';
export { CSRF_HEADER, CSRF_META, TOKEN_COOKIE, TOKEN_PARAM, type RouteName } from './routes.js';

const count = z.number().int().nonnegative();
const version = z.literal(API_VERSION);

/**
 * A list in a query string: repeated (`?severity=high&severity=critical`) or comma-separated
 * (`?severity=high,critical`), or both.
 */
function queryList<T extends z.ZodType<string>>(item: T) {
  return z.preprocess((v) => {
    if (v === undefined) return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(','));
    const list = parts.map((s) => s.trim()).filter(Boolean);
    return list.length > 0 ? list : undefined;
  }, z.array(item).optional());
}

// ---------------------------------------------------------------------------------------------
// Errors (every route)
// ---------------------------------------------------------------------------------------------

/** Why a request failed; the HTTP status says the same. */
export const API_ERRORS = [
  'bad-request', // 400: the request does not match the route's schema, or the question rejected it
  'unauthorized', // 401: exposed mode and no valid token
  'forbidden', // 403: a write without the CSRF header, or from a foreign Origin / Host
  'not-found', // 404
  'method-not-allowed', // 405
  'unavailable', // 409: the route needs what the server was not given (a store with logs)
  'payload-too-large', // 413
  'internal', // 500
] as const;

export const apiErrorSchema = z.object({
  schemaVersion: version,
  error: z.enum(API_ERRORS),
  message: z.string(),
  /** The zod issues, on a request that does not match the schema. */
  issues: z
    .array(
      z.object({
        code: z.string(),
        path: z.array(z.union([z.string(), z.number()])),
        message: z.string(),
      }),
    )
    .optional(),
  /** The parameter (JSON path) an input error names, when the question named one. */
  path: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/meta (request schema defined here: none)
// ---------------------------------------------------------------------------------------------

export const metaRequestSchema = z.strictObject({});

export const metaResponseSchema = z.object({
  schemaVersion: version,
  tool: z.object({ name: z.string(), version: z.string() }),
  source: z.object({ spec: z.string(), kind: z.string(), scope: z.string() }),
  /** ISO 8601: when the snapshot was loaded and evaluated. */
  loadedAt: z.string(),
  snapshot: z.object({
    takenAt: z.string(),
    resources: count,
    accounts: z.array(z.object({ id: z.string(), name: z.string().optional() })),
    regions: z.array(z.string()),
  }),
  /** Bound to a non-loopback address: every request needs the token. */
  exposed: z.boolean(),
  /** What the page may show: routes whose data is absent answer 409 `unavailable`. */
  features: z.object({
    /** A history database is open (trend across runs). */
    store: z.boolean(),
    /** The store holds ingested logs (the logs routes work). */
    logs: z.boolean(),
    /** A spend history (CUR) is loaded (anomalies, RI / SP advice). */
    spend: z.boolean(),
  }),
  /** The configuration file suppressions are written to. */
  configFile: z.string(),
  categories: z.array(z.enum(CATEGORIES)),
  severities: z.array(z.enum(SEVERITIES)),
  /** Every rule a finding or a suppression may name. */
  rules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      severity: z.enum(SEVERITIES),
      category: z.enum(CATEGORIES),
    }),
  ),
  frameworks: z.array(z.object({ id: z.string(), name: z.string(), version: z.string(), controls: count })),
  logQuestions: z.array(z.object({ name: z.string(), title: z.string() })),
});
export type MetaResponse = z.infer<typeof metaResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/overview (request schema defined here: none)
// ---------------------------------------------------------------------------------------------

export const overviewRequestSchema = z.strictObject({});

/** The `daily --json` document without its (possibly million-long) findings list. */
export const dailySummaryJsonSchema = dailyJsonSchema.omit({ findings: true });

export const overviewResponseSchema = z.object({
  schemaVersion: version,
  daily: dailySummaryJsonSchema,
  /** The findings `daily.topTen` names, in that order. */
  topTen: z.array(dailyFindingJsonSchema),
  /** The findings `daily.health.failing` names, in that order (health first on the page). */
  health: z.array(dailyFindingJsonSchema),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/findings (request schema defined here: the CLI has no findings filter)
// ---------------------------------------------------------------------------------------------

/** open = failing and not suppressed; suppressed = failing and accepted; error = could not decide. */
export const FINDING_STATES = ['open', 'suppressed', 'error'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const FINDINGS_GROUPS = ['none', 'rule', 'resource'] as const;

export const findingsRequestSchema = z.strictObject({
  account: queryList(z.string().min(1)),
  region: queryList(z.string().min(1)),
  category: queryList(z.enum(CATEGORIES)),
  severity: queryList(z.enum(SEVERITIES)),
  /** Rule ids (exact). */
  rule: queryList(z.string().min(1)),
  /** Framework controls `<framework>:<control>` (e.g. `aws-fsbp:S3.8`), or a whole framework (`cis-aws-v5.0`). */
  control: queryList(z.string().min(1)),
  /** Default: every state. */
  status: queryList(z.enum(FINDING_STATES)),
  resourceType: queryList(z.string().min(1)),
  /** Resource ids (exact), e.g. to open one group of `groupBy=resource`. */
  resource: queryList(z.string().min(1)),
  /** Case-insensitive text in the resource id, name, ARN, rule id or reason. */
  q: z.string().trim().min(1).max(200).optional(),
  groupBy: z.enum(FINDINGS_GROUPS).default('none'),
  /** Pagination over the findings (groupBy=none) or over the groups. */
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type FindingsRequest = z.input<typeof findingsRequestSchema>;
export type FindingsQuery = z.output<typeof findingsRequestSchema>;

const bySeverity = z.partialRecord(z.enum(SEVERITIES), count);

export const findingsGroupSchema = z.object({
  /** The rule id, or the resource's `type|account|region|id`. */
  key: z.string(),
  label: z.string(),
  ruleId: z.string().optional(),
  resource: z
    .object({
      type: z.string(),
      id: z.string(),
      account: z.string(),
      region: z.string(),
      name: z.string().optional(),
    })
    .optional(),
  /** Matching findings in the group. */
  count,
  /** The group's most severe finding. */
  severity: z.enum(SEVERITIES),
  bySeverity,
});
export type FindingsGroup = z.infer<typeof findingsGroupSchema>;

export const findingsResponseSchema = z.object({
  schemaVersion: version,
  /** Findings the server holds (every state), before filtering. */
  totalFindings: count,
  /** Findings matching the filter. */
  total: count,
  groupBy: z.enum(FINDINGS_GROUPS),
  offset: count,
  limit: count,
  /** Counts over the matching findings. */
  facets: z.object({
    severity: bySeverity,
    category: z.partialRecord(z.enum(CATEGORIES), count),
    status: z.partialRecord(z.enum(FINDING_STATES), count),
  }),
  /** groupBy=none: the page of matching findings, in report order (most severe first). */
  items: z.array(dailyFindingJsonSchema),
  /** groupBy=rule|resource: the page of groups, most findings first. */
  groups: z.array(findingsGroupSchema).optional(),
  totalGroups: count.optional(),
});
export type FindingsResponse = z.infer<typeof findingsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/finding?key= (request schema defined here)
// ---------------------------------------------------------------------------------------------

export const findingRequestSchema = z.strictObject({
  /** The finding's `key` (stable across runs of the scope). */
  key: z.string().regex(/^[0-9a-f]{8,64}$/, 'a finding key is hexadecimal'),
});

/** A suppression request that would accept exactly this finding (the form's defaults). */
const suppressionDraftSchema = z.object({ rule: z.string(), resource: z.string(), account: z.string() });

export const findingDetailResponseSchema = z.object({
  schemaVersion: version,
  finding: dailyFindingJsonSchema,
  /** The rule's own metadata; null for findings no catalogued rule produced (log detections). */
  rule: z
    .object({
      id: z.string(),
      title: z.string(),
      severity: z.enum(SEVERITIES),
      category: z.enum(CATEGORIES),
      rationale: z.string(),
      references: z.array(z.string()),
      /** The rule's remediation, IaC snippets included (the finding's own is in `finding.remediation`). */
      remediation: z.object({
        text: z.string(),
        cli: z.string().optional(),
        cloudformation: z.string().optional(),
        terraform: z.string().optional(),
      }),
      controls: z.array(z.object({ id: z.string(), framework: z.string(), title: z.string().optional() })),
    })
    .nullable(),
  suppressDraft: suppressionDraftSchema,
});
export type FindingDetailResponse = z.infer<typeof findingDetailResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET / POST /api/suppressions (POST body: the engine's suppressionSchema, as in .cloudrounds.yaml)
// ---------------------------------------------------------------------------------------------

export const suppressionsRequestSchema = z.strictObject({});

/** The body of POST /api/suppressions: one `suppressions:` entry of `.cloudrounds.yaml`. */
export const suppressRequestSchema = suppressionSchema;
export type SuppressRequest = z.input<typeof suppressRequestSchema>;

const writtenSuppressionSchema = suppressionSchema.extend({
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  /** The expiry day is past: the entry no longer holds. */
  expired: z.boolean(),
});

export const suppressionsResponseSchema = z.object({
  schemaVersion: version,
  file: z.string(),
  exists: z.boolean(),
  suppressions: z.array(writtenSuppressionSchema),
});
export type SuppressionsResponse = z.infer<typeof suppressionsResponseSchema>;

export const suppressResponseSchema = z.object({
  schemaVersion: version,
  file: z.string(),
  /** Line of the new entry in the file. */
  line: z.number().int().positive().optional(),
  suppression: suppressionSchema,
  /** Open findings the new entry now suppresses. */
  suppressed: count,
});
export type SuppressResponse = z.infer<typeof suppressResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/compliance (request schema defined here)
// ---------------------------------------------------------------------------------------------

export const complianceRequestSchema = z.strictObject({
  /** One framework id (`cis-aws-v5.0`, `aws-fsbp`, `pci-dss-v4.0`); all when omitted. */
  framework: z.string().min(1).optional(),
});

export const CONTROL_STATUSES = ['pass', 'fail', 'not_evaluated'] as const;
const controlStatus = z.enum(CONTROL_STATUSES);

export const complianceResponseSchema = z.object({
  schemaVersion: version,
  frameworks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      version: z.string(),
      source: z.string(),
      complete: z.boolean(),
      totals: z.object({ pass: count, fail: count, not_evaluated: count }),
      controls: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          level: z.string().optional(),
          severity: z.string().optional(),
          /**
           * fail: some mapped rule has an open finding; pass: mapped rules examined resources and
           * none fails or could not decide; not_evaluated: no mapped rule, or nothing to examine,
           * or only undecided checks.
           */
          status: controlStatus,
          /** Open findings of the mapped rules. */
          failing: count,
          rules: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              status: controlStatus,
              /** Resources of the rule's types in the snapshot. */
              examined: count,
              failing: count,
              suppressed: count,
              errors: count,
            }),
          ),
        }),
      ),
    }),
  ),
});
export type ComplianceResponse = z.infer<typeof complianceResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Network: diagram (diagramParamsSchema), reach (reachParamsSchema), exposure (exposureParamsSchema)
// ---------------------------------------------------------------------------------------------

export const diagramRequestSchema = diagramParamsSchema;
export const reachRequestSchema = reachParamsSchema;
export const exposureRequestSchema = exposureParamsSchema;

const pointSchema = z.object({ x: z.number(), y: z.number() });

export const diagramResponseSchema = z.object({
  schemaVersion: version,
  /** The diagram question's tree (see src/questions/diagram.ts). */
  diagram: diagramSchema,
  /** The same boxes, placed by the diagram renderers' layout (elkjs), flattened parent first. */
  layout: z.object({
    width: z.number(),
    height: z.number(),
    nodes: z.array(
      z.object({
        id: z.string(),
        /** The enclosing box; null for the top level. */
        parent: z.string().nullable(),
        kind: z.string(),
        label: z.string(),
        detail: z.string().optional(),
        resourceId: z.string().optional(),
        public: z.boolean().optional(),
        variant: z.string().optional(),
        container: z.boolean(),
        x: z.number(),
        y: z.number(),
        absX: z.number(),
        absY: z.number(),
        width: z.number(),
        height: z.number(),
      }),
    ),
    edges: z.array(diagramSchema.shape.edges.element.extend({ points: z.array(pointSchema) })),
  }),
});
export type DiagramResponse = z.infer<typeof diagramResponseSchema>;

/** The `reach --json` document. */
export const reachResponseSchema = reachAnswerSchema;
export type ReachResponse = z.infer<typeof reachResponseSchema>;
/** The `exposure --json` document. */
export const exposureResponseSchema = exposureAnswerSchema;
export type ExposureResponse = z.infer<typeof exposureResponseSchema>;

// ---------------------------------------------------------------------------------------------
// IAM: simulate, who-can (the CLI's schemas, JSON bodies), escalation
// ---------------------------------------------------------------------------------------------

export const simulateRequestSchema = simulateParamsSchema;
export const whoCanRequestSchema = whoCanParamsSchema;
/** Defined here: `iam escalation` takes only the source. */
export const escalationRequestSchema = z.strictObject({});

export const simulateResponseSchema = simulateAnswerSchema;
export type SimulateResponse = z.infer<typeof simulateResponseSchema>;
export const whoCanResponseSchema = whoCanAnswerSchema;
export type WhoCanResponse = z.infer<typeof whoCanResponseSchema>;
export const escalationResponseSchema = escalationAnswerSchema;
export type EscalationResponse = z.infer<typeof escalationResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Logs (only with a store holding logs; otherwise 409 unavailable)
// ---------------------------------------------------------------------------------------------

/**
 * GET /api/logs/question?question=timeline&principal=alice: `question` picks the named question,
 * the other parameters are checked by that question's CLI schema ({@link logQuestionParams}).
 */
export const logQuestionRequestSchema = z
  .object({ question: z.enum(LOG_QUESTIONS as [LogQuestion, ...LogQuestion[]]) })
  .catchall(z.union([z.string(), z.array(z.string())]));
export { logQuestionParams };

/** Defined here: `logs query SQL` takes the SQL as its argument. */
export const logQueryRequestSchema = z.strictObject({ sql: z.string().trim().min(1).max(100_000) });
/** Defined here: `logs detect` runs the built-in detections; Sigma directories are a CLI matter. */
export const detectionsRequestSchema = z.strictObject({});

export const logQuestionResponseSchema = logAnswerSchema;
export type LogQuestionResponse = z.infer<typeof logQuestionResponseSchema>;
/** The `logs query --json` document. */
export const logQueryResponseSchema = z.object({
  schemaVersion: z.literal(1),
  engine: z.literal('duckdb'),
  sql: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
});
export type LogQueryResponse = z.infer<typeof logQueryResponseSchema>;
export const detectionsResponseSchema = detectAnswerSchema;
export type DetectionsResponse = z.infer<typeof detectionsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Cost
// ---------------------------------------------------------------------------------------------

/**
 * GET /api/cost takes no query parameters: the cost question's defaults ({@link costParamsSchema}
 * applied to `{}`), as `cloudrounds cost` uses them.
 */
export const costRequestSchema = z.strictObject({});
export { costParamsSchema };
/** The `cost --json` document. */
export const costResponseSchema = costJsonSchema;
export type CostResponse = z.infer<typeof costResponseSchema>;

// ---------------------------------------------------------------------------------------------
// The route table
// ---------------------------------------------------------------------------------------------

/** Method, request and response schema of every route; the server and the tests read this. */
export const API = {
  meta: { method: 'GET', request: metaRequestSchema, response: metaResponseSchema },
  overview: { method: 'GET', request: overviewRequestSchema, response: overviewResponseSchema },
  findings: { method: 'GET', request: findingsRequestSchema, response: findingsResponseSchema },
  finding: { method: 'GET', request: findingRequestSchema, response: findingDetailResponseSchema },
  suppressions: { method: 'GET', request: suppressionsRequestSchema, response: suppressionsResponseSchema },
  suppress: { method: 'POST', request: suppressRequestSchema, response: suppressResponseSchema },
  compliance: { method: 'GET', request: complianceRequestSchema, response: complianceResponseSchema },
  diagram: { method: 'GET', request: diagramRequestSchema, response: diagramResponseSchema },
  reach: { method: 'GET', request: reachRequestSchema, response: reachResponseSchema },
  exposure: { method: 'GET', request: exposureRequestSchema, response: exposureResponseSchema },
  simulate: { method: 'POST', request: simulateRequestSchema, response: simulateResponseSchema },
  whoCan: { method: 'POST', request: whoCanRequestSchema, response: whoCanResponseSchema },
  escalation: { method: 'GET', request: escalationRequestSchema, response: escalationResponseSchema },
  logQuestion: { method: 'GET', request: logQuestionRequestSchema, response: logQuestionResponseSchema },
  logQuery: { method: 'POST', request: logQueryRequestSchema, response: logQueryResponseSchema },
  detections: { method: 'GET', request: detectionsRequestSchema, response: detectionsResponseSchema },
  cost: { method: 'GET', request: costRequestSchema, response: costResponseSchema },
} as const;

export type ApiName = keyof typeof API;

/** The path of each entry of {@link API} (suppress shares the suppressions path). */
export const API_PATHS: Record<ApiName, string> = {
  ...Object.fromEntries(Object.keys(ROUTES).map((k) => [k, ROUTES[k as keyof typeof ROUTES]])),
  suppress: ROUTES.suppressions,
} as Record<ApiName, string>;
