import { defineRule, error, fail, pass } from '../rule.js';
import { restrictsCaller } from './policy.js';
import { principalLabel, trustGrants, unknownTrust, type TrustGrant } from './principals.js';

/** A grant to everyone that no condition limits to fixed callers. */
function isOpen(grant: TrustGrant): boolean {
  return grant.scope === 'public' && !grant.statement.conditions.some(restrictsCaller);
}

function isPublic(grant: TrustGrant): boolean {
  return grant.scope === 'public';
}

/**
 * Compliant: no `Allow` statement of the trust policy lets `"*"` (`Principal: "*"` or
 * `{"AWS": "*"}`) assume the role, unless a condition pins the caller to fixed accounts, an
 * organisation or principals (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`
 * with a fixed account, `aws:SourceAccount`, `aws:userid`...). Only fixed values count, as in S3's
 * public-policy check: a `StringLike` pattern such as `o-a*` or `AROA*` matches callers of any
 * account (a role's `AROLEID:*` sessions and an organisation path under a fixed organisation id
 * still count). `sts:ExternalId` alone is a shared string, not an identity, and does not count.
 */
export default defineRule({
  id: 'iam-role-trust-not-public',
  title: 'Role trust policy does not let anyone assume the role',
  category: 'security',
  severity: 'critical',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'A trust policy with Principal "*" lets any AWS account in the world call sts:AssumeRole on the role and get its permissions, as soon as the role ARN is known or guessed. A condition that names the organisation, the accounts or the principals allowed turns it back into a private role.',
  remediation: {
    text: 'Name the principals that need the role, or add a condition on aws:PrincipalOrgID (or aws:PrincipalAccount / aws:PrincipalArn) to the statement.',
    cloudformation: 'Condition:\n  StringEquals:\n    aws:PrincipalOrgID: o-exampleorgid',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
  ],
  evaluate(role) {
    const trust = trustGrants(role);
    if (!trust.known) return error(`${principalLabel(role)}: ${trust.reason}.`);
    const open = trust.grants.filter(isOpen);
    if (open.length > 0) {
      const statements = [...new Set(open.map((g) => g.statement.label))].join(', ');
      return fail(
        `${principalLabel(role)} lets any AWS principal assume it (${statements}) with no condition limiting who.`,
      );
    }
    const unknown = unknownTrust(trust);
    if (unknown.length > 0)
      return error(`${principalLabel(role)}: cannot tell who may assume it: ${unknown.join('; ')}.`);
    if (trust.grants.some(isPublic)) {
      return pass(
        () =>
          `${principalLabel(role)} trusts "*" only under a condition that limits the caller to fixed accounts, an organisation or principals.`,
      );
    }
    return pass(() => `${principalLabel(role)} does not trust "*".`);
  },
});
