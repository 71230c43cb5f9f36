import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './iam-role-trust-not-public.js';

describe('iam-role-trust-not-public', () => {
  it('fails "*" principals unless a condition pins the caller', async () => {
    await expectFixture(rule, new URL('./fixtures/iam-role-trust-not-public.yaml', import.meta.url));
  });
});
