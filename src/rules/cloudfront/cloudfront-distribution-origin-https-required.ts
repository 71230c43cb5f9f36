import { defineRule, error, fail, known, label, notApplicable, pass } from '../rule.js';
import { behaviorsOf, configOf, originsOf, type Behavior, type Origin } from './distribution.js';

/** The cache behaviors that route to an origin, directly or through an origin group it belongs to. */
function behaviorsFor(
  origin: Origin,
  behaviors: readonly Behavior[],
  groups: ReadonlyMap<string, readonly string[]>,
): Behavior[] {
  return behaviors.filter((b) => {
    const target = b.raw.TargetOriginId;
    return (
      typeof target === 'string' &&
      (target === origin.label || (groups.get(target) ?? []).includes(origin.label))
    );
  });
}

/** Origin group id → member origin ids. */
function originGroups(config: Record<string, unknown>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const items = (config.OriginGroups as { Items?: unknown } | undefined)?.Items;
  for (const g of Array.isArray(items) ? items : []) {
    const group = g as { Id?: unknown; Members?: { Items?: unknown } };
    const members = Array.isArray(group.Members?.Items) ? group.Members.Items : [];
    if (typeof group.Id === 'string') {
      groups.set(
        group.Id,
        members.flatMap((m: { OriginId?: unknown }) => (typeof m?.OriginId === 'string' ? [m.OriginId] : [])),
      );
    }
  }
  return groups;
}

/**
 * Compliant: CloudFront connects to every custom origin over HTTPS: `OriginProtocolPolicy:
 * https-only`, or `match-viewer` when no cache behavior routing to the origin lets viewers use
 * HTTP. S3 website endpoints speak HTTP only, so an origin on one fails. Distributions without
 * custom origins are not applicable (S3 REST origins are always reached over HTTPS).
 */
export default defineRule({
  id: 'cloudfront-distribution-origin-https-required',
  title: 'CloudFront connects to its custom origins over HTTPS',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    'Viewers see a padlock, but with an http-only origin their requests (cookies, form posts, API tokens) cross the internet from the edge location to the origin in clear text, open to interception and tampering there. HTTPS to the origin makes the encryption end to end. An S3 website endpoint cannot do HTTPS at all; the REST endpoint with origin access control can.',
  remediation: {
    text: 'Give the origin a certificate (an ACM certificate on the load balancer) and set OriginProtocolPolicy to https-only; for an S3 website endpoint, switch to the bucket’s REST endpoint with origin access control.',
    cloudformation:
      'CustomOriginConfig:\n  OriginProtocolPolicy: https-only\n  OriginSSLProtocols: [TLSv1.2]',
    terraform:
      'custom_origin_config {\n  http_port              = 80\n  https_port             = 443\n  origin_protocol_policy = "https-only"\n  origin_ssl_protocols   = ["TLSv1.2"]\n}',
  },
  controls: ['aws-fsbp:CloudFront.9', 'pci-dss-v4.0:4.2.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html',
  ],
  evaluate(distribution) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const origins = originsOf(distribution);
    if (!origins.known) return error(`${who}: ${origins.reason}.`);
    const custom = origins.value.filter((o) => o.kind === 'custom' || o.kind === 'website');
    if (custom.length === 0)
      return notApplicable(
        () => `${who} has no custom origin; S3 and VPC origins are reached over HTTPS or inside the VPC.`,
      );
    const behaviors = behaviorsOf(distribution);
    if (!behaviors.known) return error(`${who}: ${behaviors.reason}.`);
    const config = configOf(distribution);
    if (!config.known) return error(`${who}: ${config.reason}.`);
    const groups = originGroups(config.value);

    const problems: string[] = [];
    const unknown: string[] = [];
    for (const origin of custom) {
      const policy = known(
        (origin.raw.CustomOriginConfig as Record<string, unknown> | undefined)?.OriginProtocolPolicy,
        `${origin.path}.CustomOriginConfig.OriginProtocolPolicy`,
      );
      if (!policy.known) unknown.push(policy.reason);
      else if (policy.value === 'http-only') {
        problems.push(
          origin.kind === 'website'
            ? `origin ${origin.label} is an S3 website endpoint, which CloudFront can reach only over HTTP`
            : `origin ${origin.label} is reached over HTTP only`,
        );
      } else if (origin.kind === 'website') {
        problems.push(`origin ${origin.label} is an S3 website endpoint, which does not support HTTPS`);
      } else if (policy.value === 'match-viewer') {
        const open = behaviorsFor(origin, behaviors.value, groups).filter(
          (b) => b.raw.ViewerProtocolPolicy === 'allow-all',
        );
        if (open.length > 0) {
          problems.push(
            `origin ${origin.label} matches the viewer's protocol and cache behavior ${open.map((b) => b.label).join(', ')} allows HTTP viewers`,
          );
        }
      } else if (policy.value !== 'https-only') {
        unknown.push(
          `${origin.path}.CustomOriginConfig.OriginProtocolPolicy is ${JSON.stringify(policy.value)}`,
        );
      }
    }
    if (problems.length > 0)
      return fail(`${who} sends requests to its origin in clear text: ${problems.join('; ')}.`);
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    return pass(
      () => `${who} connects to its custom origin(s) ${custom.map((o) => o.label).join(', ')} over HTTPS.`,
    );
  },
});
