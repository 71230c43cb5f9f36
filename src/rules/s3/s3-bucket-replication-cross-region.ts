import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { BUCKET_TYPE, resolveTarget, sameRegion, describeBucket } from './refs.js';
import { enabledReplicationRules } from './replication.js';
import { inScope, outOfScope, scopeParams } from './scope.js';

/**
 * Compliant: a bucket that must have a copy in another region replicates, through an enabled rule,
 * to a bucket in a different region. Which buckets need one is read from a tag (default
 * `dr-requirement` = `cross-region`) or bucket-name patterns; `allBuckets` applies the rule to
 * every bucket, as Security Hub S3.7 does. Two buckets of one CloudFormation template are in the same
 * region; Terraform buckets are compared by their providers' regions.
 */
export default defineRule({
  id: 's3-bucket-replication-cross-region',
  title: 'S3 bucket that needs a copy in another region replicates to another region',
  category: 'dr',
  severity: 'high',
  resourceTypes: [BUCKET_TYPE],
  rationale:
    'A regional outage, or a compliance rule that demands geographic separation, is survived only by a copy in another region. Same-region replication (to another bucket or account) guards against deletion but not against losing the region, and it is easy to configure by mistake: the destination bucket name looks the same whichever region it was created in.',
  remediation: {
    text: 'Create a versioned destination bucket in the DR region and add a replication rule to it (with delete-marker replication and, for SSE-KMS objects, a replica key in that region); replicate existing objects with S3 Batch Replication.',
    cli: 'aws s3api put-bucket-replication --bucket <bucket> --replication-configuration file://replication.json',
    cloudformation:
      'ReplicationConfiguration:\n  Role: !GetAtt ReplicationRole.Arn\n  Rules:\n    - Id: to-dr-region\n      Status: Enabled\n      Priority: 1\n      Filter: { Prefix: "" }\n      DeleteMarkerReplication: { Status: Enabled }\n      Destination:\n        Bucket: arn:aws:s3:::my-bucket-dr-ap-southeast-1',
    terraform:
      'resource "aws_s3_bucket_replication_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  role   = aws_iam_role.replication.arn\n  rule {\n    id     = "to-dr-region"\n    status = "Enabled"\n    filter {}\n    delete_marker_replication {\n      status = "Enabled"\n    }\n    destination {\n      bucket = aws_s3_bucket.dr.arn\n    }\n  }\n}',
  },
  controls: ['aws-fsbp:S3.7'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-7',
  ],
  params: z.object(
    scopeParams(['cross-region'], 'a bucket as needing a copy in another region', 'dr-requirement'),
  ),
  evaluate(bucket, ctx) {
    const scope = inScope(bucket, ctx.params);
    if (!scope.known) return error(`${describeBucket(bucket)}: ${scope.reason}.`);
    if (scope.value === undefined) {
      return notApplicable(
        () =>
          `${describeBucket(bucket)} is not marked as needing a cross-region copy: ${outOfScope(ctx.params)}.`,
      );
    }
    const rules = enabledReplicationRules(bucket);
    if (!rules.known) return error(`${describeBucket(bucket)}: ${rules.reason}.`);
    if (!rules.value || rules.value.length === 0) {
      return fail(
        `${describeBucket(bucket)} needs a copy in another region (${scope.value}) but has no enabled replication rule.`,
      );
    }
    const same: string[] = [];
    const unknown: string[] = [];
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
          `destination ${target.missing} of rule ${rule.label} is not in the snapshot, so its region is not known`,
        );
      } else {
        const dest = target.found;
        const same_ = sameRegion(bucket, dest);
        if (same_ === false) {
          return pass(
            () =>
              `${describeBucket(bucket)} replicates to ${label(dest)} in ${dest.region}, another region than its own (${bucket.region}).`,
          );
        }
        if (same_ === true)
          same.push(
            `${label(dest)}${dest.region === 'unknown' ? ' (same template, so same region)' : ` in ${dest.region}`}`,
          );
        else unknown.push(`the region of ${label(dest)} or of the bucket is not known`);
      }
    }
    if (unknown.length > 0) return error(`${describeBucket(bucket)}: ${unknown.join('; ')}.`);
    return fail(
      `${describeBucket(bucket)} needs a copy in another region (${scope.value}) but replicates only within its own region: to ${same.join(', ')}.`,
    );
  },
});
