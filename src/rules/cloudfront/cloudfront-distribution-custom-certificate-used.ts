import { defineRule, error, fail, label, pass } from '../rule.js';
import { certificateOf } from './distribution.js';

/**
 * Compliant: the distribution serves a custom TLS certificate (ACM or IAM), not CloudFront's default
 * `*.cloudfront.net` certificate.
 */
export default defineRule({
  id: 'cloudfront-distribution-custom-certificate-used',
  title: 'CloudFront distribution serves its own TLS certificate',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    "With the default certificate the distribution is reachable only as dxxxx.cloudfront.net: users learn to trust a random CloudFront host name (which any other customer's distribution also has), and the security policy is fixed at TLSv1, so old protocols and ciphers stay allowed. A certificate for your own domain lets viewers verify who they talk to and lets you choose a TLS 1.2+ policy.",
  remediation: {
    text: 'Request an ACM certificate in us-east-1 for the domain, add the domain as an alternate name (alias) of the distribution, and set the certificate with SNI and a TLSv1.2_2021 security policy.',
    cloudformation:
      'DistributionConfig:\n  Aliases: [www.example.com]\n  ViewerCertificate:\n    AcmCertificateArn: !Ref Certificate\n    SslSupportMethod: sni-only\n    MinimumProtocolVersion: TLSv1.2_2021',
    terraform:
      'viewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.site.arn\n  ssl_support_method       = "sni-only"\n  minimum_protocol_version = "TLSv1.2_2021"\n}',
  },
  controls: ['aws-fsbp:CloudFront.7'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-7',
  ],
  evaluate(distribution) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const cert = certificateOf(distribution);
    if (!cert.known) return error(`${who}: ${cert.reason}.`);
    if (cert.value === 'custom') return pass(() => `${who} serves a custom TLS certificate.`);
    return fail(
      `${who} serves CloudFront's default *.cloudfront.net certificate, whose security policy is fixed at TLSv1.`,
    );
  },
});
