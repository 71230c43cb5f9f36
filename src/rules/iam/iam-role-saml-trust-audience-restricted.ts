import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { trustGrants } from './principals.js';
import { isSamlGrant, pinned } from './trust.js';

/**
 * Compliant: every trust statement that lets a SAML identity provider assume the role
 * (`Federated: arn:aws:iam::<account>:saml-provider/<name>`, `sts:AssumeRoleWithSAML`) requires
 * `SAML:aud` to equal the AWS sign-in endpoint (`https://signin.aws.amazon.com/saml`, or a
 * regional one). Roles trusting no SAML provider are not applicable.
 */
export default defineRule({
  id: 'iam-role-saml-trust-audience-restricted',
  title: 'SAML-federated role requires the AWS sign-in audience',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'AssumeRoleWithSAML accepts any assertion signed by the trusted identity provider. Checking SAML:aud makes STS accept only assertions that the provider issued for AWS sign-in, not ones issued for another service that trusts the same provider, and is how the IAM console writes SAML trust policies.',
  remediation: {
    text: 'Add a StringEquals condition on SAML:aud with https://signin.aws.amazon.com/saml (or the regional sign-in endpoint your provider uses) to each SAML trust statement.',
    cloudformation:
      'AssumeRolePolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Principal: { Federated: !Ref AdfsProvider }\n      Action: sts:AssumeRoleWithSAML\n      Condition:\n        StringEquals:\n          SAML:aud: https://signin.aws.amazon.com/saml',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml',
  ],
  evaluate(role) {
    const who = `IAM role ${label(role)}`;
    const trust = trustGrants(role);
    if (!trust.known) return error(`${who}: ${trust.reason}.`);
    const saml = trust.grants.filter(isSamlGrant);
    if (saml.length === 0) {
      const unknown = trust.grants
        .filter((g) => g.scope === 'unknown' && g.kind === 'Federated')
        .map((g) => g.reason!);
      if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
      return notApplicable(() => `${who} does not trust a SAML identity provider.`);
    }
    const open = saml.filter((g) => pinned(g.statement, 'SAML:aud').length === 0);
    if (open.length > 0) {
      const list = open.map((g) => `${g.text} in ${g.statement.label}`);
      return fail(`${who} accepts SAML assertions without checking SAML:aud: ${list.join(', ')}.`);
    }
    const audiences = [
      ...new Set(saml.flatMap((g) => pinned(g.statement, 'SAML:aud').flatMap((e) => e.values.values))),
    ];
    return pass(() => `${who} requires SAML:aud ${audiences.join(' or ')}.`);
  },
});
