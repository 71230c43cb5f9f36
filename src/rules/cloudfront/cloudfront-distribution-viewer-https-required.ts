import { defineRule, error, fail, known, label, pass } from '../rule.js';
import { behaviorsOf } from './distribution.js';

/**
 * Compliant: no cache behavior (default or path pattern) has `ViewerProtocolPolicy: allow-all`;
 * each redirects HTTP to HTTPS or accepts HTTPS only.
 */
export default defineRule({
  id: 'cloudfront-distribution-viewer-https-required',
  title: 'CloudFront distribution requires HTTPS from viewers',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    'A behavior that allows plain HTTP serves pages, cookies and API responses in clear text to anyone on the network path, and lets them be altered on the way (script injection on public Wi-Fi is the classic case). Redirecting to HTTPS costs one round trip on the first request and nothing after.',
  remediation: {
    text: 'Set ViewerProtocolPolicy to redirect-to-https (or https-only for APIs) on the default and every path-pattern cache behavior.',
    cloudformation:
      'DefaultCacheBehavior:\n  ViewerProtocolPolicy: redirect-to-https\nCacheBehaviors:\n  - PathPattern: /api/*\n    ViewerProtocolPolicy: https-only',
    terraform: 'default_cache_behavior {\n  viewer_protocol_policy = "redirect-to-https"\n  # ...\n}',
  },
  controls: ['aws-fsbp:CloudFront.3', 'pci-dss-v4.0:4.2.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3',
  ],
  evaluate(distribution) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const behaviors = behaviorsOf(distribution);
    if (!behaviors.known) return error(`${who}: ${behaviors.reason}.`);
    const open: string[] = [];
    const unknown: string[] = [];
    for (const b of behaviors.value) {
      const policy = known(b.raw.ViewerProtocolPolicy, `${b.path}.ViewerProtocolPolicy`);
      if (!policy.known) unknown.push(policy.reason);
      else if (policy.value === 'allow-all') open.push(b.label);
      else if (policy.value !== 'redirect-to-https' && policy.value !== 'https-only') {
        unknown.push(`${b.path}.ViewerProtocolPolicy is ${JSON.stringify(policy.value)}`);
      }
    }
    if (open.length > 0) {
      return fail(
        `${who} serves plain HTTP to viewers: cache behavior ${open.join(', ')} allows all protocols.`,
      );
    }
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    if (behaviors.value.length === 0) return error(`${who} states no cache behavior.`);
    return pass(
      () => `${who} requires HTTPS (or redirects to it) in all ${behaviors.value.length} cache behavior(s).`,
    );
  },
});
