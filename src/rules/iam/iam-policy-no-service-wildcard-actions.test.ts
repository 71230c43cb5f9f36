import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './iam-policy-no-service-wildcard-actions.js';

describe('iam-policy-no-service-wildcard-actions', () => {
  it('fails "<service>:*" in managed and inline policies (case-insensitive)', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-policy-no-service-wildcard-actions.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailRoleInlineEcsStar')?.reason).toContain(
      'ECS:* in inline policy pipeline statement 0',
    );
  });
});
