/**
 * Amazon Resource Names: parse, format, and the partition of a region.
 * `arn:partition:service:region:account-id:resource`, where the resource is `id`,
 * `type/id` or `type:id` and may itself contain `/` and `:`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 *
 * Wildcard matching of ARN patterns belongs to the IAM engine, not here.
 */

/** Known AWS partitions (botocore / SDK `partitions.json`). */
export const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
] as const;

export type Partition = (typeof PARTITIONS)[number];

/** A parsed ARN. `resource` is kept verbatim, so `formatArn(parseArn(s))` returns `s`. */
export interface Arn {
  readonly partition: Partition;
  readonly service: string;
  /** Empty for global resources (IAM, S3 buckets, Route 53, CloudFront). */
  readonly region: string;
  /** Empty for S3 buckets; `aws` for AWS managed IAM policies. */
  readonly account: string;
  /** Everything after the fifth colon. */
  readonly resource: string;
  /**
   * The part before the first `/` or `:` of `resource` (`role`, `function`, `security-group`,
   * `assumed-role`). For S3 buckets and objects, which have no type in the ARN, `bucket` or
   * `object` as in the Service Authorization Reference. Absent when there is no separator.
   */
  readonly resourceType?: string;
  /** The rest after that separator (`path/name`, `name:alias`), or the whole resource when untyped. */
  readonly resourceId?: string;
}

export type ArnFailureReason =
  | 'not-arn'
  | 'too-few-fields'
  | 'unknown-partition'
  | 'invalid-service'
  | 'invalid-region'
  | 'invalid-account'
  | 'empty-resource';

/** The result of parsing an ARN: the value, or why not (never a throw). */
export type ArnResult<T = Arn> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: ArnFailureReason; readonly message: string };

export interface ParseArnOptions {
  /**
   * Accept `*` and `?` in the service, region and account fields, as in policy `Resource`
   * patterns (`arn:aws:ec2:*:*:instance/*`). Default false. Matching is the IAM engine's job.
   */
  allowWildcards?: boolean;
}

const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
// us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1, eu-isoe-west-1, eusc-de-east-1.
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
// 12 digits normally; `aws` for AWS managed policies; other placeholders (`unknown`) pass the
// character check so that ARNs built from templates with an unknown account still parse.
const ACCOUNT = /^[A-Za-z0-9-]*$/;
const WILD = /^[A-Za-z0-9*?-]*$/;

function fail(reason: ArnFailureReason, message: string): ArnResult<never> {
  return { ok: false, reason, message };
}

export function isPartition(s: string): s is Partition {
  return (PARTITIONS as readonly string[]).includes(s);
}

/** Splits `resource` into type and id at the first `/` or `:`. */
function splitResource(
  service: string,
  account: string,
  resource: string,
): Pick<Arn, 'resourceType' | 'resourceId'> {
  // S3 bucket and object ARNs have no region, account or type: arn:aws:s3:::bucket/key.
  if (service === 's3' && account === '') {
    return resource.includes('/')
      ? { resourceType: 'object', resourceId: resource }
      : { resourceType: 'bucket', resourceId: resource };
  }
  const slash = resource.indexOf('/');
  const colon = resource.indexOf(':');
  const cut = slash === -1 ? colon : colon === -1 ? slash : Math.min(slash, colon);
  if (cut <= 0) return { resourceId: resource };
  return { resourceType: resource.slice(0, cut), resourceId: resource.slice(cut + 1) };
}

/** Parses an ARN. Never throws; a failure names the field that is wrong. */
export function parseArn(s: string, options: ParseArnOptions = {}): ArnResult {
  if (!s.startsWith('arn:')) return fail('not-arn', `not an ARN (must start with "arn:"): ${s}`);
  const fields: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const colon = s.indexOf(':', start);
    if (colon === -1)
      return fail('too-few-fields', `ARN needs arn:partition:service:region:account:resource: ${s}`);
    fields.push(s.slice(start, colon));
    start = colon + 1;
  }
  const [partition = '', service = '', region = '', account = ''] = fields;
  const resource = s.slice(start);
  const wild = options.allowWildcards === true;
  if (!isPartition(partition)) return fail('unknown-partition', `unknown partition "${partition}" in ${s}`);
  if (!(SERVICE.test(service) || (wild && WILD.test(service) && service !== ''))) {
    return fail('invalid-service', `invalid service "${service}" in ${s}`);
  }
  if (!(region === '' || REGION.test(region) || (wild && WILD.test(region)))) {
    return fail('invalid-region', `invalid region "${region}" in ${s}`);
  }
  if (!(ACCOUNT.test(account) || (wild && WILD.test(account)))) {
    return fail('invalid-account', `invalid account "${account}" in ${s}`);
  }
  if (resource === '') return fail('empty-resource', `ARN has no resource: ${s}`);
  return {
    ok: true,
    value: { partition, service, region, account, resource, ...splitResource(service, account, resource) },
  };
}

export function isArn(s: string, options: ParseArnOptions = {}): boolean {
  return parseArn(s, options).ok;
}

/** Parses an ARN or throws; for constants and tests. */
export function arn(s: string, options: ParseArnOptions = {}): Arn {
  const r = parseArn(s, options);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** What `formatArn` needs: the resource verbatim, or a type and id joined by `separator` (default `/`). */
export type ArnParts = {
  readonly partition: string;
  readonly service: string;
  readonly region?: string;
  readonly account?: string;
} & (
  | { readonly resource: string }
  | { readonly resourceType: string; readonly resourceId: string; readonly separator?: '/' | ':' }
);

/**
 * Builds an ARN string. `resource` wins when given (so a parsed `Arn` formats back to itself);
 * otherwise `resourceType` + separator + `resourceId`.
 */
export function formatArn(parts: ArnParts): string {
  const resource =
    'resource' in parts
      ? parts.resource
      : `${parts.resourceType}${parts.separator ?? '/'}${parts.resourceId}`;
  return `arn:${parts.partition}:${parts.service}:${parts.region ?? ''}:${parts.account ?? ''}:${resource}`;
}

/**
 * The partition a region belongs to, by the SDK's region patterns: `cn-*` -> aws-cn,
 * `us-gov-*` -> aws-us-gov, `us-iso-*` -> aws-iso, `us-isob-*` -> aws-iso-b, `eu-isoe-*` ->
 * aws-iso-e, `us-isof-*` -> aws-iso-f, `eusc-*` -> aws-eusc; anything else -> aws.
 */
export function partitionForRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

const DNS_SUFFIX: Readonly<Record<Partition, string>> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
  'aws-eusc': 'amazonaws.eu',
};

/** The DNS suffix of service endpoints in a partition (`s3.cn-north-1.amazonaws.com.cn`). */
export function dnsSuffixForPartition(partition: Partition): string {
  return DNS_SUFFIX[partition];
}
