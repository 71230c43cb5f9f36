/**
 * Which buckets a scoped rule applies to. Nothing in S3 says a bucket holds critical or sensitive
 * data, or must have a copy in another region, so the rules read it from the bucket's tags (the key
 * and values are parameters, e.g. `data-classification` = `critical`), from bucket-name patterns the
 * user lists, or apply to every bucket when `allBuckets` is set, as the CIS / Security Hub controls do.
 */
import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved, type Known } from '../rule.js';

/**
 * The parameters of a scoped rule: the tag values it selects by default (`['critical']`,
 * `['sensitive', 'confidential', 'restricted']`) under `tagKey` (default `data-classification`).
 */
export function scopeParams(values: readonly string[], what: string, tagKey = 'data-classification') {
  return {
    tagKey: z.string().default(tagKey).describe(`Tag key whose value marks ${what} (case-insensitive).`),
    tagValues: z
      .array(z.string())
      .default([...values])
      .describe(`Values of that tag that mark ${what} (case-insensitive).`),
    bucketNamePatterns: z
      .array(z.string())
      .default([])
      .describe(
        `Bucket-name patterns that also mark ${what} (\`*\` matches any characters, as in \`*-ledger\`).`,
      ),
    allBuckets: z
      .boolean()
      .default(false)
      .describe('Apply the rule to every bucket, as the CIS and Security Hub controls do.'),
  };
}

export interface ScopeParams {
  readonly tagKey: string;
  readonly tagValues: readonly string[];
  readonly bucketNamePatterns: readonly string[];
  readonly allBuckets: boolean;
}

const globCache = new Map<string, RegExp>();

function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
    globCache.set(pattern, re);
  }
  return re;
}

/** The bucket's name as S3 knows it: `BucketName`, else the resource's name or id. */
export function bucketName(bucket: Resource): string {
  const own = bucket.props.BucketName;
  return typeof own === 'string' ? own : (bucket.name ?? bucket.id);
}

const loweredCache = new WeakMap<ScopeParams, { key: string; values: ReadonlySet<string> }>();

/** The tag key and values lowercased, once per parameter set rather than once per bucket. */
function lowered(params: ScopeParams): { key: string; values: ReadonlySet<string> } {
  let l = loweredCache.get(params);
  if (!l) {
    l = {
      key: params.tagKey.toLowerCase(),
      values: new Set(params.tagValues.map((v) => v.toLowerCase())),
    };
    loweredCache.set(params, l);
  }
  return l;
}

/**
 * Why the bucket is in scope (`tagged data-classification=critical`, `named like *-ledger`, `every
 * bucket`), or `undefined` when it is not. A classification tag whose value the source could not
 * resolve is not known.
 */
export function inScope(bucket: Resource, params: ScopeParams): Known<string | undefined> {
  if (params.allBuckets) return { known: true, value: 'every bucket is in scope (allBuckets)' };
  const { key, values } = lowered(params);
  const own = bucket.tags;
  for (const k in own) {
    if (!Object.hasOwn(own, k)) continue;
    const v = own[k]!;
    if (isKey(k, key) && values.has(v.toLowerCase())) {
      return { known: true, value: `it is tagged ${k}=${v}` };
    }
  }
  // A template tag whose value is not determined stays only in props.Tags.
  const tags = bucket.props.Tags;
  if (Array.isArray(tags)) {
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i] as Record<string, unknown> | undefined;
      if (typeof t?.Key === 'string' && isKey(t.Key, key) && isUnresolved(t.Value)) {
        return { known: false, reason: describeUnresolved(`tag ${t.Key}`, t.Value), unresolved: t.Value };
      }
    }
  }
  const name = bucketName(bucket);
  for (const pattern of params.bucketNamePatterns) {
    if (glob(pattern).test(name)) return { known: true, value: `its name matches ${pattern}` };
  }
  return NOT_IN_SCOPE;
}

const NOT_IN_SCOPE: Known<string | undefined> = { known: true, value: undefined };

/** Is the tag key `lower` (a lower-case key) in any case? */
function isKey(tagKey: string, lower: string): boolean {
  let own = lowerKeys.get(tagKey);
  if (own === undefined) {
    if (lowerKeys.size >= 10_000) lowerKeys.clear();
    lowerKeys.set(tagKey, (own = tagKey.toLowerCase()));
  }
  return own === lower;
}

/**
 * Tag keys in lower case: an organisation tags every bucket with the same few keys (`Name`,
 * `Environment`), and lower-casing one makes a new string each time. Bounded.
 */
const lowerKeys = new Map<string, string>();

/** What the rule says of a bucket out of scope: which tag or names would bring it in. */
export function outOfScope(params: ScopeParams): string {
  const names = params.bucketNamePatterns.length
    ? ` or a name like ${params.bucketNamePatterns.join(', ')}`
    : '';
  return `it has no ${params.tagKey} tag of ${params.tagValues.join(', ')}${names}`;
}
