import { isUnresolved } from '../../model/index.js';
import { expressionTarget } from '../cloudwatch/references.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';
import { TRAIL } from './trails.js';

/**
 * Compliant: the trail encrypts its log files with a KMS key (`KMSKeyId`, SSE-KMS). Without it
 * CloudTrail uses SSE-S3, which anyone who can read the bucket can decrypt.
 */
export default defineRule({
  id: 'cloudtrail-trail-kms-encryption-enabled',
  title: 'CloudTrail trail encrypts its logs with a KMS key',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [TRAIL],
  rationale:
    'CloudTrail logs name every principal, resource and source address of the account. With SSE-S3 (the default) read access to the bucket is enough to read them; with a customer managed KMS key a reader also needs kms:Decrypt on the key, so access to the audit trail is granted and logged separately from access to the bucket.',
  remediation: {
    text: 'Create a customer managed KMS key whose policy lets CloudTrail encrypt and your auditors decrypt, and set it on the trail.',
    cli: 'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn-or-alias>',
    cloudformation: 'KMSKeyId: !GetAtt CloudTrailKey.Arn',
    terraform: 'resource "aws_cloudtrail" "this" {\n  # ...\n  kms_key_id = aws_kms_key.cloudtrail.arn\n}',
  },
  controls: ['cis-aws-v5.0:3.5', 'aws-fsbp:CloudTrail.2'],
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  ],
  evaluate(trail, ctx) {
    const who = `CloudTrail trail ${label(trail)}`;
    const key = trail.props.KMSKeyId;
    if (isUnresolved(key)) {
      // A Ref / GetAtt to a key of the template is a key, whatever its ARN turns out to be.
      const target = expressionTarget(key.expression);
      const found = target === undefined ? undefined : ctx.graph.get(target, 'AWS::KMS::Key', trail);
      if (found) return pass(() => `${who} encrypts its logs with KMS key ${label(found)}.`);
      return error(`${who}: ${describeUnresolved('KMSKeyId', key)}.`);
    }
    if (key === undefined || key === '') {
      return fail(`${who} has no KMSKeyId, so its log files are encrypted only with SSE-S3.`);
    }
    if (typeof key !== 'string') return error(`${who} has a KMSKeyId that is not a key id, ARN or alias.`);
    return pass(() => `${who} encrypts its logs with KMS key ${key}.`);
  },
});
