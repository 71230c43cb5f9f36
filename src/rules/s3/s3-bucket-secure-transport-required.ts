import { isUnresolved, type Resource } from '../../model/index.js';
import { foldSource } from '../fix-support.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';
import {
  coversAllS3Actions,
  deniesInsecureTransport,
  effectOf,
  isUnknown,
  principalIsEveryone,
  readPolicy,
  type PolicyStatement,
  type Tri,
} from './policy.js';
import { referencedIds } from './refs.js';
import { bucketName } from './scope.js';

const S3_RESOURCE = /^arn:[^:]+:s3:::(.+)$/;
/** `arn:aws:s3:::`, `arn:${AWS::Partition}:s3:::` at the start of a template string. */
const S3_ARN_PREFIX = /^arn:(?:\$\{AWS::Partition\}|aws[a-z-]*):s3:::/;

const globs = new Map<string, RegExp>();

/** The pattern as a regular expression, compiled once (buckets of an organisation share a few patterns). */
function glob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    if (globs.size >= 10_000) globs.clear();
    re = compileGlob(pattern);
    globs.set(pattern, re);
  }
  return re;
}

/** Whether an S3 ARN pattern (`*` any run of characters, `?` any one) matches `text`. */
function matches(pattern: string, text: string): boolean {
  // Most patterns name one bucket with no wildcard, a different one per bucket: comparing them
  // spares compiling a regular expression per bucket of a large organisation (more than the
  // cache holds, so each would be compiled again on every run over it).
  if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) return pattern === text;
  return glob(pattern).test(text);
}

function compileGlob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
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

type Coverage = 'objects' | 'part' | 'other' | { unknown: string };

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
 * What a Terraform expression (as the Terraform source leaves an ARN it cannot know before apply:
 * `aws_s3_bucket.x.arn`, `"${aws_s3_bucket.x.arn}/*"`, `"arn:aws:s3:::${aws_s3_bucket.x.id}/*"`)
 * covers of the bucket. Addresses in the configuration are relative to the module of the policy
 * that writes them. Undefined when the text is none of these forms, or picks the bucket by a key
 * only known while iterating (`aws_s3_bucket.x[each.key]`).
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket#attribute-reference
 */
function terraformCoverage(text: string, bucket: Resource): Coverage | undefined {
  if (bucket.origin.source !== 'terraform') return undefined;
  const arn = TF_ARN.exec(text.trim());
  const name = arn ? undefined : TF_NAME.exec(text.trim());
  const address = arn ? (arn[1] ?? arn[2]) : name?.[1];
  if (address === undefined || /\[\s*(?:each|count)\./.test(address)) return undefined;
  const rest = arn ? arn[3]! : name![2]!;
  if (`${modulePathOf(policyAddress(bucket))}${address}` !== bucket.id)
    return address.startsWith('aws_s3_bucket.') ? 'other' : undefined;
  if (rest === '/*') return 'objects';
  return rest === '' || rest.startsWith('/') ? 'part' : 'other';
}

/**
 * What one `Resource` entry covers of the bucket: all its objects (`arn:aws:s3:::name/*`, `*`, or
 * in a template `!Sub ${Bucket.Arn}/*`), only the bucket or a key prefix, or something else.
 */
function coverage(entry: unknown, bucket: Resource, label: string): Coverage {
  if (entry === '*') return 'objects';
  if (typeof entry === 'string') {
    const pattern = S3_RESOURCE.exec(entry)?.[1];
    if (!pattern) return 'other';
    if (pattern === '*') return 'objects';
    const name = isPlannedName(bucket) ? undefined : bucketName(bucket);
    if (name === undefined) return 'other';
    // `<name>/*` always matches `<name>/key` (`*` and `?` in the name match themselves): skip the glob.
    if (pattern.length === name.length + 2 && pattern.endsWith('/*') && pattern.startsWith(name))
      return 'objects';
    if (matches(pattern, `${name}/key`)) return 'objects';
    return matches(pattern, name) || pattern.startsWith(`${name}/`) ? 'part' : 'other';
  }
  if (!isUnresolved(entry)) return 'other';
  if (typeof entry.expression === 'string') {
    const tf = terraformCoverage(entry.expression, bucket);
    if (tf !== undefined) return tf;
  }
  const text = subText(entry.expression);
  const self = new Set([bucket.id, bucket.origin.logicalId].filter((id): id is string => id !== undefined));
  if (text !== undefined) {
    const arnRefs = [...self].map((id) => `\${${id}.Arn}`);
    const names = nameTemplates(bucket);
    // `!Sub ['${BucketArn}/*', { BucketArn: !GetAtt Bucket.Arn }]`: variables standing for the bucket.
    const vars = (entry.expression as { 'Fn::Sub'?: unknown })['Fn::Sub'];
    if (Array.isArray(vars) && vars[1] && typeof vars[1] === 'object') {
      for (const [name, value] of Object.entries(vars[1] as Record<string, unknown>)) {
        if (!referencedIds(value).some((id) => self.has(id))) continue;
        if ((JSON.stringify(value) ?? '').includes('"Arn"')) arnRefs.push(`\${${name}}`);
        else names.push(`\${${name}}`);
      }
    }
    for (const arnRef of arnRefs) {
      if (text === `${arnRef}/*`) return 'objects';
      if (text.startsWith(arnRef)) return 'part';
    }
    const rest = text.replace(S3_ARN_PREFIX, '');
    if (rest !== text) {
      for (const t of names) {
        if (rest === `${t}/*`) return 'objects';
        if (rest === t || rest.startsWith(`${t}/`)) return 'part';
      }
    }
  }
  // `!Join ['', [!GetAtt Bucket.Arn, '/*']]` and the like.
  const json = JSON.stringify(entry.expression) ?? '';
  if (referencedIds(entry.expression).some((id) => self.has(id)))
    return /\/\*"\]*\}*$/.test(json) ? 'objects' : 'part';
  return { unknown: describeUnresolved(`statement ${label} Resource`, entry) };
}

/**
 * Whether the statement's `Resource` covers all the bucket's objects: a deny on the bucket ARN
 * alone, or on one key prefix, leaves the other GETs and PUTs allowed over HTTP.
 */
function coversObjects(statement: PolicyStatement, bucket: Resource): Tri {
  const resource = statement.raw.Resource;
  if (resource === undefined) return { unknown: `statement ${statement.label} uses NotResource` };
  let unknown: Tri = false;
  for (const r of Array.isArray(resource) ? resource : [resource]) {
    const c = coverage(r, bucket, statement.label);
    if (c === 'objects') return true;
    if (typeof c === 'object') unknown = c;
  }
  return unknown;
}

/** A template bucket without a `BucketName` gets a generated name nobody can write in a policy. */
function isPlannedName(bucket: Resource): boolean {
  return bucket.origin.source === 'cloudformation' && bucket.props.BucketName === undefined;
}

/**
 * Compliant: the bucket policy has a statement that denies every S3 action (`s3:*`) to everyone
 * (`Principal: "*"`) on the bucket's objects when `aws:SecureTransport` is `false`.
 */
export default defineRule({
  id: 's3-bucket-secure-transport-required',
  title: 'S3 bucket policy denies requests over plain HTTP',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'S3 answers plain HTTP as well as HTTPS. Without a policy that refuses requests where aws:SecureTransport is false, a misconfigured client, an old SDK or an http:// link sends data and credentials-derived signatures in clear text, open to interception and tampering on the way. The deny statement makes TLS mandatory for every caller, whatever their IAM permissions.',
  remediation: {
    text: 'Add a Deny statement for Principal `*`, Action `s3:*`, on the bucket and its objects, with the condition Bool `aws:SecureTransport` false.',
    cli: 'aws s3api put-bucket-policy --bucket <bucket> --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'',
    cloudformation:
      'BucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Bucket\n    PolicyDocument:\n      Statement:\n        - Sid: DenyInsecureTransport\n          Effect: Deny\n          Principal: "*"\n          Action: s3:*\n          Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]\n          Condition:\n            Bool:\n              aws:SecureTransport: false',
    terraform:
      'data "aws_iam_policy_document" "tls_only" {\n  statement {\n    sid     = "DenyInsecureTransport"\n    effect  = "Deny"\n    actions = ["s3:*"]\n    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n    }\n  }\n}',
  },
  controls: ['cis-aws-v5.0:2.1.1', 'aws-fsbp:S3.5', 'pci-dss-v4.0:4.2.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
    'https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule',
  ],
  evaluate(bucket) {
    const who = `S3 bucket ${label(bucket)}`;
    const policy = readPolicy(bucket.props.PolicyDocument);
    if (!policy.known) return error(`${who}: ${policy.reason}.`);
    if (!policy.present) {
      return fail(`${who} has no bucket policy, so S3 accepts its requests over plain HTTP.`);
    }
    const unknown: string[] = [...policy.unreadable];
    const partial: string[] = [];
    for (const s of policy.statements) {
      const effect = effectOf(s);
      const guard = deniesInsecureTransport(s);
      if (effect === 'Allow' || guard === false) continue;
      const checks: Array<[Tri, string]> = [
        [isUnknown(effect) ? effect : true, ''],
        [guard, ''],
        [principalIsEveryone(s), 'applies to named principals only, not "*"'],
        [coversAllS3Actions(s), 'denies only some actions, not s3:*'],
        [coversObjects(s, bucket), 'covers the bucket or a key prefix, not all its objects (<bucket>/*)'],
      ];
      const missing = checks.filter(([t]) => t === false).map(([, why]) => why);
      const doubts = checks.filter(([t]) => isUnknown(t)).map(([t]) => (t as { unknown: string }).unknown);
      if (missing.length === 0 && doubts.length === 0) {
        return pass(
          () =>
            `${who} denies requests without TLS: statement ${s.label} denies s3:* to everyone when aws:SecureTransport is false.`,
        );
      }
      if (missing.length > 0) partial.push(`statement ${s.label} ${missing.join(' and ')}`);
      else unknown.push(...doubts);
    }
    if (unknown.length > 0)
      return error(`${who}: whether its policy denies plain HTTP is not known: ${unknown.join('; ')}.`);
    if (partial.length > 0) {
      return fail(`${who} does not deny every request over plain HTTP: ${partial.join('; ')}.`);
    }
    return fail(
      `${who} has a bucket policy but no statement denying requests where aws:SecureTransport is false.`,
    );
  },
});
