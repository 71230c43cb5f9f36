import { isUnresolved, type Resource } from '../model/index.js';
import type { GraphView } from '../rules/rule.js';

const EMPTY: readonly Resource[] = Object.freeze([]);

/** Adds to a multimap whose values are usually single resources. */
function add(map: Map<string, Resource[]>, k: string, r: Resource): void {
  const list = map.get(k);
  if (list) list.push(r);
  else map.set(k, [r]);
}

/** The candidate closest to `near`: same file, then same account and region, then same account. */
function nearest(candidates: readonly Resource[], near: Resource | undefined): Resource | undefined {
  if (candidates.length <= 1 || !near) return candidates[0];
  let best = candidates[0];
  let bestScore = -1;
  for (const c of candidates) {
    const score =
      (c.origin.file !== undefined && c.origin.file === near.origin.file ? 4 : 0) +
      (c.account === near.account ? 2 : 0) +
      (c.region === near.region ? 1 : 0);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Builds (once) and returns a per-type index. */
function perType<V>(
  cache: Map<string, Map<string, V>>,
  type: string,
  build: () => Map<string, V>,
): Map<string, V> {
  let index = cache.get(type);
  if (!index) {
    index = build();
    cache.set(type, index);
  }
  return index;
}

/**
 * The graph view rules read. The index by type is built eagerly (the engine needs it for every
 * rule); the others on first use, and per type where a type is given, so a run pays only for the
 * lookups its rules make, over the resources they concern.
 */
export class Graph implements GraphView {
  private readonly types = new Map<string, Resource[]>();
  private ids?: Map<string, Resource[]>;
  private readonly idsByType = new Map<string, Map<string, Resource[]>>();
  private readonly refsByType = new Map<string, Map<string, Resource[]>>();
  private readonly accountsByType = new Map<string, Map<string, Resource>>();
  private readonly inAccountByType = new Map<string, Map<string, Resource[]>>();
  private referrers?: Map<string, Resource[] | null>;

  constructor(private readonly resources: readonly Resource[]) {
    for (const r of resources) add(this.types, r.type, r);
  }

  byType(type: string): readonly Resource[] {
    return this.types.get(type) ?? EMPTY;
  }

  get(id: string, type?: string, near?: Resource): Resource | undefined {
    if (type === undefined) {
      this.ids ??= indexBy(this.resources, (r, put) => put(r.id));
      return nearest(this.ids.get(id) ?? EMPTY, near);
    }
    const index = perType(this.idsByType, type, () => indexBy(this.byType(type), (r, put) => put(r.id)));
    return nearest(index.get(id) ?? EMPTY, near);
  }

  /**
   * By id, ARN and names. Names are the `name` and the type's own name property when it follows
   * CloudFormation's `<Type>Name` pattern (`BucketName`, `RoleName`, `TableName`), because `name`
   * prefers the `Name` tag.
   */
  resolve(ref: string, type: string, near?: Resource): Resource | undefined {
    const index = perType(this.refsByType, type, () => {
      const nameProp = `${type.slice(type.lastIndexOf(':') + 1)}Name`;
      return indexBy(this.byType(type), (r, put) => {
        put(r.id);
        if (r.arn && r.arn !== r.id) put(r.arn);
        if (r.name && r.name !== r.id) put(r.name);
        const own = r.props[nameProp];
        if (typeof own === 'string' && own !== r.id && own !== r.name) put(own);
      });
    });
    return nearest(index.get(ref) ?? EMPTY, near);
  }

  find(type: string, predicate: (resource: Resource) => boolean): Resource | undefined {
    return this.byType(type).find(predicate);
  }

  filter(type: string, predicate: (resource: Resource) => boolean): Resource[] {
    return this.byType(type).filter(predicate);
  }

  accountResource(type: string, account: string): Resource | undefined {
    const index = perType(this.accountsByType, type, () => {
      const byAccount = new Map<string, Resource>();
      for (const r of this.byType(type)) if (!byAccount.has(r.account)) byAccount.set(r.account, r);
      return byAccount;
    });
    return index.get(account);
  }

  inAccount(type: string, account: string): readonly Resource[] {
    const index = perType(this.inAccountByType, type, () =>
      indexBy(this.byType(type), (r, put) => put(r.account)),
    );
    return index.get(account) ?? EMPTY;
  }

  referencing(target: Resource | string): readonly Resource[] {
    this.referrers ??= this.indexReferrers();
    if (typeof target === 'string') return this.referrers.get(target) ?? EMPTY;
    const byId = this.referrers.get(target.id) ?? EMPTY;
    const byArn = target.arn ? (this.referrers.get(target.arn) ?? EMPTY) : EMPTY;
    // Rules call this for every resource they evaluate: allocate only when both keys have
    // referrers (each list is free of repeats, so either alone is the answer as it stands).
    if (byArn.length === 0) return byId;
    if (byId.length === 0) return byArn;
    const seen = new Set(byId);
    return [...byId, ...byArn.filter((r) => !seen.has(r))];
  }

  private indexReferrers(): Map<string, Resource[] | null> {
    const walk = new ReferrerWalk(this.resources);
    for (const r of this.resources) walk.resource(r);
    return walk.referrers;
  }
}

/**
 * Builds the referrer index: every string in every resource's props (inside unresolved
 * expressions too) that equals another resource's id or ARN. A class rather than a callback
 * per string: on a large organisation this walks millions of values once per run, and the
 * checks below are inlined into the recursion instead of being a call per value.
 */
class ReferrerWalk {
  /**
   * Every id and ARN, mapped to its referrers: `null` until one is found, so that one lookup
   * both tells a target and finds its list (callers read `null` as no referrer).
   */
  readonly referrers = new Map<string, Resource[] | null>();
  private shortest = Infinity;
  private longest = 0;
  private from!: Resource;

  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      this.target(r.id);
      if (r.arn) this.target(r.arn);
    }
  }

  private target(t: string): void {
    this.referrers.set(t, null);
    if (t.length < this.shortest) this.shortest = t.length;
    if (t.length > this.longest) this.longest = t.length;
  }

  /** Resources are walked in snapshot order, so a resource already listed is the last one. */
  resource(r: Resource): void {
    this.from = r;
    this.value(r.props);
  }

  private value(value: unknown): void {
    if (typeof value === 'string') {
      // No id or ARN has another length: most values are skipped without hashing them.
      if (value.length < this.shortest || value.length > this.longest) return;
      const from = this.from;
      if (value === from.id || value === from.arn) return;
      const list = this.referrers.get(value);
      if (list === undefined) return;
      if (list === null) this.referrers.set(value, [from]);
      else if (list[list.length - 1] !== from) list.push(from);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.value(value[i]);
      return;
    }
    if (isUnresolved(value)) {
      this.value(value.expression);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) this.value(record[key]);
  }
}

/** A multimap from the keys `keys` puts for each resource. */
function indexBy(
  resources: readonly Resource[],
  keys: (r: Resource, put: (key: string) => void) => void,
): Map<string, Resource[]> {
  const index = new Map<string, Resource[]>();
  for (const r of resources) keys(r, (k) => add(index, k, r));
  return index;
}

/** A graph view over a snapshot's resources. */
export function createGraph(resources: readonly Resource[]): GraphView {
  return new Graph(resources);
}
