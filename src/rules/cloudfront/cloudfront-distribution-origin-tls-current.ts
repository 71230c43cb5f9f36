import { z } from 'zod';
import { defineRule, error, fail, known, label, notApplicable, pass } from '../rule.js';
import { originsOf } from './distribution.js';

/**
 * CloudFormation's default when `OriginSSLProtocols` is omitted (the resource schema's default).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-customoriginconfig.html
 */
const CFN_DEFAULT_PROTOCOLS = ['TLSv1', 'SSLv3'];

/**
 * Compliant: no custom origin that CloudFront may reach over HTTPS allows a deprecated protocol in
 * `OriginSSLProtocols` (default: SSLv3, TLSv1 and TLSv1.1; Security Hub CloudFront.10 checks SSLv3
 * only). Origins reached over HTTP only are left to cloudfront-distribution-origin-https-required.
 */
export default defineRule({
  id: 'cloudfront-distribution-origin-tls-current',
  title: 'CloudFront uses only current TLS versions with its custom origins',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    'SSLv3 is broken (POODLE), and TLS 1.0 and 1.1 were deprecated by RFC 8996 in 2021. If the list of protocols CloudFront may use with an origin still holds them, a downgraded or misconfigured origin is spoken to with them and the encryption between edge and origin is weaker than it looks. CloudFormation fills in TLSv1 and SSLv3 when the list is omitted.',
  remediation: {
    text: 'Set OriginSSLProtocols to TLSv1.2 only, after checking that the origin supports it (every current load balancer and web server does).',
    cloudformation:
      'CustomOriginConfig:\n  OriginProtocolPolicy: https-only\n  OriginSSLProtocols: [TLSv1.2]',
    terraform:
      'custom_origin_config {\n  origin_protocol_policy = "https-only"\n  origin_ssl_protocols   = ["TLSv1.2"]\n  http_port              = 80\n  https_port             = 443\n}',
  },
  controls: ['aws-fsbp:CloudFront.10'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
    'https://www.rfc-editor.org/rfc/rfc8996',
  ],
  params: z.object({
    deprecatedProtocols: z
      .array(z.enum(['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2']))
      .default(['SSLv3', 'TLSv1', 'TLSv1.1'])
      .describe('Origin protocols not to allow; ["SSLv3"] matches Security Hub CloudFront.10 exactly.'),
  }),
  evaluate(distribution, ctx) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const origins = originsOf(distribution);
    if (!origins.known) return error(`${who}: ${origins.reason}.`);
    const problems: string[] = [];
    const unknown: string[] = [];
    const checked: string[] = [];
    for (const origin of origins.value) {
      if (origin.kind !== 'custom') continue;
      const config = (origin.raw.CustomOriginConfig ?? {}) as Record<string, unknown>;
      const policy = known(
        config.OriginProtocolPolicy,
        `${origin.path}.CustomOriginConfig.OriginProtocolPolicy`,
      );
      if (!policy.known) {
        unknown.push(policy.reason);
        continue;
      }
      if (policy.value === 'http-only') continue;
      const protocols = known(
        config.OriginSSLProtocols,
        `${origin.path}.CustomOriginConfig.OriginSSLProtocols`,
      );
      if (!protocols.known) {
        unknown.push(protocols.reason);
        continue;
      }
      const list =
        protocols.value === undefined
          ? CFN_DEFAULT_PROTOCOLS
          : Array.isArray(protocols.value)
            ? protocols.value
            : [];
      const bad = list.filter(
        (p): p is string => typeof p === 'string' && (ctx.params.deprecatedProtocols as string[]).includes(p),
      );
      checked.push(origin.label);
      if (bad.length > 0) {
        const stated =
          protocols.value === undefined
            ? ' (CloudFormation default, as OriginSSLProtocols is not stated)'
            : '';
        problems.push(`origin ${origin.label} allows ${bad.join(', ')}${stated}`);
      }
    }
    if (problems.length > 0)
      return fail(`${who} may use deprecated protocols with its origins: ${problems.join('; ')}.`);
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    if (checked.length === 0) return notApplicable(() => `${who} reaches no custom origin over HTTPS.`);
    return pass(() => `${who} allows only current TLS versions with origin(s) ${checked.join(', ')}.`);
  },
});
