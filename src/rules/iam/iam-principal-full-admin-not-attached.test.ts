import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './iam-principal-full-admin-not-attached.js';

describe('iam-principal-full-admin-not-attached', () => {
  it('finds AdministratorAccess, inline and customer managed "*:*" policies', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-principal-full-admin-not-attached.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'ErrorRoleWithPolicyOutsideSnapshot')?.reason).toContain(
      'not in the snapshot, so whether they allow "*" on "*" is not known: arn:aws:iam::123456789012:policy/BreakGlassAdmin',
    );
  });
});
