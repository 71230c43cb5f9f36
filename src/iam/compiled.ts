/**
 * Statements' Action / NotAction / Resource / NotResource patterns compiled once per parsed
 * statement (kept in a WeakMap beside it) rather than on every request. Matching is the same as
 * `actionMatches` / `resourceMatches` in match.ts; only the work is moved out of the request path.
 */
import { arnParts, compile, resourceMatches, type ArnMatch, type VariableResolver } from './match.js';
import type { Statement } from './types.js';

/** The request's action and resource, split and folded once per request. */
export interface PreparedRequest {
  action: string;
  /** Lower-case action, or undefined when the action is not ASCII (then only the regex decides). */
  actionLower: string | undefined;
  resource: string;
  resourceParts: string[];
}

const ASCII = /^[\x00-\x7f]*$/;

export function prepareRequest(action: string, resource: string): PreparedRequest {
  return {
    action,
    actionLower: ASCII.test(action) ? action.toLowerCase() : undefined,
    resource,
    resourceParts: arnParts(resource),
  };
}

type ActionMatcher = (r: PreparedRequest) => boolean;

const always = (): boolean => true;

/** An action pattern, matched case-insensitively with `*` / `?` wildcards. */
function compileAction(pattern: string): ActionMatcher {
  if (pattern === '*') return always;
  const regex = compile(pattern, { wildcards: true, ignoreCase: true }).regex!;
  if (!/[*?]/.test(pattern) && ASCII.test(pattern)) {
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
