/**
 * A conservative reader of resource policies (S3 bucket policies first), for the rules that ask
 * "can anyone read or write this bucket?", "does it refuse plain HTTP?" and "which other accounts
 * may change it?".
 *
 * It is not an IAM evaluator (that is the IAM engine's job): it reads one statement at a time.
 * A grant to everyone counts as restricted only when a condition pins it to fixed values of the
 * keys S3 itself accepts as making a policy non-public ("The meaning of public"); wildcards and
 * policy variables in those values do not restrict, as Security Hub S3.2/S3.3 treat them. A Deny
 * neutralises a public grant only when it denies the same action to everyone on every resource the
 * grant names, unconditionally or only outside such fixed values. Whatever it cannot read is
 * reported as unknown, never as private.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
import {
  isUnresolved,
  parseArn,
  parseCidr,
  parseIp,
  type Resource,
  type Unresolved,
} from '../../model/index.js';
import { describeUnresolved } from '../rule.js';
import { denyCoversAllow } from './policy-resources.js';

/** A value the reader could not decide, with why. */
export interface Unknown {
  readonly unknown: string;
}

/** Yes, no, or not known (with the reason). */
export type Tri = boolean | Unknown;

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && 'unknown' in value;
}

/** One statement of a policy, as written. */
export interface PolicyStatement {
  /** The `Sid`, or `#n` (1-based position) for a statement without one. */
  readonly label: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * A policy document read from a property. `unreadable` lists statements that could not be read
 * (an unresolved value in place of a statement, a statement that is not an object): a rule may
 * still fail on a definite finding elsewhere, but must not pass while any remain.
 */
export type PolicyDocument =
  | {
      readonly known: true;
      /** False when the property is absent or empty: the resource has no policy. */
      readonly present: boolean;
      readonly statements: readonly PolicyStatement[];
      readonly unreadable: readonly string[];
    }
  | { readonly known: false; readonly reason: string };

const NO_POLICY: PolicyDocument = { known: true, present: false, statements: [], unreadable: [] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnresolved(value);
}

/**
 * Reads a policy property: a document object (templates, the demo), or its JSON text (what
 * `GetBucketPolicy` returns and some sources keep), or absent.
 */
export function readPolicy(value: unknown, what = 'PolicyDocument'): PolicyDocument {
  if (value === undefined || value === null) return NO_POLICY;
  if (isUnresolved(value)) return { known: false, reason: describeUnresolved(what, value) };
  let doc: unknown = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return NO_POLICY;
    try {
      doc = JSON.parse(value);
    } catch {
      return { known: false, reason: `${what} is not valid JSON` };
    }
  }
  if (!isRecord(doc)) return { known: false, reason: `${what} is not a policy document` };
  const list = doc.Statement;
  if (isUnresolved(list)) return { known: false, reason: describeUnresolved(`${what}.Statement`, list) };
  const items: readonly unknown[] = list === undefined ? [] : Array.isArray(list) ? list : [list];
  const statements: PolicyStatement[] = [];
  const unreadable: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isUnresolved(item)) unreadable.push(describeUnresolved(`${what}.Statement[${i}]`, item));
    else if (!isRecord(item)) unreadable.push(`${what}.Statement[${i}] is not an object`);
    else {
      const sid = typeof item.Sid === 'string' && item.Sid !== '' ? item.Sid : `#${i + 1}`;
      statements.push({ label: sid, raw: item });
    }
  }
  return { known: true, present: true, statements, unreadable };
}

/** A policy element that may be one value or a list. */
function listOf(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function unknownAt(statement: PolicyStatement, element: string, value: Unresolved): Unknown {
  return { unknown: describeUnresolved(`statement ${statement.label} ${element}`, value) };
}

/** `Allow`, `Deny`, or not known. */
export function effectOf(statement: PolicyStatement): 'Allow' | 'Deny' | Unknown {
  const effect = statement.raw.Effect;
  if (isUnresolved(effect)) return unknownAt(statement, 'Effect', effect);
  if (effect === 'Allow' || effect === 'Deny') return effect;
  return { unknown: `statement ${statement.label} has Effect ${JSON.stringify(effect)}` };
}

// ---------------------------------------------------------------------------------------------
// Principals

/**
 * Whether the statement applies to everyone: `"*"`, `{"AWS": "*"}` (alone or in a list), or an
 * Allow with `NotPrincipal` (everyone but the listed principals).
 */
export function principalIsEveryone(statement: PolicyStatement): Tri {
  const { Principal: principal, NotPrincipal: notPrincipal } = statement.raw;
  if (notPrincipal !== undefined) return statement.raw.Effect === 'Allow';
  if (isUnresolved(principal)) return unknownAt(statement, 'Principal', principal);
  if (principal === '*') return true;
  if (!isRecord(principal)) return false;
  const aws = principal.AWS;
  if (isUnresolved(aws)) return namesArn(aws.expression) ? false : unknownAt(statement, 'Principal.AWS', aws);
  let unknown: Unknown | undefined;
  for (const p of listOf(aws)) {
    if (p === '*') return true;
    if (isUnresolved(p) && !namesArn(p.expression)) unknown ??= unknownAt(statement, 'Principal.AWS', p);
  }
  return unknown ?? false;
}

/**
 * Whether a template expression builds an ARN (`!Sub arn:${AWS::Partition}:iam::${Account}:root`):
 * whatever it resolves to, it is a named principal, never `*`.
 */
function namesArn(expression: unknown): boolean {
  const sub = (expression as Record<string, unknown> | null)?.['Fn::Sub'];
  const text =
    typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  return text !== undefined && text.startsWith('arn:') && !text.includes('*');
}

/** The AWS principals of a statement, by account. */
export interface PrincipalAccounts {
  /** Account ids named (12 digits), from `123456789012` or ARNs `arn:aws:iam::123456789012:...`. */
  readonly accounts: readonly string[];
  /** Whether the statement also names the current account through `AWS::AccountId`. */
  readonly ownAccount: boolean;
  readonly everyone: boolean;
  /** Principals that could not be read (unresolved, or a form that names no account). */
  readonly unknown: readonly string[];
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The accounts a statement's `Principal.AWS` names. Service and federated principals name no
 * account and are left out; CloudFront origin access identities (`arn:aws:iam::cloudfront:user/...`)
 * belong to CloudFront, not to another customer, and are left out too.
 */
export function principalAccounts(statement: PolicyStatement): PrincipalAccounts {
  const accounts = new Set<string>();
  const unknown: string[] = [];
  let ownAccount = false;
  let everyone = false;
  const principal = statement.raw.Principal;
  if (statement.raw.NotPrincipal !== undefined || principal === '*') everyone = true;
  else if (isUnresolved(principal)) unknown.push(unknownAt(statement, 'Principal', principal).unknown);
  else if (isRecord(principal)) {
    for (const p of listOf(principal.AWS)) {
      if (p === '*') everyone = true;
      else if (isUnresolved(p)) {
        // `!Sub arn:aws:iam::${AWS::AccountId}:root` and `!Ref AWS::AccountId` name this account.
        if (JSON.stringify(p.expression).includes('AWS::AccountId')) ownAccount = true;
        else unknown.push(unknownAt(statement, 'Principal.AWS', p).unknown);
      } else if (typeof p === 'string' && ACCOUNT_ID.test(p)) accounts.add(p);
      else if (typeof p === 'string') {
        const arn = parseArn(p);
        if (arn.ok && ACCOUNT_ID.test(arn.value.account)) accounts.add(arn.value.account);
        else if (!(arn.ok && arn.value.account === 'cloudfront')) {
          unknown.push(`statement ${statement.label} names principal ${JSON.stringify(p)}`);
        }
      }
    }
  }
  return { accounts: [...accounts], ownAccount, everyone, unknown };
}

// ---------------------------------------------------------------------------------------------
// Actions

const patternCache = new Map<string, RegExp>();

/** IAM action patterns: `*` any run of characters, `?` one character, case-insensitive. */
function actionPattern(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re;
}

function anyMatches(statement: PolicyStatement, element: string, action: string): Tri {
  const value = statement.raw[element];
  if (isUnresolved(value)) return unknownAt(statement, element, value);
  let unknown: Unknown | undefined;
  for (const p of listOf(value)) {
    if (typeof p === 'string' && actionPattern(p).test(action)) return true;
    if (isUnresolved(p)) unknown ??= unknownAt(statement, element, p);
  }
  return unknown ?? false;
}

/** Whether the statement's `Action` (or its `NotAction`, inverted) covers one concrete action. */
export function coversAction(statement: PolicyStatement, action: string): Tri {
  if (statement.raw.Action !== undefined) return anyMatches(statement, 'Action', action);
  if (statement.raw.NotAction !== undefined) {
    const excluded = anyMatches(statement, 'NotAction', action);
    return isUnknown(excluded) ? excluded : !excluded;
  }
  return false;
}

/** Whether the statement's `Action` is every S3 action (`*` or `s3:*`). */
export function coversAllS3Actions(statement: PolicyStatement): Tri {
  const value = statement.raw.Action;
  if (isUnresolved(value)) return unknownAt(statement, 'Action', value);
  let unknown: Unknown | undefined;
  for (const p of listOf(value)) {
    if (p === '*' || (typeof p === 'string' && p.toLowerCase() === 's3:*')) return true;
    if (isUnresolved(p)) unknown ??= unknownAt(statement, 'Action', p);
  }
  return unknown ?? false;
}

// ---------------------------------------------------------------------------------------------
// Conditions

/**
 * Condition keys whose fixed values make a grant to everyone non-public, lower-cased (keys are
 * case-insensitive). From S3's "The meaning of public", plus the organisation and principal keys
 * IAM Access Analyzer also accepts.
 */
const RESTRICTING_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:userid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
]);

/** Operators that grant only when the key equals (or matches) the values. */
const POSITIVE = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
  'IpAddress',
]);
/** Their negations: a Deny with one of these denies everything outside the values. */
const NEGATIVE = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
  'NotIpAddress',
]);

/**
 * The narrowest `aws:SourceIp` prefix we accept as a restriction: S3 only requires "a set of
 * CIDRs"; a /0 (or any block of a quarter of the address space) is everyone in practice, so
 * blocks wider than /8 (IPv4) or /16 (IPv6) are not counted as restricting.
 */
const MIN_PREFIX = { 4: 8, 6: 16 } as const;

/**
 * Whether one condition value is fixed. A template value the source could not resolve counts as
 * fixed when it is built from references (`!Ref AWS::AccountId`, `!Sub ...${Distribution}`) with
 * no wildcard; a bare `!Ref` to a template parameter could be anything and is not known.
 */
function fixedValue(key: string, value: unknown): Tri {
  if (isUnresolved(value)) {
    const text = JSON.stringify(value.expression) ?? '';
    if (/[*?]/.test(text)) return false;
    const expr = value.expression as { Ref?: unknown } | undefined;
    if (expr && typeof expr === 'object' && typeof expr.Ref === 'string' && !expr.Ref.startsWith('AWS::')) {
      return { unknown: describeUnresolved(`condition ${key}`, value) };
    }
    return true;
  }
  if (typeof value !== 'string' || value === '' || /[*?]|\$\{/.test(value)) return false;
  if (key === 'aws:sourceip') {
    const parsed = value.includes('/') ? parseCidr(value) : parseIp(value);
    if (!parsed.ok) return false;
    const prefix = 'prefix' in parsed.value ? parsed.value.prefix : parsed.value.version === 4 ? 32 : 128;
    return prefix >= MIN_PREFIX[parsed.value.version];
  }
  return true;
}

/** `ForAnyValue:StringEquals` → `StringEquals`; `IfExists` kept apart. */
const SET_QUALIFIER = /^For(AnyValue|AllValues):/;

function splitOperator(op: string): { base: string; ifExists: boolean; forAll: boolean } {
  let base = op;
  const forAll = base.startsWith('ForAllValues:');
  base = base.replace(SET_QUALIFIER, '');
  const ifExists = base.endsWith('IfExists');
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  return { base, ifExists, forAll };
}

/**
 * The restricting key (`aws:SourceVpce`, ...) a statement's `Condition` pins to fixed values with
 * the given kind of operator, or `undefined`. `positive` is for grants (`StringEquals` without
 * `IfExists`: a request without the key must not match); `negative` for denies
 * (`StringNotEquals`, `IfExists` allowed: a request without the key is denied too).
 */
export function restrictingKey(
  statement: PolicyStatement,
  kind: 'positive' | 'negative',
): string | undefined | Unknown {
  const condition = statement.raw.Condition;
  if (condition === undefined) return undefined;
  if (isUnresolved(condition)) return unknownAt(statement, 'Condition', condition);
  if (!isRecord(condition)) return undefined;
  let unknown: Unknown | undefined;
  for (const [op, block] of Object.entries(condition)) {
    const { base, ifExists, forAll } = splitOperator(op);
    const accepted =
      kind === 'positive' ? POSITIVE.has(base) && !ifExists && !forAll : NEGATIVE.has(base) && !forAll;
    if (!accepted) continue;
    if (isUnresolved(block)) {
      unknown ??= unknownAt(statement, `Condition.${op}`, block);
      continue;
    }
    if (!isRecord(block)) continue;
    for (const [rawKey, values] of Object.entries(block)) {
      const key = rawKey.toLowerCase();
      if (!RESTRICTING_KEYS.has(key)) continue;
      const list = isUnresolved(values) ? [values] : listOf(values);
      if (list.length === 0) continue;
      let allFixed: Tri = true;
      for (const v of list) {
        const fixed = fixedValue(key, v);
        if (fixed === false) {
          allFixed = false;
          break;
        }
        if (isUnknown(fixed)) allFixed = fixed;
      }
      if (allFixed === true) return rawKey;
      if (isUnknown(allFixed)) unknown ??= allFixed;
    }
  }
  return unknown;
}

/**
 * Restricting keys whose values name the account the request comes from: the caller's
 * (`aws:PrincipalAccount`, `aws:PrincipalArn`), that of the resource a service acts for
 * (`aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceArn`), or that of the access point it goes
 * through (`s3:DataAccessPointAccount`, `s3:DataAccessPointArn`), lower-cased.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
const ACCOUNT_KEYS = new Set([
  'aws:principalaccount',
  'aws:sourceaccount',
  'aws:sourceowner',
  's3:dataaccesspointaccount',
]);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn', 's3:dataaccesspointarn']);

/**
 * The accounts a grant's conditions pin it to (`StringEquals aws:PrincipalAccount 111122223333`,
 * `ArnEquals aws:PrincipalArn arn:aws:iam::111122223333:role/x`): a grant to everyone with such a
 * condition is a grant to those accounts. ARNs that name no account (`arn:aws:s3:::bucket`) are left out.
 */
export function conditionAccounts(statement: PolicyStatement): PrincipalAccounts {
  const accounts = new Set<string>();
  const unknown: string[] = [];
  let ownAccount = false;
  const condition = statement.raw.Condition;
  if (isUnresolved(condition)) unknown.push(unknownAt(statement, 'Condition', condition).unknown);
  else if (isRecord(condition)) {
    for (const [op, block] of Object.entries(condition)) {
      const { base, ifExists, forAll } = splitOperator(op);
      if (!POSITIVE.has(base) || ifExists || forAll || !isRecord(block)) continue;
      for (const [rawKey, values] of Object.entries(block)) {
        const key = rawKey.toLowerCase();
        if (!ACCOUNT_KEYS.has(key) && !ARN_KEYS.has(key)) continue;
        for (const v of isUnresolved(values) ? [values] : listOf(values)) {
          if (isUnresolved(v)) {
            // `!Ref AWS::AccountId`, `!Sub arn:aws:iam::${AWS::AccountId}:role/x` name this account.
            if (JSON.stringify(v.expression).includes('AWS::AccountId')) ownAccount = true;
            else unknown.push(unknownAt(statement, `Condition.${op}.${rawKey}`, v).unknown);
          } else if (typeof v === 'string' && ACCOUNT_ID.test(v)) accounts.add(v);
          else if (typeof v === 'string' && ARN_KEYS.has(key)) {
            const arn = parseArn(v);
            if (arn.ok && ACCOUNT_ID.test(arn.value.account)) accounts.add(arn.value.account);
          }
        }
      }
    }
  }
  return { accounts: [...accounts], ownAccount, everyone: false, unknown };
}

/**
 * Whether a statement is the "deny plain HTTP" guard: `Bool` (or `BoolIfExists`)
 * `aws:SecureTransport` `false`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export function deniesInsecureTransport(statement: PolicyStatement): Tri {
  const condition = statement.raw.Condition;
  if (isUnresolved(condition)) return unknownAt(statement, 'Condition', condition);
  if (!isRecord(condition)) return false;
  let unknown: Unknown | undefined;
  for (const op in condition) {
    if (op !== 'Bool' && op !== 'BoolIfExists') continue;
    const block = condition[op];
    if (!isRecord(block)) continue;
    for (const key in block) {
      if (key.toLowerCase() !== 'aws:securetransport') continue;
      const values = block[key];
      for (const v of isUnresolved(values) ? [values] : listOf(values)) {
        if (v === false || (typeof v === 'string' && v.toLowerCase() === 'false')) return true;
        if (isUnresolved(v)) unknown ??= unknownAt(statement, `Condition.${op}.${key}`, v);
      }
    }
  }
  return unknown ?? false;
}

/**
 * The conditions of a statement besides the plain-HTTP guard (`StringEquals aws:SourceVpce`). They
 * narrow a Deny to the requests that also meet them: "If your policy statement has multiple condition
 * operators, the condition operators are evaluated using a logical AND".
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 */
export function otherConditions(statement: PolicyStatement): string[] {
  const condition = statement.raw.Condition;
  if (!isRecord(condition)) return [];
  const others: string[] = [];
  for (const op in condition) {
    const guard = op === 'Bool' || op === 'BoolIfExists';
    const block = condition[op];
    if (!isRecord(block)) {
      others.push(op);
      continue;
    }
    for (const key in block) {
      if (!(guard && key.toLowerCase() === 'aws:securetransport')) others.push(`${op} ${key}`);
    }
  }
  return others;
}

// ---------------------------------------------------------------------------------------------
// Public grants

/** What a policy grants everyone, for a list of actions. */
export interface PublicGrants {
  /** `statement label` → the asked actions it grants to everyone without a restricting condition. */
  readonly grants: ReadonlyMap<string, readonly string[]>;
  /** Reasons a statement could not be judged (only meaningful when `grants` is empty). */
  readonly unknown: readonly string[];
  /** The Deny statements that took a public grant back, each saying how (`statement D denies them`). */
  readonly deniedBy: readonly string[];
}

/**
 * How a Deny statement's `Condition` limits it, for taking a public grant back: `[]` without a
 * condition; the keys, when every condition is a negated operator on fixed values of a restricting
 * key (`StringNotEquals aws:SourceVpce vpce-1`: the Deny refuses everything from outside those
 * values); `undefined` when any other condition narrows the Deny to some requests only, since
 * "the condition operators are evaluated using a logical AND".
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 */
export function denyLimits(statement: PolicyStatement): readonly string[] | undefined | Unknown {
  const condition = statement.raw.Condition;
  if (condition === undefined) return [];
  if (isUnresolved(condition)) return unknownAt(statement, 'Condition', condition);
  if (!isRecord(condition)) return undefined;
  const keys: string[] = [];
  let unknown: Unknown | undefined;
  for (const op in condition) {
    const { base, forAll } = splitOperator(op);
    if (!NEGATIVE.has(base) || forAll) return undefined;
    const block = condition[op];
    if (isUnresolved(block)) {
      unknown ??= unknownAt(statement, `Condition.${op}`, block);
      continue;
    }
    if (!isRecord(block)) return undefined;
    for (const rawKey in block) {
      const values = block[rawKey];
      const key = rawKey.toLowerCase();
      if (!RESTRICTING_KEYS.has(key)) return undefined;
      const list = isUnresolved(values) ? [values] : listOf(values);
      if (list.length === 0) return undefined;
      for (const v of list) {
        const fixed = fixedValue(key, v);
        if (fixed === false) return undefined;
        if (isUnknown(fixed)) unknown ??= fixed;
      }
      keys.push(rawKey);
    }
  }
  return unknown ?? keys;
}

/**
 * The statements that allow any of `actions` to everyone, unrestricted, and not taken back by a Deny
 * to everyone that covers the action and every resource the Allow names in `bucket` (see
 * policy-resources.ts), unconditionally or outside fixed values of restricting keys ({@link denyLimits}).
 */
export function publicGrants(
  policy: PolicyDocument & { known: true },
  actions: readonly string[],
  bucket: Resource,
): PublicGrants {
  const unknown: string[] = [...policy.unreadable];
  const denies: Array<
    { statement: PolicyStatement; how: string } | { statement: PolicyStatement; doubt: Unknown }
  > = [];
  for (const s of policy.statements) {
    if (effectOf(s) !== 'Deny' || principalIsEveryone(s) !== true) continue;
    const limits = denyLimits(s);
    if (limits === undefined) continue;
    if (isUnknown(limits)) denies.push({ statement: s, doubt: limits });
    else
      denies.push({
        statement: s,
        how:
          limits.length === 0
            ? `statement ${s.label} denies them`
            : `statement ${s.label} denies them outside fixed values of ${limits.join(', ')}`,
      });
  }
  // Most policies grant the public nothing: the set and the map are made when first needed.
  let deniedBy: Set<string> | undefined;
  let grants: Map<string, string[]> | undefined;
  for (const s of policy.statements) {
    const effect = effectOf(s);
    if (effect === 'Deny') continue;
    const everyone = principalIsEveryone(s);
    if (everyone === false) continue;
    const restriction = restrictingKey(s, 'positive');
    if (typeof restriction === 'string') continue;
    for (const a of actions) {
      const covers = coversAction(s, a);
      if (covers === false) continue;
      let takenBack: string | undefined;
      let denyDoubt: Unknown | undefined;
      for (const d of denies) {
        const deniesAction = coversAction(d.statement, a);
        if (deniesAction === false) continue;
        const resources = denyCoversAllow(d.statement, s, a, bucket);
        if (resources === false) continue;
        const doubt = [deniesAction, resources, 'doubt' in d ? d.doubt : true].find(isUnknown);
        if (doubt) denyDoubt ??= doubt;
        else if ('how' in d) {
          takenBack = d.how;
          break;
        }
      }
      if (takenBack) {
        if (covers === true) (deniedBy ??= new Set()).add(takenBack);
        continue;
      }
      const doubt = [effect, everyone, covers, restriction, denyDoubt].find(isUnknown);
      if (doubt) {
        unknown.push(doubt.unknown);
        continue;
      }
      grants ??= new Map();
      const list = grants.get(s.label) ?? [];
      list.push(a);
      grants.set(s.label, list);
    }
  }
  return {
    grants: grants ?? NO_GRANTS,
    unknown: unknown.length > 1 ? [...new Set(unknown)] : unknown,
    deniedBy: deniedBy ? [...deniedBy] : [],
  };
}

const NO_GRANTS: ReadonlyMap<string, readonly string[]> = new Map();

/** `statement PublicRead grants s3:GetObject, and statement #2 grants s3:PutObject, s3:DeleteObject`. */
export function describeGrants(grants: ReadonlyMap<string, readonly string[]>): string {
  return [...grants]
    .map(([label, actions]) => `statement ${label} grants ${actions.join(', ')}`)
    .join(', and ');
}
