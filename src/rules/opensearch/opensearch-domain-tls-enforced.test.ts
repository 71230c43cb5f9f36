import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './opensearch-domain-tls-enforced.js';

describe('opensearch-domain-tls-enforced', () => {
  it('checks OpenSearch and legacy Elasticsearch domains', async () => {
    await expectFixture(rule, new URL('./fixtures/opensearch-domain-tls-enforced.yaml', import.meta.url));
  });
});
