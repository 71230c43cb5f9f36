/**
 * Following a property to the resource it names: a bucket name, an ARN, a resource id, an S3
 * endpoint host name, or a template reference the source could not turn into a string
 * (`!GetAtt LogBucket.Arn` for a bucket whose name is generated at deploy) but which still names its
 * target's id (see src/sources/cloudformation/README.md, "Resource ids").
 */
import { isUnresolved, UNKNOWN_REGION, type Resource } from '../../model/index.js';
import { describeUnresolved, label, type GraphView } from '../rule.js';

export const BUCKET_TYPE = 'AWS::S3::Bucket';

/** How reasons name a bucket: `S3 bucket logs-prod`. */
export function describeBucket(bucket: Resource): string {
  return `S3 bucket ${label(bucket)}`;
}

/** Where a reference leads. */
export type Target =
  | { readonly found: Resource }
  /** A plain value that names nothing in the snapshot (`ref` is what to show). */
  | { readonly missing: string }
  /** A value that is not known (unresolved, or a reference to nothing the snapshot holds). */
  | { readonly unknown: string };

const S3_ARN = /^arn:[a-z-]+:s3:::([^/]+)(?:\/.*)?$/;

/** The bucket name of an S3 bucket or object ARN (`arn:aws:s3:::name` or `arn:aws:s3:::name/key`). */
export function bucketNameFromArn(arn: string): string | undefined {
  return S3_ARN.exec(arn)?.[1];
}

// `<bucket>.s3.amazonaws.com`, `<bucket>.s3.<region>.amazonaws.com`, the legacy
// `<bucket>.s3-<region>.amazonaws.com` and dual-stack forms; `.cn` in the China partition.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
const REST_ENDPOINT =
  /^(.+?)\.s3(?:\.dualstack)?(?:[.-][a-z]{2}(?:-[a-z]+)+-\d+)?\.amazonaws\.com(?:\.cn)?\.?$/;
// `<bucket>.s3-website-<region>.amazonaws.com` or `<bucket>.s3-website.<region>.amazonaws.com`.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html
const WEBSITE_ENDPOINT = /^(.+?)\.s3-website[.-][a-z]{2}(?:-[a-z]+)+-\d+\.amazonaws\.com(?:\.cn)?\.?$/;

/** An S3 host name: the REST endpoint of a bucket, or its website endpoint. */
export function s3Endpoint(host: string): { bucket: string; website: boolean } | undefined {
  const lower = host.toLowerCase();
  const website = WEBSITE_ENDPOINT.exec(lower);
  if (website) return { bucket: website[1]!, website: true };
  const rest = REST_ENDPOINT.exec(lower);
  return rest ? { bucket: rest[1]!, website: false } : undefined;
}

/**
 * A Terraform reference as the Terraform source keeps a value known only after apply: the target's
 * full address, then the attribute read (`aws_s3_bucket.dr.arn`, `module.dr.aws_s3_bucket.this["a"].arn`).
 * See src/sources/terraform/README.md, "Ids, references, account and region".
 */
const TF_REFERENCE =
  /^((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*[a-z][a-z0-9_]*\.[\w-]+(?:\[[^\]]*\])?)\.[A-Za-z_][\w.[\]"]*$/;
/** `<attribute path> (from aws_s3_bucket.a, ...)`: a value built from the listed resources. */
const TF_FROM = /^\S+ \(from ([^()]+)\)$/;

/** Terraform names that are not managed resources: data sources, variables, module outputs and the like. */
const NOT_A_RESOURCE = /^(?:data|var|local|module|each|count|path|terraform|self)\./;
const MODULE_PATH = /^(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*/;

/** The resource addresses a Terraform expression names. */
function terraformIds(expression: string): string[] {
  const from = TF_FROM.exec(expression)?.[1];
  const ids: string[] = [];
  for (const part of (from ?? expression).split(', ')) {
    const address = from ? part : TF_REFERENCE.exec(part)?.[1];
    if (address && !NOT_A_RESOURCE.test(address.replace(MODULE_PATH, ''))) ids.push(address);
  }
  return ids;
}

/**
 * The resource ids an expression names: in a template, `{Ref: X}`, `{Fn::GetAtt: [X, attr]}` (or
 * `"X.attr"`), and `${X}` / `${X.attr}` inside `Fn::Sub`, wherever they sit in the expression; in a
 * Terraform plan or configuration, the addresses of the references it keeps as text
 * (`aws_s3_bucket.dr.arn`). Pseudo parameters (`AWS::...`) are left out.
 */
export function referencedIds(expression: unknown): string[] {
  if (typeof expression === 'string') return terraformIds(expression);
  const ids = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === 'string') ids.add(o.Ref);
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') ids.add(getAtt[0]);
    else if (typeof getAtt === 'string') ids.add(getAtt.split('.')[0]!);
    const sub = o['Fn::Sub'];
    const text =
      typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    if (text) for (const m of text.matchAll(/\$\{([^}!][^}.]*)(?:\.[^}]*)?\}/g)) ids.add(m[1]!);
    Object.values(o).forEach(visit);
  };
  visit(expression);
  return [...ids].filter((id) => !id.startsWith('AWS::'));
}

/**
 * The id a logical id has in the template `near` comes from. A directory load prefixes ids with the
 * file (`web/site.yaml#Bucket`), a nested stack with its stack's logical id; `Ref` and `Fn::GetAtt`
 * carry the prefixed id, but a `${Bucket}` inside `Fn::Sub` text is the bare logical id.
 */
export function siblingId(near: Resource, logicalId: string): string {
  const own = near.origin.logicalId;
  if (!own || !near.id.endsWith(own)) return logicalId;
  return `${near.id.slice(0, near.id.length - own.length)}${logicalId}`;
}

/**
 * The resource of `type` a property value names. `what` labels the property in reasons. Plain
 * strings are looked up by id, ARN or name (S3 ARNs and endpoint host names also by their bucket
 * name); an unresolved value is followed when its expression names exactly one resource of that
 * type in the snapshot.
 */
export function resolveTarget(
  value: unknown,
  type: string,
  graph: GraphView,
  near: Resource,
  what: string,
): Target {
  if (isUnresolved(value)) {
    const candidates = referencedIds(value.expression)
      .map((id) => graph.get(id, type, near) ?? graph.get(siblingId(near, id), type, near))
      .filter((r): r is Resource => r !== undefined);
    if (candidates.length === 1) return { found: candidates[0]! };
    return { unknown: describeUnresolved(what, value) };
  }
  if (typeof value !== 'string' || value === '') return { unknown: `${what} is not a name, id or ARN` };
  const direct = graph.resolve(value, type, near);
  if (direct) return { found: direct };
  if (type === BUCKET_TYPE) {
    const name = bucketNameFromArn(value) ?? s3Endpoint(value)?.bucket;
    const byName = name ? graph.resolve(name, type, near) : undefined;
    if (byName) return { found: byName };
    if (name) return { missing: name };
  }
  return { missing: value };
}

/**
 * Whether two resources are in the same region: by their regions when both are known. One
 * CloudFormation template deploys as one stack, in one region, so two resources of the same template
 * are too; one Terraform file can use several providers (aliases) in different regions, so there an
 * unknown region stays unknown.
 */
export function sameRegion(a: Resource, b: Resource): boolean | undefined {
  if (a.region !== UNKNOWN_REGION && b.region !== UNKNOWN_REGION) return a.region === b.region;
  if (
    a.origin.source === 'cloudformation' &&
    b.origin.source === 'cloudformation' &&
    a.origin.file !== undefined &&
    a.origin.file === b.origin.file
  )
    return true;
  return undefined;
}
