import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './opensearch-domain-fine-grained-access-control-enabled.js';

describe('opensearch-domain-fine-grained-access-control-enabled', () => {
  it('checks OpenSearch and legacy Elasticsearch domains', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/opensearch-domain-fine-grained-access-control-enabled.yaml', import.meta.url),
    );
  });
});
