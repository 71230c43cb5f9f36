import { z } from 'zod';
import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { describeAccount, principalLabel, trustGrants, unknownTrust } from './principals.js';
import { pinned, thirdPartyGrants } from './trust.js';

/**
 * Compliant: every trust statement that lets an account outside the organisation assume the role
 * requires `sts:ExternalId` to equal a fixed value (`StringEquals`, or `StringLike` with values
 * without wildcards: a pattern such as `abc*` accepts IDs issued to other customers; not
 * `IfExists`). Roles trusted by no outside account are not applicable.
 */
export default defineRule({
  id: 'iam-role-third-party-external-id-required',
  title: 'Role trusted by a third party requires an external ID',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'A vendor that assumes roles in many customers’ accounts can be tricked by one customer into using the vendor’s access to another customer’s role, if that customer learns the role ARN (the confused deputy problem). An external ID, unique per customer and checked by the trust policy, lets the vendor prove it is acting for the right customer.',
  remediation: {
    text: 'Ask the third party for the external ID it assigned to your account and require it in the trust policy.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://trust-with-external-id.json',
    cloudformation:
      'AssumeRolePolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: arn:aws:iam::<vendor-account>:root }\n      Action: sts:AssumeRole\n      Condition:\n        StringEquals:\n          sts:ExternalId: <external-id-from-vendor>',
  },
  controls: [],
  params: z.object({
    trustedAccounts: z
      .array(z.string().regex(/^\d{12}$/))
      .default([])
      .describe(
        'Accounts that are not third parties although the snapshot does not show them in the organisation.',
      ),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  ],
  evaluate(role, ctx) {
    const trust = trustGrants(role);
    if (!trust.known) return error(`${principalLabel(role)}: ${trust.reason}.`);
    const { grants, organisation } = thirdPartyGrants(trust.grants, ctx.graph, ctx.params.trustedAccounts);
    if (grants.length === 0) {
      const unknown = unknownTrust(trust);
      if (unknown.length > 0)
        return error(`${principalLabel(role)}: cannot tell who may assume it: ${unknown.join('; ')}.`);
      return notApplicable(
        () => `${principalLabel(role)} is not trusted by any account outside the organisation.`,
      );
    }
    const missing = grants.filter((g) => pinned(g.statement, 'sts:ExternalId').length === 0);
    if (missing.length > 0) {
      const list = missing.map((g) => `${describeAccount(g, organisation)} in ${g.statement.label}`);
      return fail(
        `${principalLabel(role)} lets ${list.join(', ')} assume it without requiring sts:ExternalId.`,
      );
    }
    return pass(() => {
      const parties = [...new Set(grants.map((g) => describeAccount(g, organisation)))].join(', ');
      return `${principalLabel(role)} requires sts:ExternalId from ${parties}.`;
    });
  },
});
