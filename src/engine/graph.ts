import { isUnresolved, type Resource } from '../model/index.js';
import type { GraphView } from '../rules/rule.js';

const EMPTY: readonly Resource[] = Object.freeze([]);

/** Key for maps indexed by type and a second string; `\0` cannot occur in either. */
function key(type: string, value: string): string {
  return `${type}\0${value}`;
}

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

/**
 * The graph view rules read. The index by type is built eagerly (the engine needs it for every
 * rule); the others on first use, so a run pays only for the lookups its rules make.
 */
export class Graph implements GraphView {
  private readonly types = new Map<string, Resource[]>();
  private ids?: Map<string, Resource[]>;
  private refs?: Map<string, Resource[]>;
  private accounts?: Map<string, Resource>;
  private referrers?: Map<string, Resource[]>;

  constructor(private readonly resources: readonly Resource[]) {
    for (const r of resources) add(this.types, r.type, r);
  }

  byType(type: string): readonly Resource[] {
    return this.types.get(type) ?? EMPTY;
  }

  get(id: string, type?: string, near?: Resource): Resource | undefined {
    this.ids ??= this.indexIds();
    const candidates = this.ids.get(id);
    if (!candidates) return undefined;
    if (type === undefined) return nearest(candidates, near);
    return nearest(
      candidates.filter((c) => c.type === type),
      near,
    );
  }

  resolve(ref: string, type: string, near?: Resource): Resource | undefined {
    this.refs ??= this.indexRefs();
    const candidates = this.refs.get(key(type, ref));
    return candidates ? nearest(candidates, near) : undefined;
  }

  find(type: string, predicate: (resource: Resource) => boolean): Resource | undefined {
    return this.byType(type).find(predicate);
  }

  filter(type: string, predicate: (resource: Resource) => boolean): Resource[] {
    return this.byType(type).filter(predicate);
  }

  accountResource(type: string, account: string): Resource | undefined {
    this.accounts ??= this.indexAccounts();
    return this.accounts.get(key(type, account));
  }

  referencing(target: Resource | string): readonly Resource[] {
    this.referrers ??= this.indexReferrers();
    if (typeof target === 'string') return this.referrers.get(target) ?? EMPTY;
    const byId = this.referrers.get(target.id) ?? EMPTY;
    const byArn = target.arn ? (this.referrers.get(target.arn) ?? EMPTY) : EMPTY;
    if (byArn.length === 0) return byId;
    return [...new Set([...byId, ...byArn])];
  }

  private indexIds(): Map<string, Resource[]> {
    const ids = new Map<string, Resource[]>();
    for (const r of this.resources) add(ids, r.id, r);
    return ids;
  }

  /**
   * id, ARN and names by type. Names are the `name` and the type's own name property when it follows
   * CloudFormation's `<Type>Name` pattern (`BucketName`, `RoleName`, `TableName`), because `name`
   * prefers the `Name` tag.
   */
  private indexRefs(): Map<string, Resource[]> {
    const refs = new Map<string, Resource[]>();
    const nameProps = new Map<string, string>();
    for (const r of this.resources) {
      let nameProp = nameProps.get(r.type);
      if (nameProp === undefined) {
        nameProp = `${r.type.slice(r.type.lastIndexOf(':') + 1)}Name`;
        nameProps.set(r.type, nameProp);
      }
      const own = r.props[nameProp];
      add(refs, key(r.type, r.id), r);
      if (r.arn && r.arn !== r.id) add(refs, key(r.type, r.arn), r);
      if (r.name && r.name !== r.id) add(refs, key(r.type, r.name), r);
      if (typeof own === 'string' && own !== r.id && own !== r.name) add(refs, key(r.type, own), r);
    }
    return refs;
  }

  /** Account-level resources are keyed by their account; where ids say otherwise the account wins. */
  private indexAccounts(): Map<string, Resource> {
    const accounts = new Map<string, Resource>();
    for (const r of this.resources) {
      const k = key(r.type, r.account);
      if (!accounts.has(k)) accounts.set(k, r);
    }
    return accounts;
  }

  private indexReferrers(): Map<string, Resource[]> {
    const targets = new Set<string>();
    for (const r of this.resources) {
      targets.add(r.id);
      if (r.arn) targets.add(r.arn);
    }
    const referrers = new Map<string, Resource[]>();
    for (const r of this.resources) {
      const seen = new Set<string>();
      collectStrings(r.props, (s) => {
        if (s !== r.id && s !== r.arn && targets.has(s) && !seen.has(s)) {
          seen.add(s);
          add(referrers, s, r);
        }
      });
    }
    return referrers;
  }
}

function collectStrings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, visit);
  else if (isUnresolved(value)) collectStrings(value.expression, visit);
  else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collectStrings(v, visit);
  }
}

/** A graph view over a snapshot's resources. */
export function createGraph(resources: readonly Resource[]): GraphView {
  return new Graph(resources);
}
