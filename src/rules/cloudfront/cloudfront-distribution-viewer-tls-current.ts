import { z } from 'zod';
import { defineRule, error, fail, known, label, notApplicable, pass } from '../rule.js';
import { certificateOf, configOf } from './distribution.js';

/** CloudFront viewer security policies, oldest first. */
const POLICIES = [
  'SSLv3',
  'TLSv1',
  'TLSv1_2016',
  'TLSv1.1_2016',
  'TLSv1.2_2018',
  'TLSv1.2_2019',
  'TLSv1.2_2021',
  'TLSv1.2_2025',
  'TLSv1.3_2025',
] as const;

/**
 * Compliant: a distribution with a custom certificate uses a viewer security policy
 * (`MinimumProtocolVersion`) at least as recent as `minimumPolicy` (default `TLSv1.2_2021`, AWS's
 * recommended policy and Security Hub CloudFront.15's floor). On the default `*.cloudfront.net`
 * certificate the policy cannot be chosen, so those distributions are not applicable.
 */
export default defineRule({
  id: 'cloudfront-distribution-viewer-tls-current',
  title: 'CloudFront distribution uses a current TLS security policy with viewers',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    'The security policy decides the oldest protocol and weakest cipher a viewer may negotiate. Policies before TLSv1.2_2021 still accept TLS 1.0 or 1.1 or CBC ciphers that have been attacked repeatedly, and a man in the middle can try to force a connection down to them. Every supported browser speaks TLS 1.2, so raising the floor costs nothing but very old clients.',
  remediation: {
    text: 'Set MinimumProtocolVersion to TLSv1.2_2021 (or newer) on the viewer certificate, after checking the access logs for clients that still negotiate older protocols.',
    cloudformation:
      'ViewerCertificate:\n  AcmCertificateArn: !Ref Certificate\n  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021',
    terraform:
      'viewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.site.arn\n  ssl_support_method       = "sni-only"\n  minimum_protocol_version = "TLSv1.2_2021"\n}',
  },
  controls: ['aws-fsbp:CloudFront.15', 'pci-dss-v4.0:4.2.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  ],
  params: z.object({
    minimumPolicy: z
      .enum(POLICIES)
      .default('TLSv1.2_2021')
      .describe('The oldest viewer security policy accepted (CloudFront MinimumProtocolVersion).'),
  }),
  evaluate(distribution, ctx) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const cert = certificateOf(distribution);
    if (!cert.known) return error(`${who}: ${cert.reason}.`);
    if (cert.value === 'default') {
      return notApplicable(
        () => `${who} uses the default *.cloudfront.net certificate, whose security policy cannot be chosen.`,
      );
    }
    const config = configOf(distribution);
    if (!config.known) return error(`${who}: ${config.reason}.`);
    const version = known(
      (config.value.ViewerCertificate as Record<string, unknown> | undefined)?.MinimumProtocolVersion,
      'DistributionConfig.ViewerCertificate.MinimumProtocolVersion',
    );
    if (!version.known) return error(`${who}: ${version.reason}.`);
    if (version.value === undefined) {
      return fail(
        `${who} has a custom certificate but states no MinimumProtocolVersion (CloudFront requires one with a custom certificate).`,
      );
    }
    const rank = POLICIES.indexOf(version.value as (typeof POLICIES)[number]);
    if (rank < 0)
      return error(`${who} has an unrecognised MinimumProtocolVersion ${JSON.stringify(version.value)}.`);
    if (rank < POLICIES.indexOf(ctx.params.minimumPolicy)) {
      return fail(
        `${who} uses security policy ${String(version.value)}, older than ${ctx.params.minimumPolicy}.`,
      );
    }
    return pass(() => `${who} uses security policy ${String(version.value)} with viewers.`);
  },
});
