/**
 * AWS's policy evaluation logic for one request, single- and cross-account:
 * explicit deny in any policy → RCPs → SCPs → resource-based policy → identity-based policies →
 * permissions boundary → session policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
 */
import { evaluateCompiledCondition, type ContextLookup } from './conditions.js';
import {
  prepareRequest,
  statementsForAction,
  statementsForPolicies,
  type CompiledStatement,
  type PreparedRequest,
} from './compiled.js';
import { arnParts, type VariableResolver } from './match.js';
import { RequestKeys, resourceAccountFrom } from './request-keys.js';
import { notPrincipalExempts, principalForms, type PrincipalForm } from './principals.js';
import type {
  DecidingStatement,
  Decision,
  EvaluateOptions,
  NamedPolicy,
  PolicySet,
  RequestContext,
  Statement,
} from './types.js';

// The request's condition keys moved to request-keys.ts; exported from here as before.
export { requestContext, resourceAccountOf } from './request-keys.js';

/** The kinds of policy a request meets, as decisions report them. */
export type PolicyGroup = 'scp' | 'rcp' | 'resource' | 'trust' | 'identity' | 'boundary' | 'session';

/** A statement that applies to the request. */
interface Applied {
  np: NamedPolicy;
  group: PolicyGroup;
  statement: Statement;
  /** The statement's Effect, read on every request (CompiledStatement says why it is copied). */
  effect: 'Allow' | 'Deny';
  forms: readonly PrincipalForm[];
}

/** Shared answers of `applies`, so a statement without a principal check allocates nothing. */
const NO_FORMS: readonly PrincipalForm[] = [];
const NOTHING: readonly Applied[] = [];
const WILDCARD: readonly PrincipalForm[] = ['wildcard'];

function label(a: Applied): string {
  const sid = a.statement.sid ? ` statement ${a.statement.sid}` : ` statement ${a.statement.index}`;
  return `${a.group} policy ${a.np.name}${a.np.attachedTo ? ` (${a.np.attachedTo})` : ''}${sid}`;
}

function deciding(a: Applied): DecidingStatement {
  // Built field by field rather than with conditional spreads (which allocate an object each);
  // the fields keep their order, so the JSON is the same.
  const { np, group: policyType, statement: st } = a;
  const d: DecidingStatement = st.sid
    ? { policy: np.name, policyType, sid: st.sid, effect: st.effect, index: st.index }
    : { policy: np.name, policyType, effect: st.effect, index: st.index };
  if (np.attachedTo) d.attachedTo = np.attachedTo;
  return d;
}

class Evaluator {
  readonly missing = new Set<string>();
  readonly lookup: ContextLookup;
  readonly vars: VariableResolver;
  readonly prepared: PreparedRequest;

  constructor(
    readonly request: RequestContext,
    readonly options: EvaluateOptions,
  ) {
    this.prepared = prepareRequest(request.action, request.resource);
    const keys = new RequestKeys(request, options, this.prepared.resourceParts);
    // Condition keys are stored lower-case by the parser, so the first lookup usually hits.
    this.lookup = (k) => keys.get(k) ?? keys.get(k.toLowerCase());
    this.vars = (k) => {
      const v = keys.get(k.trim().toLowerCase());
      if (Array.isArray(v)) return v.length === 1 ? v[0] : undefined;
      return v;
    };
  }

  /** The statements of a list of policies (shared between requests) that apply to the request. */
  applied(policies: readonly NamedPolicy[], group: PolicyGroup, checkPrincipal: boolean): readonly Applied[] {
    // Most policies have nothing that applies: the list is allocated only when something does.
    let out: Applied[] | undefined;
    // Only the statements whose Action / NotAction covers the action are looked at, found with one
    // lookup for the whole list (compiled.ts says why).
    for (const { np, statement: c, variables } of statementsForPolicies(policies, this.prepared)) {
      const forms = this.applies(c, variables ? this.vars : undefined, checkPrincipal);
      if (forms) (out ??= []).push({ np, group, statement: c.statement, effect: c.effect, forms });
    }
    return out ?? NOTHING;
  }

  /** The statements of one policy that apply to the request. */
  appliedOne(np: NamedPolicy, group: PolicyGroup, checkPrincipal: boolean): readonly Applied[] {
    // A single policy is looked up by itself: wrapping it in a new list per request would miss
    // the list cache every time.
    let out: Applied[] | undefined;
    const vars = np.policy.version === '2012-10-17' ? this.vars : undefined;
    for (const c of statementsForAction(np.policy, this.prepared)) {
      const forms = this.applies(c, vars, checkPrincipal);
      if (forms) (out ??= []).push({ np, group, statement: c.statement, effect: c.effect, forms });
    }
    return out ?? NOTHING;
  }

  /** Whether a statement covering the action applies: resource, principal and conditions. */
  private applies(
    c: CompiledStatement,
    vars: VariableResolver | undefined,
    checkPrincipal: boolean,
  ): readonly PrincipalForm[] | undefined {
    const { principal } = this.request;
    const req = this.prepared;
    if (c.resources) {
      let any = false;
      for (const r of c.resources) {
        const m = r(req, vars);
        for (const u of m.unresolved) this.missing.add(u);
        if (m.matches) {
          any = true;
          break;
        }
      }
      if (!any) return undefined;
    }
    if (c.notResources) {
      // An entry whose variable cannot be resolved matches nothing, so it excludes nothing.
      if (c.notResources.some((r) => r(req, vars).matches)) return undefined;
    }
    let forms = NO_FORMS;
    if (checkPrincipal) {
      if (c.principal) {
        forms = principalForms(c.principal, principal);
        if (forms.length === 0) return undefined;
      } else if (c.notPrincipal) {
        if (notPrincipalExempts(c.notPrincipal, principal, c.effect)) return undefined;
        forms = WILDCARD;
      }
    }
    // Conditions: every key must hold (AND). Record the keys the request lacks.
    let holds = true;
    for (const cond of c.conditions) {
      const r = evaluateCompiledCondition(cond, this.lookup, vars);
      if (r.keyMissing) this.missing.add(cond.condition.keyAsWritten);
      for (const u of r.unresolvedVariables) this.missing.add(u);
      let ok = r.holds;
      if (this.options.missingKeys === 'permissive' && (r.keyMissing || r.unresolvedVariables.length > 0)) {
        ok = c.effect === 'Allow';
      }
      if (!ok) holds = false;
    }
    return holds ? forms : undefined;
  }
}

const IAM_WRITE = /^iam:(create|delete|put|update|attach|detach|tag|untag|set|add|remove|upload)/i;

/**
 * Why AWS refuses a change to an IAM resource it owns, whatever the caller's policies say: AWS
 * managed policies cannot be edited, and roles under `/aws-reserved/` (provisioned by IAM Identity
 * Center from permission sets) are changed only by the service itself.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html
 */
function protectedIamResource(request: RequestContext): string | undefined {
  if (!IAM_WRITE.test(request.action)) return undefined;
  const parts = arnParts(request.resource);
  if (parts.length !== 6 || parts[2] !== 'iam') return undefined;
  if (parts[4] === 'aws' && parts[5]!.startsWith('policy/')) {
    return `${request.resource} is an AWS managed policy: it cannot be changed.`;
  }
  if (parts[5]!.startsWith('role/aws-reserved/')) {
    return `${request.resource} is a role IAM Identity Center owns: only its permission set changes it.`;
  }
  return undefined;
}

/** Forms of a resource-policy grant that allow on their own in the same account. */
const DIRECT: ReadonlySet<PrincipalForm> = new Set<PrincipalForm>([
  'user',
  'session',
  'federated-user',
  'wildcard',
  'service',
  'federated',
  'canonical-user',
]);

/** Decides one request against the policies that apply to it. */
export function evaluate(
  request: RequestContext,
  policies: PolicySet,
  options: EvaluateOptions = {},
): Decision {
  const ev = new Evaluator(request, options);
  const explanation: string[] = [];
  const p = request.principal;
  const finish = (decision: Decision['decision'], statements: readonly Applied[]): Decision => ({
    decision,
    decidingStatements: statements.map(deciding),
    missingContextKeys: [...ev.missing].sort(),
    explanation,
  });
  // GetCallerIdentity needs no permission and cannot be denied.
  // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
  if ((ev.prepared.actionLower ?? request.action.toLowerCase()) === 'sts:getcalleridentity') {
    explanation.push('sts:GetCallerIdentity needs no permission and cannot be denied.');
    return finish('Allowed', []);
  }
  const protectedTarget = protectedIamResource(request);
  if (protectedTarget && !p.serviceLinked) {
    explanation.push(protectedTarget);
    return finish('ImplicitDeny', []);
  }
  for (const u of policies.unreadable ?? []) {
    explanation.push(
      `Policy ${u.name} could not be read (${u.reason}); the decision leaves it out and may be wrong.`,
    );
  }

  // SCPs restrict principals of member accounts (root users included), not the management account,
  // service-linked roles, AWS service principals or anonymous callers.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
  const scpApplies =
    (policies.scps?.length ?? 0) > 0 &&
    !p.serviceLinked &&
    p.type !== 'service' &&
    p.type !== 'anonymous' &&
    p.type !== 'federated';
  // RCPs restrict access to resources of member accounts, except by AWS service principals and
  // service-linked roles.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
  const rcpApplies = (policies.rcps?.length ?? 0) > 0 && !p.serviceLinked && p.type !== 'service';
  const scpLevels = scpApplies ? policies.scps!.map((level) => ev.applied(level, 'scp', false)) : [];
  const rcpLevels = rcpApplies ? policies.rcps!.map((level) => ev.applied(level, 'rcp', true)) : [];
  const trust = policies.resource?.type === 'trust';
  const resourceGroup: PolicyGroup = trust ? 'trust' : 'resource';
  const resource = policies.resource ? ev.appliedOne(policies.resource, resourceGroup, true) : [];
  const identity = ev.applied(policies.identity, 'identity', false);
  const boundary = policies.boundary ? ev.appliedOne(policies.boundary, 'boundary', false) : [];
  const session = policies.session?.length ? ev.applied(policies.session, 'session', false) : [];

  // 1. An explicit Deny in any policy is final.
  const denies: Applied[] = [];
  for (const group of [...scpLevels, ...rcpLevels, resource, identity, boundary, session])
    for (const a of group) if (a.effect === 'Deny') denies.push(a);
  if (denies.length > 0) {
    for (const d of denies) explanation.push(`Explicit deny by ${label(d)}.`);
    return finish('ExplicitDeny', denies);
  }

  // 2. RCPs: RCPFullAWSAccess is attached to every node and cannot be detached, and custom RCPs
  // may only Deny, so RCPs never deny implicitly: only their explicit denies (step 1) count.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
  if (rcpApplies) explanation.push('RCPs do not deny the request.');

  // 3. SCPs: every level from the root to the principal's account must allow; an implicit deny is final.
  for (const [i, level] of scpLevels.entries()) {
    if (!level.some((a) => a.effect === 'Allow')) {
      const names = policies.scps![i]!.map((s) => s.name).join(', ') || 'none';
      explanation.push(
        `No SCP at level ${i} of the organisation (root → account; attached: ${names}) allows ${request.action}: implicit deny.`,
      );
      return finish('ImplicitDeny', []);
    }
  }
  if (scpApplies) explanation.push('SCPs allow the request at every level from the root to the account.');
  else if ((policies.scps?.length ?? 0) > 0) explanation.push('SCPs do not apply to this principal.');

  const allows = (list: readonly Applied[]) => list.filter((a) => a.effect === 'Allow');
  const rbAllows = allows(resource);
  const idAllows = allows(identity);
  const boundaryAllows = allows(boundary);
  const sessionAllows = allows(session);
  const boundaryOk = !policies.boundary || boundaryAllows.length > 0;
  const sessionOk = !policies.session?.length || sessionAllows.length > 0;
  // The account root user has every permission in its own account; no identity policy attaches to it.
  const rootAllowed = p.type === 'root';
  const identityOk = (rootAllowed || idAllows.length > 0) && boundaryOk && sessionOk;
  const explainIdentity = (): void => {
    if (!rootAllowed && idAllows.length === 0) {
      explanation.push(
        policies.identity.length === 0
          ? 'The principal has no identity-based policy.'
          : `No identity-based policy allows ${request.action} on ${request.resource}.`,
      );
    }
    if (!boundaryOk)
      explanation.push(
        `The permissions boundary ${policies.boundary!.name} does not allow ${request.action}.`,
      );
    if (!sessionOk) explanation.push(`The session policy does not allow ${request.action}.`);
  };
  const resourceAccount = resourceAccountFrom(request, ev.prepared.resourceParts);
  const hasIdentity = p.type !== 'anonymous' && p.type !== 'service' && p.type !== 'federated';
  const required = policies.resourcePolicyRequired ?? trust;

  // Callers without identity policies (anonymous, AWS services, SAML / web identities) are allowed
  // only by a resource-based policy that names them.
  if (!hasIdentity) {
    if (rbAllows.length > 0) {
      for (const a of rbAllows) explanation.push(`Allowed by ${label(a)}.`);
      return finish('Allowed', rbAllows);
    }
    explanation.push(
      policies.resource
        ? `The ${resourceGroup} policy does not allow this ${p.type} principal.`
        : `A ${p.type} principal needs a resource-based policy that allows it; there is none.`,
    );
    return finish('ImplicitDeny', []);
  }

  const sameAccount = resourceAccount === undefined || resourceAccount === p.account;
  if (resourceAccount === undefined) {
    explanation.push("The resource's account is not known: evaluated as the principal's own account.");
  }

  if (!sameAccount) {
    // Cross-account: the trusting account's resource policy must name the principal (or its
    // account), and the principal's own policies must allow.
    const grantOk = rbAllows.length > 0;
    if (grantOk && identityOk) {
      for (const a of [...rbAllows, ...idAllows]) explanation.push(`Allowed by ${label(a)}.`);
      explanation.push(
        `Cross-account: both the resource's account (${resourceAccount}) and the principal's account allow.`,
      );
      return finish('Allowed', [...rbAllows, ...idAllows, ...boundaryAllows, ...sessionAllows]);
    }
    if (!grantOk) {
      explanation.push(
        policies.resource
          ? `Cross-account: the ${resourceGroup} policy of account ${resourceAccount} does not allow this principal.`
          : `Cross-account: the resource in account ${resourceAccount} has no resource-based policy that allows this principal.`,
      );
    }
    explainIdentity();
    return finish('ImplicitDeny', []);
  }

  // Same account. A resource policy naming the user, the role session or everyone grants on its
  // own; naming the role is still limited by boundary and session policy; naming the account
  // delegates to the identity policies.
  const direct = rbAllows.filter((a) => a.forms.some((f) => DIRECT.has(f)));
  if (direct.length > 0) {
    for (const a of direct) explanation.push(`Allowed by ${label(a)}, which names the principal directly.`);
    return finish('Allowed', direct);
  }
  const byRole = rbAllows.filter((a) => a.forms.includes('role'));
  if (byRole.length > 0 && boundaryOk && sessionOk) {
    for (const a of byRole) explanation.push(`Allowed by ${label(a)}, which names the role.`);
    return finish('Allowed', [...byRole, ...boundaryAllows, ...sessionAllows]);
  }
  const byAccount = rbAllows.filter((a) => a.forms.includes('account'));
  if (required && rbAllows.length === 0) {
    explanation.push(
      trust
        ? 'The role trust policy does not name this principal (or its account): an identity policy alone cannot allow it.'
        : 'The key policy does not name this principal (or its account): an identity policy alone cannot allow it.',
    );
    return finish('ImplicitDeny', []);
  }
  if (identityOk) {
    const used = [...byAccount, ...idAllows, ...boundaryAllows, ...sessionAllows];
    for (const a of [...byAccount, ...idAllows]) explanation.push(`Allowed by ${label(a)}.`);
    return finish('Allowed', used);
  }
  if (byRole.length > 0)
    explanation.push(
      'The resource policy names the role, but its boundary or session policy does not allow.',
    );
  explainIdentity();
  return finish('ImplicitDeny', []);
}
