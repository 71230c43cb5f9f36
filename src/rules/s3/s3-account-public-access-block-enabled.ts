import { asBoolean, defineRule, error, fail, label, pass } from '../rule.js';
import { ACCOUNT_BLOCK_TYPE, BPA_FLAGS, accountFlag } from './bucket-access.js';

/**
 * Compliant: the account-level S3 Block Public Access configuration has all four settings on. A
 * setting that is absent is off, as the s3control API reports it.
 */
export default defineRule({
  id: 's3-account-public-access-block-enabled',
  title: 'Account-level S3 Block Public Access has all four settings on',
  category: 'security',
  severity: 'high',
  resourceTypes: [ACCOUNT_BLOCK_TYPE],
  rationale:
    "The account-level settings apply to every current and future bucket in every region of the account, and S3 combines them with each bucket's own settings, most restrictive wins. With all four on, no bucket policy or ACL can make data public, whoever creates the next bucket and however it is configured. With any of them off, each bucket's protection rests on its own settings alone.",
  remediation: {
    text: 'Turn on all four settings for the account. Content that must be public (a website, public downloads) is better served through CloudFront with origin access control than from a public bucket.',
    cli: 'aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform:
      'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  controls: ['cis-aws-v5.0:2.1.4', 'aws-fsbp:S3.1', 'pci-dss-v4.0:1.4.4'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  evaluate(settings) {
    const who = `The S3 Block Public Access settings of account ${label(settings)}`;
    const off: string[] = [];
    const unknown: string[] = [];
    for (const flag of BPA_FLAGS) {
      const value = accountFlag(settings, flag);
      if (!value.known) unknown.push(value.reason);
      else if (asBoolean(value.value) !== true) off.push(flag);
    }
    if (off.length > 0) {
      return fail(
        `${who} leave ${off.join(', ')} off, so only each bucket's own settings stop a public policy or ACL.`,
      );
    }
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    return pass(() => `${who} have all four settings on, for every bucket in the account.`);
  },
});
