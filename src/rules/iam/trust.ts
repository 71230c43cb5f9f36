/**
 * Trust-policy checks shared by the role rules: which grants reach outside the organisation,
 * which SAML providers a role trusts, and what a role's session may last.
 */
import type { Resource } from '../../model/index.js';
import { asNumber, prop, type GraphView } from '../rule.js';
import type { ConditionEntry, Statement } from './policy.js';
import { conditionsOn, coversAction, pinsValue } from './policy.js';
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
  const trusted = new Set(trustedAccounts);
  return {
    organisation,
    grants: grants.filter(
      (g) => g.scope === 'other-account' && !organisation.has(g.account!) && !trusted.has(g.account!),
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

/**
 * Is the grant to a SAML identity provider: `Federated` `arn:aws:iam::<account>:saml-provider/<name>`,
 * or a federated principal (a template's `!Ref` to the provider) in a statement that allows
 * `sts:AssumeRoleWithSAML`?
 */
export function isSamlGrant(grant: TrustGrant): boolean {
  if (grant.kind !== 'Federated') return false;
  if (/:saml-provider\//.test(grant.text)) return true;
  return grant.scope === 'federated' && coversAction(grant.statement, 'sts:AssumeRoleWithSAML') === true;
}

/** The condition entries of the statement that pin `key` to fixed values. */
export function pinned(statement: Statement, key: string): ConditionEntry[] {
  return conditionsOn(statement, key).filter(pinsValue);
}
