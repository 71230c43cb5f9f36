import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
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

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

/**
 * Whether the statement's `Resource` covers the bucket's objects (`arn:aws:s3:::name/*`, `*`, or
 * in a template `!Sub ${Bucket.Arn}/*`): a deny on the bucket ARN alone leaves every GET and PUT
 * of an object allowed over HTTP.
 */
function coversObjects(statement: PolicyStatement, bucket: Resource): Tri {
  const resource = statement.raw.Resource;
  if (resource === undefined) return { unknown: `statement ${statement.label} uses NotResource` };
  const name = isPlannedName(bucket) ? undefined : bucketName(bucket);
  let unknown: Tri = false;
  for (const r of Array.isArray(resource) ? resource : [resource]) {
    if (r === '*') return true;
    if (typeof r === 'string') {
      const pattern = S3_RESOURCE.exec(r)?.[1];
      if (pattern && (pattern === '*' || (name !== undefined && glob(pattern).test(`${name}/key`))))
        return true;
    } else if (isUnresolved(r)) {
      const text = JSON.stringify(r.expression) ?? '';
      if (referencedIds(r.expression).includes(bucket.id)) {
        if (text.includes('/*')) return true;
      } else unknown = { unknown: `statement ${statement.label} Resource is not known (${text})` };
    }
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
    text: 'Add a Deny statement for Principal "*", Action "s3:*", on the bucket and its objects, with the condition Bool aws:SecureTransport false.',
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
        [coversObjects(s, bucket), 'covers the bucket but not its objects (<bucket>/*)'],
      ];
      const missing = checks.filter(([t]) => t === false).map(([, why]) => why);
      const doubts = checks.filter(([t]) => isUnknown(t)).map(([t]) => (t as { unknown: string }).unknown);
      if (missing.length === 0 && doubts.length === 0) {
        return pass(
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
