/**
 * What a bucket policy statement's `Resource` covers of the bucket that holds the policy: all its
 * objects, the bucket itself, or what another statement's `Resource` names. Entries are plain ARN
 * patterns (live policies), template expressions (`!Sub ${Bucket.Arn}/*`, `!Join`) or the Terraform
 * expressions the Terraform source leaves for ARNs known only after apply.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { foldSource } from '../fix-support.js';
import { describeUnresolved } from '../rule.js';
import type { PolicyStatement, Tri, Unknown } from './policy.js';
import { referencedIds } from './refs.js';

/**
 * One `Resource` entry, read against the bucket whose policy holds it:
 * - `path`: the S3 resource part of the ARN pattern (`site/*`, `site`, `*`);
 * - `self`: this bucket, whose name is not known before deploy, followed by `rest` (`/*`, ``);
 * - `other`: not an S3 resource, or one of another bucket;
 * - or not known.
 */
export type ResourceTarget = { readonly path: string } | { readonly self: string } | 'other' | Unknown;

const S3_RESOURCE = /^arn:[^:]+:s3:::(.+)$/;
/** `arn:aws:s3:::`, `arn:${AWS::Partition}:s3:::` at the start of a template string. */
const S3_ARN_PREFIX = /^arn:(?:\$\{AWS::Partition\}|aws[a-z-]*):s3:::/;

const globs = new Map<string, RegExp>();

/** The pattern as a regular expression, compiled once (buckets of an organisation share a few patterns). */
function glob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    if (globs.size >= 10_000) globs.clear();
    re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      's',
    );
    globs.set(pattern, re);
  }
  return re;
}

/**
 * Whether every string the pattern `inner` matches is also matched by `outer` (`*` any run of
 * characters, `?` any one). When `outer` has only `*` wildcards, matching `inner`'s text against it
 * decides: each wildcard of `inner` then falls inside one `*` of `outer`, which takes any
 * replacement as well. With a `?` in `outer` only equal patterns are known to be covered.
 */
export function patternCovers(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  if (outer.indexOf('?') >= 0) return false;
  // Most patterns name one bucket with no wildcard, a different one per bucket: comparing them
  // spares compiling a regular expression per bucket of a large organisation.
  if (outer.indexOf('*') < 0) return false;
  return glob(outer).test(inner);
}

/** The text of an `Fn::Sub` expression (`!Sub "..."` or `!Sub ["...", {vars}]`). */
function subText(expression: unknown): string | undefined {
  const sub = (expression as Record<string, unknown> | null)?.['Fn::Sub'];
  return typeof sub === 'string'
    ? sub
    : Array.isArray(sub) && typeof sub[0] === 'string'
      ? sub[0]
      : undefined;
}

/**
 * `!Join ['', [...]]` as the `Fn::Sub` text it stands for, when its parts are strings, `Ref`s and
 * `Fn::GetAtt`s (`!Join ['', [!GetAtt Bucket.Arn, '/*']]` → `${Bucket.Arn}/*`).
 */
function joinText(expression: unknown): string | undefined {
  const join = (expression as Record<string, unknown> | null)?.['Fn::Join'];
  if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
  const parts: string[] = [];
  for (const part of join[1] as unknown[]) {
    if (typeof part === 'string') parts.push(part);
    else if (isUnresolved(part)) return undefined;
    else if (part && typeof part === 'object') {
      const o = part as Record<string, unknown>;
      const getAtt = o['Fn::GetAtt'];
      if (typeof o.Ref === 'string') parts.push(`\${${o.Ref}}`);
      else if (Array.isArray(getAtt) && getAtt.every((g) => typeof g === 'string'))
        parts.push(`\${${getAtt.join('.')}}`);
      else if (typeof getAtt === 'string') parts.push(`\${${getAtt}}`);
      else return undefined;
    } else return undefined;
  }
  return parts.join(join[0]);
}

/**
 * The bucket's name when it is known: `BucketName`, or for a live bucket its name. A template or
 * Terraform bucket without `BucketName` gets a generated name nobody can write in a policy.
 */
function nameOf(bucket: Resource): string | undefined {
  const own = bucket.props.BucketName;
  if (typeof own === 'string') return own;
  if (isUnresolved(own) || bucket.origin.source === 'cloudformation' || bucket.origin.source === 'terraform')
    return undefined;
  return bucket.name ?? bucket.id;
}

/**
 * How a template can write this bucket's name inside `Fn::Sub` text: its literal name, the `Fn::Sub`
 * text of its `BucketName`, or `${LogicalId}` (a `Ref` to a bucket is its name).
 */
function nameTemplates(bucket: Resource): string[] {
  const templates: string[] = [];
  const name = bucket.props.BucketName;
  if (typeof name === 'string') templates.push(name);
  else if (isUnresolved(name)) {
    const text = subText(name.expression);
    if (text) templates.push(text);
    // `BucketName: !Ref BucketNameParameter` is written `${BucketNameParameter}` in Sub text.
    const ref = (name.expression as { Ref?: unknown } | null)?.Ref;
    if (typeof ref === 'string') templates.push(`\${${ref}}`);
  }
  for (const id of new Set([bucket.id, bucket.origin.logicalId])) if (id) templates.push(`\${${id}}`);
  return templates;
}

/** A Terraform resource address: `aws_s3_bucket.logs`, `module.site.aws_s3_bucket.this["a"]`. */
const TF_ADDRESS = String.raw`(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?`;
/** `${aws_s3_bucket.x.arn}/*` (or the bare `aws_s3_bucket.x.arn`): a bucket's ARN, then what follows. */
const TF_ARN = new RegExp(String.raw`^(?:\$\{\s*(${TF_ADDRESS})\.arn\s*\}|(${TF_ADDRESS})\.arn$)(.*)$`, 's');
/** `arn:aws:s3:::${aws_s3_bucket.x.id}/*`: a bucket's name (`id` or `bucket`) in S3 ARN text. */
const TF_NAME = new RegExp(
  String.raw`^arn:(?:aws[a-z-]*|\$\{[^}]+\.partition\s*\}):s3:::\$\{\s*(${TF_ADDRESS})\.(?:id|bucket)\s*\}(.*)$`,
  's',
);

/** `module.a.aws_s3_bucket_policy.p` → `module.a.` (the module path an expression's addresses are relative to). */
function modulePathOf(address: string): string {
  return /^((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*)/.exec(address)?.[1] ?? '';
}

/** The address of the resource whose policy the bucket holds: the folded bucket policy, or the bucket. */
function policyAddress(bucket: Resource): string {
  return foldSource(bucket, 'PolicyDocument')?.logicalId ?? bucket.id;
}

/**
 * What follows this bucket in a Terraform expression (as the Terraform source leaves an ARN it cannot
 * know before apply: `aws_s3_bucket.x.arn`, `"${aws_s3_bucket.x.arn}/*"`,
 * `"arn:aws:s3:::${aws_s3_bucket.x.id}/*"`), `other` for another bucket. Addresses in the
 * configuration are relative to the module of the policy that writes them. Undefined when the text
 * is none of these forms, or picks the bucket by a key only known while iterating
 * (`aws_s3_bucket.x[each.key]`).
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket#attribute-reference
 */
function terraformRest(text: string, bucket: Resource): { rest: string } | 'other' | undefined {
  if (bucket.origin.source !== 'terraform') return undefined;
  const arn = TF_ARN.exec(text.trim());
  const name = arn ? undefined : TF_NAME.exec(text.trim());
  const address = arn ? (arn[1] ?? arn[2]) : name?.[1];
  if (address === undefined || /\[\s*(?:each|count)\./.test(address)) return undefined;
  const rest = arn ? arn[3]! : name![2]!;
  if (`${modulePathOf(policyAddress(bucket))}${address}` !== bucket.id)
    return address.startsWith('aws_s3_bucket.') ? 'other' : undefined;
  return { rest };
}

/** What follows this bucket's ARN or name in template `Fn::Sub` text, if it starts with either. */
function templateRest(expression: unknown, text: string, bucket: Resource): string | undefined {
  const self = new Set([bucket.id, bucket.origin.logicalId].filter((id): id is string => id !== undefined));
  const arnRefs = [...self].map((id) => `\${${id}.Arn}`);
  const names = nameTemplates(bucket);
  // `!Sub ['${BucketArn}/*', { BucketArn: !GetAtt Bucket.Arn }]`: variables standing for the bucket.
  const vars = (expression as { 'Fn::Sub'?: unknown })['Fn::Sub'];
  if (Array.isArray(vars) && vars[1] && typeof vars[1] === 'object') {
    for (const [name, value] of Object.entries(vars[1] as Record<string, unknown>)) {
      if (!referencedIds(value).some((id) => self.has(id))) continue;
      if ((JSON.stringify(value) ?? '').includes('"Arn"')) arnRefs.push(`\${${name}}`);
      else names.push(`\${${name}}`);
    }
  }
  for (const arnRef of arnRefs) if (text.startsWith(arnRef)) return text.slice(arnRef.length);
  const rest = text.replace(S3_ARN_PREFIX, '');
  if (rest !== text) {
    for (const t of names) if (rest.startsWith(t)) return rest.slice(t.length);
  }
  return undefined;
}

/** One `Resource` entry of a statement, read against the bucket (see {@link ResourceTarget}). */
export function resourceTarget(entry: unknown, bucket: Resource, label: string): ResourceTarget {
  if (entry === '*') return ANY_PATH;
  if (typeof entry === 'string') {
    const pattern = S3_RESOURCE.exec(entry)?.[1];
    return pattern ? { path: pattern } : 'other';
  }
  if (!isUnresolved(entry)) return 'other';
  if (typeof entry.expression === 'string') {
    const tf = terraformRest(entry.expression, bucket);
    if (tf === 'other') return 'other';
    if (tf !== undefined) return selfThen(bucket, tf.rest);
  }
  const text = subText(entry.expression) ?? joinText(entry.expression);
  if (text !== undefined) {
    const rest = templateRest(entry.expression, text, bucket);
    if (rest !== undefined) return selfThen(bucket, rest);
  }
  return { unknown: describeUnresolved(`statement ${label} Resource`, entry) };
}

const ANY_PATH: ResourceTarget = { path: '*' };

/** This bucket followed by `rest`, under its name when that is known. */
function selfThen(bucket: Resource, rest: string): ResourceTarget {
  const name = nameOf(bucket);
  return name === undefined ? { self: rest } : { path: `${name}${rest}` };
}

/**
 * Whether target `outer` covers all of `inner`. An entry on another bucket covers nothing of this
 * one, and needs nothing covered; this bucket under a name not yet known can only be compared with
 * itself or with patterns that match any bucket name.
 */
function targetCovers(outer: ResourceTarget, inner: ResourceTarget): boolean {
  if (inner === 'other') return true;
  if (outer === 'other' || 'unknown' in outer || 'unknown' in inner) return false;
  if ('path' in outer) return patternCovers(outer.path, 'path' in inner ? inner.path : `*${inner.self}`);
  return 'self' in inner && patternCovers(outer.self, inner.self);
}

/** The bucket's objects (`<bucket>/*`) or the bucket itself, as a target. */
function partOf(bucket: Resource, part: 'objects' | 'bucket'): ResourceTarget {
  return selfThen(bucket, part === 'objects' ? '/*' : '');
}

function entriesOf(statement: PolicyStatement, bucket: Resource): ResourceTarget[] | Unknown {
  const resource = statement.raw.Resource;
  if (resource === undefined) {
    return {
      unknown: `statement ${statement.label} ${statement.raw.NotResource === undefined ? 'has no Resource' : 'uses NotResource'}`,
    };
  }
  return (Array.isArray(resource) ? resource : [resource]).map((r) =>
    resourceTarget(r, bucket, statement.label),
  );
}

/**
 * Whether the statement's `Resource` covers all the bucket's objects (`<bucket>/*`), or the bucket
 * itself: a statement on one key prefix covers neither.
 */
export function coversPart(statement: PolicyStatement, bucket: Resource, part: 'objects' | 'bucket'): Tri {
  const entries = entriesOf(statement, bucket);
  if (!Array.isArray(entries)) return entries;
  const wanted = partOf(bucket, part);
  let unknown: Tri = false;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (targetCovers(e, wanted)) return true;
    if (typeof e === 'object' && 'unknown' in e) unknown = e;
  }
  return unknown;
}

/**
 * Whether the Deny statement's `Resource` covers every resource the Allow statement grants `action`
 * on: the whole of what the action reaches in the bucket (its objects for object actions, the bucket
 * for bucket actions), or each of the Allow's entries.
 */
export function denyCoversAllow(
  deny: PolicyStatement,
  allow: PolicyStatement,
  action: string,
  bucket: Resource,
): Tri {
  const reach = coversPart(deny, bucket, /object/i.test(action) ? 'objects' : 'bucket');
  if (reach === true) return true;
  const denied = entriesOf(deny, bucket);
  const allowed = entriesOf(allow, bucket);
  if (!Array.isArray(denied)) return denied;
  if (!Array.isArray(allowed)) return allowed;
  for (const a of allowed) {
    if (denied.some((d) => targetCovers(d, a))) continue;
    const doubt = [a, ...denied].find((t): t is Unknown => typeof t === 'object' && 'unknown' in t);
    return doubt ?? false;
  }
  return true;
}
