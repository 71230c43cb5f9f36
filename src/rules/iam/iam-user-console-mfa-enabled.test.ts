import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-user-console-mfa-enabled.js';

const USER = 'AWS::IAM::User';

describe('iam-user-console-mfa-enabled', () => {
  it('fails console users without MFA, skips users without a password', () => {
    expectResources(rule, [
      resource(USER, 'PassConsoleWithMfa', {}, { observed: { PasswordEnabled: true, MfaActive: true } }),
      resource(USER, 'FailConsoleWithoutMfa', {}, { observed: { PasswordEnabled: true, MfaActive: false } }),
      resource(
        USER,
        'NotApplicableKeysOnly',
        {},
        { observed: { PasswordEnabled: false, MfaActive: false, AccessKeys: [] } },
      ),
      resource(
        USER,
        'NotApplicableNoCredentialReport',
        { UserName: 'x' },
        { observed: { UserId: 'AIDAEXAMPLE' } },
      ),
      resource(USER, 'ErrorMfaNotReported', {}, { observed: { PasswordEnabled: 'true' } }),
    ]);
  });
});
