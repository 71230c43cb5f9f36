import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass, prop, type GraphView } from '../rule.js';
import { BUCKET_TYPE, referencedIds, resolveTarget, sameRegion } from '../s3/refs.js';
import { unreadReason } from '../unread.js';

const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';
const DELIVERY = 'AWS::Logs::Delivery';

/**
 * The resource ARNs a delivery source names: CloudFormation's single `ResourceArn`, and on a live
 * account also the API's `resourceArns` list (`observed.ResourceArns`, see the collector
 * `logs/delivery-sources`).
 */
function resourceArnsOf(source: Resource): unknown[] {
  const listed = source.observed?.ResourceArns;
  return [source.props.ResourceArn, ...(Array.isArray(listed) ? listed : [])];
}

function namesDistribution(arn: unknown, distribution: Resource): boolean {
  // A Terraform state names the distribution by its address once its ARN is linked.
  if (typeof arn === 'string')
    return (
      arn === distribution.arn || arn === distribution.id || arn.endsWith(`:distribution/${distribution.id}`)
    );
  return isUnresolved(arn) && referencedIds(arn.expression).includes(distribution.id);
}

/** The CloudWatch Logs delivery sources for the distribution's access logs (standard logging v2). */
function deliverySourcesOf(distribution: Resource, graph: GraphView): Resource[] {
  return graph.filter(DELIVERY_SOURCE, (source) => {
    const logType = source.props.LogType;
    if (typeof logType === 'string' && logType !== 'ACCESS_LOGS') return false;
    // CloudWatch Logs marks a source INACTIVE once the resource it names is deleted.
    if (source.observed?.Status === 'INACTIVE') return false;
    return resourceArnsOf(source).some((arn) => namesDistribution(arn, distribution));
  });
}

/** Whether a delivery pairs the source with a destination, and if not, why that may be unknown. */
type DeliveryOf = { readonly found: Resource } | { readonly unknown: string } | { readonly none: true };

/**
 * The delivery that sends the source's logs to a destination: an `AWS::Logs::Delivery` in the
 * source's account and region whose `DeliverySourceName` is the source's name (or a reference to
 * it). A delivery source alone sends nothing: CloudWatch Logs delivers once `CreateDelivery` pairs
 * it with a delivery destination.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateDelivery.html
 */
function deliveryOf(source: Resource, graph: GraphView): DeliveryOf {
  let unknown: string | undefined;
  for (const delivery of graph.byType(DELIVERY)) {
    if (delivery.account !== source.account || sameRegion(delivery, source) === false) continue;
    const name = delivery.props.DeliverySourceName;
    if (typeof name === 'string' && name !== '' && name === source.props.Name) return { found: delivery };
    if (!isUnresolved(name) && typeof name !== 'string') continue;
    const target = resolveTarget(name, DELIVERY_SOURCE, graph, delivery, 'DeliverySourceName');
    if ('found' in target && target.found === source) return { found: delivery };
    // A source name known only at deploy (a parameter, an import) may be this source's.
    if ('unknown' in target) unknown ??= `CloudWatch Logs delivery ${label(delivery)}: ${target.unknown}`;
  }
  if (unknown) return { unknown };
  const unread = unreadReason(graph, DELIVERY, source.account, source.region);
  return unread ? { unknown: unread } : { none: true };
}

/**
 * The region whose delivery sources may hold the distribution's: CloudFront's can be created in
 * us-east-1 only, whatever the destination's region, while the distribution itself is global.
 * Outside the `aws` partition (or without an ARN) any region of the account.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html#enable-access-logging-api
 */
function deliverySourceRegion(distribution: Resource): string | undefined {
  return distribution.arn?.startsWith('arn:aws:') ? 'us-east-1' : undefined;
}

/**
 * Compliant: the distribution writes access logs: standard logging to an S3 bucket
 * (`DistributionConfig.Logging.Bucket`), or standard logging v2 through a CloudWatch Logs delivery
 * source for it in the snapshot (`AWS::Logs::DeliverySource` with `LogType: ACCESS_LOGS` naming the
 * distribution, not INACTIVE) that a delivery (`AWS::Logs::Delivery` naming the source) pairs with a
 * destination. When a live collection could not list the delivery sources (of us-east-1, where
 * CloudFront's are), or the deliveries of a source's region, the absence is an `error`.
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
    const sources = deliverySourcesOf(distribution, ctx.graph);
    let unknown: { source: Resource; reason: string } | undefined;
    for (const source of sources) {
      const delivery = deliveryOf(source, ctx.graph);
      if ('found' in delivery)
        return pass(
          () =>
            `${who} delivers access logs through CloudWatch Logs delivery source ${label(source)} and delivery ${label(delivery.found)}.`,
        );
      if ('unknown' in delivery) unknown ??= { source, reason: delivery.unknown };
    }
    if (unknown)
      return error(
        `${who} has CloudWatch Logs delivery source ${label(unknown.source)} for its access logs, and whether a delivery sends them to a destination is not known: ${unknown.reason}.`,
      );
    const [undelivered] = sources;
    if (undelivered)
      return fail(
        `${who} has CloudWatch Logs delivery source ${label(undelivered)} for its access logs, but the source has no delivery to a destination, so no access logs are written.`,
      );
    // A live collection that could not list the delivery sources may have missed this one's.
    const unread = unreadReason(
      ctx.graph,
      DELIVERY_SOURCE,
      distribution.account,
      deliverySourceRegion(distribution),
    );
    if (unread)
      return error(
        `${who} has no standard logging to S3, and whether it logs through a CloudWatch Logs delivery source is not known: ${unread}.`,
      );
    return fail(`${who} writes no access logs, so requests at the edge leave no record.`);
  },
});
