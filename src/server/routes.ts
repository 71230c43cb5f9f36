/**
 * The dashboard API's paths and security names, with no imports: browser code may import this
 * file at run time (api.ts carries the zod schemas and pulls in engine modules, so browser code
 * imports only its types). See docs/serve.md.
 */

/** Version of every API response document (`schemaVersion`). */
export const API_VERSION = 1;

/** Every route of the API. `GET` routes read; the others write or take a JSON body. */
export const ROUTES = {
  /** GET: what the server loaded and what the page can ask (features, accounts, rules, frameworks). */
  meta: '/api/meta',
  /** GET: the daily rounds (the `daily --json` document without its findings list) plus the top ten and health findings. */
  overview: '/api/overview',
  /** GET: filtered, grouped, paginated findings. */
  findings: '/api/findings',
  /** GET ?key=: one finding with the rule's rationale, remediation and IaC snippets. */
  finding: '/api/finding',
  /** GET: the suppressions of the configuration file; POST: add one (written to the file). */
  suppressions: '/api/suppressions',
  /** GET: framework → control → pass / fail / not evaluated. */
  compliance: '/api/compliance',
  /** GET: the VPC diagram (account > region > VPC > subnet > resources), laid out. */
  diagram: '/api/network/diagram',
  /** GET: one reachability question (path hops, or the blocking components). */
  reach: '/api/network/reach',
  /** GET: everything the internet reaches. */
  exposure: '/api/network/exposure',
  /** POST: simulate one IAM call. */
  simulate: '/api/iam/simulate',
  /** POST: every principal that may call an action on a resource. */
  whoCan: '/api/iam/who-can',
  /** GET: privilege-escalation paths. */
  escalation: '/api/iam/escalation',
  /** GET ?question=&...: a named log question (who, timeline, rejected, top-talkers, denied). */
  logQuestion: '/api/logs/question',
  /** POST {sql}: read-only SQL over the log tables. */
  logQuery: '/api/logs/query',
  /** GET: the built-in detections over the ingested logs. */
  detections: '/api/logs/detections',
  /** GET: waste with $/month, spend with anomalies, RI / Savings Plans advice. */
  cost: '/api/cost',
} as const;

export type RouteName = keyof typeof ROUTES;

/** Header every POST / PUT / DELETE must carry, with the per-start value given to the page. */
export const CSRF_HEADER = 'x-cloudrounds-csrf';

/** `<meta name=...>` in the served index.html whose `content` is the CSRF value. */
export const CSRF_META = 'cloudrounds-csrf';

/** Cookie holding the access token once the first page load presented `?token=` (exposed mode only). */
export const TOKEN_COOKIE = 'cloudrounds_token';

/** Query parameter of the first page load that presents the access token (exposed mode only). */
export const TOKEN_PARAM = 'token';
