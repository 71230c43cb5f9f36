import { z } from 'zod';
import { asNumber, defineRule, error, fail, label, pass, prop } from '../rule.js';

/**
 * IAM's defaults for a password policy field that is not set: 8 characters minimum, no reuse
 * prevention. https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
 */
const DEFAULT_MIN_LENGTH = 8;

/**
 * Compliant: the account password policy requires at least `minLength` characters (CIS: 14) and
 * remembers at least `reusePrevention` previous passwords (CIS: 24).
 */
export default defineRule({
  id: 'iam-password-policy-strong',
  title: 'IAM password policy requires long passwords and prevents reuse',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::AccountPasswordPolicy'],
  rationale:
    'Console passwords of IAM users are guessed, sprayed and reused from other breaches. Length is what makes a password hard to guess, and a reuse history stops a user from going back to a password that may already have leaked. CIS asks for 14 characters and a history of 24 passwords.',
  remediation: {
    text: 'Set the account password policy to a minimum length of 14 and password reuse prevention of 24 (and prefer federation through IAM Identity Center over IAM user passwords).',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --allow-users-to-change-password',
    terraform:
      'resource "aws_iam_account_password_policy" "this" {\n  minimum_password_length        = 14\n  password_reuse_prevention      = 24\n  require_symbols                = true\n  require_numbers                = true\n  require_uppercase_characters   = true\n  require_lowercase_characters   = true\n  allow_users_to_change_password = true\n}',
  },
  controls: ['cis-aws-v5.0:1.7', 'cis-aws-v5.0:1.8'],
  params: z.object({
    minLength: z
      .number()
      .int()
      .min(6)
      .max(128)
      .default(14)
      .describe('Smallest acceptable MinimumPasswordLength.'),
    reusePrevention: z
      .number()
      .int()
      .min(1)
      .max(24)
      .default(24)
      .describe('Smallest acceptable PasswordReusePrevention (number of previous passwords remembered).'),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PasswordPolicy.html',
  ],
  evaluate(policy, ctx) {
    const who = `Password policy of account ${label(policy)}`;
    const length = prop(policy.props, 'MinimumPasswordLength');
    const reuse = prop(policy.props, 'PasswordReusePrevention');
    const weak: string[] = [];
    const unknown: string[] = [];

    if (!length.known) unknown.push(length.reason);
    else {
      const n = length.value === undefined ? DEFAULT_MIN_LENGTH : asNumber(length.value);
      if (n === undefined)
        unknown.push(`MinimumPasswordLength is not a number (${JSON.stringify(length.value)})`);
      else if (n < ctx.params.minLength) {
        const note = length.value === undefined ? ' (not set: IAM default)' : '';
        weak.push(`minimum length ${n}${note}, below ${ctx.params.minLength}`);
      }
    }
    if (!reuse.known) unknown.push(reuse.reason);
    else {
      const n = reuse.value === undefined ? 0 : asNumber(reuse.value);
      if (n === undefined)
        unknown.push(`PasswordReusePrevention is not a number (${JSON.stringify(reuse.value)})`);
      else if (n < ctx.params.reusePrevention) {
        weak.push(
          n === 0
            ? `no reuse prevention (below ${ctx.params.reusePrevention})`
            : `reuse prevention ${n}, below ${ctx.params.reusePrevention}`,
        );
      }
    }
    if (weak.length > 0) return fail(`${who} is weak: ${weak.join('; ')}.`);
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    return pass(
      () =>
        `${who} requires at least ${ctx.params.minLength} characters and prevents reuse of the last ${ctx.params.reusePrevention} passwords.`,
    );
  },
});
