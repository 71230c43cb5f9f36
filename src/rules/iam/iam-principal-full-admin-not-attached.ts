import { defineRule, error, fail, pass } from '../rule.js';
import { carriedPolicies, fullAdminStatements } from './grants.js';
import { PRINCIPAL_TYPES, principalLabel } from './principals.js';

/** AWS managed policies that allow "*" on "*". */
const FULL_ADMIN_AWS_POLICIES = new Set(['AdministratorAccess']);

/**
 * Compliant: no policy the user, group or role carries allows `*` on `*`: not the AWS managed
 * AdministratorAccess, not an inline policy, not an attached customer managed policy. An attached
 * customer managed policy the snapshot does not hold is an error (its document is not known),
 * unless another attached policy already fails. AWS managed policies are known by name. A user's
 * group policies are checked on the group.
 */
export default defineRule({
  id: 'iam-principal-full-admin-not-attached',
  title: 'IAM user, group or role has no "*:*" administrative policy attached',
  category: 'security',
  severity: 'high',
  resourceTypes: PRINCIPAL_TYPES,
  rationale:
    'CIS asks that no policy granting full "*:*" privileges is attached to anyone: such a principal can read all data, mint new credentials, rewrite policies and erase its tracks. Administration is better split into job functions, with full access reserved to a few monitored break-glass roles that are suppressed here explicitly, with a reason.',
  remediation: {
    text: 'Detach AdministratorAccess (or the full-access policy) and attach policies scoped to the job. If this is a deliberate break-glass role, suppress the finding in .cloudrounds.yaml with the reason and an expiry date.',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\naws iam attach-role-policy --role-name <role> --policy-arn <least-privilege-policy-arn>',
  },
  controls: ['cis-aws-v5.0:1.15'],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  evaluate(principal, ctx) {
    const carried = carriedPolicies(principal, ctx.graph);
    const admin: string[] = [];
    for (let i = 0; i < carried.awsManaged.length; i++) {
      const name = carried.awsManaged[i]!;
      if (FULL_ADMIN_AWS_POLICIES.has(name)) admin.push(`AWS managed ${name}`);
    }
    // A list made for this call: extended here rather than copied.
    const unknown = carried.unknown;
    for (let i = 0; i < carried.policies.length; i++) {
      const policy = carried.policies[i]!;
      const matches = fullAdminStatements(policy.read);
      if (matches.hits.length > 0) admin.push(policy.name);
      else unknown.push(...matches.unknown);
    }
    if (admin.length > 0)
      return fail(
        `${principalLabel(principal)} has full "*:*" administrative access through ${admin.join(', ')}.`,
      );
    // A customer managed policy the snapshot does not hold may allow "*" on "*": it cannot pass.
    if (carried.missing.length > 0) {
      unknown.push(
        `attached customer managed policies are not in the snapshot, so whether they allow "*" on "*" is not known: ${carried.missing.join(', ')}`,
      );
    }
    if (unknown.length > 0) return error(`${principalLabel(principal)}: ${unknown.join('; ')}.`);
    return pass(() => `${principalLabel(principal)} has no policy allowing "*" on "*".`);
  },
});
