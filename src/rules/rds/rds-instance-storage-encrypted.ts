import { defineRule, error, fail, label, pass } from '../rule.js';
import { clusterOwns, DB_INSTANCE, describeDb, replicaSource } from './instance.js';
import { flag, text } from './values.js';

/**
 * Compliant: the DB instance's storage, automated backups, replicas and snapshots are encrypted
 * with KMS (StorageEncrypted true, set or inherited from the source instance or snapshot).
 * Members of a DB cluster are not applicable (the cluster sets encryption).
 */
export default defineRule({
  id: 'rds-instance-storage-encrypted',
  title: 'RDS DB instance storage is encrypted at rest',
  category: 'security',
  severity: 'high',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'Encryption at rest protects the data files, automated backups, read replicas and snapshots of the database with a KMS key, so storage media, a shared snapshot or a copied backup does not expose the data without access to the key. It can only be chosen when the instance is created: an unencrypted database has to be migrated through an encrypted snapshot copy.',
  remediation: {
    text: 'Take a snapshot, copy it with encryption (a KMS key), restore a new instance from the encrypted copy and switch the application to it. New instances: set StorageEncrypted to true.',
    cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier <snapshot> --target-db-snapshot-identifier <snapshot>-encrypted --kms-key-id <kms-key>\naws rds restore-db-instance-from-db-snapshot --db-instance-identifier <new-db> --db-snapshot-identifier <snapshot>-encrypted',
    cloudformation: 'StorageEncrypted: true\nKmsKeyId: !Ref DatabaseKey',
    terraform:
      'resource "aws_db_instance" "this" {\n  # ...\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.db.arn\n}',
  },
  controls: ['aws-fsbp:RDS.3', 'cis-aws-v5.0:2.2.1', 'pci-dss-v4.0:3.5.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storageencrypted',
  ],
  evaluate(db, ctx) {
    const owned = clusterOwns(db, 'storage encryption');
    if (owned) return owned;
    const who = describeDb(db);
    const setting = flag(db.props, 'StorageEncrypted', false);
    if (!setting.known) return error(`${who}: ${setting.reason}.`);
    if (!setting.defaulted) {
      return setting.value
        ? pass(() => `${who} has encrypted storage.`)
        : fail(`${who} has unencrypted storage (StorageEncrypted false).`);
    }
    // A read replica or a restore inherits encryption from its source; the template omits it.
    const source = replicaSource(db);
    if (!source.known) return error(`${who}: ${source.reason}.`);
    if (source.value !== undefined) {
      const primary = ctx.graph.resolve(source.value, DB_INSTANCE, db);
      const inherited = primary ? flag(primary.props, 'StorageEncrypted', false) : undefined;
      if (!primary || !inherited?.known) {
        return error(`${who} is a read replica of ${source.value}, whose encryption is not known.`);
      }
      return inherited.value
        ? pass(() => `${who} is a read replica of ${label(primary)} and inherits its encrypted storage.`)
        : fail(`${who} is a read replica of ${label(primary)}, whose storage is unencrypted.`);
    }
    const snapshotId = text(db.props, 'DBSnapshotIdentifier');
    if (!snapshotId.known) return error(`${who}: ${snapshotId.reason}.`);
    if (snapshotId.value !== undefined) {
      const snapshot = ctx.graph.resolve(snapshotId.value, 'AWS::RDS::DBSnapshot', db);
      const inherited = snapshot ? flag(snapshot.props, 'Encrypted', false) : undefined;
      if (!snapshot || !inherited?.known) {
        return error(`${who} is restored from snapshot ${snapshotId.value}, whose encryption is not known.`);
      }
      return inherited.value
        ? pass(() => `${who} is restored from encrypted snapshot ${label(snapshot)}.`)
        : fail(`${who} is restored from unencrypted snapshot ${label(snapshot)}.`);
    }
    return fail(`${who} has unencrypted storage (StorageEncrypted not set; RDS defaults to unencrypted).`);
  },
});
