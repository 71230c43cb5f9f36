import { defineRule, error, fail, label, notApplicable, pass, prop } from '../rule.js';
import { BUCKET_TYPE, resolveTarget, describeBucket } from './refs.js';
import { enabledReplicationRules } from './replication.js';

function versioningState(status: unknown): string {
  return status === 'Suspended' ? 'has versioning suspended' : 'has never had versioning enabled';
}

/**
 * Compliant: a bucket that replicates has versioning enabled, and so does every destination bucket
 * of its enabled replication rules. A destination not in the snapshot (another account, another
 * stack) cannot be checked and gives an error.
 */
export default defineRule({
  id: 's3-bucket-replication-destination-versioned',
  title: 'S3 replication source and destination buckets have versioning enabled',
  category: 'dr',
  severity: 'high',
  resourceTypes: [BUCKET_TYPE],
  rationale:
    'S3 replicates object versions, so it requires versioning on the source and on every destination. If a destination has versioning suspended (by someone tidying up costs, or re-created without it), replication of new objects fails with DstBucketUnversioned while the source looks fine: the disaster-recovery copy silently stops being one.',
  remediation: {
    text: 'Enable versioning on the source and on each destination bucket, then check the replication metrics (or S3 Batch Replication) for objects that failed while it was off.',
    cli: 'aws s3api put-bucket-versioning --bucket <destination-bucket> --versioning-configuration Status=Enabled',
    cloudformation: 'VersioningConfiguration:\n  Status: Enabled',
    terraform:
      'resource "aws_s3_bucket_versioning" "replica" {\n  bucket = aws_s3_bucket.replica.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-failure-codes.html',
  ],
  evaluate(bucket, ctx) {
    const rules = enabledReplicationRules(bucket);
    if (!rules.known) return error(`${describeBucket(bucket)}: ${rules.reason}.`);
    if (rules.value === undefined)
      return notApplicable(() => `${describeBucket(bucket)} has no replication configuration.`);
    if (rules.value.length === 0)
      return notApplicable(() => `${describeBucket(bucket)} has no enabled replication rule.`);

    const problems: string[] = [];
    const unknown: string[] = [];
    const source = prop(bucket.props, 'VersioningConfiguration.Status');
    if (!source.known) unknown.push(source.reason);
    else if (source.value !== 'Enabled') {
      problems.push(`the source ${versioningState(source.value)}`);
    }
    const destinations: string[] = [];
    for (const rule of rules.value) {
      const where = `${rule.path}.Destination.Bucket`;
      const target = resolveTarget(
        (rule.raw.Destination as Record<string, unknown> | undefined)?.Bucket,
        BUCKET_TYPE,
        ctx.graph,
        bucket,
        where,
      );
      if ('unknown' in target) unknown.push(target.unknown);
      else if ('missing' in target) {
        unknown.push(
          `destination ${target.missing} of rule ${rule.label} is not in the snapshot, so its versioning cannot be checked`,
        );
      } else {
        const dest = target.found;
        const status = prop(dest.props, 'VersioningConfiguration.Status');
        if (!status.known) unknown.push(`destination ${label(dest)}: ${status.reason}`);
        else if (status.value !== 'Enabled') {
          problems.push(`destination ${label(dest)} (rule ${rule.label}) ${versioningState(status.value)}`);
        } else destinations.push(label(dest));
      }
    }
    if (problems.length > 0) {
      return fail(
        `${describeBucket(bucket)} replicates, but ${problems.join(', and ')}, so replication fails.`,
      );
    }
    if (unknown.length > 0) return error(`${describeBucket(bucket)}: ${unknown.join('; ')}.`);
    return pass(
      () =>
        `${describeBucket(bucket)} and its replication destination${destinations.length > 1 ? 's' : ''} ${destinations.join(', ')} have versioning enabled.`,
    );
  },
});
