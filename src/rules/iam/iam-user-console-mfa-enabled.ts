import type { Resource } from '../../model/index.js';
import { asBoolean, defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { hasCredentialFacts, passwordEnabled } from './users.js';

/** How reasons name the user. */
function who(user: Resource): string {
  return `IAM user ${label(user)}`;
}

/**
 * Compliant: an IAM user with a console password has an active MFA device (credential report
 * `password_enabled` and `mfa_active`). Users without a console password are not applicable.
 */
export default defineRule({
  id: 'iam-user-console-mfa-enabled',
  title: 'IAM user with a console password has MFA enabled',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::IAM::User'],
  rationale:
    'A console password alone is one phishing page or one reused password away from a full console session with all of the user’s permissions. With MFA, a stolen password is not enough to sign in.',
  remediation: {
    text: 'Have the user register an MFA device (a FIDO security key or an authenticator app) under Security credentials, and enforce it with a policy that denies everything but MFA setup when aws:MultiFactorAuthPresent is false. Better still, move people to IAM Identity Center and remove IAM user passwords.',
    cli: 'aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile qr.png --bootstrap-method QRCodePNG\naws iam enable-mfa-device --user-name <user> --serial-number <arn> --authentication-code1 <code> --authentication-code2 <code>',
  },
  controls: ['cis-aws-v5.0:1.9', 'aws-fsbp:IAM.5'],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  evaluate(user) {
    if (!hasCredentialFacts(user)) {
      return notApplicable(
        () =>
          `${who(user)}: the snapshot has no credential report facts (a template or a describe of the IAM configuration cannot show passwords and MFA devices).`,
      );
    }
    const password = passwordEnabled(user);
    if (password === undefined)
      return error(`${who(user)}: the credential report facts do not say whether it has a console password.`);
    if (!password) return notApplicable(() => `${who(user)} has no console password.`);
    const mfa = asBoolean(user.observed?.MfaActive);
    if (mfa === undefined)
      return error(`${who(user)} has a console password, but the snapshot does not say whether it has MFA.`);
    return mfa
      ? pass(() => `${who(user)} has a console password and MFA active.`)
      : fail(`${who(user)} has a console password and no MFA device.`);
  },
});
