import { isUnresolved } from '../../model/index.js';
import { expressionTarget } from '../cloudwatch/references.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

const TOPIC = 'AWS::SNS::Topic';

/**
 * Compliant: the topic has server-side encryption with a KMS key (`KmsMasterKeyId`: the AWS
 * managed alias/aws/sns or a customer managed key). SNS does not encrypt topics by default.
 */
export default defineRule({
  id: 'sns-topic-encrypted-at-rest',
  title: 'SNS topic encrypts messages at rest with KMS',
  category: 'security',
  severity: 'medium',
  resourceTypes: [TOPIC],
  rationale:
    'SNS stores each message until every subscription has it, on disks AWS manages. Without server-side encryption that copy is not protected by a key you can control or audit; alarm texts, S3 event notifications about sensitive documents and application events often carry names, identifiers and more.',
  remediation: {
    text: 'Set a KMS key on the topic (a customer managed key if subscribers in other accounts or services must decrypt under your policy); grant publishers such as CloudWatch and S3 kms:GenerateDataKey and kms:Decrypt on it.',
    cli: 'aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns',
    cloudformation: 'KmsMasterKeyId: !Ref TopicKey  # or alias/aws/sns',
    terraform: 'resource "aws_sns_topic" "this" {\n  # ...\n  kms_master_key_id = aws_kms_key.topics.arn\n}',
  },
  controls: ['aws-fsbp:SNS.1'],
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
  evaluate(topic, ctx) {
    const who = `SNS topic ${label(topic)}`;
    const key = topic.props.KmsMasterKeyId;
    if (isUnresolved(key)) {
      const target = expressionTarget(key.expression);
      const found =
        target === undefined
          ? undefined
          : (ctx.graph.get(target, 'AWS::KMS::Key', topic) ??
            ctx.graph.get(target, 'AWS::KMS::Alias', topic));
      if (found) return pass(() => `${who} is encrypted with KMS key ${label(found)}.`);
      return error(`${who}: ${describeUnresolved('KmsMasterKeyId', key)}.`);
    }
    if (typeof key === 'string' && key !== '') {
      const managed = /alias\/aws\/sns$/.test(key) ? ' (the AWS managed key)' : '';
      return pass(() => `${who} is encrypted with KMS key ${key}${managed}.`);
    }
    return fail(`${who} has no server-side encryption (no KmsMasterKeyId).`);
  },
});
