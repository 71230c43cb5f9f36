import { defineRule, error, fail, label, pass } from '../rule.js';
import { flag } from './values.js';

/** Compliant: the RDS DB snapshot is encrypted with KMS. */
export default defineRule({
  id: 'rds-snapshot-encrypted',
  title: 'RDS DB snapshot is encrypted',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBSnapshot'],
  rationale:
    'A snapshot is a full copy of the database. Unencrypted, anyone who can copy, share or restore it reads the data without any key permission; encrypted, restoring it also needs the KMS key, and sharing it needs a key policy that allows the other account.',
  remediation: {
    text: 'Copy the snapshot with a KMS key, delete the unencrypted original, and encrypt the source instance so its next snapshots are encrypted too.',
    cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier <snapshot> --target-db-snapshot-identifier <snapshot>-encrypted --kms-key-id <kms-key>\naws rds delete-db-snapshot --db-snapshot-identifier <snapshot>',
  },
  controls: ['aws-fsbp:RDS.4', 'pci-dss-v4.0:3.5.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html#USER_CopySnapshot.Encryption',
  ],
  evaluate(snapshot) {
    const who = `RDS DB snapshot ${label(snapshot)}`;
    const encrypted = flag(snapshot.props, 'Encrypted', false);
    if (!encrypted.known) return error(`${who}: ${encrypted.reason}.`);
    if (encrypted.defaulted) return error(`${who} does not say whether it is encrypted.`);
    return encrypted.value ? pass(() => `${who} is encrypted.`) : fail(`${who} is not encrypted.`);
  },
});
