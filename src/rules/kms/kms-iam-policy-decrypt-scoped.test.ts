import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './kms-iam-policy-decrypt-scoped.js';

describe('kms-iam-policy-decrypt-scoped', () => {
  it('fails kms:Decrypt on "*" in managed and inline policies', async () => {
    await expectFixture(rule, new URL('./fixtures/kms-iam-policy-decrypt-scoped.yaml', import.meta.url));
  });
});
