import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './opensearch-domain-in-vpc.js';

describe('opensearch-domain-in-vpc', () => {
  it('checks OpenSearch and legacy Elasticsearch domains', async () => {
    await expectFixture(rule, new URL('./fixtures/opensearch-domain-in-vpc.yaml', import.meta.url));
  });
});
