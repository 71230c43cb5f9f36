import type { AnyRule } from '../rule.js';
import distributionAccessLoggingEnabled from './cloudfront-distribution-access-logging-enabled.js';
import distributionCustomCertificateUsed from './cloudfront-distribution-custom-certificate-used.js';
import distributionDefaultRootObjectConfigured from './cloudfront-distribution-default-root-object-configured.js';
import distributionOriginFailoverConfigured from './cloudfront-distribution-origin-failover-configured.js';
import distributionOriginHttpsRequired from './cloudfront-distribution-origin-https-required.js';
import distributionOriginTlsCurrent from './cloudfront-distribution-origin-tls-current.js';
import distributionS3OriginAccessControl from './cloudfront-distribution-s3-origin-access-control.js';
import distributionSniEnabled from './cloudfront-distribution-sni-enabled.js';
import distributionViewerHttpsRequired from './cloudfront-distribution-viewer-https-required.js';
import distributionViewerTlsCurrent from './cloudfront-distribution-viewer-tls-current.js';
import distributionWafEnabled from './cloudfront-distribution-waf-enabled.js';

/** The CloudFront rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const cloudfrontRules: readonly AnyRule[] = [
  distributionAccessLoggingEnabled,
  distributionCustomCertificateUsed,
  distributionDefaultRootObjectConfigured,
  distributionOriginFailoverConfigured,
  distributionOriginHttpsRequired,
  distributionOriginTlsCurrent,
  distributionS3OriginAccessControl,
  distributionSniEnabled,
  distributionViewerHttpsRequired,
  distributionViewerTlsCurrent,
  distributionWafEnabled,
];
