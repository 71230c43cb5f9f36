import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './opensearch-domain-node-to-node-encryption-enabled.js';

describe('opensearch-domain-node-to-node-encryption-enabled', () => {
  it('checks OpenSearch and legacy Elasticsearch domains', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/opensearch-domain-node-to-node-encryption-enabled.yaml', import.meta.url),
    );
  });
});
