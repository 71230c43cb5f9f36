import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { unreadReason } from '../unread.js';
import { EBS_ENCRYPTION_BY_DEFAULT, encryptionByDefault } from './ebs-encryption.js';

const VPC = 'AWS::EC2::VPC';

/**
 * Compliant: EBS encryption by default is on in the account and region. The setting has no
 * CloudFormation type; the rule reports once per account and region, on the first VPC of the
 * snapshot there, and is not applicable when no resource in the snapshot carries the setting.
 */
export default defineRule({
  id: 'ec2-ebs-default-encryption-enabled',
  title: 'EBS encryption by default is enabled in the region',
  category: 'security',
  severity: 'medium',
  resourceTypes: [VPC],
  rationale:
    'With encryption by default on, every new EBS volume and snapshot copy in the region is encrypted, whatever the template, console wizard or script that creates it says, so one forgotten Encrypted flag cannot produce an unencrypted volume. It is a per-region account setting: each region in use needs it.',
  remediation: {
    text: 'Turn on EBS encryption by default in every region the account uses, optionally with a customer managed KMS key.',
    cli: 'aws ec2 enable-ebs-encryption-by-default --region <region>\naws ec2 modify-ebs-default-kms-key-id --kms-key-id <key-arn> --region <region>',
    terraform: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}',
  },
  controls: ['aws-fsbp:EC2.7', 'cis-aws-v5.0:5.1.1'],
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7',
  ],
  evaluate(vpc, ctx) {
    const place = `account ${vpc.account} region ${vpc.region}`;
    const first = ctx.graph.inAccount(VPC, vpc.account).find((v) => v.region === vpc.region);
    if (first !== vpc)
      return notApplicable(
        () => `EBS encryption by default of ${place} is reported on VPC ${first ? label(first) : '?'}.`,
      );
    const byDefault = encryptionByDefault(vpc, ctx.graph);
    if (!byDefault.setting) {
      const unread = unreadReason(ctx.graph, EBS_ENCRYPTION_BY_DEFAULT, vpc.account, vpc.region);
      if (unread) return error(`The EBS encryption-by-default setting of ${place} was not read: ${unread}.`);
      return notApplicable(
        () =>
          `The EBS encryption-by-default setting of ${place} is not in the snapshot (no ${EBS_ENCRYPTION_BY_DEFAULT} resource carries it).`,
      );
    }
    if (byDefault.enabled) return pass(() => `EBS encryption by default is on in ${place}.`);
    return fail(
      `EBS encryption by default is off in ${place}: new volumes are unencrypted unless each one asks.`,
    );
  },
});
