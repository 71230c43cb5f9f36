import { isUnresolved, type CoverageGap, type Resource } from '../model/index.js';
import type { GraphView } from '../rules/rule.js';

const EMPTY: readonly Resource[] = Object.freeze([]);

/** Coverage gaps that mean a listing was not read (as opposed to a value a template left open). */
const LISTING_FAILURES: ReadonlySet<CoverageGap['kind']> = new Set([
  'access-denied',
  'throttled',
  'api-error',
  'region-disabled',
]);

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
    const score = closeness(c, near);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function closeness(c: Resource, near: Resource): number {
  return (
    (c.origin.file !== undefined && c.origin.file === near.origin.file ? 4 : 0) +
    (c.account === near.account ? 2 : 0) +
    (c.region === near.region ? 1 : 0)
  );
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
  private keys?: KeyTable;
  private readonly refsByType = new Map<string, Map<string, Resource[]>>();
  private readonly accountsByType = new Map<string, Map<string, Resource>>();
  private readonly inAccountByType = new Map<string, Map<string, Resource[]>>();
  private referrers?: ReferrerIndex;
  private lastTarget?: Resource;
  private lastReferrers: readonly Resource[] = EMPTY;

  /** Listing gaps by resource type (see {@link unread}). */
  private readonly gapsByType = new Map<string, CoverageGap[]>();
  /** Gaps of a type naming one resource, by `type|resourceId` (see {@link unread}'s `parent`). */
  private readonly gapsByParent = new Map<string, CoverageGap[]>();
  /** Gaps on a property of a type's resources, by `type|path` (see {@link unreadProperty}). */
  private readonly gapsByProperty = new Map<string, CoverageGap[]>();

  constructor(
    private readonly resources: readonly Resource[],
    coverage: readonly CoverageGap[] = [],
  ) {
    for (const r of resources) add(this.types, r.type, r);
    for (const gap of coverage) {
      // A gap on a property path is not a failed listing (`unreadProperty` answers it); a gap naming
      // one resource (a detail call) is one only for a caller that asks about the listing under
      // that resource (`parent`).
      if (!gap.resourceType || !LISTING_FAILURES.has(gap.kind)) continue;
      const [map, key] =
        gap.path !== undefined
          ? [this.gapsByProperty, `${gap.resourceType}|${gap.path}`]
          : gap.resourceId === undefined
            ? [this.gapsByType, gap.resourceType]
            : [this.gapsByParent, `${gap.resourceType}|${gap.resourceId}`];
      const list = map.get(key);
      if (list) list.push(gap);
      else map.set(key, [gap]);
    }
  }

  unread(type: string, account: string, region?: string, parent?: string): CoverageGap | undefined {
    const applies = (g: CoverageGap): boolean =>
      (g.account === undefined || g.account === account) &&
      // A global collector's gap (`global`) holds for every region of the account.
      (g.region === undefined || g.region === 'global' || region === undefined || g.region === region);
    const listing = this.gapsByType.get(type)?.find(applies);
    if (listing || parent === undefined) return listing;
    return this.gapsByParent.get(`${type}|${parent}`)?.find(applies);
  }

  unreadProperty(resource: Resource, path: string): CoverageGap | undefined {
    if (this.gapsByProperty.size === 0) return undefined;
    return this.gapsByProperty
      .get(`${resource.type}|${path}`)
      ?.find(
        (g) =>
          (g.resourceId === undefined || g.resourceId === resource.id) &&
          (g.account === undefined || g.account === resource.account) &&
          (g.region === undefined || g.region === 'global' || g.region === resource.region),
      );
  }

  byType(type: string): readonly Resource[] {
    return this.types.get(type) ?? EMPTY;
  }

  get(id: string, type?: string, near?: Resource): Resource | undefined {
    this.keys ??= new KeyTable(this.resources);
    return this.keys.withId(id, type, near);
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
    if (typeof target === 'string') return this.referrers.of(target);
    // Several rules on a type ask about the resource they evaluate, some twice in one evaluation.
    if (target === this.lastTarget) return this.lastReferrers;
    const byId = this.referrers.of(target.id);
    const byArn = target.arn ? this.referrers.of(target.arn) : EMPTY;
    // Allocate only when both keys have referrers (each list is free of repeats, so either alone
    // is the answer as it stands).
    let all = byId;
    if (byId.length === 0) all = byArn;
    else if (byArn.length > 0) {
      const seen = new Set(byId);
      all = [...byId, ...byArn.filter((r) => !seen.has(r))];
    }
    this.lastTarget = target;
    this.lastReferrers = all;
    return all;
  }

  private indexReferrers(): ReferrerIndex {
    this.keys ??= new KeyTable(this.resources);
    return new ReferrerIndex(this.keys, this.resources);
  }
}

/**
 * A cheap digest of a string's length and first and last characters, below 2^21. Values that
 * are no id or ARN (tag keys and values, zones, instance types, policy actions) mostly differ
 * from every target in one of these, so a bit per digest rejects them without hashing them.
 */
function digest(s: string): number {
  return ((s.length & 127) << 14) | ((s.charCodeAt(0) & 127) << 7) | (s.charCodeAt(s.length - 1) & 127);
}

/**
 * A 32-bit hash of every character. Two characters make one 32-bit word, and alternate words go to
 * two multiply chains (FNV-1a style) that the processor runs side by side, joined by the
 * MurmurHash3 finaliser: hashing two million ids and ARNs is about twice as fast as one chain
 * over single characters. Only a hint: every key found by its hash is compared with the string.
 */
function hashOf(s: string): number {
  const n = s.length;
  let a = 0x811c9dc5 ^ n;
  let b = 0x2f1a3b5d;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    a = Math.imul(a ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
    b = Math.imul(b ^ (s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16)), 0x5bd1e995);
  }
  for (; i < n; i++) a = Math.imul(a ^ s.charCodeAt(i), 0x01000193);
  let h = a ^ Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Every id and ARN of the snapshot, numbered, with the resources that have each id.
 *
 * An open-addressing table keyed by a hash computed here, not a Map: a Map insert or lookup of a
 * snapshot string computes V8's own hash and follows its bucket chain through the key
 * strings, each a cache miss in a heap of a gigabyte, where this table compares a few bits of
 * the hash stored beside each entry and reads a key string only when they agree. The table and
 * two bitsets of a megabyte at most are the only typed arrays: memory outside the heap that
 * grows by more than a few tens of megabytes makes V8 start a full collection of the whole heap,
 * which on a large organisation costs more than the index saves. The lists per id are links
 * between snapshot positions in arrays of small integers: nothing per id for the collector to
 * copy or follow.
 */
class KeyTable {
  /** The keys, by entry. */
  readonly keys: string[] = [];
  /** Per slot: the hash's top bits above the entry + 1 in the low `entryBits` bits (0: empty). */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly entryBits: number;
  private readonly entryMask: number;
  /** A bit per {@link digest} of a key. */
  private readonly digests = new Int32Array(1 << 16);
  /** Per entry, the first resource with that id (position + 1; 0: none). */
  private readonly firstWithId: number[];
  /** Per resource position, the next resource with the same id (position + 1; 0: none). */
  private readonly nextWithId: number[];

  constructor(private readonly resources: readonly Resource[]) {
    // An id and an ARN per resource at most: counting them would read every resource once more.
    const keys = resources.length * 2;
    let slots = 2;
    while (slots < keys * 2) slots *= 2;
    this.table = new Int32Array(slots);
    this.mask = slots - 1;
    this.entryBits = 32 - Math.clz32(keys);
    this.entryMask = keys === 0 ? 0 : -1 >>> (32 - this.entryBits);
    this.firstWithId = new Array<number>(keys).fill(0);
    this.nextWithId = new Array<number>(resources.length).fill(0);
    // Backwards, each resource put in front of its id's list, so the lists are in snapshot order.
    for (let i = resources.length - 1; i >= 0; i--) {
      const r = resources[i]!;
      const entry = this.add(r.id);
      this.nextWithId[i] = this.firstWithId[entry]!;
      this.firstWithId[entry] = i + 1;
      // An ARN equal to the id is the same key: comparing it with the id just hashed costs less than hashing it.
      if (r.arn && r.arn !== r.id) this.add(r.arn);
    }
  }

  /** Whether `s` may be a key: false for most strings that are not, without hashing them. */
  mayHold(s: string): boolean {
    const d = digest(s);
    return (this.digests[d >> 5]! & (1 << (d & 31))) !== 0;
  }

  /** The entry of a key, or -1. */
  find(s: string): number {
    return this.findHashed(s, hashOf(s));
  }

  /** The entry of a key whose {@link hashOf} the caller has, or -1. */
  findHashed(s: string, h: number): number {
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = this.table[slot]!;
      if (v === 0) return -1;
      if ((v ^ h) >>> this.entryBits === 0) {
        const entry = (v & this.entryMask) - 1;
        if (this.keys[entry] === s) return entry;
      }
    }
  }

  /** The resource with this id (and type, when given) nearest to `near`, as {@link nearest} picks. */
  withId(id: string, type: string | undefined, near: Resource | undefined): Resource | undefined {
    const entry = this.find(id);
    if (entry < 0) return undefined;
    let best: Resource | undefined;
    let bestScore = -1;
    for (let p = this.firstWithId[entry]!; p !== 0; p = this.nextWithId[p - 1]!) {
      const c = this.resources[p - 1]!;
      if (type !== undefined && c.type !== type) continue;
      if (!near) return c;
      const score = closeness(c, near);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  private add(key: string): number {
    const h = hashOf(key);
    let slot = h & this.mask;
    for (;;) {
      const v = this.table[slot]!;
      if (v === 0) break;
      if ((v ^ h) >>> this.entryBits === 0) {
        const entry = (v & this.entryMask) - 1;
        if (this.keys[entry] === key) return entry;
      }
      slot = (slot + 1) & this.mask;
    }
    const entry = this.keys.push(key) - 1;
    // The hash's top bits, then the entry + 1 (never 0, so a used slot never reads as empty).
    this.table[slot] = (h & ~this.entryMask) | (entry + 1);
    const d = digest(key);
    this.digests[d >> 5]! |= 1 << (d & 31);
    return entry;
  }
}

/** The words of {@link ReferrerIndex}'s bits of referenced hashes, less one: 2^23 bits, a megabyte. */
const REFERENCED_MASK = (1 << 18) - 1;

/**
 * The referrer index: every string in every resource's props (inside unresolved expressions
 * too) that equals another resource's id or ARN, with the resources whose props hold it. Tags
 * are left out: a tag is free text with no meaning to AWS (a `SourceVolume: vol-1` tag does not
 * attach the volume), and tags are close to half of the values of a typical organisation
 * (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html). A
 * class rather than a callback per string: the walk visits millions of values once per run, and
 * the checks are inlined into the recursion.
 *
 * The walk finds over a million references on a large organisation. It records them as links in
 * two typed arrays, grown by doubling from one slot per resource (8 MB for a million), rather
 * than an array per key, which the garbage collector would copy twice on the way to the old
 * generation, or arrays grown by `push`, whose every growth is garbage in the heap; the list of a
 * key is built when it is first asked for, and most keys never are.
 */
class ReferrerIndex {
  /** Per key entry, its first reference (index + 1; 0: none). */
  private readonly firstRef: number[];
  /** Per reference, the position of the referring resource, and the key's next reference (index + 1). */
  private refFrom: Int32Array;
  private refNext: Int32Array;
  /** References recorded so far. */
  private refs = 0;
  /** The lists asked for so far, by key entry. */
  private readonly lists = new Map<number, readonly Resource[]>();
  /** A bit per {@link hashOf} (modulo its size) of a key with referrers: small enough to stay in cache. */
  private readonly referenced = new Int32Array(REFERENCED_MASK + 1);
  private from!: Resource;
  private position = 0;

  constructor(
    private readonly keys: KeyTable,
    private readonly resources: readonly Resource[],
  ) {
    this.firstRef = new Array<number>(keys.keys.length).fill(0);
    this.refFrom = new Int32Array(Math.max(16, resources.length));
    this.refNext = new Int32Array(this.refFrom.length);
    // Backwards, each reference put in front of its key's list, so the lists are in snapshot order.
    for (let i = resources.length - 1; i >= 0; i--) {
      const from = resources[i]!;
      this.from = from;
      this.position = i;
      const props = from.props as Record<string, unknown>;
      for (const key in props) if (key !== 'Tags') this.value(props[key]);
    }
  }

  /** The resources whose props mention `target`, in snapshot order (none when it is no id or ARN). */
  of(target: string): readonly Resource[] {
    const h = hashOf(target);
    // Most resources rules ask about have no referrer: answer those from a bit of the hash.
    if ((this.referenced[(h >>> 5) & REFERENCED_MASK]! & (1 << (h & 31))) === 0) return EMPTY;
    const entry = this.keys.findHashed(target, h);
    if (entry < 0 || this.firstRef[entry] === 0) return EMPTY;
    let list = this.lists.get(entry);
    if (!list) {
      const built: Resource[] = [];
      for (let ref = this.firstRef[entry]!; ref !== 0; ref = this.refNext[ref - 1]!) {
        built.push(this.resources[this.refFrom[ref - 1]!]!);
      }
      this.lists.set(entry, (list = built));
    }
    return list;
  }

  private value(value: unknown): void {
    if (typeof value === 'string') {
      if (!this.keys.mayHold(value)) return;
      const from = this.from;
      if (value === from.id || value === from.arn) return;
      const h = hashOf(value);
      const entry = this.keys.findHashed(value, h);
      if (entry < 0) return;
      this.record(entry);
      this.referenced[(h >>> 5) & REFERENCED_MASK]! |= 1 << (h & 31);
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

  private record(entry: number): void {
    const first = this.firstRef[entry]!;
    // One resource's references are recorded together: one already listed is the first.
    if (first !== 0 && this.refFrom[first - 1] === this.position) return;
    if (this.refs === this.refFrom.length) {
      const from = new Int32Array(this.refs * 2);
      from.set(this.refFrom);
      this.refFrom = from;
      const next = new Int32Array(this.refs * 2);
      next.set(this.refNext);
      this.refNext = next;
    }
    this.refFrom[this.refs] = this.position;
    this.refNext[this.refs] = first;
    this.firstRef[entry] = ++this.refs;
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

/** A graph view over a snapshot's resources (and the coverage gaps of the snapshot, for `unread`). */
export function createGraph(
  resources: readonly Resource[],
  coverage: readonly CoverageGap[] = [],
): GraphView {
  return new Graph(resources, coverage);
}
