import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-dax-cluster-tls-enabled.js';

describe('dynamodb-dax-cluster-tls-enabled', () => {
  it('passes the secure setting and fails the default', async () => {
    await expectFixture(rule, new URL('./fixtures/dynamodb-dax-cluster-tls-enabled.yaml', import.meta.url));
  });
});
