/**
 * Reading IAM policy documents in rules: statements, action and resource patterns, principals and
 * condition blocks. Documents arrive as objects (templates, the demo, describe output) or as JSON
 * strings (Terraform, a template that writes the document as a string, the raw IAM API's
 * URL-encoded form), and any part may be unresolved. Nothing here evaluates a request: the policy
 * evaluation engine lives in src/iam/. Rules use these readers for conservative, syntactic checks
 * and say in their reasons what they checked.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { isUnresolved, type Unresolved } from '../../model/index.js';
import { describeUnresolved } from '../rule.js';

/** A list-valued element (`Action`, `Resource`, one condition key's values) as written. */
export interface StringList {
  /** The element is in the statement (an empty list is present). */
  readonly present: boolean;
  /** The entries that are known strings (numbers and booleans written unquoted become strings). */
  readonly values: readonly string[];
  /** Why other entries are not known: unresolved values, or entries of the wrong type. */
  readonly unknown: readonly string[];
  /**
   * The subset of `unknown` that could turn out to be a wildcard (`*`, `*:*`): an unresolved
   * `Ref` could, a `!Sub arn:...:key/${Id}` or a `!GetAtt Key.Arn` cannot.
   */
  readonly unknownMaybeWildcard: readonly string[];
}

/** The kinds of principal a policy can name; `*` is the bare `"Principal": "*"`. */
export type PrincipalKind = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';

/** One principal named in `Principal` or `NotPrincipal`. */
export interface PrincipalEntry {
  readonly kind: PrincipalKind;
  readonly value: string;
}

/** A principal whose value the source could not determine (a parameter, an account not known). */
export interface UnknownPrincipal {
  readonly kind: PrincipalKind;
  readonly value: Unresolved;
  readonly reason: string;
}

export interface Principals {
  readonly entries: readonly PrincipalEntry[];
  readonly unknown: readonly UnknownPrincipal[];
  /** Why the element as a whole is malformed or not known, when it is. */
  readonly problem?: string;
}

/** One key under one operator of a `Condition` block. */
export interface ConditionEntry {
  /** The operator as written: `StringEquals`, `ForAnyValue:StringNotLike`, `ArnLikeIfExists`. */
  readonly operator: string;
  /** Lower-case operator without set qualifier and `IfExists`: `stringnotlike`. */
  readonly base: string;
  readonly qualifier?: 'forallvalues' | 'foranyvalue';
  readonly ifExists: boolean;
  /** `StringNotEquals`, `ArnNotLike`, `NotIpAddress`...: true when the key matches none of the values. */
  readonly negated: boolean;
  /** The condition key, lower-case (condition keys are case-insensitive). */
  readonly key: string;
  readonly keyAsWritten: string;
  readonly values: StringList;
}

/** One statement, with every element read and what could not be. */
export interface Statement {
  readonly index: number;
  readonly sid?: string;
  /** `undefined` when the effect is not known or not `Allow`/`Deny`; see `unknown`. */
  readonly effect?: 'Allow' | 'Deny';
  readonly action: StringList;
  readonly notAction: StringList;
  readonly resource: StringList;
  readonly notResource: StringList;
  readonly principal?: Principals;
  readonly notPrincipal?: Principals;
  /** The statement has a non-empty `Condition` block (known or not). */
  readonly hasCondition: boolean;
  readonly conditions: readonly ConditionEntry[];
  /** Why parts of the statement (other than list entries) are not known or malformed. */
  readonly unknown: readonly string[];
  /** How reasons name it: `inline policy deploy, statement 2 (Sid "Deploy")`. */
  readonly label: string;
}

/** A policy document read from a property: its statements, or why it cannot be read. */
export type PolicyRead =
  | { readonly known: true; readonly absent: boolean; readonly statements: readonly Statement[] }
  | { readonly known: false; readonly reason: string };

/**
 * The empty list the readers share: most statements, lists and principals have nothing unknown,
 * and the reads are cached for the whole run, so each keeps no empty array of its own.
 */
export const NONE: readonly never[] = Object.freeze([]);

/**
 * A list built with `push`, as a cached read keeps it: `NONE` when empty, else a copy of its exact
 * length (an array grown by `push` keeps room for a dozen more entries, for the whole run).
 */
export function kept<T>(list: readonly T[] | undefined): readonly T[] {
  return list === undefined || list.length === 0 ? NONE : list.slice();
}

const EMPTY_LIST: StringList = Object.freeze({
  present: false,
  values: NONE,
  unknown: NONE,
  unknownMaybeWildcard: NONE,
});

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnresolved(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * A document given as text: JSON, or the URL-encoded JSON the IAM API returns
 * (`GetRolePolicy`, `GetAccountAuthorizationDetails` without the CLI's decoding).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html
 */
function parseText(text: string, name: string): { value: unknown } | { reason: string } {
  let source = text.trim();
  if (/^%7b/i.test(source)) {
    try {
      source = decodeURIComponent(source);
    } catch {
      return { reason: `${name} is neither JSON nor URL-encoded JSON` };
    }
  }
  try {
    return { value: JSON.parse(source) as unknown };
  } catch {
    return { reason: `${name} is not valid JSON` };
  }
}

/**
 * Reads a list element: a string, or an array of strings; unresolved entries are reported. Reasons
 * name the element `${name}${element}`: a statement passes its own name and the element
 * (`.Action`), so the full name is written only when something cannot be read.
 */
export function readStringList(value: unknown, name: string, element = ''): StringList {
  if (value === undefined) return EMPTY_LIST;
  if (typeof value === 'string') {
    return { present: true, values: [value.trim()], unknown: NONE, unknownMaybeWildcard: NONE };
  }
  if (isUnresolved(value)) {
    const reason = describeUnresolved(`${name}${element}`, value);
    return { present: true, values: NONE, unknown: [reason], unknownMaybeWildcard: [reason] };
  }
  const items: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (allScalars(items)) {
    return { present: true, values: items.map(scalarText), unknown: NONE, unknownMaybeWildcard: NONE };
  }
  const values: string[] = [];
  let unknown: string[] | undefined;
  let unknownMaybeWildcard: string[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item === 'string') {
      values.push(item.trim());
      continue;
    }
    if (typeof item === 'number' || typeof item === 'boolean') {
      values.push(String(item));
      continue;
    }
    const at = Array.isArray(value) ? `${name}${element}[${i}]` : `${name}${element}`;
    if (isUnresolved(item)) {
      const reason = describeUnresolved(at, item);
      (unknown ??= []).push(reason);
      if (couldBeWildcard(item)) (unknownMaybeWildcard ??= []).push(reason);
    } else (unknown ??= []).push(`${at} is not a string`);
  }
  return {
    present: true,
    values: kept(values),
    unknown: kept(unknown),
    unknownMaybeWildcard: kept(unknownMaybeWildcard),
  };
}

/** The usual list: every entry a string, or a number or boolean written unquoted. */
function allScalars(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const type = typeof items[i];
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return false;
  }
  return true;
}

function scalarText(item: unknown): string {
  return typeof item === 'string' ? item.trim() : String(item);
}

/**
 * The literal text an unresolved template expression keeps whatever its inputs: the text of a
 * `Fn::Sub` without its `${...}` variables, the literal parts of a `Fn::Join`, `arn` for a
 * `Fn::GetAtt` of an `Arn`. `undefined` when the expression could produce anything (`Ref`,
 * `Fn::If`, `Fn::FindInMap`, a Terraform value known after apply).
 */
export function literalText(expression: unknown): string | undefined {
  if (expression === null || typeof expression !== 'object' || Array.isArray(expression)) return undefined;
  const e = expression as Record<string, unknown>;
  const sub = e['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text === 'string') return text.replace(/\$\{[^}]*\}/g, '');
  const att = e['Fn::GetAtt'];
  if (Array.isArray(att) && att[1] === 'Arn') return 'arn';
  const join = e['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    return join[1].filter((part): part is string => typeof part === 'string').join('');
  }
  return undefined;
}

/** Could the unresolved value be a wildcard (`*`, `*:*`) once known? */
export function couldBeWildcard(value: Unresolved): boolean {
  const literal = literalText(value.expression);
  return literal === undefined || /^[*:]*$/.test(literal);
}

const PRINCIPAL_KINDS: readonly PrincipalKind[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const PRINCIPAL_KINDS_LOWER = new Map(PRINCIPAL_KINDS.map((k) => [k.toLowerCase(), k]));

/** `"Principal": "*"`, read once: the readers' results are never changed. */
const EVERYONE: Principals = Object.freeze({
  entries: Object.freeze([Object.freeze({ kind: '*', value: '*' } as const)]),
  unknown: NONE,
});

/**
 * Reads `Principal` / `NotPrincipal`: `"*"`, or `{ AWS | Service | Federated | CanonicalUser: string | string[] }`.
 * Reasons name the element `${name}${element}`, as {@link readStringList} does.
 */
export function readPrincipals(value: unknown, name: string, element = ''): Principals {
  if (isUnresolved(value)) {
    return {
      entries: NONE,
      unknown: [{ kind: 'AWS', value, reason: describeUnresolved(`${name}${element}`, value) }],
      problem: describeUnresolved(`${name}${element}`, value),
    };
  }
  if (value === '*') return EVERYONE;
  const map = record(value);
  if (!map) {
    return {
      entries: NONE,
      unknown: NONE,
      problem: `${name}${element} is neither "*" nor a map of principals`,
    };
  }
  const entries: PrincipalEntry[] = [];
  let unknown: UnknownPrincipal[] | undefined;
  for (const rawKind in map) {
    // Principal element keys are matched case-sensitively by IAM; accept any case for reading.
    const kind = PRINCIPAL_KINDS_LOWER.get(rawKind.toLowerCase());
    if (!kind) continue;
    const values = map[rawKind];
    if (typeof values === 'string') {
      entries.push({ kind, value: values.trim() });
      continue;
    }
    const items: readonly unknown[] = Array.isArray(values) ? values : [values];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item === 'string') entries.push({ kind, value: item.trim() });
      else if (isUnresolved(item)) {
        const at = `${name}${element}.${rawKind}${Array.isArray(values) ? `[${i}]` : ''}`;
        (unknown ??= []).push({ kind, value: item, reason: describeUnresolved(at, item) });
      }
    }
  }
  return { entries: kept(entries), unknown: kept(unknown) };
}

const NEGATED = new Set([
  'stringnotequals',
  'stringnotequalsignorecase',
  'stringnotlike',
  'numericnotequals',
  'datenotequals',
  'arnnotequals',
  'arnnotlike',
  'notipaddress',
]);

/** Splits `ForAnyValue:StringNotEqualsIfExists` into its parts. */
function parseOperator(
  operator: string,
): Pick<ConditionEntry, 'base' | 'qualifier' | 'ifExists' | 'negated'> {
  let rest = operator.trim().toLowerCase();
  let qualifier: ConditionEntry['qualifier'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon);
    if (q === 'forallvalues' || q === 'foranyvalue') qualifier = q;
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('ifexists');
  if (ifExists) rest = rest.slice(0, -'ifexists'.length);
  return { base: rest, qualifier, ifExists, negated: NEGATED.has(rest) };
}

const NO_CONDITIONS: { entries: readonly ConditionEntry[]; present: boolean } = Object.freeze({
  entries: NONE,
  present: false,
});

/** Reads a `Condition` block; `at` names the statement (`trust policy Statement[0]`). */
function readConditions(
  value: unknown,
  at: string,
  unknown: string[],
): { entries: readonly ConditionEntry[]; present: boolean } {
  if (value === undefined || value === null) return NO_CONDITIONS;
  if (isUnresolved(value)) {
    unknown.push(describeUnresolved(`${at}.Condition`, value));
    return { entries: NONE, present: true };
  }
  const block = record(value);
  if (!block) {
    unknown.push(`${at}.Condition is not a map of operators`);
    return { entries: NONE, present: true };
  }
  const entries: ConditionEntry[] = [];
  let present = false;
  for (const operator in block) {
    present = true;
    const keys = block[operator];
    if (isUnresolved(keys)) {
      unknown.push(describeUnresolved(`${at}.Condition.${operator}`, keys));
      continue;
    }
    const map = record(keys);
    if (!map) {
      unknown.push(`${at}.Condition.${operator} is not a map of condition keys`);
      continue;
    }
    const parts = parseOperator(operator);
    for (const key in map) {
      entries.push({
        operator,
        ...parts,
        key: key.toLowerCase(),
        keyAsWritten: key,
        values: readStringList(map[key], at, `.Condition.${operator}.${key}`),
      });
    }
  }
  return { entries: kept(entries), present };
}

function readStatement(value: unknown, index: number, name: string): Statement {
  // Element names (`trust policy Statement[0].Action`) are written only for what cannot be read.
  const at = `${name} Statement[${index}]`;
  const unknown: string[] = [];
  if (isUnresolved(value)) {
    unknown.push(describeUnresolved(at, value));
  } else if (!record(value)) {
    unknown.push(`${at} is not an object`);
  }
  const s = record(value) ?? {};
  const sid = typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined;
  let effect: Statement['effect'];
  if (s.Effect === 'Allow' || s.Effect === 'Deny') effect = s.Effect;
  else if (isUnresolved(s.Effect)) unknown.push(describeUnresolved(`${at}.Effect`, s.Effect));
  else if (record(value))
    unknown.push(`${at}.Effect is ${JSON.stringify(s.Effect) ?? 'missing'}, not Allow or Deny`);
  const conditions = readConditions(s.Condition, at, unknown);
  // One shape for every statement (absent elements are `undefined`), built without spreads.
  return {
    index,
    sid,
    effect,
    action: readStringList(s.Action, at, '.Action'),
    notAction: readStringList(s.NotAction, at, '.NotAction'),
    resource: readStringList(s.Resource, at, '.Resource'),
    notResource: readStringList(s.NotResource, at, '.NotResource'),
    principal: s.Principal !== undefined ? readPrincipals(s.Principal, at, '.Principal') : undefined,
    notPrincipal:
      s.NotPrincipal !== undefined ? readPrincipals(s.NotPrincipal, at, '.NotPrincipal') : undefined,
    hasCondition: conditions.present,
    conditions: conditions.entries,
    unknown: kept(unknown),
    label: sid ? `${name} statement ${index} (Sid ${sid})` : `${name} statement ${index}`,
  };
}

/**
 * Reads a policy document (object, JSON string or URL-encoded JSON). `name` says where it is in
 * reasons (`trust policy`, `inline policy deploy`). An absent document is known and has no
 * statements; an unresolved or unparsable one is not known.
 */
export function readPolicy(document: unknown, name: string): PolicyRead {
  // Many rules read the same documents (every role's trust policy, every inline policy): read
  // each once. The result is immutable, so sharing it is safe.
  if (typeof document === 'object' && document !== null) {
    const reads = objectReads.get(document);
    const cached = reads && readUnder(reads, name);
    if (cached) return cached;
    const read = readPolicyUncached(document, name);
    objectReads.set(document, withRead(reads, name, read));
    return read;
  }
  if (typeof document === 'string') {
    const reads = textReads.get(document);
    const cached = reads && readUnder(reads, name);
    if (cached) return cached;
    const read = readPolicyUncached(document, name);
    if (!reads && textReads.size >= 10_000) textReads.clear();
    textReads.set(document, withRead(reads, name, read));
    return read;
  }
  return readPolicyUncached(document, name);
}

/**
 * The reads of one document: nearly every document is read under one name only (its trust policy,
 * its inline policy), so a map by name is made only for the few read under several.
 */
type Reads = { readonly name: string; readonly read: PolicyRead } | Map<string, PolicyRead>;

function readUnder(reads: Reads, name: string): PolicyRead | undefined {
  if (reads instanceof Map) return reads.get(name);
  return reads.name === name ? reads.read : undefined;
}

function withRead(reads: Reads | undefined, name: string, read: PolicyRead): Reads {
  if (!reads) return { name, read };
  if (reads instanceof Map) return reads.set(name, read);
  return new Map([
    [reads.name, reads.read],
    [name, read],
  ]);
}

const objectReads = new WeakMap<object, Reads>();
/** Documents written as JSON text (Terraform), bounded: strings cannot be weak keys. */
const textReads = new Map<string, Reads>();

/** An absent document: known, with no statements. */
const ABSENT: PolicyRead = Object.freeze({ known: true, absent: true, statements: NONE });

function readPolicyUncached(document: unknown, name: string): PolicyRead {
  if (document === undefined || document === null) return ABSENT;
  if (isUnresolved(document)) return { known: false, reason: describeUnresolved(name, document) };
  let value: unknown = document;
  if (typeof document === 'string') {
    if (document.trim() === '') return ABSENT;
    const parsed = parseText(document, name);
    if ('reason' in parsed) return { known: false, reason: parsed.reason };
    value = parsed.value;
  }
  const doc = record(value);
  if (!doc) return { known: false, reason: `${name} is not a JSON object` };
  const statement = doc.Statement;
  if (isUnresolved(statement))
    return { known: false, reason: describeUnresolved(`${name}.Statement`, statement) };
  if (statement === undefined) return { known: false, reason: `${name} has no Statement` };
  const list = Array.isArray(statement) ? statement : [statement];
  return { known: true, absent: false, statements: list.map((s, i) => readStatement(s, i, name)) };
}

// ---------------------------------------------------------------------------------------------
// Actions and resources

const patternCache = new Map<string, RegExp>();

/**
 * A case-insensitive matcher for an IAM wildcard pattern (`*` any run, `?` one character), as
 * actions are matched: "the prefix and the action name are case insensitive".
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
function matcher(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'is');
    if (patternCache.size > 50_000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re;
}

const WILDCARD = /[*?]/;

/** Does the action pattern (`s3:Get*`, `*`, `iam:?ass*`) match the action (`s3:GetObject`)? Case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.trim();
  if (!WILDCARD.test(p)) {
    // Written as asked, most often: no lower-case copies to compare.
    return p === action || (p.length === action.length && p.toLowerCase() === action.toLowerCase());
  }
  return matcher(p).test(action);
}

function anyMatches(patterns: readonly string[], action: string): boolean {
  for (let i = 0; i < patterns.length; i++) if (actionMatches(patterns[i]!, action)) return true;
  return false;
}

/**
 * Does the statement's `Action` / `NotAction` cover `action`? `true` or `false`, or `undefined`
 * when an entry that is not known might decide it.
 */
export function coversAction(statement: Statement, action: string): boolean | undefined {
  if (statement.action.present) {
    if (anyMatches(statement.action.values, action)) return true;
    return statement.action.unknown.length > 0 ? undefined : false;
  }
  if (statement.notAction.present) {
    if (anyMatches(statement.notAction.values, action)) return false;
    return statement.notAction.unknown.length > 0 ? undefined : true;
  }
  return false;
}

/**
 * Does the statement cover one of `actions`? `true` when it covers one, `false` when it covers none,
 * `undefined` when it covers none for sure but an entry that is not known might.
 */
export function coversAnyAction(statement: Statement, actions: readonly string[]): boolean | undefined {
  let undecided = false;
  for (let i = 0; i < actions.length; i++) {
    const covers = coversAction(statement, actions[i]!);
    if (covers === true) return true;
    if (covers === undefined) undecided = true;
  }
  return undecided ? undefined : false;
}

/** `*` or `*:*`: every action of every service. */
export function isAllActions(pattern: string): boolean {
  const p = pattern.trim();
  return p === '*' || p === '*:*';
}

const SERVICE_WILDCARD = /^([a-z0-9-]+):\*$/i;

/** The service of a whole-service pattern (`s3:*` → `s3`), or `undefined`. */
export function serviceWildcard(pattern: string): string | undefined {
  const p = pattern.trim();
  // The service is what comes before the one colon; `test` keeps no match array per action.
  return SERVICE_WILDCARD.test(p) ? p.slice(0, p.indexOf(':')).toLowerCase() : undefined;
}

/** Does `Resource` include `*` (every resource)? `undefined` when an unknown entry might. */
export function coversAllResources(statement: Statement): boolean | undefined {
  if (statement.resource.values.includes('*')) return true;
  return statement.resource.unknownMaybeWildcard.length > 0 ? undefined : false;
}

// ---------------------------------------------------------------------------------------------
// Principals

/** What an `AWS` principal value names. */
export interface AwsPrincipal {
  /** `*`: anyone, including anonymous callers. */
  readonly public: boolean;
  /** The 12-digit account, when the value names one. */
  readonly account?: string;
  /** The account itself (`123456789012` or `arn:aws:iam::123456789012:root`), not one role or user in it. */
  readonly wholeAccount: boolean;
  /**
   * A unique id (`AROA…`, `AIDA…`): IAM shows it in place of an ARN whose role or user was deleted,
   * so it names nobody any more.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
   */
  readonly stale: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;
const PRINCIPAL_ARN = /^arn:[a-z-]+:(iam|sts)::(\d{12}):(.+)$/;
const UNIQUE_ID = /^A[A-Z0-9]{3}[A-Z0-9]{12,}$/;

export function parseAwsPrincipal(value: string): AwsPrincipal {
  const v = value.trim();
  if (v === '*') return { public: true, wholeAccount: false, stale: false };
  if (ACCOUNT_ID.test(v)) return { public: false, account: v, wholeAccount: true, stale: false };
  const arn = PRINCIPAL_ARN.exec(v);
  if (arn) return { public: false, account: arn[2], wholeAccount: arn[3] === 'root', stale: false };
  return { public: false, wholeAccount: false, stale: UNIQUE_ID.test(v) };
}

/** Is the statement's principal anyone (`"*"` or `{"AWS": "*"}`)? */
export function namesEveryone(principals: Principals | undefined): boolean {
  return !!principals?.entries.some(isEveryone);
}

function isEveryone(entry: PrincipalEntry): boolean {
  return entry.kind === '*' || (entry.kind === 'AWS' && entry.value === '*');
}

// ---------------------------------------------------------------------------------------------
// Conditions

/** The statement's condition entries on `key` (case-insensitive). */
export function conditionsOn(statement: Statement, key: string): ConditionEntry[] {
  const k = key.toLowerCase();
  return statement.conditions.filter((c) => c.key === k);
}

/**
 * Do `*` and `?` in the entry's values act as wildcards? They do under `StringLike` and under both
 * ARN operators ("each of the six colon-delimited components of the ARN ... can include
 * multi-character match wildcards (*) or single-character match wildcards (?)", for `ArnEquals`
 * and `ArnLike`); under `StringEquals` they are literal characters.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export function wildcardsApply(entry: ConditionEntry): boolean {
  return entry.base === 'stringlike' || entry.base.startsWith('arn');
}

/**
 * Is the value one fixed string under the entry's operator? Not a wildcard pattern (under a
 * wildcard operator), not a bare `*`, not a policy variable (`${aws:username}`), which IAM
 * replaces with a value of the request.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
function fixedValue(entry: ConditionEntry, value: string): boolean {
  if (value === '*' || value.includes('${')) return false;
  return !(wildcardsApply(entry) && WILDCARD.test(value));
}

const STRING_OR_ARN = /^(string|arn)/;

/**
 * Does the operator make a request without the key, or with a value outside the list, fail the
 * condition? A non-negated string or ARN operator, without `IfExists` (a missing key would pass)
 * and without `ForAllValues` (true for an empty set).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export function requiresKey(entry: ConditionEntry): boolean {
  if (entry.negated || entry.ifExists || entry.qualifier === 'forallvalues') return false;
  return STRING_OR_ARN.test(entry.base);
}

/**
 * Does the entry pin the key to fixed values, so that a request without one of them does not
 * match? `requiresKey`, with known values every one of which is fixed (`StringLike` `a*` is a
 * pattern, not a value) and at least one not empty. Under a wildcard operator a value not known
 * could be `*`, so it does not pin.
 */
export function pinsValue(entry: ConditionEntry): boolean {
  if (!requiresKey(entry)) return false;
  const { values, unknownMaybeWildcard } = entry.values;
  if (wildcardsApply(entry) && unknownMaybeWildcard.length > 0) return false;
  return values.some((v) => v !== '') && values.every((v) => fixedValue(entry, v));
}

/** Condition keys that tie a request to fixed accounts, an organisation or principals. */
const ACCOUNT_KEYS = new Set([
  'aws:principalaccount',
  'aws:sourceaccount',
  'aws:sourceowner',
  'kms:calleraccount',
]);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
/** An organisation id: `o-` and lower-case letters or digits, nothing else. */
const ORG_ID = /^o-[a-z0-9]+$/;
/** An organisation path starts with the organisation id: `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`. */
const ORG_PATH = /^o-[a-z0-9]+\//;
/** A role's unique id followed by any session name: `AROAEXAMPLEID:*`. */
const ROLE_SESSIONS = /^[A-Z0-9]+:\*$/;

/**
 * Does the ARN pattern name one account? Its account field is a 12-digit id and, under
 * `StringLike` (where `*` also matches `:`), no field before it holds a wildcard.
 */
function arnAccountFixed(entry: ConditionEntry, value: string): boolean {
  const fields = value.split(':');
  if (!ACCOUNT_ID.test(fields[4] ?? '')) return false;
  return entry.base !== 'stringlike' || !fields.slice(0, 4).some((f) => WILDCARD.test(f));
}

/**
 * Does the entry limit who can match a statement with `"Principal": "*"` to fixed accounts, an
 * organisation or principals? As for S3's public-policy check, only fixed values count: account
 * ids, ARNs whose account field is a 12-digit id, organisation ids, organisation paths that start
 * with the organisation id, and `aws:userid` values (a role's `AROLEID:*` included). Patterns such
 * as `StringLike` `o-a*` or `AROA*` match callers of any account. Keys such as `sts:ExternalId` or
 * `kms:ViaService` narrow the request but not who makes it, so they do not count (as for Access
 * Analyzer's public check).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html
 */
export function restrictsCaller(entry: ConditionEntry): boolean {
  if (!requiresKey(entry)) return false;
  const { values, unknownMaybeWildcard } = entry.values;
  if (values.length === 0 || (wildcardsApply(entry) && unknownMaybeWildcard.length > 0)) return false;
  if (values.some((v) => v.includes('${'))) return false;
  if (ACCOUNT_KEYS.has(entry.key)) return values.every((v) => ACCOUNT_ID.test(v));
  if (ARN_KEYS.has(entry.key)) return values.every((v) => arnAccountFixed(entry, v));
  if (entry.key === 'aws:principalorgid') return values.every((v) => ORG_ID.test(v));
  if (entry.key === 'aws:principalorgpaths') return values.every((v) => ORG_PATH.test(v));
  if (entry.key === 'aws:userid') {
    return values.every((v) => v !== '' && (fixedValue(entry, v) || ROLE_SESSIONS.test(v)));
  }
  return false;
}
