/**
 * An in-memory index over the findings of the loaded run, so the Findings page can filter, group
 * and page through a million findings within a few milliseconds:
 *
 * - every filterable field is dictionary-encoded into a typed array, and severity, category and
 *   state are folded into one byte (a "cell", 5 × 6 × 3 values);
 * - per account, region, rule, resource type, resource id and resource, the findings' numbers in
 *   report order (postings), so a query with one of those filters visits only the findings that
 *   have the asked values, not all of them;
 * - the number of findings per cell, overall and per rule, so a query filtering only by severity,
 *   category and state has its totals and facets (and its rule groups) without visiting findings,
 *   and its page is the first matches in report order;
 * - grouping by resource picks the page of groups by counting (count, worst severity) and walking
 *   the groups in label order once, instead of sorting every group per request.
 *
 * Whatever the plan, the answer is the one a plain pass over every finding would give (the tests
 * compare them).
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

/** The findings of each code of one field, in report order, as one array (`items[start[c]..start[c + 1]]`). */
class Postings {
  private readonly start: Uint32Array;
  private readonly items: Uint32Array;

  constructor(codes: Uint32Array, size: number) {
    const start = new Uint32Array(size + 1);
    for (let i = 0; i < codes.length; i++) start[codes[i]! + 1]!++;
    for (let c = 0; c < size; c++) start[c + 1]! += start[c]!;
    const next = start.slice(0, size);
    const items = new Uint32Array(codes.length);
    for (let i = 0; i < codes.length; i++) items[next[codes[i]!]!++] = i;
    this.start = start;
    this.items = items;
  }

  of(code: number): Uint32Array {
    return this.items.subarray(this.start[code]!, this.start[code + 1]!);
  }
}

const STATE_CODES: Record<FindingState, number> = { open: 0, suppressed: 1, error: 2 };
const STATE_NAMES: readonly FindingState[] = ['open', 'suppressed', 'error'];
const NSEV = SEVERITIES.length;
const NCAT = CATEGORIES.length;
const NSTATE = STATE_NAMES.length;
/** Cells: severity × category × state. */
const NCELL = NSEV * NCAT * NSTATE;
const cellOf = (sev: number, cat: number, state: number) => (sev * NCAT + cat) * NSTATE + state;
const sevOfCell = (cell: number) => Math.floor(cell / (NCAT * NSTATE));
const catOfCell = (cell: number) => Math.floor(cell / NSTATE) % NCAT;
const stateOfCell = (cell: number) => cell % NSTATE;

/** Below this many matching groups, they are sorted; above, counted into place. */
const SORT_GROUPS = 20_000;

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

/** One query's lookup tables: `undefined` lets every value through. */
interface Filter {
  account: Uint8Array | undefined;
  region: Uint8Array | undefined;
  rule: Uint8Array | undefined;
  type: Uint8Array | undefined;
  resourceId: Uint8Array | undefined;
  cell: Uint8Array | undefined;
  text: TextMatches | undefined;
}

/**
 * A text filter's answers per finding (0 not tested yet, 1 matches, 2 does not): testing every
 * finding's strings is the slowest part of a query, and paging through one search asks the same
 * question of the same findings again.
 */
interface TextMatches {
  pattern: RegExp;
  known: Uint8Array;
}

/** Text filters whose answers are kept. */
const TEXT_MEMO = 4;

/** What a pass over findings accumulates. */
interface Tally {
  total: number;
  cells: Uint32Array;
  /** groupBy=none: where the page starts and ends among the matches. */
  offset: number;
  end: number;
  /** groupBy=none: the page's findings (ordered passes), or every match (unordered ones). */
  items: number[];
  grouping: 'none' | 'rule' | 'resource';
  /** groupBy=rule: matches per rule and severity. */
  ruleSev: Uint32Array | undefined;
  /** groupBy=resource: resources with a match, in order of first match. */
  touched: number;
  maxCount: number;
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
  private readonly cell: Uint8Array;
  /** Findings per cell, and per rule and cell (`rule * NCELL + cell`). */
  private readonly cube = new Uint32Array(NCELL);
  private ruleCube: Uint32Array;
  private readonly postings: {
    account: Postings;
    region: Postings;
    rule: Postings;
    type: Postings;
    resourceId: Postings;
    resource: Postings;
  };
  /** Control id (`fw:control`) → rule codes that cite it. */
  private readonly controlRules = new Map<string, Set<number>>();
  /** First finding of each resource code, for the group's label. */
  private readonly resourceFirst: number[] = [];
  private readonly ruleFirst: number[] = [];
  private readonly byKey = new Map<string, number>();
  /** Resource codes in label order, and each code's place in it (built on first use). */
  private labelOrder: Uint32Array | undefined;
  private labelRank: Uint32Array | undefined;
  /** Per-resource scratch of a grouping pass (a query runs to the end before the next starts). */
  private groupCount: Uint32Array | undefined;
  private groupWorst: Uint8Array | undefined;
  private groupTouched: Uint32Array | undefined;
  private matchScratch: Uint32Array | undefined;
  private readonly textMemo = new Map<string, TextMatches>();

  /** Below this many matching resource groups, they are sorted; above, counted into place. */
  private readonly sortGroupsBelow: number;

  constructor(findings: readonly DailyFinding[], options: { sortGroupsBelow?: number } = {}) {
    this.findings = findings;
    this.sortGroupsBelow = options.sortGroupsBelow ?? SORT_GROUPS;
    const n = findings.length;
    this.account = new Uint32Array(n);
    this.region = new Uint32Array(n);
    this.rule = new Uint32Array(n);
    this.type = new Uint32Array(n);
    this.resourceId = new Uint32Array(n);
    this.resource = new Uint32Array(n);
    this.severity = new Uint8Array(n);
    this.cell = new Uint8Array(n);
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
      const s = sev.get(f.severity) ?? NSEV - 1;
      this.severity[i] = s;
      this.cell[i] = cellOf(s, cat.get(f.category) ?? 0, STATE_CODES[stateOf(f)]);
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
    this.ruleCube = new Uint32Array(this.rules.size * NCELL);
    for (let i = 0; i < n; i++) {
      this.cube[this.cell[i]!]!++;
      this.ruleCube[this.rule[i]! * NCELL + this.cell[i]!]!++;
    }
    this.postings = {
      account: new Postings(this.account, this.accounts.size),
      region: new Postings(this.region, this.regions.size),
      rule: new Postings(this.rule, this.rules.size),
      type: new Postings(this.type, this.types.size),
      resourceId: new Postings(this.resourceId, this.resourceIds.size),
      resource: new Postings(this.resource, this.resources.size),
    };
  }

  get size(): number {
    return this.findings.length;
  }

  /** Builds now what the first query grouping by resource would (the resources in label order). */
  prepare(): void {
    this.labels();
  }

  /** The finding with this key (the first, when a source repeated a resource). */
  get(key: string): DailyFinding | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : this.findings[i];
  }

  /** Marks the finding at `i` with its current state after a suppression changed it. */
  refresh(i: number): void {
    const before = this.cell[i]!;
    const after = cellOf(sevOfCell(before), catOfCell(before), STATE_CODES[stateOf(this.findings[i]!)]);
    if (after === before) return;
    this.cell[i] = after;
    this.cube[before]!--;
    this.cube[after]!++;
    this.ruleCube[this.rule[i]! * NCELL + before]!--;
    this.ruleCube[this.rule[i]! * NCELL + after]!++;
  }

  query(q: FindingsQuery): FindingsResult {
    const n = this.findings.length;
    const accountCodes = codesOf(this.accounts, q.account);
    const regionCodes = codesOf(this.regions, q.region);
    const typeCodes = codesOf(this.types, q.resourceType);
    const resourceIdCodes = codesOf(this.resourceIds, q.resource);
    const ruleCodes = this.ruleCodes(q.rule, q.control);
    const filter: Filter = {
      account: maskOf(this.accounts.size, accountCodes),
      region: maskOf(this.regions.size, regionCodes),
      rule: maskOf(this.rules.size, ruleCodes),
      type: maskOf(this.types.size, typeCodes),
      resourceId: maskOf(this.resourceIds.size, resourceIdCodes),
      cell: cellMask(q.severity, q.category, q.status),
      text: q.q === undefined ? undefined : this.textMatches(q.q),
    };
    const tally: Tally = {
      total: 0,
      cells: new Uint32Array(NCELL),
      offset: q.offset,
      end: q.offset + q.limit,
      items: [],
      grouping: q.groupBy,
      ruleSev: q.groupBy === 'rule' ? new Uint32Array(this.rules.size * NSEV) : undefined,
      touched: 0,
      maxCount: 0,
    };
    if (q.groupBy === 'resource') this.groupScratch();

    // The filtered field whose asked values have the fewest findings drives the pass.
    let driver: Uint32Array[] | undefined;
    let driverSize = Infinity;
    const consider = (codes: number[] | undefined, postings: Postings) => {
      if (!codes) return;
      const parts = codes.map((c) => postings.of(c));
      const size = parts.reduce((sum, p) => sum + p.length, 0);
      if (size < driverSize) [driver, driverSize] = [parts, size];
    };
    consider(accountCodes, this.postings.account);
    consider(regionCodes, this.postings.region);
    consider(ruleCodes, this.postings.rule);
    consider(typeCodes, this.postings.type);
    consider(resourceIdCodes, this.postings.resourceId);

    let items: number[];
    if (driver && (driver.length <= 1 || driverSize <= n / 4)) {
      if (driver.length <= 1) {
        // One run of findings in report order: the page falls out of the pass.
        if (driver.length === 1) this.pass(filter, tally, driver[0]!, true);
        items = tally.items;
      } else {
        // Several runs: every match is kept, then put back in report order for the page.
        const scratch = (this.matchScratch ??= new Uint32Array(Math.max(1, Math.ceil(n / 4))));
        tally.items = [];
        for (const part of driver) this.pass(filter, tally, part, false);
        const all = scratch.subarray(0, tally.items.length);
        all.set(tally.items);
        all.sort();
        items = Array.from(all.subarray(Math.min(q.offset, all.length), Math.min(tally.end, all.length)));
      }
    } else if (!driver && !filter.text) {
      items = this.cellsOnly(filter, tally);
    } else {
      this.pass(filter, tally, undefined, true);
      items = tally.items;
    }

    const result: FindingsResult = {
      total: tally.total,
      facets: facetsOf(tally.cells),
      items: items.map((i) => this.findings[i]!),
    };
    if (q.groupBy === 'rule') this.ruleGroups(tally, q, result);
    else if (q.groupBy === 'resource') this.resourceGroups(filter, tally, q, result);
    return result;
  }

  private matches(f: Filter, i: number): boolean {
    return !(
      (f.account && !f.account[this.account[i]!]) ||
      (f.region && !f.region[this.region[i]!]) ||
      (f.cell && !f.cell[this.cell[i]!]) ||
      (f.rule && !f.rule[this.rule[i]!]) ||
      (f.type && !f.type[this.type[i]!]) ||
      (f.resourceId && !f.resourceId[this.resourceId[i]!]) ||
      (f.text !== undefined && !this.matchesText(f.text, i))
    );
  }

  private matchesText(text: TextMatches, i: number): boolean {
    let known = text.known[i]!;
    if (known === 0) text.known[i] = known = matchesText(this.findings[i]!, text.pattern) ? 1 : 2;
    return known === 1;
  }

  private textMatches(q: string): TextMatches {
    let text = this.textMemo.get(q);
    if (text) {
      // Most recently used last.
      this.textMemo.delete(q);
    } else {
      // A case-insensitive pattern tests each string without allocating a lower-case copy.
      const pattern = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
      text = { pattern, known: new Uint8Array(this.findings.length) };
      if (this.textMemo.size >= TEXT_MEMO) this.textMemo.delete(this.textMemo.keys().next().value!);
    }
    this.textMemo.set(q, text);
    return text;
  }

  /**
   * One pass over `list` (or every finding): counts the matches per cell and per group, and keeps
   * the page's findings (`ordered`: the list is in report order) or every match (not ordered).
   */
  private pass(f: Filter, t: Tally, list: Uint32Array | undefined, ordered: boolean): void {
    const count = list ? list.length : this.findings.length;
    const grouping = t.grouping;
    const groupCount = this.groupCount;
    const groupWorst = this.groupWorst;
    const touched = this.groupTouched;
    for (let j = 0; j < count; j++) {
      const i = list ? list[j]! : j;
      if (!this.matches(f, i)) continue;
      t.cells[this.cell[i]!]!++;
      if (grouping === 'rule') {
        t.ruleSev![this.rule[i]! * NSEV + this.severity[i]!]!++;
      } else if (grouping === 'resource') {
        const g = this.resource[i]!;
        const c = ++groupCount![g]!;
        if (c === 1) {
          touched![t.touched++] = g;
          groupWorst![g] = this.severity[i]!;
        } else if (this.severity[i]! < groupWorst![g]!) {
          groupWorst![g] = this.severity[i]!;
        }
        if (c > t.maxCount) t.maxCount = c;
      } else if (!ordered || (t.total >= t.offset && t.total < t.end)) {
        t.items.push(i);
      }
      t.total++;
    }
  }

  /** Only severity, category and state filter: the totals are in the cubes, the page is a short walk. */
  private cellsOnly(f: Filter, t: Tally): number[] {
    const cells = f.cell;
    for (let c = 0; c < NCELL; c++) {
      if (cells && !cells[c]) continue;
      t.cells[c] = this.cube[c]!;
      t.total += this.cube[c]!;
    }
    if (t.grouping === 'rule') {
      const rules = this.rules.size;
      for (let r = 0; r < rules; r++) {
        for (let c = 0; c < NCELL; c++) {
          if (cells && !cells[c]) continue;
          t.ruleSev![r * NSEV + sevOfCell(c)]! += this.ruleCube[r * NCELL + c]!;
        }
      }
      return [];
    }
    if (t.grouping === 'resource') {
      // Every match is visited for its resource; the pass counts the totals again.
      t.total = 0;
      t.cells.fill(0);
      this.pass({ ...NO_FILTER, cell: cells }, t, undefined, true);
      return [];
    }
    const items: number[] = [];
    if (t.offset >= t.total) return items;
    const n = this.findings.length;
    for (let i = 0, k = 0; i < n && k < t.end; i++) {
      if (cells && !cells[this.cell[i]!]) continue;
      if (k >= t.offset) items.push(i);
      k++;
    }
    return items;
  }

  private ruleGroups(t: Tally, q: FindingsQuery, result: FindingsResult): void {
    const sev = t.ruleSev!;
    const counts = new Uint32Array(this.rules.size);
    const groups: number[] = [];
    for (let g = 0; g < this.rules.size; g++) {
      for (let s = 0; s < NSEV; s++) counts[g]! += sev[g * NSEV + s]!;
      if (counts[g]! > 0) groups.push(g);
    }
    const worst = (g: number) => {
      for (let s = 0; s < NSEV; s++) if (sev[g * NSEV + s]! > 0) return s;
      return NSEV - 1;
    };
    const label = (g: number) => this.rules.values[g]!;
    groups.sort((a, b) => counts[b]! - counts[a]! || worst(a) - worst(b) || (label(a) < label(b) ? -1 : 1));
    result.totalGroups = groups.length;
    result.groups = groups.slice(q.offset, q.offset + q.limit).map((g) => {
      const ruleId = this.rules.values[g]!;
      const first = this.findings[this.ruleFirst[g]!];
      const base = groupBase(counts[g]!, sev.subarray(g * NSEV, (g + 1) * NSEV));
      return { key: ruleId, label: first?.title ?? ruleId, ruleId, ...base };
    });
  }

  /**
   * The page of resource groups in the order most findings, then most severe, then label — chosen
   * by counting: groups with the same (count, severity) are contiguous in that order, in label
   * order among themselves.
   */
  private resourceGroups(f: Filter, t: Tally, q: FindingsQuery, result: FindingsResult): void {
    const count = this.groupCount!;
    const worst = this.groupWorst!;
    const touched = this.groupTouched!.subarray(0, t.touched);
    const end = Math.min(q.offset + q.limit, touched.length);
    let page: number[] = [];
    if (q.offset < end) {
      const rank = this.labels().rank;
      if (touched.length < this.sortGroupsBelow) {
        page = Array.from(touched)
          .sort((a, b) => count[b]! - count[a]! || worst[a]! - worst[b]! || rank[a]! - rank[b]!)
          .slice(q.offset, end);
      } else {
        // key = (maxCount - count) × NSEV + worst orders the buckets; each bucket's start follows.
        const keyOf = (g: number) => (t.maxCount - count[g]!) * NSEV + worst[g]!;
        const next = new Uint32Array((t.maxCount + 1) * NSEV + 1);
        for (const g of touched) next[keyOf(g) + 1]!++;
        for (let k = 1; k < next.length; k++) next[k]! += next[k - 1]!;
        page = new Array<number>(end - q.offset);
        for (const g of this.labels().order) {
          if (count[g] === 0) continue;
          const at = next[keyOf(g)]!++;
          if (at >= q.offset && at < end) page[at - q.offset] = g;
        }
      }
    }
    result.totalGroups = touched.length;
    result.groups = page.map((g) => {
      // The group's matches per severity: its own findings, filtered again.
      const bySev = new Uint32Array(NSEV);
      for (const i of this.postings.resource.of(g)) if (this.matches(f, i)) bySev[this.severity[i]!]!++;
      const first = this.findings[this.resourceFirst[g]!]!;
      const r = first.resource;
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
        ...groupBase(count[g]!, bySev),
      };
    });
    // Leave the scratch zeroed for the next query.
    for (const g of touched) count[g] = 0;
  }

  private groupScratch(): void {
    const size = Math.max(1, this.resources.size);
    this.groupCount ??= new Uint32Array(size);
    this.groupWorst ??= new Uint8Array(size);
    this.groupTouched ??= new Uint32Array(size);
  }

  /** Resource codes sorted by their key (`<`, as the groups' order), and each code's rank. */
  private labels(): { order: Uint32Array; rank: Uint32Array } {
    if (!this.labelOrder || !this.labelRank) {
      const sorted = [...this.resources.values].sort();
      const order = new Uint32Array(sorted.length);
      const rank = new Uint32Array(sorted.length);
      sorted.forEach((value, at) => {
        const g = this.resources.get(value)!;
        order[at] = g;
        rank[g] = at;
      });
      this.labelOrder = order;
      this.labelRank = rank;
    }
    return { order: this.labelOrder, rank: this.labelRank };
  }

  /** Rule codes allowed by `rule` and `control` (both must hold when both are given); undefined = any. */
  private ruleCodes(rules: string[] | undefined, controls: string[] | undefined): number[] | undefined {
    let out = codesOf(this.rules, rules);
    if (controls) {
      const allowed = new Set<number>();
      for (const c of controls) {
        // A bare framework id (`cis-aws-v5.0`) means every control of it.
        const whole = !c.includes(':');
        for (const [id, codes] of this.controlRules) {
          if (id === c || (whole && id.startsWith(`${c}:`))) for (const r of codes) allowed.add(r);
        }
      }
      out = out ? out.filter((r) => allowed.has(r)) : [...allowed].sort((a, b) => a - b);
    }
    return out;
  }
}

const NO_FILTER: Filter = {
  account: undefined,
  region: undefined,
  rule: undefined,
  type: undefined,
  resourceId: undefined,
  cell: undefined,
  text: undefined,
};

/** `type|account|region|id`: one resource across the rules that found something on it. */
export function resourceKey(r: DailyFinding['resource']): string {
  return `${r.type}|${r.account}|${r.region}|${r.id}`;
}

/** The codes of the asked values that occur (once each); undefined when the field is not filtered. */
function codesOf(dict: Dictionary, values: readonly string[] | undefined): number[] | undefined {
  if (!values) return undefined;
  const codes = new Set<number>();
  for (const v of values) {
    const c = dict.get(v);
    if (c !== undefined) codes.add(c);
  }
  return [...codes];
}

function maskOf(size: number, codes: readonly number[] | undefined): Uint8Array | undefined {
  if (!codes) return undefined;
  const out = new Uint8Array(Math.max(1, size));
  for (const c of codes) out[c] = 1;
  return out;
}

function cellMask(
  severities: readonly Severity[] | undefined,
  categories: readonly Category[] | undefined,
  states: readonly FindingState[] | undefined,
): Uint8Array | undefined {
  if (!severities && !categories && !states) return undefined;
  const out = new Uint8Array(NCELL);
  const s = severities?.map((v) => SEVERITIES.indexOf(v));
  const c = categories?.map((v) => CATEGORIES.indexOf(v));
  const st = states?.map((v) => STATE_NAMES.indexOf(v));
  for (let cell = 0; cell < NCELL; cell++) {
    if (s && !s.includes(sevOfCell(cell))) continue;
    if (c && !c.includes(catOfCell(cell))) continue;
    if (st && !st.includes(stateOfCell(cell))) continue;
    out[cell] = 1;
  }
  return out;
}

function facetsOf(cells: Uint32Array): FindingsResult['facets'] {
  const sev = new Uint32Array(NSEV);
  const cat = new Uint32Array(NCAT);
  const state = new Uint32Array(NSTATE);
  for (let c = 0; c < NCELL; c++) {
    sev[sevOfCell(c)]! += cells[c]!;
    cat[catOfCell(c)]! += cells[c]!;
    state[stateOfCell(c)]! += cells[c]!;
  }
  return {
    severity: nonZero(SEVERITIES, sev),
    category: nonZero(CATEGORIES, cat),
    status: nonZero(STATE_NAMES, state),
  };
}

function groupBase(
  count: number,
  sev: Uint32Array,
): Pick<FindingsGroup, 'count' | 'severity' | 'bySeverity'> {
  const bySeverity: Partial<Record<Severity, number>> = {};
  let severity: Severity | undefined;
  for (let s = 0; s < NSEV; s++) {
    const k = sev[s]!;
    if (k > 0) {
      bySeverity[SEVERITIES[s]!] = k;
      severity ??= SEVERITIES[s]!;
    }
  }
  return { count, severity: severity ?? 'info', bySeverity };
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
