import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-admin-username-not-default.js';

describe('redshift-cluster-admin-username-not-default', () => {
  it('passes the good state, fails the bad one and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/redshift-cluster-admin-username-not-default.yaml', import.meta.url),
    );
  });
});
