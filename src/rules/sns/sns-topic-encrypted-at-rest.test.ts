import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './sns-topic-encrypted-at-rest.js';

describe('sns-topic-encrypted-at-rest', () => {
  it('requires a KMS key on the topic', async () => {
    await expectFixture(rule, new URL('./fixtures/sns-topic-encrypted-at-rest.yaml', import.meta.url));
  });
});
