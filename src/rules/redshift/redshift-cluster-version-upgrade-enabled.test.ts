import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-version-upgrade-enabled.js';

describe('redshift-cluster-version-upgrade-enabled', () => {
  it('passes the good state, fails the bad one and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/redshift-cluster-version-upgrade-enabled.yaml', import.meta.url),
    );
  });
});
