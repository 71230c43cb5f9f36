import { z } from 'zod';
import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { carriedPolicies, fullAdminStatements } from './grants.js';
import type { Statement } from './policy.js';
import {
  describeAccount,
  isCrossAccount,
  organisationAccounts,
  principalLabel,
  trustGrants,
  unknownTrust,
  type TrustGrant,
  type TrustRead,
} from './principals.js';
import { narrowsTrustedAccount } from './trust.js';

/** A grant to a whole other account that no condition narrows. */
function isOpen(grant: TrustGrant): boolean {
  return grant.wholeAccount && narrowsTrustedAccount(grant.statement) === false;
}

/**
 * Why it is not known who may assume the role: statements and principals that could not be read,
 * and the unread conditions of whole-account grants that might narrow them.
 */
function unknownReasons(trust: Extract<TrustRead, { known: true }>, cross: readonly TrustGrant[]): string[] {
  const unknown = unknownTrust(trust);
  const undecided: Statement[] = [];
  for (let i = 0; i < cross.length; i++) {
    const g = cross[i]!;
    if (
      g.wholeAccount &&
      narrowsTrustedAccount(g.statement) === undefined &&
      !undecided.includes(g.statement)
    )
      undecided.push(g.statement);
  }
  for (const s of undecided) {
    for (const r of s.unknown) if (r.includes('.Condition')) unknown.push(r);
    for (const c of s.conditions) unknown.push(...c.values.unknown);
  }
  return unknown;
}

/**
 * Compliant: every principal of another account that the trust policy lets assume the role is a
 * named role or user (`arn:aws:iam::<account>:role/<name>`), or the grant to the whole account
 * (`:root` or a bare account id) is narrowed by a condition that a caller without the key cannot
 * meet: fixed values of `sts:ExternalId`, `aws:userid`, `aws:SourceIdentity` or
 * `aws:PrincipalTag/...`, `aws:PrincipalArn` naming roles or users of a fixed account, `Bool`
 * `aws:MultiFactorAuthPresent` `true`, or `NumericLessThan` `aws:MultiFactorAuthAge`. Conditions
 * that hold when the key is missing (`...IfExists`, `ForAllValues`, negated operators, `Null`), an
 * empty condition block, and keys every principal of the account shares (`aws:PrincipalOrgID`,
 * `aws:PrincipalAccount`) do not narrow it. Roles trusted by no other account are not applicable,
 * as are the roles named in `exemptRoleNames`.
 */
export default defineRule({
  id: 'iam-role-cross-account-trust-least-privilege',
  title: 'Cross-account role trusts named principals, not a whole account',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'Trusting arn:aws:iam::<account>:root without a condition delegates the decision to the other account: every user and role there whose own policies allow sts:AssumeRole on "*" can become this role, including CI jobs, developers and anything compromised in that account. Naming the role that needs the access (a deploy role, a CI runner) keeps the cross-account path to one principal, and is what the rest of the chain of least privilege rests on.',
  remediation: {
    text: 'Replace the account principal with the ARN of the role that needs access, or add a condition on aws:PrincipalArn; keep the role’s own permissions to what the deployment needs.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
    cloudformation:
      'AssumeRolePolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: arn:aws:iam::<dev-account>:role/ci-runner }\n      Action: sts:AssumeRole',
  },
  controls: [],
  params: z.object({
    exemptRoleNames: z
      .array(z.string())
      .default(['OrganizationAccountAccessRole'])
      .describe(
        'Roles not checked: by default the role AWS Organizations creates in member accounts, trusted by the management account.',
      ),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts',
  ],
  evaluate(role, ctx) {
    const name = typeof role.props.RoleName === 'string' ? role.props.RoleName : (role.name ?? role.id);
    if (ctx.params.exemptRoleNames.includes(name))
      return notApplicable(() => `${principalLabel(role)} is exempt (exemptRoleNames).`);
    const trust = trustGrants(role);
    if (!trust.known) return error(`${principalLabel(role)}: ${trust.reason}.`);
    const cross = trust.grants.filter(isCrossAccount);
    if (cross.length === 0) {
      // Most roles: trusted by services or their own account only.
      const unknown = unknownTrust(trust);
      if (unknown.length > 0) {
        return error(`${principalLabel(role)}: cannot tell who may assume it: ${unknown.join('; ')}.`);
      }
      return notApplicable(() => `${principalLabel(role)} is not trusted by another account.`);
    }
    const open = cross.filter(isOpen);
    if (open.length > 0) {
      const organisation = organisationAccounts(ctx.graph);
      const carried = carriedPolicies(role, ctx.graph);
      const admin =
        carried.awsManaged.includes('AdministratorAccess') ||
        carried.policies.some((p) => fullAdminStatements(p.read).hits.length > 0);
      const accounts = [...new Set(open.map((g) => describeAccount(g, organisation)))].join(', ');
      const conditioned = [
        ...new Set(open.filter((g) => g.statement.hasCondition).map((g) => g.statement.label)),
      ];
      const condition =
        conditioned.length > 0
          ? ` without a condition that narrows which of its principals may assume it (the conditions of ${conditioned.join(', ')} also hold for a caller without their keys, or do not name who)`
          : ' without a condition';
      return fail(
        `${principalLabel(role)} trusts every principal of ${accounts}${condition}${admin ? ', and has full administrator access' : ''}.`,
      );
    }
    const unknown = unknownReasons(trust, cross);
    if (unknown.length > 0)
      return error(`${principalLabel(role)}: cannot tell who may assume it: ${unknown.join('; ')}.`);
    const organisation = organisationAccounts(ctx.graph);
    return pass(() => {
      const named = new Set(
        cross.map((g) => (g.wholeAccount ? `${describeAccount(g, organisation)} with a condition` : g.text)),
      );
      return `${principalLabel(role)} trusts only ${[...named].join(', ')} from other accounts.`;
    });
  },
});
