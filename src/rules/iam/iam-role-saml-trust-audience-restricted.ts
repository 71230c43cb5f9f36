import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { conditionsOn, pinsValue, requiresKey, type ConditionEntry, type Statement } from './policy.js';
import { principalLabel, trustGrants } from './principals.js';
import { isSamlGrant } from './trust.js';

/**
 * The AWS sign-in endpoints a SAML response is posted to, which STS puts in SAML:aud (from the
 * assertion's Recipient): `https://signin.aws.amazon.com/saml`, a regional
 * `https://<region>.signin.aws.amazon.com/saml`, with `/acs/<IdP-ID>` when SAML encryption is
 * required, and the same in the China (`signin.amazonaws.cn`) and GovCloud
 * (`signin.amazonaws-us-gov.com`) partitions.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml
 */
const SIGN_IN_ENDPOINT =
  /^https:\/\/(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/saml(?:\/acs\/[A-Za-z0-9-]+)?$/;

/** The statement's conditions on SAML:aud that a request without the key, or with another value, fails. */
function audienceChecks(statement: Statement): ConditionEntry[] {
  return conditionsOn(statement, 'SAML:aud').filter(requiresKey);
}

/**
 * Does the statement require SAML:aud to be an AWS sign-in endpoint? One entry with fixed values
 * that are all sign-in endpoints is enough (every entry of a statement must hold). `undefined`
 * when a SAML:aud value is not known.
 */
function requiresSignInAudience(statement: Statement): boolean | undefined {
  const entries = audienceChecks(statement);
  const signIn = (e: ConditionEntry) =>
    pinsValue(e) && e.values.unknown.length === 0 && e.values.values.every((v) => SIGN_IN_ENDPOINT.test(v));
  if (entries.some(signIn)) return true;
  return entries.some((e) => e.values.unknown.length > 0) ? undefined : false;
}

/**
 * Compliant: every trust statement that lets a SAML identity provider assume the role
 * (`Federated: arn:aws:iam::<account>:saml-provider/<name>`, `sts:AssumeRoleWithSAML`) requires
 * `SAML:aud` to equal an AWS sign-in endpoint (`https://signin.aws.amazon.com/saml`, a regional
 * `https://<region>.signin.aws.amazon.com/saml`, or the China and GovCloud ones), with fixed values
 * (not `IfExists`, not a `StringLike` pattern). A `SAML:aud` value that is not a sign-in endpoint
 * fails; one not known is an error. Roles trusting no SAML provider are not applicable.
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
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml',
  ],
  evaluate(role) {
    const trust = trustGrants(role);
    if (!trust.known) return error(`${principalLabel(role)}: ${trust.reason}.`);
    const saml = trust.grants.filter(isSamlGrant);
    if (saml.length === 0) {
      const unknown = trust.grants
        .filter((g) => g.scope === 'unknown' && g.kind === 'Federated')
        .map((g) => g.reason!);
      if (unknown.length > 0) return error(`${principalLabel(role)}: ${unknown.join('; ')}.`);
      return notApplicable(() => `${principalLabel(role)} does not trust a SAML identity provider.`);
    }
    const open = saml.filter((g) => audienceChecks(g.statement).length === 0);
    if (open.length > 0) {
      const list = open.map((g) => `${g.text} in ${g.statement.label}`);
      return fail(
        `${principalLabel(role)} accepts SAML assertions without checking SAML:aud: ${list.join(', ')}.`,
      );
    }
    const other = saml.filter((g) => requiresSignInAudience(g.statement) === false);
    if (other.length > 0) {
      const list = other.map(
        (g) =>
          `${g.statement.label} requires ${audienceChecks(g.statement)
            .map((e) => `${e.operator} ${e.values.values.join(' or ')}`)
            .join(' and ')}`,
      );
      return fail(
        `${principalLabel(role)} checks SAML:aud against values that are not a fixed AWS sign-in endpoint: ${list.join('; ')}.`,
      );
    }
    const unknown = saml.filter((g) => requiresSignInAudience(g.statement) === undefined);
    if (unknown.length > 0) {
      const reasons = unknown.flatMap((g) => audienceChecks(g.statement).flatMap((e) => e.values.unknown));
      return error(`${principalLabel(role)}: ${[...new Set(reasons)].join('; ')}.`);
    }
    const audiences = [
      ...new Set(saml.flatMap((g) => audienceChecks(g.statement).flatMap((e) => e.values.values))),
    ];
    return pass(() => `${principalLabel(role)} requires SAML:aud ${audiences.join(' or ')}.`);
  },
});
