/**
 * IAM principals in the model, for rules: who a role trusts (its trust policy, principal by
 * principal, classified against the role's own account and the organisation), the policies a user,
 * group or role carries (inline and attached), and the accounts of the organisation. Syntactic and
 * conservative: the policy evaluation engine (src/iam/) answers what a request would get.
 */
import { isUnresolved, UNKNOWN_ACCOUNT, type Resource, type Unresolved } from '../../model/index.js';
import { describeUnresolved, label, type GraphView } from '../rule.js';
import {
  couldBeWildcard,
  coversAnyAction,
  kept,
  NONE,
  parseAwsPrincipal,
  readPolicy,
  type PolicyRead,
  type PrincipalKind,
  type Statement,
} from './policy.js';

/** The STS actions a trust policy grants. https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html */
export const ASSUME_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
] as const;

/** Where a trusted principal sits relative to the role. */
export type TrustScope =
  | 'public'
  | 'same-account'
  | 'other-account'
  | 'service'
  | 'federated'
  | 'canonical-user'
  | 'stale'
  | 'unknown';

/** One principal an `Allow` statement of a trust policy lets assume the role. */
export interface TrustGrant {
  readonly statement: Statement;
  readonly kind: PrincipalKind;
  /** The principal as written, or the expression when it is not known. */
  readonly text: string;
  readonly scope: TrustScope;
  /** The other account, for `other-account`. */
  readonly account?: string;
  /** The whole account (`:root` or a bare id) rather than one role or user. */
  readonly wholeAccount: boolean;
  /**
   * The role's own account is not known (a template before deploy), so a literal account id is
   * taken to be another account.
   */
  readonly assumedOther: boolean;
  /** For `unknown`: why. */
  readonly reason?: string;
  /** For `unknown`: the value could turn out to be `*` (a `Ref`), not an ARN pattern (`!Sub arn:...`). */
  readonly maybeEveryone?: boolean;
}

export type TrustRead =
  | {
      readonly known: true;
      readonly grants: readonly TrustGrant[];
      /** Statements that might grant assumption but could not be read in full. */
      readonly unknown: readonly string[];
    }
  | { readonly known: false; readonly reason: string };

/**
 * An unresolved principal that is the template's own account: `!Sub arn:${AWS::Partition}:iam::
 * ${AWS::AccountId}:root`, `!Ref AWS::AccountId`, a `Fn::Join` of those, or Terraform's
 * `data.aws_caller_identity.<name>.account_id`. Returns whether it is the whole account, or
 * `undefined` when the expression is something else.
 */
function ownAccountExpression(value: Unresolved): { wholeAccount: boolean } | undefined {
  const text = JSON.stringify(value.expression) ?? '';
  if (!/AWS::AccountId|aws_caller_identity\.[\w-]+\.account_id/.test(text)) return undefined;
  if (/\d{12}/.test(text)) return undefined;
  const specific = /:(role|user|assumed-role|federated-user)\//.test(text);
  return { wholeAccount: !specific };
}

/** The scope of a principal that names no account: everyone, a service, a provider, an S3 owner. */
const SCOPE_OF_KIND: Readonly<Record<Exclude<PrincipalKind, 'AWS'>, TrustScope>> = {
  '*': 'public',
  Service: 'service',
  Federated: 'federated',
  CanonicalUser: 'canonical-user',
};

function classifyAws(statement: Statement, value: string, role: Resource): TrustGrant {
  const p = parseAwsPrincipal(value);
  const kind = 'AWS';
  if (p.public)
    return { statement, kind, text: value, scope: 'public', wholeAccount: false, assumedOther: false };
  if (p.stale)
    return { statement, kind, text: value, scope: 'stale', wholeAccount: false, assumedOther: false };
  if (!p.account) {
    return {
      statement,
      kind,
      text: value,
      scope: 'unknown',
      wholeAccount: false,
      assumedOther: false,
      reason: `principal ${value} is not an account or an IAM ARN`,
    };
  }
  if (p.account === role.account) {
    return {
      statement,
      kind,
      text: value,
      scope: 'same-account',
      account: p.account,
      wholeAccount: p.wholeAccount,
      assumedOther: false,
    };
  }
  return {
    statement,
    kind,
    text: value,
    scope: 'other-account',
    account: p.account,
    wholeAccount: p.wholeAccount,
    assumedOther: role.account === UNKNOWN_ACCOUNT,
  };
}

/** Adds the principals of one `Allow` statement to `grants`. */
function addGrants(grants: TrustGrant[], statement: Statement, role: Resource): void {
  const principals = statement.principal;
  if (!principals) return;
  for (const entry of principals.entries) {
    if (entry.kind === 'AWS') grants.push(classifyAws(statement, entry.value, role));
    else {
      grants.push({
        statement,
        kind: entry.kind,
        text: entry.value,
        scope: SCOPE_OF_KIND[entry.kind],
        wholeAccount: false,
        assumedOther: false,
      });
    }
  }
  for (const entry of principals.unknown) {
    const own = entry.kind === 'AWS' ? ownAccountExpression(entry.value) : undefined;
    const text = JSON.stringify(entry.value.expression) ?? 'an unresolved value';
    // A service or identity provider whose name is not known is still a service or a provider.
    if (entry.kind === 'Service' || entry.kind === 'Federated') {
      const scope = entry.kind === 'Service' ? 'service' : 'federated';
      grants.push({ statement, kind: entry.kind, text, scope, wholeAccount: false, assumedOther: false });
      continue;
    }
    if (own) {
      grants.push({
        statement,
        kind: entry.kind,
        text,
        scope: 'same-account',
        wholeAccount: own.wholeAccount,
        assumedOther: false,
      });
    } else {
      grants.push({
        statement,
        kind: entry.kind,
        text,
        scope: 'unknown',
        wholeAccount: false,
        assumedOther: false,
        reason: entry.reason,
        maybeEveryone: couldBeWildcard(entry.value),
      });
    }
  }
}

/**
 * The principals the role's trust policy (`AssumeRolePolicyDocument`) lets assume it: every
 * principal of every `Allow` statement whose actions cover an `sts:AssumeRole*` action. `Deny`
 * statements are not subtracted (a rule reading this is conservative: it may flag a grant that a
 * Deny narrows, never the reverse).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html
 */
export function trustGrants(role: Resource): TrustRead {
  // Read once per role: a dozen rules ask for every role's grants.
  const document = role.props.AssumeRolePolicyDocument;
  const cached = trustReads.get(role);
  if (cached && cached.document === document) return cached.read;
  const read = readTrust(role);
  trustReads.set(role, { document, read });
  return read;
}

const trustReads = new WeakMap<Resource, { readonly document: unknown; readonly read: TrustRead }>();

function readTrust(role: Resource): TrustRead {
  const read = readPolicy(role.props.AssumeRolePolicyDocument, 'trust policy');
  if (!read.known) return { known: false, reason: read.reason };
  const grants: TrustGrant[] = [];
  const unknown: string[] = [];
  for (const statement of read.statements) {
    if (statement.effect === 'Deny') continue;
    const covers = coversAnyAction(statement, ASSUME_ACTIONS);
    if (covers === false) continue;
    if (statement.effect === undefined || covers === undefined) {
      // Not known to be an Allow of an assume action, but it might be.
      unknown.push(...statement.unknown, ...statement.action.unknown, ...statement.notAction.unknown);
      continue;
    }
    if (statement.principal?.problem) unknown.push(statement.principal.problem);
    addGrants(grants, statement, role);
  }
  return { known: true, grants: kept(grants), unknown: kept(unknown) };
}

/**
 * Why the trust policy does not say in full who may assume the role: the statements that might
 * grant assumption but could not be read, then the principals that are not known.
 */
export function unknownTrust(trust: Extract<TrustRead, { known: true }>): string[] {
  const unknown = trust.unknown.slice();
  for (let i = 0; i < trust.grants.length; i++) {
    const grant = trust.grants[i]!;
    if (grant.scope === 'unknown') unknown.push(grant.reason!);
  }
  return unknown;
}

/** Does the grant name a principal of another account (or, on a template, a literal account id)? */
export function isCrossAccount(grant: TrustGrant): boolean {
  return grant.scope === 'other-account';
}

const organisations = new WeakMap<GraphView, Set<string>>();

/**
 * The accounts of the organisation, as far as the snapshot shows it: the ids of
 * `AWS::Organizations::Account` resources and the management account of the organisation.
 * Read once per graph: rules ask it for every role.
 */
export function organisationAccounts(graph: GraphView): ReadonlySet<string> {
  let accounts = organisations.get(graph);
  if (accounts) return accounts;
  accounts = new Set<string>();
  organisations.set(graph, accounts);
  for (const account of graph.byType('AWS::Organizations::Account')) {
    if (/^\d{12}$/.test(account.id)) accounts.add(account.id);
  }
  for (const org of graph.byType('AWS::Organizations::Organization')) {
    const management = org.observed?.ManagementAccountId;
    if (typeof management === 'string') accounts.add(management);
  }
  return accounts;
}

/** How a reason names an account outside the role's own. */
export function describeAccount(grant: TrustGrant, organisation: ReadonlySet<string>): string {
  const where = organisation.has(grant.account ?? '') ? 'in the organisation' : 'outside the organisation';
  const what = grant.wholeAccount ? `account ${grant.account}` : `${grant.text}`;
  return grant.assumedOther ? `${what} (the template's own account is not known)` : `${what} (${where})`;
}

// ---------------------------------------------------------------------------------------------
// Policies a principal carries

/** An inline policy of a user, group or role (`Policies[]`), read. */
export interface InlinePolicy {
  readonly name: string;
  readonly read: PolicyRead;
}

/**
 * The inline policies in `Policies` (`{PolicyName, PolicyDocument}`), each read; `known: false`
 * when the list itself is not known.
 */
export function inlinePolicies(resource: Resource): InlinePolicies {
  // Read once per list: several rules ask for every role's, user's and group's policies, and each
  // read would build every policy's name and look its document up again. The read depends on the
  // list alone, so the list is the key (a changed list is another key).
  const list = resource.props.Policies;
  if (typeof list !== 'object' || list === null) return readInlinePolicies(list);
  let read = inlineReads.get(list);
  if (!read) inlineReads.set(list, (read = readInlinePolicies(list)));
  return read;
}

/** A principal's inline policies, read, or why the list is not known. */
export type InlinePolicies =
  | { readonly known: true; readonly policies: readonly InlinePolicy[] }
  | { readonly known: false; readonly reason: string };

const inlineReads = new WeakMap<object, InlinePolicies>();
const NO_INLINE_POLICIES: InlinePolicies = { known: true, policies: NONE };

function readInlinePolicies(list: unknown): InlinePolicies {
  if (isUnresolved(list)) return { known: false, reason: describeUnresolved('Policies', list) };
  if (list === undefined) return NO_INLINE_POLICIES;
  if (!Array.isArray(list)) return { known: false, reason: 'Policies is not a list' };
  return {
    known: true,
    policies: list.map((entry, i) => {
      if (isUnresolved(entry)) {
        return {
          name: `Policies[${i}]`,
          read: { known: false, reason: describeUnresolved(`Policies[${i}]`, entry) },
        };
      }
      const e = (entry ?? {}) as Record<string, unknown>;
      const name = typeof e.PolicyName === 'string' ? e.PolicyName : `Policies[${i}]`;
      return { name, read: readPolicy(e.PolicyDocument, `inline policy ${name}`) };
    }),
  };
}

const AWS_MANAGED_POLICY = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

/** `AdministratorAccess` for `arn:aws:iam::aws:policy/AdministratorAccess`; `undefined` for other ARNs. */
export function awsManagedPolicyName(arn: string): string | undefined {
  // The name is what follows the last `/`; `test` keeps no match array for every ARN it checks.
  return AWS_MANAGED_POLICY.test(arn) ? arn.slice(arn.lastIndexOf('/') + 1) : undefined;
}

/** A managed policy attached to a user, group or role (`ManagedPolicyArns`). */
export interface AttachedPolicy {
  /** The ARN, or the policy's id in a template (a `Ref` to an `AWS::IAM::ManagedPolicy`). */
  readonly ref: string;
  /** For AWS managed policies: the name (`AdministratorAccess`). */
  readonly awsManaged?: string;
  /** A customer managed policy found in the snapshot. */
  readonly resource?: Resource;
}

/** The attached managed policies, with the customer managed ones resolved in the graph where present. */
export function attachedPolicies(
  principal: Resource,
  graph: GraphView,
): { known: true; policies: AttachedPolicy[]; unknown: string[] } | { known: false; reason: string } {
  const list = principal.props.ManagedPolicyArns;
  if (isUnresolved(list)) return { known: false, reason: describeUnresolved('ManagedPolicyArns', list) };
  if (list === undefined) return { known: true, policies: [], unknown: [] };
  if (!Array.isArray(list)) return { known: false, reason: 'ManagedPolicyArns is not a list' };
  const policies: AttachedPolicy[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const ref: unknown = list[i];
    if (typeof ref === 'string') {
      const awsManaged = awsManagedPolicyName(ref);
      if (awsManaged) policies.push({ ref, awsManaged });
      else {
        const resource = graph.resolve(ref, 'AWS::IAM::ManagedPolicy', principal);
        policies.push(resource ? { ref, resource } : { ref });
      }
    } else if (isUnresolved(ref)) {
      const awsManaged = awsManagedFromExpression(ref);
      if (awsManaged) {
        policies.push({ ref: awsManaged.arn, awsManaged: awsManaged.name });
        continue;
      }
      // An unresolved reference to a policy in the template still names it (`{"Ref": "Policy"}`).
      const target = refTarget(ref);
      const resource = target ? graph.get(target, 'AWS::IAM::ManagedPolicy', principal) : undefined;
      if (resource) policies.push({ ref: target!, resource });
      else unknown.push(describeUnresolved(`ManagedPolicyArns[${i}]`, ref));
    }
  }
  return { known: true, policies, unknown };
}

/**
 * An AWS managed policy written with the partition left to CloudFormation:
 * `!Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`.
 */
function awsManagedFromExpression(value: Unresolved): { arn: string; name: string } | undefined {
  const e = value.expression as Record<string, unknown> | undefined;
  const sub = e && typeof e === 'object' ? e['Fn::Sub'] : undefined;
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text !== 'string') return undefined;
  const arn = text.replace('${AWS::Partition}', 'aws');
  const name = awsManagedPolicyName(arn);
  return name && !arn.includes('${') ? { arn, name } : undefined;
}

function refTarget(value: Unresolved): string | undefined {
  const e = value.expression as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.Ref === 'string') return e.Ref;
  const att = e['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  return undefined;
}

/** The IAM principal types whose policies rules read. */
export const PRINCIPAL_TYPES = ['AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Role'] as const;

/** `IAM user bob`, `IAM role deploy`, `IAM group admins`. */
export function principalLabel(resource: Resource): string {
  const kind =
    PRINCIPAL_KIND.get(resource.type) ??
    resource.type.slice(resource.type.lastIndexOf(':') + 1).toLowerCase();
  return `IAM ${kind} ${label(resource)}`;
}

const PRINCIPAL_KIND = new Map([
  ['AWS::IAM::User', 'user'],
  ['AWS::IAM::Group', 'group'],
  ['AWS::IAM::Role', 'role'],
]);

/**
 * A service-linked role: AWS creates, owns and updates it (path `/aws-service-role/`), and its
 * trust and permissions cannot be edited.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 */
export function isServiceLinkedRole(role: Resource): boolean {
  const path = role.props.Path;
  return typeof path === 'string' && path.startsWith('/aws-service-role/');
}
