import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, notApplicable, pass, prop, type GraphView } from '../rule.js';
import { BUCKET_TYPE, resolveTarget, describeBucket } from './refs.js';

/**
 * The buckets that receive other buckets' server access logs, per graph (built once per run: a
 * lookup per bucket would scan every bucket again).
 */
const logTargets = new WeakMap<GraphView, ReadonlySet<Resource>>();

function logTargetsOf(graph: GraphView): ReadonlySet<Resource> {
  let targets = logTargets.get(graph);
  if (!targets) {
    const found = new Set<Resource>();
    for (const source of graph.byType(BUCKET_TYPE)) {
      const dest = prop(source.props, 'LoggingConfiguration.DestinationBucketName');
      if (!dest.known || dest.value === undefined) continue;
      const target = resolveTarget(dest.value, BUCKET_TYPE, graph, source, 'DestinationBucketName');
      if ('found' in target && target.found !== source) found.add(target.found);
    }
    targets = found;
    logTargets.set(graph, targets);
  }
  return targets;
}

/**
 * Compliant: the bucket has server access logging configured. A bucket that itself receives other
 * buckets' access logs is not applicable: logging it would log the log deliveries (Security Hub
 * advises suppressing S3.9 for it); where its logs go is checked by
 * s3-bucket-access-log-target-differs.
 */
export default defineRule({
  id: 's3-bucket-access-logging-enabled',
  title: 'S3 bucket has server access logging enabled',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [BUCKET_TYPE],
  rationale:
    'Server access logs record every request to the bucket: who read or deleted which object, from which address, with which result. Audits ask for them, and after an incident they are often the only record of what left the bucket (CloudTrail records object-level calls only when data events are bought). Logging cannot be turned on after the fact for requests already made.',
  remediation: {
    text: 'Turn on server access logging to a dedicated log bucket in the same account and region, with a prefix per source bucket, and a lifecycle rule on the log bucket.',
    cli: 'aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}\'',
    cloudformation:
      'LoggingConfiguration:\n  DestinationBucketName: !Ref AccessLogBucket\n  LogFilePrefix: my-bucket/',
    terraform:
      'resource "aws_s3_bucket_logging" "this" {\n  bucket        = aws_s3_bucket.this.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "my-bucket/"\n}',
  },
  controls: ['aws-fsbp:S3.9', 'pci-dss-v4.0:10.2.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9',
  ],
  evaluate(bucket, ctx) {
    const logging = prop(bucket.props, 'LoggingConfiguration');
    if (!logging.known) return error(`${describeBucket(bucket)}: ${logging.reason}.`);
    if (logging.value !== undefined) {
      const dest = prop(bucket.props, 'LoggingConfiguration.DestinationBucketName');
      const where =
        dest.known && typeof dest.value === 'string'
          ? `, delivering to ${dest.value}`
          : dest.known && dest.value === undefined
            ? ' (to itself, which s3-bucket-access-log-target-differs reports)'
            : '';
      return pass(() => `${describeBucket(bucket)} has server access logging enabled${where}.`);
    }
    if (logTargetsOf(ctx.graph).has(bucket)) {
      return notApplicable(
        () =>
          `${describeBucket(bucket)} receives other buckets' server access logs; logging it too would only log the log deliveries.`,
      );
    }
    return fail(
      `${describeBucket(bucket)} has no server access logging, so requests to it leave no record in S3.`,
    );
  },
});
