import { isUnresolved, type Resource } from '../../model/index.js';
import {
  asBoolean,
  defineRule,
  describeUnresolved,
  error,
  fail,
  isPlanned,
  label,
  notApplicable,
  pass,
} from '../rule.js';
import { encryptionByDefault } from './ebs-encryption.js';

/** How reasons name the volume: `EBS volume <id>`. */
function who(volume: Resource): string {
  return `EBS volume ${label(volume)}`;
}

/**
 * Compliant: the EBS volume is encrypted: `Encrypted: true`, or, for a volume a template is yet to
 * create without `Encrypted`, the account and region have EBS encryption by default on. Deleted
 * volumes are not applicable.
 */
export default defineRule({
  id: 'ec2-volume-encrypted',
  title: 'EBS volume is encrypted at rest',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::Volume'],
  rationale:
    'An unencrypted volume stores its data, and every snapshot taken from it, in clear text: a snapshot shared or made public by mistake, or copied to another account, exposes everything on it. EBS encryption uses KMS keys at no performance cost and also encrypts the data in transit between the instance and the volume and every snapshot. An existing volume cannot be encrypted in place; it is replaced from an encrypted snapshot copy.',
  remediation: {
    text: 'Create an encrypted copy of a snapshot of the volume, create a new volume from it and swap it in; turn on EBS encryption by default so new volumes are encrypted.',
    cli: 'aws ec2 create-snapshot --volume-id <volume-id>\naws ec2 copy-snapshot --source-snapshot-id <snap-id> --source-region <region> --encrypted --kms-key-id <key-id>\naws ec2 enable-ebs-encryption-by-default',
    cloudformation:
      'Volume:\n  Type: AWS::EC2::Volume\n  Properties:\n    Encrypted: true\n    KmsKeyId: !Ref DataKey',
    terraform:
      'resource "aws_ebs_volume" "this" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.data.arn\n}',
  },
  controls: ['aws-fsbp:EC2.3', 'pci-dss-v4.0:3.5.1'],
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3',
  ],
  evaluate(volume, ctx) {
    if (volume.observed?.State === 'deleted') return notApplicable(() => `${who(volume)} is deleted.`);
    const raw = volume.props.Encrypted;
    if (isUnresolved(raw)) return error(`${who(volume)}: ${describeUnresolved('Encrypted', raw)}.`);
    const encrypted = raw === undefined ? undefined : asBoolean(raw);
    if (raw !== undefined && encrypted === undefined)
      return error(`${who(volume)} has Encrypted ${JSON.stringify(raw)}, which is not a boolean.`);
    if (encrypted)
      return pass(
        () =>
          `${who(volume)} is encrypted${typeof volume.props.KmsKeyId === 'string' ? ` with ${volume.props.KmsKeyId}` : ''}.`,
      );
    if (encrypted === false || !isPlanned(volume)) return fail(`${who(volume)} is not encrypted.`);
    // A volume still to be created without `Encrypted` follows the region's encryption-by-default setting.
    const byDefault = encryptionByDefault(volume, ctx.graph);
    if (byDefault.enabled)
      return pass(
        () =>
          `${who(volume)} sets no Encrypted but EBS encryption by default is on in its account and region.`,
      );
    return fail(
      `${who(volume)} sets no Encrypted, so it is created unencrypted unless EBS encryption by default is on in the account and region${byDefault.setting ? ' (it is off)' : ''}.`,
    );
  },
});
