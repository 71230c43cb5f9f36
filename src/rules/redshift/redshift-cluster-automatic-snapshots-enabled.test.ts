import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-automatic-snapshots-enabled.js';

describe('redshift-cluster-automatic-snapshots-enabled', () => {
  it('passes the good state, fails the bad one and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/redshift-cluster-automatic-snapshots-enabled.yaml', import.meta.url),
    );
  });
});
