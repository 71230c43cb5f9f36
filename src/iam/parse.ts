/**
 * Parsing and validating a policy document: malformed documents give errors located by JSON path,
 * common mistakes give warnings in the spirit of IAM Access Analyzer's policy checks.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { isUnresolved, parseArn, parseCidr } from '../model/index.js';
import { compiledStatement, indexPolicy } from './compiled.js';
import { isKnownGlobalKey, isSingleValuedGlobalKey } from './global-keys.js';
import { NEGATED, operatorName, parseOperator } from './operators.js';
import type { Condition, Policy, PolicyIssue, PolicyKind, PrincipalSpec, Statement } from './types.js';
import { parseBase64, parseBool, parseDate, parseNumber } from './values.js';

export interface ParseResult {
  /** The policy, when it has no errors. */
  policy?: Policy;
  errors: PolicyIssue[];
  warnings: PolicyIssue[];
}

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const PRINCIPAL_KEYS = {
  AWS: 'aws',
  Service: 'service',
  Federated: 'federated',
  CanonicalUser: 'canonicalUser',
} as const;
const ACCOUNT_ID = /^\d{12}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnresolved(value);
}

class Collector {
  readonly errors: PolicyIssue[] = [];
  readonly warnings: PolicyIssue[] = [];
  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
}

/**
 * Parses a policy document given as an object or JSON text. `kind` says where the policy is used
 * (a `Principal` is required in resource policies and forbidden in identity policies); `where`
 * prefixes messages (`inline policy deploy of role x`).
 */
export function parsePolicy(json: unknown, kind: PolicyKind, where?: string): ParseResult {
  const c = new Collector();
  let doc = json;
  if (typeof json === 'string') {
    let text = json.trim();
    // The IAM API returns documents URL-encoded.
    if (/^%7b/i.test(text)) {
      try {
        text = decodeURIComponent(text);
      } catch {
        /* reported below as invalid JSON */
      }
    }
    try {
      doc = JSON.parse(text) as unknown;
    } catch (e) {
      c.error('$', `not valid JSON: ${(e as Error).message}`);
      return finish(c, undefined, where);
    }
  }
  if (isUnresolved(doc)) {
    c.error('$', `the policy document is not known (${doc.reason})`);
    return finish(c, undefined, where);
  }
  if (!isRecord(doc)) {
    c.error('$', 'a policy document must be a JSON object');
    return finish(c, undefined, where);
  }
  for (const key of Object.keys(doc)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement')
      c.error(`$.${key}`, `unknown top-level element ${key}`);
  }
  let version: string | undefined;
  if (doc.Version === undefined) {
    c.warn('$.Version', 'Version is missing: policy variables are treated as literal text; use "2012-10-17"');
  } else if (typeof doc.Version !== 'string' || !VERSIONS.has(doc.Version)) {
    c.error('$.Version', `Version must be "2012-10-17" or "2008-10-17", not ${JSON.stringify(doc.Version)}`);
  } else {
    version = doc.Version;
    if (version === '2008-10-17') {
      c.warn('$.Version', 'Version 2008-10-17 does not support policy variables; use "2012-10-17"');
    }
  }
  if (doc.Id !== undefined && typeof doc.Id !== 'string') c.error('$.Id', 'Id must be a string');
  const raw = doc.Statement;
  if (raw === undefined) {
    c.error('$.Statement', 'Statement is missing');
    return finish(c, undefined, where);
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: Statement[] = [];
  const sids = new Map<string, number>();
  const seen = new Map<string, number>();
  list.forEach((s, i) => {
    const path = Array.isArray(raw) ? `$.Statement[${i}]` : '$.Statement';
    const st = parseStatement(s, i, path, kind, version, c);
    if (!st) return;
    if (st.sid !== undefined) {
      const first = sids.get(st.sid);
      if (first !== undefined) c.error(`${path}.Sid`, `Sid "${st.sid}" is also used by statement ${first}`);
      else sids.set(st.sid, i);
    }
    const key = JSON.stringify({ ...(s as Record<string, unknown>), Sid: undefined });
    const dup = seen.get(key);
    if (dup !== undefined) c.warn(path, `statement repeats statement ${dup}: it is redundant`);
    else seen.set(key, i);
    // Compile the statement's patterns now, once, rather than on the first request that meets it.
    compiledStatement(st);
    statements.push(st);
  });
  const policy: Policy = {
    ...(version ? { version } : {}),
    ...(typeof doc.Id === 'string' ? { id: doc.Id } : {}),
    statements,
  };
  indexPolicy(policy);
  return finish(c, policy, where);
}

function finish(c: Collector, policy: Policy | undefined, where?: string): ParseResult {
  const prefix = (issues: PolicyIssue[]) =>
    where ? issues.map((i) => ({ path: i.path, message: `${where}: ${i.message}` })) : issues;
  return {
    ...(policy && c.errors.length === 0 ? { policy } : {}),
    errors: prefix(c.errors),
    warnings: prefix(c.warnings),
  };
}

/** A string list element: a string or an array of strings (numbers and booleans become strings). */
function stringList(value: unknown, path: string, c: Collector, name: string): string[] | undefined {
  if (isUnresolved(value)) {
    c.error(path, `${name} is not known (${value.reason})`);
    return undefined;
  }
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  items.forEach((item, i) => {
    const at = Array.isArray(value) ? `${path}[${i}]` : path;
    if (typeof item === 'string') out.push(item.trim());
    else if (typeof item === 'number' || typeof item === 'boolean') out.push(String(item));
    else if (isUnresolved(item)) c.error(at, `${name} value is not known (${item.reason})`);
    else c.error(at, `${name} values must be strings`);
  });
  return out;
}

function parseStatement(
  value: unknown,
  index: number,
  path: string,
  kind: PolicyKind,
  version: string | undefined,
  c: Collector,
): Statement | undefined {
  if (!isRecord(value)) {
    c.error(
      path,
      isUnresolved(value) ? `statement is not known (${value.reason})` : 'a statement must be an object',
    );
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!STATEMENT_KEYS.has(key)) c.error(`${path}.${key}`, `unknown statement element ${key}`);
  }
  const errorsBefore = c.errors.length;
  let sid: string | undefined;
  if (value.Sid !== undefined) {
    if (typeof value.Sid !== 'string') c.error(`${path}.Sid`, 'Sid must be a string');
    else if (value.Sid !== '') sid = value.Sid;
  }
  const effect = value.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    c.error(`${path}.Effect`, `Effect must be "Allow" or "Deny", not ${JSON.stringify(effect) ?? 'missing'}`);
  }
  // Action / NotAction: exactly one.
  let actions: string[] | undefined;
  let notActions: string[] | undefined;
  if (value.Action !== undefined && value.NotAction !== undefined) {
    c.error(path, 'a statement cannot have both Action and NotAction');
  } else if (value.Action === undefined && value.NotAction === undefined) {
    c.error(path, 'a statement needs Action or NotAction');
  }
  if (value.Action !== undefined) actions = actionList(value.Action, `${path}.Action`, c);
  if (value.NotAction !== undefined) notActions = actionList(value.NotAction, `${path}.NotAction`, c);

  // Resource / NotResource.
  let resources: string[] | undefined;
  let notResources: string[] | undefined;
  if (value.Resource !== undefined && value.NotResource !== undefined) {
    c.error(path, 'a statement cannot have both Resource and NotResource');
  } else if (value.Resource === undefined && value.NotResource === undefined && kind !== 'trust') {
    c.error(path, 'a statement needs Resource or NotResource');
  }
  if (value.Resource !== undefined) resources = resourceList(value.Resource, `${path}.Resource`, c);
  if (value.NotResource !== undefined)
    notResources = resourceList(value.NotResource, `${path}.NotResource`, c);

  // Principal / NotPrincipal.
  let principal: PrincipalSpec | undefined;
  let notPrincipal: PrincipalSpec | undefined;
  const takesPrincipal = kind === 'resource' || kind === 'trust' || kind === 'rcp';
  if (!takesPrincipal) {
    if (value.Principal !== undefined)
      c.error(`${path}.Principal`, `Principal is not allowed in ${kindName(kind)}`);
    if (value.NotPrincipal !== undefined)
      c.error(`${path}.NotPrincipal`, `NotPrincipal is not allowed in ${kindName(kind)}`);
  } else {
    if (value.Principal !== undefined && value.NotPrincipal !== undefined) {
      c.error(path, 'a statement cannot have both Principal and NotPrincipal');
    } else if (value.Principal === undefined && value.NotPrincipal === undefined) {
      c.error(path, `a statement in ${kindName(kind)} needs a Principal`);
    }
    if (value.Principal !== undefined) principal = principalSpec(value.Principal, `${path}.Principal`, c);
    if (value.NotPrincipal !== undefined) {
      if (kind === 'trust' || kind === 'rcp')
        c.error(`${path}.NotPrincipal`, `NotPrincipal is not allowed in ${kindName(kind)}`);
      notPrincipal = principalSpec(value.NotPrincipal, `${path}.NotPrincipal`, c);
      if (effect === 'Allow') {
        c.warn(
          `${path}.NotPrincipal`,
          'Allow with NotPrincipal grants access to everyone not listed, anonymous users included',
        );
      }
    }
    if (kind === 'rcp' && principal && !principal.wildcard) {
      c.error(
        `${path}.Principal`,
        'an RCP statement must have "Principal": "*" (use conditions on aws:PrincipalArn)',
      );
    }
  }
  // Allow is supported only in the AWS-managed RCPFullAWSAccess (Allow * on * to *).
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
  if (kind === 'rcp' && effect === 'Allow' && (value.Action !== '*' || value.Condition !== undefined)) {
    c.error(path, 'custom RCP statements must Deny; Allow is supported only in RCPFullAWSAccess');
  }

  const conditions =
    value.Condition === undefined ? [] : conditionList(value.Condition, `${path}.Condition`, version, c);

  if (c.errors.length > errorsBefore) return undefined;
  const st: Statement = {
    index,
    ...(sid ? { sid } : {}),
    effect: effect as 'Allow' | 'Deny',
    ...(actions ? { actions } : {}),
    ...(notActions ? { notActions } : {}),
    ...(resources ? { resources } : {}),
    ...(notResources ? { notResources } : {}),
    ...(principal ? { principal } : {}),
    ...(notPrincipal ? { notPrincipal } : {}),
    conditions,
    path,
  };
  statementWarnings(st, kind, c);
  return st;
}

function kindName(kind: PolicyKind): string {
  return {
    identity: 'an identity-based policy',
    resource: 'a resource-based policy',
    trust: 'a role trust policy',
    scp: 'a service control policy',
    rcp: 'a resource control policy',
    boundary: 'a permissions boundary',
    session: 'a session policy',
  }[kind];
}

/** `service:Action` with `*` / `?` wildcards, or `*`. */
const ACTION = /^([a-z0-9-]+:[A-Za-z0-9*?_-]+|\*)$/i;

function actionList(value: unknown, path: string, c: Collector): string[] | undefined {
  const list = stringList(value, path, c, 'Action');
  if (!list) return undefined;
  const out: string[] = [];
  list.forEach((a, i) => {
    // AWS accepts commas and whitespace inside action strings; read each part.
    const parts = a
      .split(',')
      .map((p) => p.replace(/\s+/g, ''))
      .filter((p) => p !== '');
    const at = Array.isArray(value) ? `${path}[${i}]` : path;
    if (parts.length === 0) c.error(at, 'empty action');
    for (const p of parts) {
      if (!ACTION.test(p)) c.error(at, `"${p}" is not an action (service:ActionName)`);
      else out.push(p);
    }
  });
  if (Array.isArray(value) && value.length === 0) c.error(path, 'empty action list');
  return out;
}

function resourceList(value: unknown, path: string, c: Collector): string[] | undefined {
  const list = stringList(value, path, c, 'Resource');
  if (!list) return undefined;
  list.forEach((r, i) => {
    const at = Array.isArray(value) ? `${path}[${i}]` : path;
    if (r === '*') return;
    const parsed = parseArn(r, { allowWildcards: true });
    if (r.startsWith('arn:') && r.split(':').length === 6 && r.endsWith(':')) {
      // AWS accepts it (an AWS managed policy has one); it matches no resource.
      c.warn(at, `"${r}" has an empty resource part and matches no resource`);
    } else if (!parsed.ok) {
      // A `*` in a segment can span the rest of the ARN (`arn:aws:s3:::*`, `arn:*`).
      if (!/^arn:[^:]*\*/.test(r) && !/^arn:[a-z-]+:[a-z0-9*-]+:[^:]*:[^:]*\*?$/.test(r)) {
        c.error(at, `"${r}" is not a valid resource ARN: ${parsed.message}`);
      }
    } else if (parsed.value.service !== '*' && /[*?]/.test(parsed.value.service)) {
      c.error(at, `"${r}": wildcards are not allowed in the service segment`);
    }
  });
  if (Array.isArray(value) && value.length === 0) c.error(path, 'empty resource list');
  return list;
}

function principalSpec(value: unknown, path: string, c: Collector): PrincipalSpec | undefined {
  const spec: PrincipalSpec = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] };
  if (value === '*') return { ...spec, wildcard: true };
  if (isUnresolved(value)) {
    c.error(path, `the principal is not known (${value.reason})`);
    return undefined;
  }
  if (!isRecord(value)) {
    c.error(path, 'Principal must be "*" or a map of AWS / Service / Federated / CanonicalUser');
    return undefined;
  }
  for (const [key, raw] of Object.entries(value)) {
    const field = PRINCIPAL_KEYS[key as keyof typeof PRINCIPAL_KEYS];
    if (!field) {
      c.error(`${path}.${key}`, `unknown principal type ${key} (AWS, Service, Federated or CanonicalUser)`);
      continue;
    }
    const list = stringList(raw, `${path}.${key}`, c, 'Principal') ?? [];
    list.forEach((p, i) => {
      const at = Array.isArray(raw) ? `${path}.${key}[${i}]` : `${path}.${key}`;
      if (field === 'aws') {
        if (p === '*') spec.wildcard = true;
        else if (!ACCOUNT_ID.test(p) && !validAwsPrincipal(p)) {
          c.error(at, `"${p}" is not an AWS principal (account id, or IAM / STS ARN without wildcards)`);
        } else spec.aws.push(p);
      } else if (field === 'service') {
        if (p === '*') spec.wildcard = true;
        else spec.service.push(p);
      } else spec[field].push(p);
    });
  }
  return spec;
}

/** IAM / STS principal ARNs; you cannot partially wildcard a principal ARN. */
function validAwsPrincipal(p: string): boolean {
  const parsed = parseArn(p);
  if (!parsed.ok) return false;
  if (/[*?]/.test(p)) return false;
  return parsed.value.service === 'iam' || parsed.value.service === 'sts';
}

function conditionList(value: unknown, path: string, version: string | undefined, c: Collector): Condition[] {
  if (!isRecord(value)) {
    c.error(
      path,
      isUnresolved(value)
        ? `the condition is not known (${value.reason})`
        : 'Condition must be a map of operators',
    );
    return [];
  }
  const out: Condition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const at = `${path}.${operator}`;
    const op = parseOperator(operator);
    if (!op) {
      c.error(at, `unknown condition operator ${operator}`);
      continue;
    }
    if (operatorName(op) !== operator.trim()) {
      c.warn(at, `operator is spelled ${operatorName(op)}`);
    }
    if (op.base === 'null' && op.ifExists) c.error(at, 'Null cannot be combined with IfExists');
    if (op.base === 'null' && op.qualifier)
      c.warn(at, `Null with ${op.qualifier} is redundant: use Null alone`);
    if (!isRecord(block)) {
      c.error(at, 'an operator must map condition keys to values');
      continue;
    }
    for (const [key, raw] of Object.entries(block)) {
      const kat = `${at}.${key}`;
      const values = stringList(raw, kat, c, 'condition') ?? [];
      if (Array.isArray(raw) && raw.length === 0) c.error(kat, 'a condition key needs at least one value');
      for (const v of values) checkValue(op.base, v, kat, c);
      const known = isKnownGlobalKey(key);
      if (known === false) c.warn(kat, `unknown global condition key ${key}`);
      const single = isSingleValuedGlobalKey(key);
      if (op.qualifier && single === true) {
        c.warn(
          kat,
          `${op.qualifier} with single-valued key ${key}: use the operator without a set qualifier`,
        );
      }
      if (!op.qualifier && single === false && op.base !== 'null') {
        c.warn(kat, `${key} is multivalued: use ForAllValues or ForAnyValue`);
      }
      if (version !== '2012-10-17' && values.some((v) => v.includes('${'))) {
        c.warn(kat, 'policy variables need Version "2012-10-17"; here they are literal text');
      }
      out.push({
        operator,
        base: op.base,
        ...(op.qualifier ? { qualifier: op.qualifier } : {}),
        ifExists: op.ifExists,
        key: key.toLowerCase(),
        keyAsWritten: key,
        values,
        path: kat,
      });
    }
  }
  return out;
}

function checkValue(base: Condition['base'], v: string, path: string, c: Collector): void {
  const family = base.replace(/^(string|numeric|date|arn).*$/, '$1');
  if (family === 'numeric' && parseNumber(v) === undefined) c.error(path, `"${v}" is not a number`);
  if (family === 'date' && parseDate(v) === undefined)
    c.error(path, `"${v}" is not an ISO 8601 date or epoch seconds`);
  if ((base === 'bool' || base === 'null') && parseBool(v) === undefined && !v.includes('${')) {
    c.error(path, `"${v}" is not true or false`);
  }
  if (base === 'binaryequals' && parseBase64(v) === undefined) c.error(path, `"${v}" is not base-64`);
  if ((base === 'ipaddress' || base === 'notipaddress') && !parseCidr(v, { allowBareIp: true }).ok) {
    c.error(path, `"${v}" is not an IP address or CIDR block`);
  }
}

function statementWarnings(st: Statement, kind: PolicyKind, c: Collector): void {
  const allResources = st.resources?.includes('*') ?? false;
  if (st.effect === 'Allow' && st.notActions && allResources) {
    c.warn(
      st.path,
      'Allow with NotAction on Resource "*" grants every other action of every service, including ones added later',
    );
  }
  if (st.effect === 'Allow' && st.notResources && st.actions?.includes('*')) {
    c.warn(st.path, 'Allow of every action with NotResource grants everything outside the listed resources');
  }
  if (
    st.effect === 'Allow' &&
    allResources &&
    st.actions?.some((a) => /^iam:(passrole|\*|pass\*|\*role)$/i.test(a)) &&
    !st.conditions.some((cd) => cd.key === 'iam:passedtoservice')
  ) {
    c.warn(st.path, 'iam:PassRole on Resource "*": any role can be passed to any service');
  }
  if (kind === 'resource' || kind === 'trust') {
    if (st.effect === 'Allow' && st.principal?.wildcard && st.conditions.length === 0) {
      c.warn(
        st.path,
        'Allow to Principal "*" without a condition grants access to everyone, anonymous users included',
      );
    }
  }
  for (const cd of st.conditions) {
    if (cd.qualifier === 'ForAllValues' && st.effect === 'Allow' && !NEGATED.has(cd.base)) {
      const guarded = st.conditions.some((o) => o.base === 'null' && o.key === cd.key);
      if (!guarded) {
        c.warn(
          cd.path,
          'ForAllValues in an Allow also matches requests without the key; add "Null": {key: "false"}',
        );
      }
    }
  }
}
