import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './opensearch-domain-encrypted-at-rest.js';

describe('opensearch-domain-encrypted-at-rest', () => {
  it('checks OpenSearch and legacy Elasticsearch domains', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/opensearch-domain-encrypted-at-rest.yaml', import.meta.url),
    );
  });
});
