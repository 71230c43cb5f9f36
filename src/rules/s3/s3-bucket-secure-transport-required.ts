import { defineRule, error, fail, pass } from '../rule.js';
import { describeBucket } from './refs.js';
import {
  coversAllS3Actions,
  deniesInsecureTransport,
  effectOf,
  isUnknown,
  otherConditions,
  principalIsEveryone,
  readPolicy,
  type Tri,
} from './policy.js';
import { coversPart } from './policy-resources.js';

/**
 * Compliant: the bucket policy has a statement that denies every S3 action (`s3:*`) to everyone
 * (`Principal: "*"`) on the bucket's objects when `aws:SecureTransport` is `false`, with no other
 * condition (conditions are ANDed, so another one would leave plain HTTP allowed to the requests that
 * do not meet it).
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
    const policy = readPolicy(bucket.props.PolicyDocument);
    if (!policy.known) return error(`${describeBucket(bucket)}: ${policy.reason}.`);
    if (!policy.present) {
      return fail(
        `${describeBucket(bucket)} has no bucket policy, so S3 accepts its requests over plain HTTP.`,
      );
    }
    const unknown: string[] = [...policy.unreadable];
    const partial: string[] = [];
    for (let i = 0; i < policy.statements.length; i++) {
      const s = policy.statements[i]!;
      const effect = effectOf(s);
      const guard = deniesInsecureTransport(s);
      if (effect === 'Allow' || guard === false) continue;
      const everyone = principalIsEveryone(s);
      const allActions = coversAllS3Actions(s);
      const others = otherConditions(s);
      const objects = coversPart(s, bucket, 'objects');
      // The usual guard passes every check: nothing to say about what it lacks.
      if (
        !isUnknown(effect) &&
        guard === true &&
        everyone === true &&
        allActions === true &&
        others.length === 0 &&
        objects === true
      ) {
        return pass(
          () =>
            `${describeBucket(bucket)} denies requests without TLS: statement ${s.label} denies s3:* to everyone when aws:SecureTransport is false.`,
        );
      }
      const checks: Array<[Tri, string]> = [
        [isUnknown(effect) ? effect : true, ''],
        [guard, ''],
        [everyone, 'applies to named principals only, not "*"'],
        [allActions, 'denies only some actions, not s3:*'],
        [
          others.length === 0,
          `denies plain HTTP only to requests that also match ${others.join(' and ')} (conditions are ANDed)`,
        ],
        [objects, 'covers the bucket or a key prefix, not all its objects (<bucket>/*)'],
      ];
      const missing = checks.filter(([t]) => t === false).map(([, why]) => why);
      const doubts = checks.filter(([t]) => isUnknown(t)).map(([t]) => (t as { unknown: string }).unknown);
      if (missing.length > 0) partial.push(`statement ${s.label} ${missing.join(' and ')}`);
      else unknown.push(...doubts);
    }
    if (unknown.length > 0)
      return error(
        `${describeBucket(bucket)}: whether its policy denies plain HTTP is not known: ${unknown.join('; ')}.`,
      );
    if (partial.length > 0) {
      return fail(
        `${describeBucket(bucket)} does not deny every request over plain HTTP: ${partial.join('; ')}.`,
      );
    }
    return fail(
      `${describeBucket(bucket)} has a bucket policy but no statement denying requests where aws:SecureTransport is false.`,
    );
  },
});
