import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './sqs-queue-encrypted-at-rest.js';

const QUEUE = 'AWS::SQS::Queue';

describe('sqs-queue-encrypted-at-rest', () => {
  it('accepts SSE-KMS, SSE-SQS and the default of new queues', async () => {
    await expectFixture(rule, new URL('./fixtures/sqs-queue-encrypted-at-rest.yaml', import.meta.url));
  });

  it('fails a live queue that reports no encryption', () => {
    expectResources(rule, [
      resource(QUEUE, 'FailLegacyQueue', { SqsManagedSseEnabled: false }),
      resource(QUEUE, 'FailNoAttributes', {}),
      resource(QUEUE, 'PassLiveSseSqs', { SqsManagedSseEnabled: 'true' }),
    ]);
  });
});
