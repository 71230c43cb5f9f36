/**
 * Small builders for tests of the engine and of code built on it: a parsed policy from statements,
 * principals, requests. Throws on invalid policies so a test never runs on a half-read one.
 */
import { parsePolicy } from './parse.js';
import type { NamedPolicy, PolicyKind, PrincipalInfo, RequestContext } from './types.js';

/** A named policy from statements (Version 2012-10-17 unless given). */
export function policyOf(
  kind: PolicyKind,
  name: string,
  statements: Array<Record<string, unknown>>,
  version: string | undefined = '2012-10-17',
): NamedPolicy {
  const doc = { ...(version ? { Version: version } : {}), Statement: statements };
  const parsed = parsePolicy(doc, kind);
  if (!parsed.policy) throw new Error(`invalid test policy ${name}: ${JSON.stringify(parsed.errors)}`);
  return { name, type: kind, policy: parsed.policy };
}

export function userPrincipal(
  account: string,
  name: string,
  extra: Partial<PrincipalInfo> = {},
): PrincipalInfo {
  return { arn: `arn:aws:iam::${account}:user/${name}`, account, type: 'user', username: name, ...extra };
}

export function rolePrincipal(
  account: string,
  role: string,
  session = 'session',
  extra: Partial<PrincipalInfo> = {},
): PrincipalInfo {
  const sessionArn = `arn:aws:sts::${account}:assumed-role/${role}/${session}`;
  return {
    arn: sessionArn,
    sessionArn,
    roleArn: `arn:aws:iam::${account}:role/${role}`,
    account,
    type: 'assumed-role',
    ...extra,
  };
}

export function requestOf(
  principal: PrincipalInfo,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
  resourceAccount?: string,
): RequestContext {
  return { principal, action, resource, context, ...(resourceAccount ? { resourceAccount } : {}) };
}
