import { defineRule, error, fail, known, label, pass } from '../rule.js';
import { referencedIds } from '../s3/refs.js';
import { configOf } from './distribution.js';

const WEB_ACL_TYPES = ['AWS::WAFv2::WebACL', 'AWS::WAF::WebACL'];

/**
 * Compliant: the distribution is associated with an AWS WAF web ACL (`WebACLId`: a WAFv2 web ACL ARN
 * or a WAF Classic web ACL id). A template reference to a web ACL resource counts, though its ARN is
 * known only after deploy.
 */
export default defineRule({
  id: 'cloudfront-distribution-waf-enabled',
  title: 'CloudFront distribution is protected by an AWS WAF web ACL',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    'A web ACL at the edge filters SQL injection, cross-site scripting, known bad inputs, bot traffic and request floods before they cost a cache miss or reach the origin, with AWS managed rule groups kept current by AWS. Without one, every request that CloudFront accepts is passed on.',
  remediation: {
    text: 'Create a WAFv2 web ACL with scope CLOUDFRONT (in us-east-1) using the AWS managed core rule set and a rate-based rule, and associate it with the distribution.',
    cloudformation: 'DistributionConfig:\n  WebACLId: !GetAtt EdgeWebAcl.Arn',
    terraform:
      'resource "aws_cloudfront_distribution" "this" {\n  web_acl_id = aws_wafv2_web_acl.edge.arn\n  # ...\n}',
  },
  controls: ['aws-fsbp:CloudFront.6'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6',
  ],
  evaluate(distribution, ctx) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const config = configOf(distribution);
    if (!config.known) return error(`${who}: ${config.reason}.`);
    const acl = known(config.value.WebACLId, 'DistributionConfig.WebACLId');
    if (acl.known) {
      if (typeof acl.value === 'string' && acl.value !== '')
        return pass(() => `${who} is protected by web ACL ${acl.value}.`);
      return fail(
        `${who} has no AWS WAF web ACL, so every request it accepts reaches the cache and the origin unfiltered.`,
      );
    }
    const webAcl = referencedIds(acl.unresolved.expression)
      .flatMap((id) => WEB_ACL_TYPES.map((t) => ctx.graph.get(id, t, distribution)))
      .find((r) => r !== undefined);
    if (webAcl) return pass(() => `${who} is protected by web ACL ${label(webAcl)}.`);
    return error(`${who}: ${acl.reason}.`);
  },
});
