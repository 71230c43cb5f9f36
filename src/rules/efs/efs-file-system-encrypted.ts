import { defineRule, error, fail, label, pass } from '../rule.js';
import { flag } from '../rds/values.js';

/** Compliant: the EFS file system encrypts data at rest with KMS (Encrypted true). */
export default defineRule({
  id: 'efs-file-system-encrypted',
  title: 'EFS file system is encrypted at rest',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::EFS::FileSystem'],
  rationale:
    'Encryption at rest protects file data and metadata with a KMS key, so the storage and any backup or replica of it are unreadable without access to the key. It can only be chosen when the file system is created: an unencrypted file system has to be copied (AWS DataSync, or a restore of its backup) into a new encrypted one. The API and CloudFormation create unencrypted file systems unless told otherwise.',
  remediation: {
    text: 'Create an encrypted file system (optionally with a customer managed key), copy the data with AWS DataSync or restore a backup into it, move the mount targets and clients, then delete the old one.',
    cli: 'aws efs create-file-system --encrypted --kms-key-id <kms-key> --performance-mode generalPurpose --tags Key=Name,Value=<name>',
    cloudformation: 'Encrypted: true\nKmsKeyId: !Ref FileSystemKey',
    terraform:
      'resource "aws_efs_file_system" "this" {\n  # ...\n  encrypted  = true\n  kms_key_id = aws_kms_key.efs.arn\n}',
  },
  controls: ['aws-fsbp:EFS.1', 'cis-aws-v5.0:2.3.1', 'pci-dss-v4.0:3.5.1'],
  references: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
  evaluate(fs) {
    const who = `EFS file system ${label(fs)}`;
    const on = flag(fs.props, 'Encrypted', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} is encrypted at rest.`)
      : fail(
          `${who} is not encrypted at rest${on.defaulted ? ' (Encrypted not set; the default is unencrypted)' : ''}.`,
        );
  },
});
