import { defineRule, error, fail, pass } from '../rule.js';
import { DB_CLUSTER, describeDb } from './instance.js';
import { flag, text } from './values.js';

/**
 * Compliant: the DB cluster's storage is encrypted (StorageEncrypted true; Aurora Serverless v1
 * clusters are always encrypted). A cluster restored from a snapshot or cloned from another
 * inherits the source's encryption, which a template cannot show: that is an error, not a pass.
 */
export default defineRule({
  id: 'rds-cluster-storage-encrypted',
  title: 'RDS DB cluster storage is encrypted at rest',
  category: 'security',
  severity: 'high',
  resourceTypes: [DB_CLUSTER],
  rationale:
    "Encrypting the cluster volume protects the data, its automated backups, snapshots and clones with a KMS key. Like an instance's, a cluster's encryption is chosen at creation: an unencrypted cluster has to be restored from an encrypted snapshot copy.",
  remediation: {
    text: 'Restore the cluster from a snapshot with a KMS key (or copy the snapshot with encryption first), then switch the application to the new cluster. New clusters: set StorageEncrypted to true.',
    cli: 'aws rds restore-db-cluster-from-snapshot --db-cluster-identifier <new-cluster> --snapshot-identifier <snapshot> --engine <engine> --kms-key-id <kms-key>',
    cloudformation: 'StorageEncrypted: true\nKmsKeyId: !Ref DatabaseKey',
    terraform:
      'resource "aws_rds_cluster" "this" {\n  # ...\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.db.arn\n}',
  },
  controls: ['aws-fsbp:RDS.27', 'pci-dss-v4.0:3.5.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-storageencrypted',
  ],
  evaluate(cluster) {
    const who = describeDb(cluster);
    const setting = flag(cluster.props, 'StorageEncrypted', false);
    // Aurora Serverless v1 always encrypts the cluster volume; encryption cannot be turned off.
    // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.html
    const mode = text(cluster.props, 'EngineMode');
    const serverlessV1 = mode.known && mode.value === 'serverless';
    if ((!setting.known || setting.defaulted) && serverlessV1) {
      return pass(() => `${who} is Aurora Serverless v1, whose storage is always encrypted.`);
    }
    if (!setting.known) return error(`${who}: ${setting.reason}.`);
    if (!setting.defaulted) {
      return setting.value
        ? pass(() => `${who} has encrypted storage.`)
        : fail(`${who} has unencrypted storage (StorageEncrypted false).`);
    }
    for (const from of ['SnapshotIdentifier', 'SourceDBClusterIdentifier']) {
      const source = text(cluster.props, from);
      if (!source.known) return error(`${who}: ${source.reason}.`);
      if (source.value !== undefined) {
        return error(
          `${who} is created from ${source.value} (${from}) and inherits its encryption, which is not known.`,
        );
      }
    }
    return fail(`${who} has unencrypted storage (StorageEncrypted not set; the default is unencrypted).`);
  },
});
