import { defineRule, error, fail, known, label, notApplicable, pass } from '../rule.js';
import { certificateOf, configOf } from './distribution.js';

/**
 * Compliant: a distribution with a custom certificate serves HTTPS with SNI (`SslSupportMethod:
 * sni-only`), not from dedicated IP addresses (`vip`, billed monthly, or the legacy `static-ip`).
 * Distributions on the default certificate are not applicable.
 */
export default defineRule({
  id: 'cloudfront-distribution-sni-enabled',
  title: 'CloudFront distribution serves HTTPS with SNI, not dedicated IP addresses',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    'Dedicated-IP custom SSL exists for clients from before 2010 that cannot send Server Name Indication; every current browser and SDK can. It is billed at about 600 USD a month per distribution, for nothing most sites need. SNI serves the same certificate at no extra charge.',
  remediation: {
    text: 'Set SslSupportMethod to sni-only, after checking the access logs for clients that do not send SNI.',
    cloudformation:
      'ViewerCertificate:\n  AcmCertificateArn: !Ref Certificate\n  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021',
    terraform:
      'viewer_certificate {\n  acm_certificate_arn = aws_acm_certificate.site.arn\n  ssl_support_method  = "sni-only"\n}',
  },
  controls: ['aws-fsbp:CloudFront.8'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-https-dedicated-ip-or-sni.html',
    'https://aws.amazon.com/cloudfront/pricing/',
  ],
  evaluate(distribution) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const cert = certificateOf(distribution);
    if (!cert.known) return error(`${who}: ${cert.reason}.`);
    if (cert.value === 'default')
      return notApplicable(() => `${who} uses the default *.cloudfront.net certificate, served with SNI.`);
    const config = configOf(distribution);
    if (!config.known) return error(`${who}: ${config.reason}.`);
    const method = known(
      (config.value.ViewerCertificate as Record<string, unknown> | undefined)?.SslSupportMethod,
      'DistributionConfig.ViewerCertificate.SslSupportMethod',
    );
    if (!method.known) return error(`${who}: ${method.reason}.`);
    if (method.value === 'sni-only') return pass(() => `${who} serves its custom certificate with SNI.`);
    if (method.value === 'vip' || method.value === 'static-ip') {
      return fail(
        `${who} serves its custom certificate from dedicated IP addresses (${method.value}), billed monthly, where SNI would do.`,
      );
    }
    return error(`${who} has a custom certificate but states no SslSupportMethod.`);
  },
});
