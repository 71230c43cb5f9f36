/**
 * Trust-policy checks shared by the role rules: which grants reach outside the organisation,
 * which SAML providers a role trusts, and what a role's session may last.
 */
import type { Resource } from '../../model/index.js';
import { asNumber, prop, type GraphView } from '../rule.js';
import type { ConditionEntry, Statement } from './policy.js';
import { conditionsOn, coversAction, pinsValue, restrictsCaller } from './policy.js';
import { organisationAccounts, type TrustGrant } from './principals.js';

/**
 * Grants to accounts outside the organisation (as the snapshot shows it) and outside
 * `trustedAccounts`: the third parties of a role.
 */
export function thirdPartyGrants(
  grants: readonly TrustGrant[],
  graph: GraphView,
  trustedAccounts: readonly string[],
): { grants: TrustGrant[]; organisation: ReadonlySet<string> } {
  const organisation = organisationAccounts(graph);
  return {
    organisation,
    grants: grants.filter(
      (g) =>
        g.scope === 'other-account' && !organisation.has(g.account!) && !trustedAccounts.includes(g.account!),
    ),
  };
}

/** IAM's default and bounds for `MaxSessionDuration`. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html */
export const DEFAULT_MAX_SESSION = 3600;

/** The role's `MaxSessionDuration` in seconds (3600 when not set), or why it is not known. */
export function maxSessionSeconds(
  role: Resource,
): { seconds: number; defaulted: boolean } | { reason: string } {
  const value = prop(role.props, 'MaxSessionDuration');
  if (!value.known) return { reason: value.reason };
  if (value.value === undefined) return { seconds: DEFAULT_MAX_SESSION, defaulted: true };
  const seconds = asNumber(value.value);
  return seconds === undefined
    ? { reason: `MaxSessionDuration is not a number (${JSON.stringify(value.value)})` }
    : { seconds, defaulted: false };
}

/** `43200 s (12 h)`. */
export function duration(seconds: number): string {
  const hours = seconds / 3600;
  return `${seconds} s (${Number.isInteger(hours) ? hours : hours.toFixed(2)} h)`;
}

const SAML_PROVIDER = /:saml-provider\//;

/**
 * Is the grant to a SAML identity provider: `Federated` `arn:aws:iam::<account>:saml-provider/<name>`,
 * or a federated principal (a template's `!Ref` to the provider) in a statement that allows
 * `sts:AssumeRoleWithSAML`?
 */
export function isSamlGrant(grant: TrustGrant): boolean {
  if (grant.kind !== 'Federated') return false;
  if (SAML_PROVIDER.test(grant.text)) return true;
  return grant.scope === 'federated' && coversAction(grant.statement, 'sts:AssumeRoleWithSAML') === true;
}

/** The condition entries of the statement that pin `key` to fixed values. */
export function pinned(statement: Statement, key: string): ConditionEntry[] {
  return conditionsOn(statement, key).filter(pinsValue);
}

/**
 * Keys whose fixed values narrow which principals of a trusted account can assume the role: the
 * external ID the caller must present, the caller's own identity or tags, and the source identity
 * set by the identity provider. `aws:PrincipalOrgID` and `aws:PrincipalAccount` do not count: every
 * principal of the trusted account has the same organisation and account.
 */
const NARROWING_KEYS = new Set(['sts:externalid', 'aws:userid', 'aws:sourceidentity']);
const PRINCIPAL_TAG = /^aws:principaltag\//;
/** An ARN resource part that is only a type and wildcards (`*`, `role/*`): every role of the account. */
const ANY_NAME = /^(?:[a-z-]+\/)?[*?/]*$/i;

/**
 * Does the entry stop a principal of the trusted account that lacks the key, or has another value,
 * from assuming the role? A condition true when the key is missing does not: `...IfExists`,
 * `ForAllValues` (true for an empty set), negated operators and `Null`. AWS sets
 * aws:MultiFactorAuthPresent only for temporary credentials, so `Bool` `true` without `IfExists`
 * holds only for MFA sessions.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 */
export function narrowsTrust(entry: ConditionEntry): boolean {
  if (entry.key === 'aws:principalarn') {
    // A fixed account and a name: `role/ci-runner` or `role/ci-*`, not `role/*`.
    return (
      restrictsCaller(entry) &&
      entry.values.values.every((v) => !ANY_NAME.test(v.split(':').slice(5).join(':')))
    );
  }
  if (NARROWING_KEYS.has(entry.key) || PRINCIPAL_TAG.test(entry.key)) return pinsValue(entry);
  if (entry.ifExists || entry.qualifier) return false;
  const values = entry.values;
  if (values.values.length === 0 || values.unknown.length > 0) return false;
  if (entry.key === 'aws:multifactorauthpresent') {
    return entry.base === 'bool' && values.values.every((v) => v.toLowerCase() === 'true');
  }
  if (entry.key === 'aws:multifactorauthage') {
    return entry.base === 'numericlessthan' || entry.base === 'numericlessthanequals';
  }
  return false;
}

/**
 * Do the statement's conditions narrow which principals of a trusted account can assume the role?
 * `undefined` when a condition that might is not known (an unresolved block or value).
 */
export function narrowsTrustedAccount(statement: Statement): boolean | undefined {
  if (statement.conditions.some(narrowsTrust)) return true;
  const unreadBlock = statement.unknown.some((r) => r.includes('.Condition'));
  const unreadValue = statement.conditions.some(
    (c) =>
      c.values.unknown.length > 0 &&
      !c.ifExists &&
      !c.negated &&
      c.qualifier !== 'forallvalues' &&
      (c.key === 'aws:principalarn' || NARROWING_KEYS.has(c.key) || PRINCIPAL_TAG.test(c.key)),
  );
  return unreadBlock || unreadValue ? undefined : false;
}
