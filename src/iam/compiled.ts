/**
 * The request path's view of policies, built once rather than on every request:
 * - each statement's Action / NotAction / Resource / NotResource patterns and conditions compiled
 *   (kept in a WeakMap beside the statement), with one shared matcher per distinct pattern text;
 * - for each policy, which of its statements cover each action asked about (`statementsForAction`),
 *   so a request only looks at the few statements about its action.
 * Matching is the same as `actionMatches` / `resourceMatches` in match.ts and `evaluateCondition`;
 * only the work is moved out of the request path.
 */
import { compileCondition, type CompiledCondition } from './conditions.js';
import { arnParts, compile, resourceMatches, type ArnMatch, type VariableResolver } from './match.js';
import type { NamedPolicy, Policy, PrincipalSpec, Statement } from './types.js';

/** The request's action and resource, split and folded once per request. */
export interface PreparedRequest {
  action: string;
  /** Lower-case action, or undefined when the action is not ASCII (then only the regex decides). */
  actionLower: string | undefined;
  resource: string;
  resourceParts: string[];
  /**
   * The ARN's partition, service, region and account lower-cased, each undefined when it is not
   * ASCII (where lower-casing and the regex's case folding could disagree).
   */
  resourceHeadsLower: (string | undefined)[];
  /** Lower-case service prefix of the action (`s3`), when it has one and is ASCII. */
  service: string | undefined;
  /** The action's number in the action table, when it is ASCII (see `statementsForAction`). */
  actionId: number;
  table: ActionTable | undefined;
}

/** Whether every character is ASCII (where lower-casing and the regex's case folding agree). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

export function prepareRequest(action: string, resource: string): PreparedRequest {
  const actionLower = isAscii(action) ? action.toLowerCase() : undefined;
  const colon = actionLower?.indexOf(':') ?? -1;
  const table = actionLower === undefined ? undefined : currentTable();
  const resourceParts = arnParts(resource);
  const resourceHeadsLower: (string | undefined)[] = [];
  for (let i = 0; i < 5 && i < resourceParts.length - 1; i++) {
    const part = resourceParts[i]!;
    resourceHeadsLower.push(isAscii(part) ? part.toLowerCase() : undefined);
  }
  return {
    action,
    actionLower,
    resource,
    resourceParts,
    resourceHeadsLower,
    service: colon > 0 ? actionLower!.slice(0, colon) : undefined,
    actionId: table ? table.idOf(actionLower!) : -1,
    table,
  };
}

type ActionMatcher = (r: PreparedRequest) => boolean;

const always = (): boolean => true;

/**
 * One matcher per distinct pattern text, shared by every statement that writes it. Thousands of
 * statements repeat the same ARN components (`arn`, `aws`, `s3`, the account) and many repeat
 * whole resources; sharing their matchers keeps the request path's working set small enough to
 * stay in the CPU caches. On the benchmark's 2,000-policy account, cache misses were about half
 * of the evaluation time: the same requests on a 60-policy account ran twice as fast.
 */
function memoised<T>(build: (pattern: string) => T): (pattern: string) => T {
  const cache = new Map<string, T>();
  return (pattern) => {
    let m = cache.get(pattern);
    if (m === undefined) {
      m = build(pattern);
      cache.set(pattern, m);
    }
    return m;
  };
}

/** An action pattern, matched case-insensitively with `*` / `?` wildcards. */
const compileAction = memoised((pattern: string): ActionMatcher => {
  if (pattern === '*') return always;
  const regex = compile(pattern, { wildcards: true, ignoreCase: true }).regex!;
  if (!/[*?]/.test(pattern) && isAscii(pattern)) {
    // A literal ASCII pattern equals an ASCII action exactly when their lower-case forms do.
    const lower = pattern.toLowerCase();
    return (r) => (r.actionLower !== undefined ? r.actionLower === lower : regex.test(r.action));
  }
  return (r) => regex.test(r.action);
});

type PartMatcher = (value: string, valueLower: string | undefined) => boolean;

/** One ARN component (partition, service, region, account) matched case-insensitively. */
const compilePart = memoised((pattern: string): PartMatcher => {
  if (pattern === '*') return always;
  const regex = compile(pattern, { wildcards: true, ignoreCase: true }).regex!;
  if (!/[*?]/.test(pattern) && isAscii(pattern)) {
    // As for actions: a literal ASCII pattern matches ASCII text exactly when the lower-case forms
    // are equal, and comparing them is several times cheaper than running the regex.
    const lower = pattern.toLowerCase();
    return (value, valueLower) => (valueLower !== undefined ? valueLower === lower : regex.test(value));
  }
  return (value) => regex.test(value);
});

/**
 * The resource part of an entry without policy variables: literal text compares equal, a text
 * ending in its only wildcard `*` is a prefix (`bucket/*`: the regex `^bucket/.*$` with the `s`
 * flag accepts exactly the strings starting so), anything else runs the regex.
 */
function compileTail(tail: string): (value: string) => boolean {
  const wildcards = tail.match(/[*?]/g)?.length ?? 0;
  if (wildcards === 0) return (value) => value === tail;
  if (wildcards === 1 && tail.endsWith('*')) {
    const prefix = tail.slice(0, -1);
    return (value) => value.startsWith(prefix);
  }
  const regex = compile(tail, { wildcards: true }).regex!;
  return (value) => regex.test(value);
}

type ResourceMatcher = (r: PreparedRequest, variables: VariableResolver | undefined) => ArnMatch;

const MATCH: ArnMatch = { matches: true, unresolved: [] };
const NO_MATCH: ArnMatch = { matches: false, unresolved: [] };

/** A Resource / NotResource entry; the same decisions as `resourceMatches`. */
const compileResource = memoised((pattern: string): ResourceMatcher => {
  if (pattern === '*') return () => MATCH;
  const p = arnParts(pattern);
  const generic: ResourceMatcher = (r, variables) => resourceMatches(pattern, r.resource, variables);
  if (p.length < 6) return generic;
  const heads = p.slice(0, 5).map(compilePart);
  const tail = p[5]!;
  // The resource part: policy variables need the request, so such entries compile per request.
  const tailHasVars = tail.includes('${');
  const tailPlain = compileTail(tail);
  return (r, variables) => {
    const parts = r.resourceParts;
    if (parts.length < 6) return generic(r, variables);
    const lower = r.resourceHeadsLower;
    for (let i = 0; i < 5; i++) if (!heads[i]!(parts[i]!, lower[i])) return NO_MATCH;
    if (variables && tailHasVars) {
      const c = compile(tail, { wildcards: true, variables });
      return { matches: c.regex?.test(parts[5]!) ?? false, unresolved: c.unresolved };
    }
    return tailPlain(parts[5]!) ? MATCH : NO_MATCH;
  };
});

/**
 * A statement's compiled patterns and conditions, with the fields the request path reads copied
 * beside them. One class, so every instance has the same shape: parsed statements come in many
 * shapes (optional Sid, Action or NotAction, Principal …) and reading their fields on every
 * request was a measurable cost of its own.
 */
export class CompiledStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: ActionMatcher[] | undefined;
  readonly notActions: ActionMatcher[] | undefined;
  readonly resources: ResourceMatcher[] | undefined;
  readonly notResources: ResourceMatcher[] | undefined;
  readonly principal: PrincipalSpec | undefined;
  readonly notPrincipal: PrincipalSpec | undefined;
  readonly conditions: readonly CompiledCondition[];

  constructor(readonly statement: Statement) {
    this.effect = statement.effect;
    this.actions = statement.actions?.map(compileAction);
    this.notActions = statement.notActions?.map(compileAction);
    this.resources = statement.resources?.map(compileResource);
    this.notResources = statement.notResources?.map(compileResource);
    this.principal = statement.principal;
    this.notPrincipal = statement.notPrincipal;
    this.conditions = statement.conditions.map(compileCondition);
  }
}

const compiled = new WeakMap<Statement, CompiledStatement>();

/** The statement's compiled patterns, built on first use. */
export function compiledStatement(st: Statement): CompiledStatement {
  let c = compiled.get(st);
  if (!c) {
    c = new CompiledStatement(st);
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

/** Whether the statement's Action / NotAction covers the request's action. */
function coversAction(c: CompiledStatement, req: PreparedRequest): boolean {
  if (c.actions && !c.actions.some((m) => m(req))) return false;
  if (c.notActions && c.notActions.some((m) => m(req))) return false;
  return true;
}

/**
 * Which statements of each policy cover each action seen so far. Whether a statement covers an
 * action depends on nothing else in the request, and most statements of a policy set are about
 * other actions, so this is decided once per (policy, action) rather than on every request.
 *
 * Actions are numbered once per request (lower-case: action patterns match case-insensitively
 * and, for ASCII actions, their verdict is the same for every spelling), and each policy keeps an
 * array by action number: looking a string up in a map per policy per request cost three times
 * as much as the array.
 */
class ActionTable {
  private readonly ids = new Map<string, number>();
  readonly byPolicy = new WeakMap<Policy, (readonly CompiledStatement[] | undefined)[]>();
  readonly byList = new WeakMap<readonly NamedPolicy[], (PolicyListEntry | undefined)[]>();

  get size(): number {
    return this.ids.size;
  }

  idOf(actionLower: string): number {
    let id = this.ids.get(actionLower);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(actionLower, id);
    }
    return id;
  }
}

/**
 * Bounds the table: sweeps over the whole catalogue (who-can, escalation) would otherwise keep an
 * entry per policy for every action they ever asked about. Past the bound a new table starts,
 * which costs only recomputation; a request keeps the table it was numbered in.
 */
const MAX_ACTIONS = 4096;

let table = new ActionTable();

function currentTable(): ActionTable {
  if (table.size >= MAX_ACTIONS) table = new ActionTable();
  return table;
}

const NONE: readonly CompiledStatement[] = [];

function matchActions(policy: Policy, req: PreparedRequest): readonly CompiledStatement[] {
  const out: CompiledStatement[] = [];
  for (const statement of candidateStatements(policy, req)) {
    const c = compiledStatement(statement);
    if (coversAction(c, req)) out.push(c);
  }
  return out.length === 0 ? NONE : out;
}

/** The policy's statements whose Action / NotAction covers the request's action, in document order. */
export function statementsForAction(policy: Policy, req: PreparedRequest): readonly CompiledStatement[] {
  // Non-ASCII actions (never real ones) are matched by the regexes alone, so they are not indexed.
  if (req.table === undefined) return matchActions(policy, req);
  let lists = req.table.byPolicy.get(policy);
  if (!lists) {
    lists = [];
    req.table.byPolicy.set(policy, lists);
  }
  let list = lists[req.actionId];
  if (!list) {
    list = matchActions(policy, req);
    lists[req.actionId] = list;
  }
  return list;
}

/** A statement of a policy list that covers an action, with the policy it belongs to. */
export interface CoveringStatement {
  np: NamedPolicy;
  statement: CompiledStatement;
  /** Whether the policy's Version allows policy variables (`2012-10-17`). */
  variables: boolean;
}

/** One policy list's covering statements for one action, and the members they were built from. */
interface PolicyListEntry {
  members: NamedPolicy[];
  policies: Policy[];
  covering: readonly CoveringStatement[];
}

const NO_COVERING: readonly CoveringStatement[] = [];

function buildListEntry(list: readonly NamedPolicy[], req: PreparedRequest): PolicyListEntry {
  const covering: CoveringStatement[] = [];
  for (const np of list) {
    const variables = np.policy.version === '2012-10-17';
    for (const statement of statementsForAction(np.policy, req)) covering.push({ np, statement, variables });
  }
  return {
    members: [...list],
    policies: list.map((np) => np.policy),
    covering: covering.length === 0 ? NO_COVERING : covering,
  };
}

/** Whether the list still holds the same policies as when the entry was built. */
function sameMembers(entry: PolicyListEntry, list: readonly NamedPolicy[]): boolean {
  const { members, policies } = entry;
  if (members.length !== list.length) return false;
  for (let i = 0; i < list.length; i++) {
    const np = list[i]!;
    if (np !== members[i] || np.policy !== policies[i]) return false;
  }
  return true;
}

/**
 * The statements of every policy of a list (a principal's identity policies, one SCP level) that
 * cover the request's action, in list and document order: the same as `statementsForAction` on
 * each member in turn.
 *
 * Why: with the per-policy index, a request still made one WeakMap lookup and one array read per
 * policy, about ten policies scattered over a 2,000-policy account, and those lookups and their
 * cache misses were the largest cost left in `evaluate()`. Policy lists are shared between requests
 * (`policiesFor` hands out the principal's own list and the organisation's level arrays), so the
 * combined answer is kept per list and action: one lookup per list, then a flat array. The entry
 * keeps the members it was built from and is rebuilt if the list was changed since.
 */
export function statementsForPolicies(
  list: readonly NamedPolicy[],
  req: PreparedRequest,
): readonly CoveringStatement[] {
  if (list.length === 0) return NO_COVERING;
  if (req.table === undefined) return buildListEntry(list, req).covering;
  let entries = req.table.byList.get(list);
  if (!entries) {
    entries = [];
    req.table.byList.set(list, entries);
  }
  let entry = entries[req.actionId];
  if (!entry || !sameMembers(entry, list)) {
    entry = buildListEntry(list, req);
    entries[req.actionId] = entry;
  }
  return entry.covering;
}
