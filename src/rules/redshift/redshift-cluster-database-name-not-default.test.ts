import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-database-name-not-default.js';

describe('redshift-cluster-database-name-not-default', () => {
  it('passes the good state, fails the bad one and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/redshift-cluster-database-name-not-default.yaml', import.meta.url),
    );
  });
});
