import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-event-notifications-enabled.js';

describe('s3-bucket-event-notifications-enabled', () => {
  it('passes SNS, SQS, Lambda or EventBridge delivery and fails none', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-event-notifications-enabled.yaml', import.meta.url),
    );
  });
});
