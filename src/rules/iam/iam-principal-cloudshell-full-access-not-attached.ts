import { defineRule, error, fail, pass } from '../rule.js';
import { attachedPolicies, PRINCIPAL_TYPES, principalLabel, type AttachedPolicy } from './principals.js';

function isCloudShellFullAccess(policy: AttachedPolicy): boolean {
  return policy.awsManaged === 'AWSCloudShellFullAccess';
}

/** Compliant: the AWS managed policy AWSCloudShellFullAccess is not attached to the user, group or role. */
export default defineRule({
  id: 'iam-principal-cloudshell-full-access-not-attached',
  title: 'IAM user, group or role does not have AWSCloudShellFullAccess attached',
  category: 'security',
  severity: 'medium',
  resourceTypes: PRINCIPAL_TYPES,
  rationale:
    'AWSCloudShellFullAccess gives a browser shell with sudo, persistent storage, internet access and file upload and download. Anything the identity can read can leave the account through it without an instance, a bucket policy or another visible path. Grant CloudShell with a narrower policy that denies file transfer where it is needed.',
  remediation: {
    text: 'Detach AWSCloudShellFullAccess and, where CloudShell is needed, attach a policy that allows cloudshell:CreateEnvironment, CreateSession and GetEnvironmentStatus but denies cloudshell:GetFileDownloadUrls and GetFileUploadUrls.',
    cli: 'aws iam detach-user-policy --user-name <user> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
  },
  controls: ['cis-aws-v5.0:1.21'],
  references: [
    'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-27',
  ],
  evaluate(principal, ctx) {
    const attached = attachedPolicies(principal, ctx.graph);
    if (!attached.known) return error(`${principalLabel(principal)}: ${attached.reason}.`);
    if (attached.policies.some(isCloudShellFullAccess)) {
      return fail(`${principalLabel(principal)} has AWSCloudShellFullAccess attached.`);
    }
    if (attached.unknown.length > 0)
      return error(`${principalLabel(principal)}: ${attached.unknown.join('; ')}.`);
    return pass(() => `${principalLabel(principal)} does not have AWSCloudShellFullAccess attached.`);
  },
});
