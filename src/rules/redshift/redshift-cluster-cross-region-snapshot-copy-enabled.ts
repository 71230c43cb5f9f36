import { UNKNOWN_REGION } from '../../model/index.js';
import { defineRule, error, fail, pass } from '../rule.js';
import { count, text } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/**
 * Compliant: the cluster copies its snapshots automatically to another region
 * (`DestinationRegion`, the CloudFormation property that enables cross-region snapshot copy).
 */
export default defineRule({
  id: 'redshift-cluster-cross-region-snapshot-copy-enabled',
  title: 'Redshift cluster copies its snapshots to another region',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [CLUSTER],
  rationale:
    'Redshift has no read replicas, and its Multi-AZ option (RA3 only) keeps both copies in one region, so neither helps when the region is lost; there is no RDS-style cross-region replica to promote. What protects a data warehouse against a regional outage is its snapshots in another region: with cross-region snapshot copy, Redshift copies every automated (and optionally manual) snapshot to the destination region, where a new cluster can be restored from recent data.',
  remediation: {
    text: 'Enable cross-region snapshot copy to the DR region (for a KMS-encrypted cluster, first create a snapshot copy grant in the destination region) and set the retention of the copies.',
    cli: 'aws redshift create-snapshot-copy-grant --snapshot-copy-grant-name <grant> --region <dr-region>\naws redshift enable-snapshot-copy --cluster-identifier <cluster> --destination-region <dr-region> --retention-period 7 --snapshot-copy-grant-name <grant>',
    cloudformation:
      'DestinationRegion: ap-southeast-1\nSnapshotCopyRetentionPeriod: 7\nSnapshotCopyGrantName: !Ref SnapshotCopyGrantName',
    terraform:
      'resource "aws_redshift_snapshot_copy" "this" {\n  cluster_identifier         = aws_redshift_cluster.this.id\n  destination_region         = "ap-southeast-1"\n  retention_period           = 7\n  snapshot_copy_grant_name   = "dr-grant"\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-snapshots-console.html#snapshot-crossregioncopy-configure',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#cross-region-snapshot-copy',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html#cfn-redshift-cluster-destinationregion',
  ],
  evaluate(cluster) {
    const who = describeCluster(cluster);
    const destination = text(cluster.props, 'DestinationRegion');
    if (!destination.known) return error(`${who}: ${destination.reason}.`);
    if (destination.value === undefined) {
      return fail(
        `${who} does not copy its snapshots to another region, so a regional outage leaves nothing to restore from.`,
      );
    }
    if (cluster.region !== UNKNOWN_REGION && destination.value === cluster.region) {
      return fail(`${who} "copies" its snapshots to its own region ${destination.value}.`);
    }
    const retention = count(cluster.props, 'SnapshotCopyRetentionPeriod', 7);
    const days = retention.known ? ` and keeps them ${retention.value} days` : '';
    return pass(() => `${who} copies its snapshots to ${destination.value}${days}.`);
  },
});
