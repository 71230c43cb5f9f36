/**
 * Wildcard matching for actions, resource ARNs and ARN condition values, with policy variables.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

/** Resolves a policy variable's key (`aws:username`) to its single value, or undefined. */
export type VariableResolver = (key: string) => string | undefined;

export interface PatternOptions {
  /** `*` and `?` are wildcards (Like operators, actions, resources). */
  wildcards: boolean;
  /** `${...}` are policy variables (Version 2012-10-17, operators and elements that take them). */
  variables?: VariableResolver;
  ignoreCase?: boolean;
}

/** A compiled pattern, and the variables it used that the request lacks. */
export interface Compiled {
  /** Undefined when a variable could not be resolved: the pattern then matches nothing. */
  regex?: RegExp;
  unresolved: string[];
}

/**
 * Compiled patterns without variables, one map per (wildcards, ignoreCase) combination, so a
 * lookup needs no cache-key string built per call (this is on every request's hot path).
 */
const caches: Map<string, RegExp>[] = [new Map(), new Map(), new Map(), new Map()];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Compiles a policy string into a regular expression. `${*}`, `${?}` and `${$}` are the literal
 * characters; `${key, 'default'}` falls back to the default when the key is absent.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars
 */
export function compile(pattern: string, options: PatternOptions): Compiled {
  const hasVars = options.variables !== undefined && pattern.includes('${');
  const cache = caches[(options.wildcards ? 2 : 0) + (options.ignoreCase ? 1 : 0)]!;
  if (!hasVars) {
    const hit = cache.get(pattern);
    if (hit) return { regex: hit, unresolved: [] };
  }
  let body = '';
  const unresolved: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (hasVars && ch === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end > 0) {
        const inner = pattern.slice(i + 2, end);
        i = end;
        if (inner === '*' || inner === '?' || inner === '$') {
          body += escape(inner);
          continue;
        }
        const m = /^\s*([^,]+?)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
        const key = m?.[1] ?? inner;
        const value = options.variables!(key) ?? m?.[2];
        if (value === undefined) unresolved.push(key);
        else body += escape(value);
        continue;
      }
    }
    if (options.wildcards && ch === '*') body += '.*';
    else if (options.wildcards && ch === '?') body += '.';
    else body += escape(ch);
  }
  if (unresolved.length > 0) return { unresolved };
  const regex = new RegExp(`^${body}$`, options.ignoreCase ? 'is' : 's');
  if (!hasVars) cache.set(pattern, regex);
  return { regex, unresolved };
}

/** Whether an action pattern (`s3:Get*`, `*`) covers an action; case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return compile(pattern, { wildcards: true, ignoreCase: true }).regex!.test(action);
}

/** Splits an ARN at its first five colons; fewer than six parts for non-ARNs. */
export function arnParts(s: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = s.indexOf(':', start);
    if (colon < 0) break;
    parts.push(s.slice(start, colon));
    start = colon + 1;
  }
  parts.push(s.slice(start));
  return parts;
}

export interface ArnMatch {
  matches: boolean;
  unresolved: string[];
}

/**
 * Matches a `Resource` entry against a request's resource ARN. Each of the six colon-separated
 * components is matched on its own; wildcards in the resource part also match `/` and `:`.
 * Partition, service, region and account compare case-insensitively, the resource part exactly.
 * Policy variables are resolved in the resource part only; an unresolved one matches nothing.
 */
export function resourceMatches(pattern: string, resource: string, variables?: VariableResolver): ArnMatch {
  if (pattern === '*') return { matches: true, unresolved: [] };
  const p = arnParts(pattern);
  const r = arnParts(resource);
  if (p.length < 6 || r.length < 6) {
    const c = compile(pattern, { wildcards: true, variables });
    return { matches: c.regex?.test(resource) ?? false, unresolved: c.unresolved };
  }
  for (let i = 0; i < 5; i++) {
    if (!compile(p[i]!, { wildcards: true, ignoreCase: true }).regex!.test(r[i]!)) {
      return { matches: false, unresolved: [] };
    }
  }
  const c = compile(p[5]!, { wildcards: true, variables });
  return { matches: c.regex?.test(r[5]!) ?? false, unresolved: c.unresolved };
}

/**
 * `ArnEquals` / `ArnLike` (the same operator): each of the six components matched separately with
 * `*` / `?`, so `*` never spans a colon before the resource part. Case-sensitive.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export function arnLike(pattern: string, value: string, variables?: VariableResolver): ArnMatch {
  const p = arnParts(pattern);
  const v = arnParts(value);
  if (p.length < 6 || v.length < 6) {
    // `*` alone is accepted for any ARN.
    if (pattern === '*') return { matches: v.length === 6, unresolved: [] };
    return { matches: false, unresolved: [] };
  }
  const unresolved: string[] = [];
  for (let i = 0; i < 6; i++) {
    const c = compile(p[i]!, { wildcards: true, variables });
    unresolved.push(...c.unresolved);
    if (!c.regex?.test(v[i]!)) return { matches: false, unresolved };
  }
  return { matches: true, unresolved };
}
