import { defineRule, error, fail, known, label, pass } from '../rule.js';
import { behaviorsOf, configOf } from './distribution.js';

/**
 * Compliant: the distribution has an origin group of two origins (a primary and a failover), and a
 * cache behavior routes to it. A group no behavior targets fails over nothing.
 */
export default defineRule({
  id: 'cloudfront-distribution-origin-failover-configured',
  title: 'CloudFront distribution fails over to a second origin',
  category: 'reliability',
  severity: 'low',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    'With a single origin, an outage of that bucket, load balancer or region is an outage of the site, cache misses included. An origin group retries a request on the secondary origin when the primary times out or answers with the listed error codes, so a replica bucket in another region or a standby endpoint keeps serving.',
  remediation: {
    text: 'Add an origin group with the primary and a secondary origin (for S3, a replica bucket in another region), list the status codes to fail over on, and point the cache behaviors at the group.',
    cloudformation:
      'OriginGroups:\n  Quantity: 1\n  Items:\n    - Id: site-with-failover\n      FailoverCriteria:\n        StatusCodes: { Quantity: 3, Items: [500, 502, 503] }\n      Members:\n        Quantity: 2\n        Items: [{ OriginId: primary }, { OriginId: secondary }]\nDefaultCacheBehavior:\n  TargetOriginId: site-with-failover',
    terraform:
      'origin_group {\n  origin_id = "site-with-failover"\n  failover_criteria {\n    status_codes = [500, 502, 503]\n  }\n  member { origin_id = "primary" }\n  member { origin_id = "secondary" }\n}',
  },
  controls: ['aws-fsbp:CloudFront.4'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-4',
  ],
  evaluate(distribution) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const config = configOf(distribution);
    if (!config.known) return error(`${who}: ${config.reason}.`);
    const items = known(
      (config.value.OriginGroups as Record<string, unknown> | undefined)?.Items,
      'DistributionConfig.OriginGroups.Items',
    );
    if (!items.known) return error(`${who}: ${items.reason}.`);
    const groups: string[] = [];
    for (const [i, g] of (Array.isArray(items.value) ? items.value : []).entries()) {
      const members = known(
        (g as { Members?: { Items?: unknown } } | undefined)?.Members?.Items,
        `DistributionConfig.OriginGroups.Items.${i}.Members.Items`,
      );
      if (!members.known) return error(`${who}: ${members.reason}.`);
      const id = (g as { Id?: unknown }).Id;
      if (Array.isArray(members.value) && members.value.length >= 2)
        groups.push(typeof id === 'string' ? id : `#${i + 1}`);
    }
    if (groups.length === 0) {
      return fail(`${who} has no origin group with a failover origin, so an origin outage is a site outage.`);
    }
    const behaviors = behaviorsOf(distribution);
    if (!behaviors.known) return error(`${who}: ${behaviors.reason}.`);
    const used = behaviors.value.filter(
      (b) => typeof b.raw.TargetOriginId === 'string' && groups.includes(b.raw.TargetOriginId),
    );
    if (used.length === 0) {
      return fail(
        `${who} defines origin group ${groups.join(', ')} but no cache behavior routes to it, so nothing fails over.`,
      );
    }
    return pass(
      () =>
        `${who} fails over through origin group ${[...new Set(used.map((b) => b.raw.TargetOriginId as string))].join(', ')} (cache behavior ${used.map((b) => b.label).join(', ')}).`,
    );
  },
});
