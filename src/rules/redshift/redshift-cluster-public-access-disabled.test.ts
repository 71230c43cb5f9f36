import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-public-access-disabled.js';

describe('redshift-cluster-public-access-disabled', () => {
  it('passes the good state, fails the bad one and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/redshift-cluster-public-access-disabled.yaml', import.meta.url),
    );
  });
});
