import { defineRule, error, fail, label, pass } from '../rule.js';
import { rootAccessKeys } from './root.js';

/**
 * Compliant: the root user of the account has no active access key (credential report
 * `access_key_1_active` / `access_key_2_active`, or `GetAccountSummary` `AccountAccessKeysPresent`).
 */
export default defineRule({
  id: 'iam-root-no-access-key',
  title: 'Root user has no access keys',
  category: 'security',
  severity: 'critical',
  resourceTypes: ['AWS::IAM::RootAccount'],
  rationale:
    'The root user can do everything in the account, including closing it and changing its contact details, and no IAM policy can restrict it (only SCPs in member accounts). An access key gives that power to whatever program or file holds the key, without MFA. AWS recommends that the root user has no access keys at all; tasks that need root are done interactively in the console.',
  remediation: {
    text: 'Sign in as the root user, open Security credentials, and deactivate then delete every access key. Use IAM roles (or IAM Identity Center) for programmatic access instead.',
    cloudformation: '# Root access keys cannot be managed with CloudFormation; delete them as the root user.',
    terraform: '# Root access keys cannot be managed with Terraform; delete them as the root user.',
  },
  controls: ['cis-aws-v5.0:1.3', 'aws-fsbp:IAM.4'],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  evaluate(root) {
    const who = `Root user of account ${label(root)}`;
    const keys = rootAccessKeys(root);
    if ('reason' in keys) return error(`${who}: ${keys.reason}.`);
    if (keys.active) {
      const count = keys.count === undefined ? 'an active access key' : `${keys.count} active access key(s)`;
      return fail(`${who} has ${count}.`);
    }
    return pass(() => `${who} has no active access key.`);
  },
});
