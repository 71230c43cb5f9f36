import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-dax-cluster-encryption-enabled.js';

describe('dynamodb-dax-cluster-encryption-enabled', () => {
  it('passes the secure setting and fails the default', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/dynamodb-dax-cluster-encryption-enabled.yaml', import.meta.url),
    );
  });
});
