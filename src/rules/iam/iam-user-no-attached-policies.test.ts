import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './iam-user-no-attached-policies.js';

describe('iam-user-no-attached-policies', () => {
  it('fails users with inline, attached or folded policies', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-user-no-attached-policies.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailAttachedByPolicyResource')?.reason).toContain(
      'inline policy extra',
    );
  });
});
