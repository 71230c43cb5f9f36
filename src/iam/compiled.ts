/**
 * Statements' Action / NotAction / Resource / NotResource patterns compiled once per parsed
 * statement (kept in a WeakMap beside it) rather than on every request. Matching is the same as
 * `actionMatches` / `resourceMatches` in match.ts; only the work is moved out of the request path.
 */
import { arnParts, compile, resourceMatches, type ArnMatch, type VariableResolver } from './match.js';
import type { Policy, Statement } from './types.js';

/** The request's action and resource, split and folded once per request. */
export interface PreparedRequest {
  action: string;
  /** Lower-case action, or undefined when the action is not ASCII (then only the regex decides). */
  actionLower: string | undefined;
  resource: string;
  resourceParts: string[];
  /** Lower-case service prefix of the action (`s3`), when it has one and is ASCII. */
  service: string | undefined;
}

/** Whether every character is ASCII (where lower-casing and the regex's case folding agree). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

export function prepareRequest(action: string, resource: string): PreparedRequest {
  const actionLower = isAscii(action) ? action.toLowerCase() : undefined;
  const colon = actionLower?.indexOf(':') ?? -1;
  return {
    action,
    actionLower,
    resource,
    resourceParts: arnParts(resource),
    service: colon > 0 ? actionLower!.slice(0, colon) : undefined,
  };
}

type ActionMatcher = (r: PreparedRequest) => boolean;

const always = (): boolean => true;

/** An action pattern, matched case-insensitively with `*` / `?` wildcards. */
function compileAction(pattern: string): ActionMatcher {
  if (pattern === '*') return always;
  const regex = compile(pattern, { wildcards: true, ignoreCase: true }).regex!;
  if (!/[*?]/.test(pattern) && isAscii(pattern)) {
    // A literal ASCII pattern equals an ASCII action exactly when their lower-case forms do.
    const lower = pattern.toLowerCase();
    return (r) => (r.actionLower !== undefined ? r.actionLower === lower : regex.test(r.action));
  }
  return (r) => regex.test(r.action);
}

/** One ARN component (partition, service, region, account) matched case-insensitively. */
function compilePart(pattern: string): (value: string) => boolean {
  if (pattern === '*') return always;
  const regex = compile(pattern, { wildcards: true, ignoreCase: true }).regex!;
  return (value) => regex.test(value);
}

type ResourceMatcher = (r: PreparedRequest, variables: VariableResolver | undefined) => ArnMatch;

const MATCH: ArnMatch = { matches: true, unresolved: [] };
const NO_MATCH: ArnMatch = { matches: false, unresolved: [] };

/** A Resource / NotResource entry; the same decisions as `resourceMatches`. */
function compileResource(pattern: string): ResourceMatcher {
  if (pattern === '*') return () => MATCH;
  const p = arnParts(pattern);
  const generic: ResourceMatcher = (r, variables) => resourceMatches(pattern, r.resource, variables);
  if (p.length < 6) return generic;
  const heads = p.slice(0, 5).map(compilePart);
  const tail = p[5]!;
  // The resource part: policy variables need the request, so such entries compile per request.
  const tailHasVars = tail.includes('${');
  const tailPlain = compile(tail, { wildcards: true }).regex!;
  const tailLiteral = !/[*?]/.test(tail) && !tailHasVars;
  return (r, variables) => {
    const parts = r.resourceParts;
    if (parts.length < 6) return generic(r, variables);
    for (let i = 0; i < 5; i++) if (!heads[i]!(parts[i]!)) return NO_MATCH;
    if (tailLiteral) return tail === parts[5] ? MATCH : NO_MATCH;
    if (variables && tailHasVars) {
      const c = compile(tail, { wildcards: true, variables });
      return { matches: c.regex?.test(parts[5]!) ?? false, unresolved: c.unresolved };
    }
    return tailPlain.test(parts[5]!) ? MATCH : NO_MATCH;
  };
}

export interface CompiledStatement {
  actions?: ActionMatcher[];
  notActions?: ActionMatcher[];
  resources?: ResourceMatcher[];
  notResources?: ResourceMatcher[];
}

const compiled = new WeakMap<Statement, CompiledStatement>();

/** The statement's compiled patterns, built on first use. */
export function compiledStatement(st: Statement): CompiledStatement {
  let c = compiled.get(st);
  if (!c) {
    c = {
      ...(st.actions ? { actions: st.actions.map(compileAction) } : {}),
      ...(st.notActions ? { notActions: st.notActions.map(compileAction) } : {}),
      ...(st.resources ? { resources: st.resources.map(compileResource) } : {}),
      ...(st.notResources ? { notResources: st.notResources.map(compileResource) } : {}),
    };
    compiled.set(st, c);
  }
  return c;
}

/**
 * The service an action pattern is limited to (`s3` for `s3:Get*`), or undefined when it may match
 * actions of any service (a wildcard or non-ASCII text before the first colon, or no colon). A
 * pattern with a literal service part `L` matches only actions that start with `L:`, so their
 * service prefix is `L` (compared case-insensitively, as actions are).
 */
function serviceOfPattern(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  if (colon <= 0) return undefined;
  const service = pattern.slice(0, colon);
  if (/[*?]/.test(service) || !isAscii(service)) return undefined;
  return service.toLowerCase();
}

/** Whether a statement may apply to some action of the service (NotAction statements always may). */
function mayConcern(st: Statement, service: string): boolean {
  if (!st.actions) return true;
  return st.actions.some((a) => {
    const s = serviceOfPattern(a);
    return s === undefined || s === service;
  });
}

const byService = new WeakMap<Policy, Map<string, Statement[]>>();

/**
 * Builds the policy's per-service statement lists for the services its Action elements name (parse
 * calls it once, so requests only look lists up); other services get theirs on first use.
 */
export function indexPolicy(policy: Policy): void {
  const index = new Map<string, Statement[]>();
  for (const st of policy.statements)
    for (const a of st.actions ?? []) {
      const service = serviceOfPattern(a);
      if (service !== undefined && !index.has(service))
        index.set(
          service,
          policy.statements.filter((s) => mayConcern(s, service)),
        );
    }
  byService.set(policy, index);
}

/**
 * The policy's statements that may apply to the request's action, in document order: those whose
 * Action names another service are left out before any matching. The full check still runs on the
 * ones returned.
 */
export function candidateStatements(policy: Policy, req: PreparedRequest): readonly Statement[] {
  const service = req.service;
  if (service === undefined) return policy.statements;
  let index = byService.get(policy);
  if (!index) {
    index = new Map();
    byService.set(policy, index);
  }
  let list = index.get(service);
  if (!list) {
    list = policy.statements.filter((st) => mayConcern(st, service));
    index.set(service, list);
  }
  return list;
}
