import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './iam-role-cross-account-trust-least-privilege.js';

describe('iam-role-cross-account-trust-least-privilege', () => {
  it('fails whole-account trust without a condition', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-role-cross-account-trust-least-privilege.yaml', import.meta.url),
      { deployed: true },
    );
    expect(findings.find((f) => f.resource.id === 'FailLegacyDeployTrustsDevAccount')?.reason).toContain(
      'trusts every principal of account 333344445555 (outside the organisation) without a condition, and has full administrator access',
    );
    // A condition that holds for callers without the key does not narrow the trust.
    expect(findings.find((f) => f.resource.id === 'FailMfaOnlyIfPresent')?.reason).toContain(
      'without a condition that narrows which of its principals may assume it',
    );
    expect(findings.find((f) => f.resource.id === 'ErrorExternalIdFromParameter')?.reason).toContain(
      'sts:ExternalId',
    );
  });
});
