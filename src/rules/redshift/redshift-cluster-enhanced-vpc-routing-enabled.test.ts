import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-enhanced-vpc-routing-enabled.js';

describe('redshift-cluster-enhanced-vpc-routing-enabled', () => {
  it('passes the good state, fails the bad one and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/redshift-cluster-enhanced-vpc-routing-enabled.yaml', import.meta.url),
    );
  });
});
