/**
 * Deterministic request generation for differential testing: from a policy's own statements,
 * requests whose action, resource and condition keys sometimes satisfy and sometimes violate
 * what the statement says. Same seed, same requests.
 */
import {
  actionsOfService,
  catalogServices,
  expandActionPattern,
  isMultiValuedKey,
  resourceTypesOf,
} from '../../src/iam/catalog.js';
import { asList, type StatementJson } from './managed-corpus.js';

/** mulberry32: a small seeded PRNG, plenty for test-case generation. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';

export interface GeneratedRequest {
  principalArn: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
}

const TOKENS = ['alpha', 'prod', 'team-a', 'x1', 'data', 'Admin', 'ab'];

/** Replaces IAM wildcards with concrete text so the value matches the pattern. */
function instantiate(g: Gen, pattern: string): string {
  return pattern.replace(/\*/g, () => g.pick(TOKENS)).replace(/\?/g, () => 'q');
}

/** Resolves `${key}` policy variables to values, recording them in the request context. */
function resolveVariables(g: Gen, text: string, ctx: Record<string, string | string[]>): string {
  return text.replace(/\$\{([^}]+)\}/g, (_m, inner: string) => {
    const key = inner.split(',')[0]!.trim();
    if (key === '*' || key === '?' || key === '$') return key;
    const existing = ctx[key];
    if (typeof existing === 'string') return existing;
    const v = g.pick(TOKENS);
    ctx[key] = v;
    return v;
  });
}

function arnFromFormat(g: Gen, format: string): string {
  return format
    .replace(/\$\{Partition\}/g, 'aws')
    .replace(/\$\{Region\}/g, REGION)
    .replace(/\$\{Account\}/g, ACCOUNT)
    .replace(/\$\{[^}]+\}/g, () => g.pick(TOKENS));
}

function statementNames(s: StatementJson, action: string): boolean {
  return asList(s.Action).some((p) => expandActionPattern(p).includes(action));
}

/** A resource for the action: from the statement's own Resource patterns, or from the action's ARN format. */
function pickResource(
  g: Gen,
  action: string,
  s: StatementJson,
  ctx: Record<string, string | string[]>,
): string {
  const patterns = asList(s.Resource ?? s.NotResource);
  const types = resourceTypesOf(action);
  const fromCatalogue = (): string => {
    const formats = types.flatMap((t) => t.arnFormats);
    return formats.length ? arnFromFormat(g, g.pick(formats)) : '*';
  };
  // Actions without resource types are requested on `*`; an action the statement does not name
  // gets a resource of its own type.
  if (types.length === 0) return '*';
  if (patterns.length === 0 || !statementNames(s, action) || g.chance(0.25)) return fromCatalogue();
  const p = g.pick(patterns);
  if (p === '*') return fromCatalogue();
  // Region and account wildcards become the request's own, as a real request names concrete ones.
  const segments = resolveVariables(g, p, ctx).split(':');
  if (segments.length >= 6) {
    if (segments[3] === '*') segments[3] = REGION;
    if (segments[4] === '*') segments[4] = ACCOUNT;
  }
  let r = instantiate(g, segments.join(':'));
  if (g.chance(0.2)) r = `${r}-other`; // a resource the pattern does not match
  if (g.chance(0.05)) r = r.replace(/:\d{12}:/, ':999999999999:');
  return r;
}

function pickAction(g: Gen, s: StatementJson): string {
  const patterns = asList(s.Action);
  if (patterns.length === 0 || g.chance(0.1)) {
    const service = g.pick(catalogServices());
    const actions = actionsOfService(service);
    return actions.length ? g.pick(actions) : 's3:GetObject';
  }
  const p = g.pick(patterns);
  const expanded = expandActionPattern(p);
  if (expanded.length) return g.pick(expanded);
  return p.includes('*') || p.includes('?') ? instantiate(g, p) : p;
}

/** A value that satisfies `v` (a policy value) under the operator family, or one that does not. */
function valueFor(
  g: Gen,
  op: string,
  v: string,
  ctx: Record<string, string | string[]>,
  match: boolean,
): string {
  const base = op
    .toLowerCase()
    .replace(/^for(all|any)values:/, '')
    .replace(/ifexists$/, '');
  if (base === 'bool') return match ? v : v.toLowerCase() === 'true' ? 'false' : 'true';
  if (base === 'null') return 'present';
  if (base.startsWith('numeric')) {
    const n = Number(v);
    return match ? v : String(n + g.pick([-1, 1, 100]));
  }
  if (base.startsWith('date')) {
    const d = /^\d+$/.test(v) ? new Date(Number(v) * 1000) : new Date(v);
    if (Number.isNaN(d.getTime())) return v;
    return match ? v : new Date(d.getTime() + g.pick([-1, 1]) * 86_400_000).toISOString();
  }
  if (base === 'ipaddress' || base === 'notipaddress') {
    if (!match) return g.pick(['203.0.113.7', '2001:db8::7']);
    return v.replace(/\/\d+$/, '');
  }
  const resolved = resolveVariables(g, v, ctx);
  // ARN keys always carry ARNs in real requests; a violating value is another ARN.
  if (!match && base.startsWith('arn'))
    return g.pick([`${instantiate(g, resolved)}-not`, `arn:aws:s3:::other-${g.pick(TOKENS)}`]);
  if (!match) return g.pick([`${resolved}-not`, 'other-value', resolved.toUpperCase()]);
  if (base.endsWith('like')) return instantiate(g, resolved);
  if (base.includes('ignorecase') && g.chance(0.5)) return resolved.toUpperCase();
  return resolved;
}

/** Sets the condition keys of the statement: each satisfied, violated or absent. */
function fillContext(g: Gen, s: StatementJson, ctx: Record<string, string | string[]>): void {
  for (const [op, block] of Object.entries(s.Condition ?? {})) {
    for (const [key, raw] of Object.entries(block)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map((x) => String(x));
      const roll = g.next();
      if (roll < 0.2) continue; // absent
      // Requests carry keys as AWS sends them: a set of values only for multivalued keys.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
      if (op.toLowerCase() === 'null') {
        // Null: present or absent is the whole question.
        if (g.chance(0.5)) ctx[key] = isMultiValuedKey(key) ? ['present'] : 'present';
        continue;
      }
      const match = roll < 0.65;
      if (isMultiValuedKey(key)) {
        const n = 1 + g.int(3);
        ctx[key] = Array.from({ length: n }, () =>
          valueFor(g, op, g.pick(values), ctx, match || g.chance(0.3)),
        );
      } else {
        ctx[key] = valueFor(g, op, g.pick(values), ctx, match);
      }
    }
  }
}

/** `count` requests against a policy's statements, favouring statements with conditions. */
export function generateRequests(g: Gen, statements: StatementJson[], count: number): GeneratedRequest[] {
  const conditioned = statements.filter((s) => s.Condition);
  const out: GeneratedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const s = conditioned.length && g.chance(0.75) ? g.pick(conditioned) : g.pick(statements);
    const context: Record<string, string | string[]> = {};
    const principalName = g.pick(['alice', 'build-bot', 'Admin']);
    const principalArn = `arn:aws:iam::${ACCOUNT}:user/${principalName}`;
    context['aws:username'] = principalName;
    context['aws:PrincipalArn'] = principalArn;
    context['aws:PrincipalAccount'] = ACCOUNT;
    if (g.chance(0.5)) context['aws:PrincipalTag/team'] = g.pick(TOKENS);
    const action = pickAction(g, s);
    fillContext(g, s, context);
    // Sometimes also the keys of another statement, so Deny statements' conditions come into play.
    if (g.chance(0.3)) fillContext(g, g.pick(statements), context);
    const resource = pickResource(g, action, s, context);
    out.push({ principalArn, action, resource, context });
  }
  return out;
}
