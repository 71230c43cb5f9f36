import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './opensearch-domain-audit-logging-enabled.js';

describe('opensearch-domain-audit-logging-enabled', () => {
  it('checks OpenSearch and legacy Elasticsearch domains', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/opensearch-domain-audit-logging-enabled.yaml', import.meta.url),
    );
  });
});
