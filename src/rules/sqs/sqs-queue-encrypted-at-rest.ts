import { isUnresolved } from '../../model/index.js';
import { expressionTarget } from '../cloudwatch/references.js';
import { asBoolean, defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

const QUEUE = 'AWS::SQS::Queue';
/** Sources that describe a queue to be created (SSE-SQS is the default for new queues). */
const PLANNED = new Set(['cloudformation', 'terraform']);

/**
 * Compliant: the queue encrypts messages at rest, with a KMS key (`KmsMasterKeyId`, SSE-KMS) or
 * with SQS-owned keys (`SqsManagedSseEnabled`, SSE-SQS). A queue a template creates without
 * either gets SSE-SQS, the default for new queues; `SqsManagedSseEnabled: false` without a key,
 * or a live queue reporting neither, is unencrypted.
 */
export default defineRule({
  id: 'sqs-queue-encrypted-at-rest',
  title: 'SQS queue encrypts messages at rest',
  category: 'security',
  severity: 'medium',
  resourceTypes: [QUEUE],
  rationale:
    'Messages wait in the queue for up to 14 days, including those in dead-letter queues that nobody reads: orders, events, sometimes personal data. Server-side encryption protects that stored copy; SSE-KMS also puts reading it under a key policy and in CloudTrail.',
  remediation: {
    text: 'Turn on SSE-SQS, or SSE-KMS with a customer managed key when producers or consumers in other accounts must be controlled by a key policy.',
    cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes SqsManagedSseEnabled=true',
    cloudformation: 'SqsManagedSseEnabled: true\n# or\nKmsMasterKeyId: !Ref QueueKey',
    terraform: 'resource "aws_sqs_queue" "this" {\n  # ...\n  sqs_managed_sse_enabled = true\n}',
  },
  controls: ['aws-fsbp:SQS.1'],
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
  ],
  evaluate(queue, { graph }) {
    const who = `SQS queue ${label(queue)}`;
    const key = queue.props.KmsMasterKeyId;
    if (typeof key === 'string' && key !== '')
      return pass(() => `${who} is encrypted with KMS key ${key} (SSE-KMS).`);
    const managed = queue.props.SqsManagedSseEnabled;
    if (isUnresolved(managed))
      return error(`${who}: ${describeUnresolved('SqsManagedSseEnabled', managed)}.`);
    if (isUnresolved(key)) {
      const target = expressionTarget(key.expression);
      const found = target === undefined ? undefined : graph.get(target, 'AWS::KMS::Key', queue);
      if (found) return pass(() => `${who} is encrypted with KMS key ${label(found)} (SSE-KMS).`);
      return error(`${who}: ${describeUnresolved('KmsMasterKeyId', key)}.`);
    }
    const sse = asBoolean(managed);
    if (sse === true) return pass(() => `${who} is encrypted with SQS-owned keys (SSE-SQS).`);
    if (sse === false)
      return fail(`${who} has SSE-SQS turned off and no KMS key, so its messages are stored unencrypted.`);
    if (PLANNED.has(queue.origin.source))
      return pass(() => `${who} gets SSE-SQS, the default for new queues.`);
    return fail(`${who} reports neither SSE-SQS nor a KMS key, so its messages are stored unencrypted.`);
  },
});
