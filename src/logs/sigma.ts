/**
 * Sigma rules for CloudTrail (logsource product `aws`, service `cloudtrail`) compiled to a
 * {@link Cond}. Supported: search identifiers as maps (AND) and lists of maps (OR), value lists
 * (OR, or AND with `all`), wildcards `*` `?`, the modifiers contains / startswith / endswith /
 * all / re (with i, m, s) / cidr / exists / cased / fieldref / lt / lte / gt / gte, `null`
 * values, and conditions with and / or / not, parentheses, `1 of x*`, `all of x*`, `N of x*` and
 * `them`. Anything else is reported unsupported with the reason rather than run differently.
 *
 * Specification: https://sigmahq.io/docs/basics/rules.html and
 * https://github.com/SigmaHQ/sigma-specification (modifiers, condition syntax).
 */
import { parse } from 'yaml';
import type { Cond } from './condition.js';
import { likeEscape } from './dialect.js';

/** Severity levels of Sigma, most severe first. */
export const SIGMA_LEVELS = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type SigmaLevel = (typeof SIGMA_LEVELS)[number];

/** A rule that compiled. */
export interface CompiledSigma {
  ok: true;
  id: string;
  title: string;
  level: SigmaLevel;
  description?: string;
  cond: Cond;
}

/** A rule that did not, and why. */
export interface UnsupportedSigma {
  ok: false;
  id: string;
  title: string;
  reason: string;
}

export type SigmaResult = CompiledSigma | UnsupportedSigma;

/** The detection block of a rule, as Sigma writes it. */
export type SigmaDetection = Record<string, unknown> & { condition: string | string[] };

class Unsupported extends Error {}

/** Compiles one rule from its YAML text. */
export function compileSigmaYaml(text: string, fallbackId = 'sigma-rule'): SigmaResult {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return {
      ok: false,
      id: fallbackId,
      title: fallbackId,
      reason: `not valid YAML: ${(error as Error).message}`,
    };
  }
  if (!isRecord(doc))
    return { ok: false, id: fallbackId, title: fallbackId, reason: 'not a Sigma rule (no mapping)' };
  const id = typeof doc.id === 'string' ? doc.id : fallbackId;
  const title = typeof doc.title === 'string' ? doc.title : id;
  const logsource = isRecord(doc.logsource) ? doc.logsource : {};
  if (
    String(logsource.product ?? '').toLowerCase() !== 'aws' ||
    String(logsource.service ?? '').toLowerCase() !== 'cloudtrail'
  ) {
    return { ok: false, id, title, reason: `logsource is not aws/cloudtrail (${JSON.stringify(logsource)})` };
  }
  if (!isRecord(doc.detection)) return { ok: false, id, title, reason: 'no detection block' };
  const level = SIGMA_LEVELS.includes(doc.level as SigmaLevel) ? (doc.level as SigmaLevel) : 'medium';
  try {
    const cond = compileDetection(doc.detection as SigmaDetection);
    const out: CompiledSigma = { ok: true, id, title, level, cond };
    if (typeof doc.description === 'string') out.description = doc.description.trim();
    return out;
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, id, title, reason: error.message };
    throw error;
  }
}

/** Compiles a detection block (search identifiers plus `condition`) to one condition. */
export function compileDetection(detection: SigmaDetection): Cond {
  const { condition, timeframe, ...searches } = detection;
  if (timeframe !== undefined) throw new Unsupported('timeframe (correlation) is not supported');
  const conditions = Array.isArray(condition) ? condition : [condition];
  if (conditions.length === 0 || conditions.some((c) => typeof c !== 'string')) {
    throw new Unsupported('condition must be a string');
  }
  const compiled = new Map<string, Cond>();
  for (const [name, value] of Object.entries(searches)) compiled.set(name, compileSearch(name, value));
  const parsed = conditions.map((c) => new ConditionParser(c, compiled).parse());
  return parsed.length === 1 ? parsed[0]! : { kind: 'or', any: parsed };
}

function compileSearch(name: string, value: unknown): Cond {
  if (isRecord(value)) return compileMap(value);
  if (Array.isArray(value)) {
    if (value.every(isRecord)) return { kind: 'or', any: value.map((v) => compileMap(v)) };
    throw new Unsupported(`search '${name}' is a keyword list (full-text search is not supported)`);
  }
  throw new Unsupported(`search '${name}' is neither a map nor a list of maps`);
}

function compileMap(map: Record<string, unknown>): Cond {
  const all = Object.entries(map).map(([key, value]) => compileField(key, value));
  return all.length === 1 ? all[0]! : { kind: 'and', all };
}

const KNOWN_MODIFIERS = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  're',
  'i',
  'm',
  's',
  'cidr',
  'exists',
  'cased',
  'fieldref',
  'lt',
  'lte',
  'gt',
  'gte',
]);

function compileField(key: string, value: unknown): Cond {
  const [field = '', ...mods] = key.split('|');
  if (!field) throw new Unsupported(`keyword search '${key}' is not supported`);
  for (const m of mods) {
    if (!KNOWN_MODIFIERS.has(m)) throw new Unsupported(`modifier '${m}' is not supported`);
  }
  const has = (m: string) => mods.includes(m);
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) throw new Unsupported(`field '${field}' has an empty value list`);

  let leaves: Cond[];
  if (has('exists')) {
    leaves = values.map((v) => ({
      kind: 'exists',
      field,
      exists: v === true || String(v).toLowerCase() === 'true',
    }));
  } else if (has('fieldref')) {
    const op = has('contains')
      ? 'contains'
      : has('startswith')
        ? 'startswith'
        : has('endswith')
          ? 'endswith'
          : 'eq';
    leaves = values.map((v) => ({ kind: 'fieldref', field, other: String(v), op }));
  } else if (has('re')) {
    const flags = ['i', 'm', 's'].filter(has).join('');
    leaves = values.map((v) => ({ kind: 're', field, pattern: String(v), ...(flags && { flags }) }));
  } else if (has('cidr')) {
    leaves = values.map((v) => ({ kind: 'cidr', field, cidr: String(v) }));
  } else if (['lt', 'lte', 'gt', 'gte'].some(has)) {
    const op = has('lt') ? '<' : has('lte') ? '<=' : has('gt') ? '>' : '>=';
    leaves = values.map((v) => {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Unsupported(`'${key}' needs a number, got ${JSON.stringify(v)}`);
      return { kind: 'cmp', field, op, value: n };
    });
  } else {
    leaves = values.map((v) => valueMatch(field, v, mods));
  }
  if (leaves.length === 1) return leaves[0]!;
  return has('all') ? { kind: 'and', all: leaves } : { kind: 'or', any: leaves };
}

/** A plain, contains, startswith or endswith match of one value, with Sigma wildcards. */
function valueMatch(field: string, value: unknown, mods: readonly string[]): Cond {
  if (value === null) return { kind: 'exists', field, exists: false };
  if (typeof value === 'object') throw new Unsupported(`field '${field}' has a nested value`);
  const text = String(value);
  let pattern = sigmaToLike(text);
  if (mods.includes('contains')) pattern = `%${pattern}%`;
  else if (mods.includes('startswith')) pattern = `${pattern}%`;
  else if (mods.includes('endswith')) pattern = `%${pattern}`;
  // Containment over a whole JSON sub-document (e.g. `requestParameters|contains`) reads its text.
  return { kind: 'like', field, pattern, ...(mods.includes('cased') && { cased: true }), json: true };
}

/**
 * Sigma string values: `*` any run, `?` one character, `\` escapes a wildcard or a backslash
 * (https://sigmahq.io/docs/basics/modifiers.html#wildcards). Everything else is literal.
 */
export function sigmaToLike(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (value[i + 1] === '*' || value[i + 1] === '?' || value[i + 1] === '\\')) {
      out += likeEscape(value[i + 1]!);
      i++;
    } else if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else out += likeEscape(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Condition expressions: `a and not (b or 1 of c*)`
// ---------------------------------------------------------------------------------------------

class ConditionParser {
  private readonly tokens: string[];
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly searches: ReadonlyMap<string, Cond>,
  ) {
    if (text.includes('|')) throw new Unsupported(`aggregation in condition '${text}' is not supported`);
    this.tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  }

  parse(): Cond {
    const cond = this.or();
    if (this.pos !== this.tokens.length) {
      throw new Unsupported(`cannot parse condition '${this.text}' at '${this.tokens[this.pos]}'`);
    }
    return cond;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos]?.toLowerCase();
  }

  private or(): Cond {
    const parts = [this.and()];
    while (this.peek() === 'or') {
      this.pos++;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'or', any: parts };
  }

  private and(): Cond {
    const parts = [this.not()];
    while (this.peek() === 'and') {
      this.pos++;
      parts.push(this.not());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'and', all: parts };
  }

  private not(): Cond {
    if (this.peek() === 'not') {
      this.pos++;
      return { kind: 'not', cond: this.not() };
    }
    return this.atom();
  }

  private atom(): Cond {
    const token = this.tokens[this.pos];
    if (token === undefined) throw new Unsupported(`condition '${this.text}' ends early`);
    this.pos++;
    if (token === '(') {
      const inner = this.or();
      if (this.tokens[this.pos] !== ')') throw new Unsupported(`unbalanced parentheses in '${this.text}'`);
      this.pos++;
      return inner;
    }
    const lower = token.toLowerCase();
    if ((lower === 'all' || /^\d+$/.test(lower)) && this.peek() === 'of') {
      this.pos++;
      const target = this.tokens[this.pos++];
      if (target === undefined) throw new Unsupported(`'${token} of' without a target in '${this.text}'`);
      const matched = this.select(target);
      if (lower === 'all') return { kind: 'and', all: matched };
      const n = Number(lower);
      if (n <= 1) return { kind: 'or', any: matched };
      return { kind: 'atleast', n, of: matched };
    }
    const search = this.searches.get(token);
    if (!search) throw new Unsupported(`condition names '${token}', which is not a search identifier`);
    return search;
  }

  /** `them` (every identifier not starting with `_`) or a name with `*` wildcards. */
  private select(target: string): Cond[] {
    const names = [...this.searches.keys()];
    const matched =
      target === 'them'
        ? names.filter((n) => !n.startsWith('_'))
        : names.filter((n) => new RegExp(`^${target.split('*').map(escapeRegExp).join('.*')}$`).test(n));
    if (matched.length === 0) throw new Unsupported(`'${target}' matches no search identifier`);
    return matched.map((n) => this.searches.get(n)!);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
