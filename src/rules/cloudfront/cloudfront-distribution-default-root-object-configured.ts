import { defineRule, error, fail, known, label, notApplicable, pass } from '../rule.js';
import { configOf, originsOf } from './distribution.js';

/**
 * Compliant: a distribution with an S3 (REST endpoint) origin names a `DefaultRootObject`, the object
 * returned for a request to the root URL. Distributions with only custom origins are not applicable
 * (the origin answers the root URL itself), as in Security Hub CloudFront.1.
 */
export default defineRule({
  id: 'cloudfront-distribution-default-root-object-configured',
  title: 'CloudFront distribution with an S3 origin has a default root object',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    "Without a default root object, a request for https://example.com/ is passed to the S3 origin as a request for the bucket itself: depending on the bucket policy that returns an error page or, worse, a listing of the bucket's keys. Naming index.html (or whatever the site's entry page is) makes the root URL serve the page users expect.",
  remediation: {
    text: 'Set the distribution’s default root object to the entry page (for example index.html), without a leading slash.',
    cli: 'aws cloudfront get-distribution-config --id <id> > config.json\n# set DistributionConfig.DefaultRootObject to "index.html", then:\naws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://distribution-config.json',
    cloudformation: 'DistributionConfig:\n  DefaultRootObject: index.html',
    terraform:
      'resource "aws_cloudfront_distribution" "this" {\n  default_root_object = "index.html"\n  # ...\n}',
  },
  controls: ['aws-fsbp:CloudFront.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-1',
  ],
  evaluate(distribution) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const origins = originsOf(distribution);
    if (!origins.known) return error(`${who}: ${origins.reason}.`);
    const s3 = origins.value.filter((o) => o.kind === 's3');
    if (s3.length === 0) {
      return notApplicable(
        () => `${who} has no S3 REST origin; its origins answer requests for the root URL themselves.`,
      );
    }
    const config = configOf(distribution);
    if (!config.known) return error(`${who}: ${config.reason}.`);
    const root = known(config.value.DefaultRootObject, 'DistributionConfig.DefaultRootObject');
    if (!root.known) return error(`${who}: ${root.reason}.`);
    if (typeof root.value === 'string' && root.value !== '') {
      return pass(() => `${who} serves ${root.value} for requests to its root URL.`);
    }
    return fail(
      `${who} has S3 origin ${s3.map((o) => o.label).join(', ')} but no default root object, so a request for the root URL goes to the bucket itself.`,
    );
  },
});
