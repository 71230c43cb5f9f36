import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-encrypted.js';

describe('redshift-cluster-encrypted', () => {
  it('passes the good state, fails the bad one and errs on unknown values', async () => {
    await expectFixture(rule, new URL('./fixtures/redshift-cluster-encrypted.yaml', import.meta.url));
  });
});
