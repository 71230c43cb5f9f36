/**
 * An in-memory index over the findings of the loaded run, so the Findings page can filter, group
 * and page through a million findings within a few milliseconds: every filterable field is
 * dictionary-encoded into a typed array, and a query is one pass over those arrays with a lookup
 * table per filtered field.
 */
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../engine/index.js';
import type { DailyFinding } from '../questions/daily.js';
import type { FindingsGroup, FindingsQuery, FindingState } from './api.js';

/** Values of one field, numbered in order of first appearance. */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }

  get(value: string): number | undefined {
    return this.codes.get(value);
  }

  get size(): number {
    return this.values.length;
  }
}

const STATE_CODES: Record<FindingState, number> = { open: 0, suppressed: 1, error: 2 };
const STATE_NAMES: readonly FindingState[] = ['open', 'suppressed', 'error'];

export function stateOf(f: Pick<DailyFinding, 'status' | 'suppressed'>): FindingState {
  if (f.status === 'error') return 'error';
  return f.suppressed ? 'suppressed' : 'open';
}

/** The result of one query, before the findings are turned into JSON. */
export interface FindingsResult {
  total: number;
  facets: {
    severity: Partial<Record<Severity, number>>;
    category: Partial<Record<Category, number>>;
    status: Partial<Record<FindingState, number>>;
  };
  items: DailyFinding[];
  groups?: FindingsGroup[];
  totalGroups?: number;
}

export class FindingsIndex {
  readonly findings: readonly DailyFinding[];
  private readonly accounts = new Dictionary();
  private readonly regions = new Dictionary();
  private readonly rules = new Dictionary();
  private readonly types = new Dictionary();
  private readonly resourceIds = new Dictionary();
  private readonly resources = new Dictionary();
  private readonly account: Uint32Array;
  private readonly region: Uint32Array;
  private readonly rule: Uint32Array;
  private readonly type: Uint32Array;
  private readonly resourceId: Uint32Array;
  private readonly resource: Uint32Array;
  private readonly severity: Uint8Array;
  private readonly category: Uint8Array;
  private readonly state: Uint8Array;
  /** Control id (`fw:control`) → rule codes that cite it. */
  private readonly controlRules = new Map<string, Set<number>>();
  /** First finding of each resource code, for the group's label. */
  private readonly resourceFirst: number[] = [];
  private readonly ruleFirst: number[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(findings: readonly DailyFinding[]) {
    this.findings = findings;
    const n = findings.length;
    this.account = new Uint32Array(n);
    this.region = new Uint32Array(n);
    this.rule = new Uint32Array(n);
    this.type = new Uint32Array(n);
    this.resourceId = new Uint32Array(n);
    this.resource = new Uint32Array(n);
    this.severity = new Uint8Array(n);
    this.category = new Uint8Array(n);
    this.state = new Uint8Array(n);
    const sev = new Map(SEVERITIES.map((s, i) => [s as string, i]));
    const cat = new Map(CATEGORIES.map((c, i) => [c as string, i]));
    const ruleSeen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const f = findings[i]!;
      const r = f.resource;
      this.account[i] = this.accounts.code(r.account);
      this.region[i] = this.regions.code(r.region);
      const rulesBefore = this.rules.size;
      const rule = this.rules.code(f.ruleId);
      if (rule === rulesBefore) this.ruleFirst.push(i);
      this.rule[i] = rule;
      this.type[i] = this.types.code(r.type);
      this.resourceId[i] = this.resourceIds.code(r.id);
      const before = this.resources.size;
      const res = this.resources.code(resourceKey(r));
      if (res === before) this.resourceFirst.push(i);
      this.resource[i] = res;
      this.severity[i] = sev.get(f.severity) ?? SEVERITIES.length - 1;
      this.category[i] = cat.get(f.category) ?? 0;
      this.state[i] = STATE_CODES[stateOf(f)];
      if (!this.byKey.has(f.key)) this.byKey.set(f.key, i);
      if (!ruleSeen.has(rule)) {
        ruleSeen.add(rule);
        for (const c of f.controls) {
          let set = this.controlRules.get(c);
          if (!set) this.controlRules.set(c, (set = new Set()));
          set.add(rule);
        }
      }
    }
  }

  get size(): number {
    return this.findings.length;
  }

  /** The finding with this key (the first, when a source repeated a resource). */
  get(key: string): DailyFinding | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : this.findings[i];
  }

  /** Marks the finding at `i` with its current state after a suppression changed it. */
  refresh(i: number): void {
    this.state[i] = STATE_CODES[stateOf(this.findings[i]!)];
  }

  query(q: FindingsQuery): FindingsResult {
    const n = this.findings.length;
    const account = mask(this.accounts, q.account);
    const region = mask(this.regions, q.region);
    const type = mask(this.types, q.resourceType);
    const resourceId = mask(this.resourceIds, q.resource);
    const severity = enumMask(SEVERITIES, q.severity);
    const category = enumMask(CATEGORIES, q.category);
    const state = enumMask(STATE_NAMES, q.status);
    const rule = this.ruleMask(q.rule, q.control);
    // A case-insensitive pattern tests each string without allocating a lower-case copy.
    const text = q.q === undefined ? undefined : new RegExp(q.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

    const sevCount = new Uint32Array(SEVERITIES.length);
    const catCount = new Uint32Array(CATEGORIES.length);
    const stateCount = new Uint32Array(STATE_NAMES.length);
    const grouping = q.groupBy === 'rule' ? this.rule : q.groupBy === 'resource' ? this.resource : undefined;
    const groupSize = q.groupBy === 'rule' ? this.rules.size : this.resources.size;
    const groupCount = grouping ? new Uint32Array(groupSize) : undefined;
    const groupSev = grouping ? new Uint32Array(groupSize * SEVERITIES.length) : undefined;
    const items: DailyFinding[] = [];
    const end = q.offset + q.limit;
    let total = 0;

    for (let i = 0; i < n; i++) {
      if (account && !account[this.account[i]!]) continue;
      if (region && !region[this.region[i]!]) continue;
      if (severity && !severity[this.severity[i]!]) continue;
      if (category && !category[this.category[i]!]) continue;
      if (state && !state[this.state[i]!]) continue;
      if (rule && !rule[this.rule[i]!]) continue;
      if (type && !type[this.type[i]!]) continue;
      if (resourceId && !resourceId[this.resourceId[i]!]) continue;
      if (text !== undefined && !matchesText(this.findings[i]!, text)) continue;
      sevCount[this.severity[i]!]!++;
      catCount[this.category[i]!]!++;
      stateCount[this.state[i]!]!++;
      if (grouping) {
        const g = grouping[i]!;
        groupCount![g]!++;
        groupSev![g * SEVERITIES.length + this.severity[i]!]!++;
      } else if (total >= q.offset && total < end) {
        items.push(this.findings[i]!);
      }
      total++;
    }

    const result: FindingsResult = {
      total,
      facets: {
        severity: nonZero(SEVERITIES, sevCount),
        category: nonZero(CATEGORIES, catCount),
        status: nonZero(STATE_NAMES, stateCount),
      },
      items,
    };
    if (grouping) {
      const groups: number[] = [];
      for (let g = 0; g < groupSize; g++) if (groupCount![g]! > 0) groups.push(g);
      const worst = (g: number) => {
        for (let s = 0; s < SEVERITIES.length; s++) if (groupSev![g * SEVERITIES.length + s]! > 0) return s;
        return SEVERITIES.length - 1;
      };
      const label = (g: number) => (q.groupBy === 'rule' ? this.rules.values[g]! : this.resources.values[g]!);
      groups.sort(
        (a, b) => groupCount![b]! - groupCount![a]! || worst(a) - worst(b) || (label(a) < label(b) ? -1 : 1),
      );
      result.totalGroups = groups.length;
      result.groups = groups
        .slice(q.offset, end)
        .map((g) => this.group(q.groupBy, g, groupCount!, groupSev!));
    }
    return result;
  }

  /** Rules allowed by `rule` and `control` (both must hold when both are given); undefined = any. */
  private ruleMask(rules: string[] | undefined, controls: string[] | undefined): Uint8Array | undefined {
    let out = mask(this.rules, rules);
    if (controls) {
      const allowed = new Uint8Array(Math.max(1, this.rules.size));
      for (const c of controls) {
        // A bare framework id (`cis-aws-v5.0`) means every control of it.
        const whole = !c.includes(':');
        for (const [id, codes] of this.controlRules) {
          if (id === c || (whole && id.startsWith(`${c}:`))) for (const r of codes) allowed[r] = 1;
        }
      }
      if (out) for (let r = 0; r < allowed.length; r++) allowed[r] = allowed[r]! & out[r]!;
      out = allowed;
    }
    return out;
  }

  private group(
    by: FindingsQuery['groupBy'],
    g: number,
    counts: Uint32Array,
    sev: Uint32Array,
  ): FindingsGroup {
    const bySeverity: Partial<Record<Severity, number>> = {};
    let severity: Severity | undefined;
    for (let s = 0; s < SEVERITIES.length; s++) {
      const k = sev[g * SEVERITIES.length + s]!;
      if (k > 0) {
        bySeverity[SEVERITIES[s]!] = k;
        severity ??= SEVERITIES[s]!;
      }
    }
    const base = { count: counts[g]!, severity: severity ?? 'info', bySeverity };
    if (by === 'rule') {
      const ruleId = this.rules.values[g]!;
      const first = this.findings[this.ruleFirst[g]!];
      return { key: ruleId, label: first?.title ?? ruleId, ruleId, ...base };
    }
    const f = this.findings[this.resourceFirst[g]!]!;
    const r = f.resource;
    return {
      key: this.resources.values[g]!,
      label: r.name ?? r.id,
      resource: {
        type: r.type,
        id: r.id,
        account: r.account,
        region: r.region,
        ...(r.name !== undefined ? { name: r.name } : {}),
      },
      ...base,
    };
  }
}

/** `type|account|region|id`: one resource across the rules that found something on it. */
export function resourceKey(r: DailyFinding['resource']): string {
  return `${r.type}|${r.account}|${r.region}|${r.id}`;
}

function mask(dict: Dictionary, values: readonly string[] | undefined): Uint8Array | undefined {
  if (!values) return undefined;
  const out = new Uint8Array(Math.max(1, dict.size));
  for (const v of values) {
    const c = dict.get(v);
    if (c !== undefined) out[c] = 1;
  }
  return out;
}

function enumMask<T extends string>(
  all: readonly T[],
  values: readonly T[] | undefined,
): Uint8Array | undefined {
  if (!values) return undefined;
  const out = new Uint8Array(all.length);
  for (const v of values) out[all.indexOf(v)] = 1;
  return out;
}

function nonZero<T extends string>(names: readonly T[], counts: Uint32Array): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  names.forEach((name, i) => {
    if (counts[i]! > 0) out[name] = counts[i]!;
  });
  return out;
}

function matchesText(f: DailyFinding, text: RegExp): boolean {
  const r = f.resource;
  return (
    text.test(r.id) ||
    (r.name !== undefined && text.test(r.name)) ||
    (r.arn !== undefined && text.test(r.arn)) ||
    text.test(f.ruleId) ||
    text.test(f.reason)
  );
}
