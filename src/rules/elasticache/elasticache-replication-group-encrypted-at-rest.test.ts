import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './elasticache-replication-group-encrypted-at-rest.js';

describe('elasticache-replication-group-encrypted-at-rest', () => {
  it('passes the good state, fails the default and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elasticache-replication-group-encrypted-at-rest.yaml', import.meta.url),
    );
  });
});
