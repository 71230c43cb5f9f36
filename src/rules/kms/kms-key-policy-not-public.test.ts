import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './kms-key-policy-not-public.js';

describe('kms-key-policy-not-public', () => {
  it('fails "*" principals unless the caller is limited', async () => {
    await expectFixture(rule, new URL('./fixtures/kms-key-policy-not-public.yaml', import.meta.url));
  });
});
