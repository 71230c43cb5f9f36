import { defineRule, error, fail, isPlanned, pass } from '../rule.js';
import { flag, text } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/**
 * Compliant: the cluster and its snapshots are encrypted at rest. A template or plan that omits
 * Encrypted creates an encrypted cluster (Redshift encrypts new clusters by default); a cluster
 * restored from a snapshot inherits the snapshot's encryption, which is not known (error).
 */
export default defineRule({
  id: 'redshift-cluster-encrypted',
  title: 'Redshift cluster is encrypted at rest',
  category: 'security',
  severity: 'high',
  resourceTypes: [CLUSTER],
  rationale:
    'Encryption at rest protects the data blocks, system metadata and snapshots of the warehouse with a KMS key, so disks, snapshots and their copies are useless without access to the key. Redshift now encrypts new clusters by default, but older clusters, and clusters created with encryption turned off, hold their data in the clear.',
  remediation: {
    text: 'Modify the cluster to use KMS encryption (Redshift migrates the data to an encrypted cluster; plan for the time it takes), preferably with a customer managed key.',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --encrypted --kms-key-id <kms-key>',
    cloudformation: 'Encrypted: true\nKmsKeyId: !Ref WarehouseKey',
    terraform:
      'resource "aws_redshift_cluster" "this" {\n  # ...\n  encrypted  = true\n  kms_key_id = aws_kms_key.warehouse.arn\n}',
  },
  controls: ['aws-fsbp:Redshift.10', 'pci-dss-v4.0:3.5.1'],
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/changing-cluster-encryption.html',
  ],
  evaluate(cluster) {
    const who = describeCluster(cluster);
    const on = flag(cluster.props, 'Encrypted', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    if (!on.defaulted)
      return on.value ? pass(() => `${who} is encrypted at rest.`) : fail(`${who} is not encrypted at rest.`);
    const snapshot = text(cluster.props, 'SnapshotIdentifier');
    if (!snapshot.known) return error(`${who}: ${snapshot.reason}.`);
    if (snapshot.value !== undefined) {
      return error(
        `${who} is restored from snapshot ${snapshot.value} and inherits its encryption, which is not known.`,
      );
    }
    if (isPlanned(cluster)) {
      return pass(
        () =>
          `${who} does not set Encrypted, so Redshift creates it encrypted (the default for new clusters).`,
      );
    }
    return error(`${who} does not say whether it is encrypted.`);
  },
});
