import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-password-policy-strong.js';

describe('iam-password-policy-strong', () => {
  it('checks length 14 and reuse prevention 24', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-password-policy-strong.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailDefaults')).toContain('minimum length 8 (not set: IAM default)');
    expect(reason('ErrorLengthFromParameter')).toContain('MinimumPasswordLength is not known');
  });

  it('reads the demo shape and honours parameters', () => {
    expectResources(
      rule,
      [
        resource('AWS::IAM::AccountPasswordPolicy', 'PassWithLowerBar', {
          MinimumPasswordLength: 12,
          PasswordReusePrevention: 12,
        }),
        resource('AWS::IAM::AccountPasswordPolicy', 'FailStillTooShort', {
          MinimumPasswordLength: 10,
          PasswordReusePrevention: 24,
        }),
      ],
      { params: { minLength: 12, reusePrevention: 12 } },
    );
  });
});
