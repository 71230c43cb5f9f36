import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './elasticache-replication-group-encrypted-in-transit.js';

describe('elasticache-replication-group-encrypted-in-transit', () => {
  it('passes the good state, fails the default and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elasticache-replication-group-encrypted-in-transit.yaml', import.meta.url),
    );
  });
});
