import { defineRule, error, fail, label, pass } from '../rule.js';
import { unreadReason } from '../unread.js';
import { attachedPolicies, type AttachedPolicy } from './principals.js';

const SUPPORT_POLICY = 'AWSSupportAccess';

function isSupportPolicy(policy: AttachedPolicy): boolean {
  return policy.awsManaged === SUPPORT_POLICY;
}

/**
 * Compliant: some IAM role of the account has the AWS managed policy AWSSupportAccess attached,
 * so that incidents can be raised with AWS Support without the root user. Evaluated on the
 * account's root user resource (`AWS::IAM::RootAccount`), over the account's roles in the snapshot.
 */
export default defineRule({
  id: 'iam-account-support-role-exists',
  title: 'Account has a role for managing incidents with AWS Support',
  category: 'compliance',
  severity: 'low',
  resourceTypes: ['AWS::IAM::RootAccount'],
  rationale:
    'During an incident someone must be able to open and follow support cases. If no role carries AWSSupportAccess, people fall back to the root user or to broad administrator access to do it. A dedicated support role, assumable by the incident responders, keeps that path least-privileged and auditable.',
  remediation: {
    text: 'Create a role trusted by your incident responders (or their group’s account) and attach AWSSupportAccess.',
    cli: 'aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json\naws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
    cloudformation:
      'SupportRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument: { ... }\n    ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/AWSSupportAccess"]',
  },
  controls: ['cis-aws-v5.0:1.16'],
  references: [
    'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html',
  ],
  evaluate(root, ctx) {
    const who = `Account ${label(root)}`;
    const roles = ctx.graph.inAccount('AWS::IAM::Role', root.account);
    // A listing that failed (part way, or at once) may have left out the role that has the policy.
    const unread = unreadReason(ctx.graph, 'AWS::IAM::Role', root.account);
    if (roles.length === 0)
      return error(
        `${who}: the snapshot holds none of the account's IAM roles${unread ? ` (${unread})` : ''}.`,
      );
    const unknown: string[] = [];
    for (let i = 0; i < roles.length; i++) {
      const role = roles[i]!;
      const attached = attachedPolicies(role, ctx.graph);
      if (!attached.known) unknown.push(`role ${label(role)}: ${attached.reason}`);
      else if (attached.policies.some(isSupportPolicy)) {
        return pass(() => `${who} has role ${label(role)} with ${SUPPORT_POLICY}.`);
      } else if (attached.unknown.length > 0)
        unknown.push(`role ${label(role)}: ${attached.unknown.join('; ')}`);
    }
    if (unread) unknown.push(`its roles were not all read (${unread})`);
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    return fail(`${who} has no IAM role with ${SUPPORT_POLICY} attached (${roles.length} roles checked).`);
  },
});
