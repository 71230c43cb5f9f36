import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './elasticache-replication-group-automatic-failover-enabled.js';

describe('elasticache-replication-group-automatic-failover-enabled', () => {
  it('passes the good state, fails the default and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elasticache-replication-group-automatic-failover-enabled.yaml', import.meta.url),
    );
  });
});
