import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import {
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
  type GraphView,
} from '../rule.js';
import { publicAccess } from '../s3/bucket-access.js';
import { BUCKET_TYPE, referencedIds, resolveTarget } from '../s3/refs.js';
import { originsOf, type Origin } from './distribution.js';

const OAC_TYPE = 'AWS::CloudFront::OriginAccessControl';
const OAI_TYPE = 'AWS::CloudFront::CloudFrontOriginAccessIdentity';

/**
 * Whether an origin setting (`OriginAccessControlId`, `OriginAccessIdentity`) is set: a non-empty
 * string, or a template reference to a resource of the right type (its id is known only after
 * deploy). Anything else unresolved is not known.
 */
function isSet(
  value: unknown,
  type: string,
  graph: GraphView,
  near: Resource,
  what: string,
): boolean | { unknown: string } {
  if (typeof value === 'string') return value !== '';
  if (value === undefined || value === null) return false;
  if (isUnresolved(value)) {
    if (referencedIds(value.expression).some((id) => graph.get(id, type, near))) return true;
    return { unknown: describeUnresolved(what, value) };
  }
  return false;
}

/**
 * Compliant: every S3 (REST endpoint) origin of the distribution reads its bucket through origin
 * access control (or, when `allowOriginAccessIdentity` is on, a legacy origin access identity), and
 * the bucket, where it is in the snapshot, does not also let the public read it, which would let
 * viewers bypass the distribution. S3 website endpoints cannot use either (they are custom origins
 * and need a public bucket); distributions without S3 REST origins are not applicable.
 */
export default defineRule({
  id: 'cloudfront-distribution-s3-origin-access-control',
  title: 'CloudFront reads its S3 origins through origin access control, not a public bucket',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    "Without origin access control (or the older origin access identity) CloudFront fetches from S3 anonymously, so the bucket must be publicly readable, and anyone who finds the bucket's address reads it directly: around the distribution's WAF, geo restrictions, signed URLs, logging and caching (every direct read is also billed at S3 rates). With OAC the bucket policy admits only the distribution, and the bucket can block public access entirely.",
  remediation: {
    text: 'Create an origin access control, set it on each S3 origin (OriginAccessIdentity empty), allow the cloudfront.amazonaws.com service principal s3:GetObject in the bucket policy with a condition on AWS:SourceArn = the distribution ARN, then remove the public statements and turn Block Public Access back on.',
    cli: 'aws cloudfront create-origin-access-control --origin-access-control-config Name=<name>,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=s3\n# then set OriginAccessControlId on the origin with update-distribution',
    cloudformation:
      'OriginAccessControl:\n  Type: AWS::CloudFront::OriginAccessControl\n  Properties:\n    OriginAccessControlConfig:\n      Name: assets-oac\n      OriginAccessControlOriginType: s3\n      SigningBehavior: always\n      SigningProtocol: sigv4\n# on the origin:\nOrigins:\n  - Id: assets\n    DomainName: !GetAtt AssetsBucket.RegionalDomainName\n    S3OriginConfig:\n      OriginAccessIdentity: ""\n    OriginAccessControlId: !GetAtt OriginAccessControl.Id',
    terraform:
      'resource "aws_cloudfront_origin_access_control" "this" {\n  name                              = "assets-oac"\n  origin_access_control_origin_type = "s3"\n  signing_behavior                  = "always"\n  signing_protocol                  = "sigv4"\n}\n# origin { origin_access_control_id = aws_cloudfront_origin_access_control.this.id ... }',
  },
  controls: ['aws-fsbp:CloudFront.13'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-13',
  ],
  params: z.object({
    allowOriginAccessIdentity: z
      .boolean()
      .default(true)
      .describe(
        'Accept a legacy origin access identity (OAI) as well as origin access control. Set false to follow Security Hub CloudFront.13, which accepts only OAC.',
      ),
  }),
  evaluate(distribution, ctx) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const origins = originsOf(distribution);
    if (!origins.known) return error(`${who}: ${origins.reason}.`);
    const s3 = origins.value.filter((o) => o.kind === 's3');
    if (s3.length === 0) {
      const websites = origins.value.filter((o) => o.kind === 'website').map((o) => o.label);
      return notApplicable(
        websites.length > 0
          ? `${who} has no S3 REST origin; its S3 website endpoint origin(s) ${websites.join(', ')} cannot use origin access control.`
          : `${who} has no S3 origin.`,
      );
    }
    const problems: string[] = [];
    const unknown: string[] = [];
    const good: string[] = [];
    const notes: string[] = [];
    for (const origin of s3) {
      const verdict = checkOrigin(origin, distribution, ctx.graph, ctx.params.allowOriginAccessIdentity);
      if ('problem' in verdict) problems.push(verdict.problem);
      else if ('unknown' in verdict) unknown.push(verdict.unknown);
      else {
        good.push(verdict.ok);
        if (verdict.note) notes.push(verdict.note);
      }
    }
    if (problems.length > 0) return fail(`${who}: ${problems.join('; ')}.`);
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    return pass(() => `${who} reads ${good.join(', ')}${note}.`);
  },
});

type Verdict = { ok: string; note?: string } | { problem: string } | { unknown: string };

function checkOrigin(origin: Origin, distribution: Resource, graph: GraphView, allowOai: boolean): Verdict {
  const oac = isSet(
    origin.raw.OriginAccessControlId,
    OAC_TYPE,
    graph,
    distribution,
    `${origin.path}.OriginAccessControlId`,
  );
  const s3Config = origin.raw.S3OriginConfig as Record<string, unknown> | undefined;
  const oai = isSet(
    s3Config?.OriginAccessIdentity,
    OAI_TYPE,
    graph,
    distribution,
    `${origin.path}.S3OriginConfig.OriginAccessIdentity`,
  );
  const target = resolveTarget(
    origin.raw.DomainName,
    BUCKET_TYPE,
    graph,
    distribution,
    `${origin.path}.DomainName`,
  );
  const bucket = 'found' in target ? target.found : undefined;
  const bucketName = bucket ? label(bucket) : 'missing' in target ? target.missing : 'its bucket';
  const notChecked =
    'missing' in target
      ? `bucket ${target.missing} is not in the snapshot, so its policy was not checked`
      : `its bucket is not known (${'unknown' in target ? target.unknown : ''}), so its policy was not checked`;

  if (oac !== true && oai !== true) {
    if (typeof oac === 'object') return { unknown: oac.unknown };
    if (typeof oai === 'object') return { unknown: oai.unknown };
    return {
      problem: `origin ${origin.label} reads ${bucketName} with neither origin access control nor an origin access identity, so the bucket must be public and viewers can read it around the distribution`,
    };
  }
  const via = oac === true ? 'origin access control' : 'an origin access identity';
  if (oac !== true && !allowOai) {
    return {
      problem: `origin ${origin.label} reads ${bucketName} through a legacy origin access identity, not origin access control`,
    };
  }
  if (!bucket) {
    return { ok: `${bucketName} through ${via}`, note: notChecked };
  }
  const access = publicAccess(bucket, { graph }, 'read');
  if (access.status === 'public') {
    return {
      problem: `origin ${origin.label} uses ${via}, but bucket ${label(bucket)} is publicly readable too (${access.via.join('; ')}), so viewers can bypass the distribution`,
    };
  }
  if (access.status === 'unknown') return { unknown: `bucket ${label(bucket)}: ${access.reason}` };
  return { ok: `${label(bucket)} through ${via}, and the bucket is not publicly readable` };
}
