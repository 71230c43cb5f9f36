import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, SEVERITIES, type Severity } from '../engine/index.js';
import type { SuppressionNote } from '../engine/index.js';
import type { DailyFinding } from '../questions/daily.js';
import { API, FINDING_STATES, type FindingsGroup, type FindingsQuery, type FindingsRequest } from './api.js';
import { FindingsIndex, resourceKey, stateOf, type FindingsResult } from './findings-index.js';
import { loadState } from './state.js';

/**
 * The index answers from postings, cubes and counting; a plain filter, sort and slice over every
 * finding is what it must equal, query for query.
 */
function reference(all: readonly DailyFinding[], q: FindingsQuery): FindingsResult {
  const has = (list: readonly string[] | undefined, v: string) => list === undefined || list.includes(v);
  const text = q.q?.toLowerCase();
  const matching = all.filter((f) => {
    const r = f.resource;
    return (
      has(q.account, r.account) &&
      has(q.region, r.region) &&
      has(q.category, f.category) &&
      has(q.severity, f.severity) &&
      has(q.rule, f.ruleId) &&
      has(q.status, stateOf(f)) &&
      has(q.resourceType, r.type) &&
      has(q.resource, r.id) &&
      (q.control === undefined ||
        q.control.some((c) =>
          f.controls.some((id) => id === c || (!c.includes(':') && id.startsWith(`${c}:`))),
        )) &&
      (text === undefined ||
        [r.id, r.name, r.arn, f.ruleId, f.reason].some(
          (s) => s !== undefined && s.toLowerCase().includes(text),
        ))
    );
  });
  const count = <T extends string>(values: T[]) => {
    const out: Partial<Record<T, number>> = {};
    for (const v of values) out[v] = (out[v] ?? 0) + 1;
    return out;
  };
  const result: FindingsResult = {
    total: matching.length,
    facets: {
      severity: count(matching.map((f) => f.severity)),
      category: count(matching.map((f) => f.category)),
      status: count(matching.map(stateOf)),
    },
    items: q.groupBy === 'none' ? matching.slice(q.offset, q.offset + q.limit) : [],
  };
  if (q.groupBy !== 'none') {
    const keyOf = (f: DailyFinding) => (q.groupBy === 'rule' ? f.ruleId : resourceKey(f.resource));
    const groups = new Map<string, DailyFinding[]>();
    for (const f of matching) groups.set(keyOf(f), [...(groups.get(keyOf(f)) ?? []), f]);
    const worst = (list: DailyFinding[]) => Math.min(...list.map((f) => SEVERITIES.indexOf(f.severity)));
    const ordered = [...groups].sort(
      ([a, la], [b, lb]) => lb.length - la.length || worst(la) - worst(lb) || (a < b ? -1 : 1),
    );
    result.totalGroups = ordered.length;
    result.groups = ordered.slice(q.offset, q.offset + q.limit).map(([key, list]): FindingsGroup => {
      const first = all.find((f) => keyOf(f) === key)!;
      const bySeverity = count(list.map((f) => f.severity));
      const severity = SEVERITIES[worst(list)] as Severity;
      const base = { count: list.length, severity, bySeverity };
      if (q.groupBy === 'rule') return { key, label: first.title, ruleId: key, ...base };
      const r = first.resource;
      return {
        key,
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
    });
  }
  return result;
}

let dir: string;
let findings: DailyFinding[];
const NOTE: SuppressionNote = { reason: 'accepted', expires: '2099-12-31' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cloudrounds-findings-index-'));
  const state = await loadState({
    source: 'demo',
    sourceOptions: { accounts: 4, resourcesPerAccount: 300 },
    db: false,
    configFile: join(dir, '.cloudrounds.yaml'),
  });
  // Some suppressed and some errors, so that every state is there to filter on.
  findings = state.answer.findings.map((f, i) =>
    i % 11 === 3 ? { ...f, suppressed: NOTE } : i % 29 === 5 ? { ...f, status: 'error' as const } : f,
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic queries of every shape the page asks, and some it could. */
function queries(): FindingsRequest[] {
  let seed = 7;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[]) => [...new Set([pick(list), pick(list)])].join(',');
  const accounts = [...new Set(findings.map((f) => f.resource.account)), '000000000000'];
  const regions = [...new Set(findings.map((f) => f.resource.region))];
  const rules = [...new Set(findings.map((f) => f.ruleId))];
  const types = [...new Set(findings.map((f) => f.resource.type))];
  const ids = findings.map((f) => f.resource.id);
  const controls = [
    'cis-aws-v5.0',
    'aws-fsbp',
    'pci-dss-v4.0',
    ...new Set(findings.flatMap((f) => f.controls)),
  ];
  const fields: Record<string, () => string> = {
    account: () => (random() < 0.5 ? pick(accounts) : some(accounts)),
    region: () => (random() < 0.5 ? pick(regions) : some(regions)),
    category: () => some(CATEGORIES),
    severity: () => some(SEVERITIES),
    rule: () => (random() < 0.7 ? pick(rules) : some(rules)),
    control: () => pick(controls),
    status: () => some(FINDING_STATES),
    resourceType: () => some(types),
    resource: () => some(ids),
    q: () => pick(['prod', 'bucket', '0.0.0.0/0', 'zz-nothing', 'I-']),
  };
  const out: FindingsRequest[] = [{}, { groupBy: 'rule' }, { groupBy: 'resource', limit: 1000 }];
  for (let i = 0; i < 400; i++) {
    const q: Record<string, string> = {};
    const names = Object.keys(fields);
    const k = Math.floor(random() * 3);
    for (let j = 0; j < k; j++) {
      const name = pick(names);
      q[name] = fields[name]!();
    }
    q.groupBy = pick(['none', 'none', 'rule', 'resource']);
    q.offset = String(pick([0, 0, 3, 50, 400, 5000]));
    q.limit = String(pick([1, 10, 200, 1000]));
    out.push(q);
  }
  return out;
}

describe('FindingsIndex', () => {
  it('answers every query as a plain pass over the findings does', () => {
    expect(new Set(findings.map(stateOf)).size).toBe(3);
    const sorted = new FindingsIndex(findings);
    // Every resource grouping counted into place, not sorted.
    const counted = new FindingsIndex(findings, { sortGroupsBelow: 0 });
    for (const request of queries()) {
      const q = API.findings.request.parse(request);
      const expected = reference(findings, q);
      expect(sorted.query(q), JSON.stringify(request)).toEqual(expected);
      expect(counted.query(q), JSON.stringify(request)).toEqual(expected);
    }
  });

  it('keeps its counts when a finding changes state', () => {
    const copy = findings.map((f) => ({ ...f }));
    const index = new FindingsIndex(copy);
    const q = API.findings.request.parse({ status: 'suppressed', groupBy: 'rule' });
    for (let i = 0; i < copy.length; i += 5) {
      const f = copy[i]!;
      if (f.suppressed) delete f.suppressed;
      else f.suppressed = NOTE;
      index.refresh(i);
    }
    expect(index.query(q)).toEqual(reference(copy, q));
  });
});
