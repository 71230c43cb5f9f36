/**
 * Does a `Principal` / `NotPrincipal` element name the caller, and in which form. The form matters:
 * in the same account a resource policy naming a user or a role session grants on its own, naming
 * the role is still limited by its boundary and session policy, and naming the account delegates
 * to the account's identity policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 */
import { arnParts } from './match.js';
import type { PrincipalInfo, PrincipalSpec } from './types.js';

/** How a principal element names the caller. */
export type PrincipalForm =
  | 'wildcard'
  | 'account'
  | 'user'
  | 'role'
  | 'session'
  | 'federated-user'
  | 'service'
  | 'federated'
  | 'canonical-user';

const ACCOUNT_ID = /^\d{12}$/;

/** The account an `AWS` principal entry names as a whole (`123456789012`, `arn:aws:iam::123456789012:root`). */
export function accountOfEntry(entry: string): string | undefined {
  if (ACCOUNT_ID.test(entry)) return entry;
  const p = arnParts(entry);
  if (p.length === 6 && p[2] === 'iam' && p[5] === 'root' && ACCOUNT_ID.test(p[4]!)) return p[4];
  return undefined;
}

/** Principals that belong to an account (not anonymous callers, services or web / SAML identities). */
function inAccount(p: PrincipalInfo): boolean {
  return p.type !== 'anonymous' && p.type !== 'service' && p.type !== 'federated' && p.account !== '';
}

/** Same ARN, with the partition/service/account compared case-insensitively and the name exactly. */
function sameArn(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  const x = arnParts(a);
  const y = arnParts(b);
  return (
    x.length === 6 &&
    y.length === 6 &&
    x.slice(0, 5).join(':').toLowerCase() === y.slice(0, 5).join(':').toLowerCase() &&
    x[5] === y[5]
  );
}

/** The role ARN a role principal entry names, ignoring its path (trust policies store the ARN with path). */
function roleName(arn: string): string | undefined {
  const p = arnParts(arn);
  if (p.length !== 6 || p[2] !== 'iam' || !p[5]!.startsWith('role/')) return undefined;
  return `${p[4]}/${p[5]!.slice(p[5]!.lastIndexOf('/') + 1)}`;
}

/** Every form in which the element names the caller (empty when it does not). */
export function principalForms(spec: PrincipalSpec, p: PrincipalInfo): PrincipalForm[] {
  const forms = new Set<PrincipalForm>();
  if (spec.wildcard) forms.add('wildcard');
  for (const entry of spec.aws) {
    const account = accountOfEntry(entry);
    if (account !== undefined) {
      if (inAccount(p) && p.account === account) forms.add('account');
      continue;
    }
    if (p.type === 'user' && sameArn(p.arn, entry)) forms.add('user');
    else if (p.type === 'federated-user' && sameArn(p.arn, entry)) forms.add('federated-user');
    else if (p.type === 'root' && sameArn(p.arn, entry)) forms.add('account');
    else if (p.type === 'assumed-role' || p.type === 'role') {
      const role = p.roleArn ?? p.arn;
      const named = roleName(entry);
      if (named !== undefined && (sameArn(role, entry) || named === roleName(role))) forms.add('role');
      else if (p.sessionArn !== undefined && sameArn(p.sessionArn, entry)) forms.add('session');
    }
  }
  if (p.type === 'service' && spec.service.some((s) => s.toLowerCase() === p.arn.toLowerCase()))
    forms.add('service');
  if (p.type === 'federated' && spec.federated.some((f) => f.toLowerCase() === p.arn.toLowerCase()))
    forms.add('federated');
  if (p.canonicalId !== undefined && spec.canonicalUser.includes(p.canonicalId)) forms.add('canonical-user');
  return [...forms];
}

/**
 * Whether a `NotPrincipal` exempts the caller. With `Allow`, any listed form of the caller exempts
 * it. With `Deny`, every form must be listed: for a role session the account, the role and the
 * session ARN; for a user the account and the user — AWS may check the account first and deny.
 * A principal with a permissions boundary is always denied by `NotPrincipal` with `Deny`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function notPrincipalExempts(
  spec: PrincipalSpec,
  p: PrincipalInfo,
  effect: 'Allow' | 'Deny',
): boolean {
  if (spec.wildcard) return true;
  const forms = principalForms(spec, p);
  if (effect === 'Allow') return forms.length > 0;
  if (p.hasBoundary) return false;
  const has = (f: PrincipalForm) => forms.includes(f);
  switch (p.type) {
    case 'user':
      return has('user') && has('account');
    case 'assumed-role':
      return has('role') && has('session') && has('account');
    case 'role':
      return has('role') && has('account');
    case 'federated-user':
      return has('federated-user') && has('account');
    case 'root':
      return has('account');
    default:
      return forms.length > 0;
  }
}
