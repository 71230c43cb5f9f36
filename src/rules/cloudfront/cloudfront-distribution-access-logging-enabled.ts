import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass, prop, type GraphView } from '../rule.js';
import { BUCKET_TYPE, referencedIds, resolveTarget } from '../s3/refs.js';

const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';

/** A CloudWatch Logs delivery source for the distribution's access logs (standard logging v2). */
function deliverySourceOf(distribution: Resource, graph: GraphView): Resource | undefined {
  return graph.byType(DELIVERY_SOURCE).find((source) => {
    const arn = source.props.ResourceArn;
    const logType = source.props.LogType;
    if (typeof logType === 'string' && logType !== 'ACCESS_LOGS') return false;
    // A Terraform state names the distribution by its address once its ARN is linked.
    if (typeof arn === 'string')
      return (
        arn === distribution.arn ||
        arn === distribution.id ||
        arn.endsWith(`:distribution/${distribution.id}`)
      );
    return isUnresolved(arn) && referencedIds(arn.expression).includes(distribution.id);
  });
}

/**
 * Compliant: the distribution writes access logs: standard logging to an S3 bucket
 * (`DistributionConfig.Logging.Bucket`), or standard logging v2 through a CloudWatch Logs delivery
 * source for it in the snapshot (`AWS::Logs::DeliverySource` with `LogType: ACCESS_LOGS`).
 */
export default defineRule({
  id: 'cloudfront-distribution-access-logging-enabled',
  title: 'CloudFront distribution writes access logs',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  rationale:
    "CloudFront access logs are the only record of who requested what at the edge: the client address, the URL, the response and whether it came from the cache. Without them a scraping run, a credential-stuffing attack or a leak of a signed URL cannot be traced, and the origin's own logs show only CloudFront's addresses.",
  remediation: {
    text: 'Turn on standard logging to an S3 bucket that allows ACLs for the log delivery (or standard logging v2 to S3, CloudWatch Logs or Firehose), with a lifecycle rule on the destination.',
    cloudformation:
      'DistributionConfig:\n  Logging:\n    Bucket: !GetAtt LogBucket.DomainName\n    Prefix: cloudfront/site/\n    IncludeCookies: false',
    terraform:
      'logging_config {\n  bucket          = aws_s3_bucket.logs.bucket_domain_name\n  prefix          = "cloudfront/site/"\n  include_cookies = false\n}',
  },
  controls: ['aws-fsbp:CloudFront.5', 'pci-dss-v4.0:10.2.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html',
  ],
  evaluate(distribution, ctx) {
    const who = `CloudFront distribution ${label(distribution)}`;
    const bucket = prop(distribution.props, 'DistributionConfig.Logging.Bucket');
    if (
      typeof bucket.known === 'boolean' &&
      bucket.known &&
      typeof bucket.value === 'string' &&
      bucket.value !== ''
    ) {
      return pass(() => `${who} writes standard access logs to ${bucket.value}.`);
    }
    if (!bucket.known) {
      // `!GetAtt LogBucket.DomainName` or `!Sub ${LogBucket}.s3.amazonaws.com`: the domain is
      // known only after deploy, the bucket is known now.
      const target = resolveTarget(
        bucket.unresolved,
        BUCKET_TYPE,
        ctx.graph,
        distribution,
        'DistributionConfig.Logging.Bucket',
      );
      if ('found' in target)
        return pass(() => `${who} writes standard access logs to bucket ${label(target.found)}.`);
      return error(`${who}: ${describeUnresolved('DistributionConfig.Logging.Bucket', bucket.unresolved)}.`);
    }
    const source = deliverySourceOf(distribution, ctx.graph);
    if (source)
      return pass(
        () => `${who} delivers access logs through CloudWatch Logs delivery source ${label(source)}.`,
      );
    return fail(`${who} writes no access logs, so requests at the edge leave no record.`);
  },
});
