import { defineRule, error, fail, label, pass } from '../rule.js';
import { rootMfa } from './root.js';

/** Compliant: MFA is active for the root user (credential report `mfa_active`). */
export default defineRule({
  id: 'iam-root-mfa-enabled',
  title: 'Root user has MFA enabled',
  category: 'security',
  severity: 'critical',
  resourceTypes: ['AWS::IAM::RootAccount'],
  rationale:
    'Without MFA, the root user (unrestricted power over the account, its billing and its closure) is protected by a password alone, which can be phished, reused from another breach or reset through a compromised mailbox. With MFA, a sign-in also needs the device.',
  remediation: {
    text: 'Sign in as the root user, open Security credentials and assign an MFA device (a FIDO security key or hardware token is preferred; a virtual authenticator is the minimum). In an organisation, consider centralised root access management, which removes member-account root credentials altogether.',
    cloudformation: '# Root MFA cannot be configured with CloudFormation; assign it as the root user.',
    terraform: '# Root MFA cannot be configured with Terraform; assign it as the root user.',
  },
  controls: ['cis-aws-v5.0:1.4', 'aws-fsbp:IAM.9'],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
  ],
  evaluate(root) {
    const who = `Root user of account ${label(root)}`;
    const mfa = rootMfa(root);
    if ('reason' in mfa) return error(`${who}: ${mfa.reason}.`);
    return mfa.active ? pass(() => `${who} has MFA active.`) : fail(`${who} has no MFA device.`);
  },
});
