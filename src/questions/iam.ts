/**
 * IAM questions: "is this call allowed, and which statements decide" (simulate) and "who can do
 * this on this resource" (who-can). Typed params (one zod schema for CLI, API and dashboard) in,
 * explained answers out. See docs/iam.md.
 */
import { z } from 'zod';
import {
  buildIamModel,
  evaluate,
  FOREIGN_POLICIES,
  findResource,
  placeOf,
  policiesFor,
  principalInfo,
  resourcePolicyFor,
  simulate,
  type DecidingStatement,
  type Decision,
  type IamModel,
  type IamPrincipal,
  type PolicySet,
  type PrincipalInfo,
  type RequestContext,
} from '../iam/index.js';
import { InputError, type Snapshot } from '../model/index.js';

/** Version of the `iam simulate --json` and `iam who-can --json` documents. */
export const IAM_SCHEMA_VERSION = 1;

const ACTION = z.string().regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, 'an action is service:ActionName');
const contextValue = z.union([z.string(), z.array(z.string())]);

export const simulateParamsSchema = z.object({
  /** User / role name, ARN, logical id, instance profile name or account id. */
  principal: z.string().min(1),
  action: ACTION,
  /** Resource ARN, or `*`. */
  resource: z.string().min(1),
  context: z.record(z.string(), contextValue).default({}),
  /** `DurationSeconds` of an `sts:AssumeRole` request. */
  durationSeconds: z.number().int().positive().optional(),
  /** The caller is itself a role session (role chaining). */
  chained: z.boolean().optional(),
});
export type SimulateParams = z.input<typeof simulateParamsSchema>;

const decidingSchema = z.object({
  policy: z.string(),
  policyType: z.string(),
  sid: z.string().optional(),
  effect: z.enum(['Allow', 'Deny']),
  index: z.number().int().optional(),
  attachedTo: z.string().optional(),
});

const decisionEnum = z.enum(['Allowed', 'ExplicitDeny', 'ImplicitDeny']);

export const simulateAnswerSchema = z.object({
  schemaVersion: z.literal(IAM_SCHEMA_VERSION),
  principal: z.object({ ref: z.string(), arn: z.string(), type: z.string(), account: z.string() }),
  action: z.string(),
  resource: z.string(),
  resourceAccount: z.string().optional(),
  context: z.record(z.string(), contextValue),
  decision: decisionEnum,
  decidingStatements: z.array(decidingSchema),
  missingContextKeys: z.array(z.string()),
  explanation: z.array(z.string()),
  sessionDuration: z
    .object({ requested: z.number(), max: z.number(), ok: z.boolean(), reason: z.string() })
    .optional(),
  notes: z.array(z.string()),
});
export type SimulateAnswer = z.infer<typeof simulateAnswerSchema>;

/**
 * Keys whose values are resource ids a user may give by `Name` tag (`lambda:VpcIds=dev-vpc`).
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions
 */
const ID_KEYS: ReadonlyArray<[RegExp, string]> = [
  [/(vpcids|:sourcevpc|:vpc)$/i, 'AWS::EC2::VPC'],
  [/subnetids$/i, 'AWS::EC2::Subnet'],
  [/securitygroupids$/i, 'AWS::EC2::SecurityGroup'],
];

function resolveContext(
  snapshot: Snapshot,
  context: Record<string, string | string[]>,
  notes: string[],
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(context)) {
    const type = ID_KEYS.find(([re]) => re.test(key))?.[1];
    if (!type) {
      out[key] = value;
      continue;
    }
    const one = (v: string): string => {
      if (snapshot.resources.some((r) => r.type === type && r.id === v)) return v;
      const named = snapshot.resources.filter((r) => r.type === type && r.name === v);
      if (named.length === 1) {
        notes.push(`${key}: "${v}" is the Name of ${named[0]!.id}.`);
        return named[0]!.id;
      }
      if (named.length > 1) {
        throw new InputError(
          `context ${key}=${v} is ambiguous: ${named.map((r) => `${r.id} (${r.account})`).join(', ')}`,
          {
            path: '--context',
          },
        );
      }
      return v;
    };
    out[key] = Array.isArray(value) ? value.map(one) : one(value);
  }
  return out;
}

/**
 * A `--resource` given as a name or logical id rather than an ARN: the model's role or resource
 * of that name, when there is exactly one.
 */
function resolveResource(model: IamModel, ref: string, notes: string[]): string {
  if (ref === '*' || ref.startsWith('arn:')) return ref;
  const candidates = new Set<string>();
  for (const p of model.principals) {
    if (p.kind === 'role' && (p.name === ref || p.id === ref || p.logicalId === ref)) candidates.add(p.arn);
  }
  for (const r of model.resources.values()) if (r.id === ref || r.name === ref) candidates.add(r.arn);
  if (candidates.size === 1) {
    const arn = [...candidates][0]!;
    notes.push(`${ref} is ${arn}.`);
    return arn;
  }
  if (candidates.size > 1) {
    throw new InputError(`resource "${ref}" is ambiguous; use one of: ${[...candidates].join(', ')}`, {
      path: '--resource',
    });
  }
  throw new InputError(`"${ref}" is neither an ARN nor a role or resource of the snapshot`, {
    path: '--resource',
  });
}

/** Simulates one call as AWS would decide it, with the statements that decided. */
export function iamSimulate(
  snapshot: Snapshot,
  params: SimulateParams,
  model: IamModel = buildIamModel(snapshot),
): SimulateAnswer {
  const p = simulateParamsSchema.parse(params);
  const notes: string[] = [];
  const context = resolveContext(snapshot, p.context, notes);
  const resource = resolveResource(model, p.resource, notes);
  const sim = simulate(model, p.principal, p.action, resource, context, {
    ...(p.durationSeconds !== undefined ? { durationSeconds: p.durationSeconds } : {}),
    ...(p.chained !== undefined ? { chained: p.chained } : {}),
  });
  if (sim.principal.policies.includes(FOREIGN_POLICIES)) {
    notes.push(
      `Account ${sim.principal.account} is not in the snapshot: its own policies are assumed to allow; the decision is the snapshot's side.`,
    );
  }
  if (sim.principal.kind === 'role') {
    notes.push(
      `${sim.principal.name} is a role: the request is made by a session of it (${sim.request.principal.arn}).`,
    );
  }
  if (sim.principal.kind === 'root' && /^sts:assumerole/i.test(p.action)) {
    notes.push('The root user cannot call AssumeRole whatever the policies say.');
  }
  if (
    !findResource(model, p.resource) &&
    !model.principals.some((x) => x.arn === p.resource) &&
    p.resource !== '*'
  ) {
    notes.push(`${p.resource} is not in the snapshot: no resource-based policy was considered.`);
  }
  return {
    schemaVersion: IAM_SCHEMA_VERSION,
    principal: {
      ref: p.principal,
      arn: sim.request.principal.arn,
      type: sim.request.principal.type,
      account: sim.principal.account,
    },
    action: p.action,
    resource,
    ...(sim.request.resourceAccount ? { resourceAccount: sim.request.resourceAccount } : {}),
    context: sim.request.context,
    decision: sim.decision.decision,
    decidingStatements: sim.decision.decidingStatements,
    missingContextKeys: sim.decision.missingContextKeys,
    explanation: sim.decision.explanation,
    ...(sim.sessionDuration ? { sessionDuration: sim.sessionDuration } : {}),
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// who-can

export const whoCanParamsSchema = z.object({
  action: ACTION,
  resource: z.string().min(1),
  context: z.record(z.string(), contextValue).default({}),
});
export type WhoCanParams = z.input<typeof whoCanParamsSchema>;

const whoKind = z.enum(['user', 'role', 'root', 'account', 'public', 'service', 'federated']);

export const whoCanAnswerSchema = z.object({
  schemaVersion: z.literal(IAM_SCHEMA_VERSION),
  action: z.string(),
  resource: z.string(),
  resourceAccount: z.string().optional(),
  principals: z.array(
    z.object({
      kind: whoKind,
      /** ARN, account id, service name, provider ARN, or `*`. */
      principal: z.string(),
      name: z.string(),
      account: z.string(),
      /** Allowed only when the request carries these condition keys with matching values. */
      conditional: z.boolean(),
      conditionKeys: z.array(z.string()),
      /** Groups through which a user holds the grant. */
      via: z.array(z.string()),
      grantPath: z.array(decidingSchema),
      /** The principal's own account is outside the snapshot: its policies were not seen. */
      external: z.boolean(),
    }),
  ),
  notes: z.array(z.string()),
});
export type WhoCanAnswer = z.infer<typeof whoCanAnswerSchema>;
export type WhoCanRow = WhoCanAnswer['principals'][number];

function decide(
  request: RequestContext,
  policies: PolicySet,
): { decision: Decision; conditional: boolean } | undefined {
  const strict = evaluate(request, policies);
  if (strict.decision === 'Allowed') return { decision: strict, conditional: false };
  if (strict.decision === 'ExplicitDeny' && strict.missingContextKeys.length === 0) return undefined;
  const loose = evaluate(request, policies, { missingKeys: 'permissive' });
  return loose.decision === 'Allowed' ? { decision: loose, conditional: true } : undefined;
}

/** Every principal that may call `action` on `resource`, with the statements that grant it. */
export function iamWhoCan(
  snapshot: Snapshot,
  params: WhoCanParams,
  model: IamModel = buildIamModel(snapshot),
): WhoCanAnswer {
  const parsed = whoCanParamsSchema.parse(params);
  const notes: string[] = [];
  const p = { ...parsed, resource: resolveResource(model, parsed.resource, notes) };
  const context = resolveContext(snapshot, p.context, notes);
  const place = placeOf(model, p.resource);
  const base = { ...context };
  if (place.region && !Object.keys(base).some((k) => k.toLowerCase() === 'aws:requestedregion')) {
    base['aws:RequestedRegion'] = place.region;
  }
  const assumeRole = /^sts:assumerole/i.test(p.action);
  const rows: WhoCanRow[] = [];
  const request = (principal: PrincipalInfo): RequestContext => ({
    principal,
    action: p.action,
    resource: p.resource,
    ...(place.account ? { resourceAccount: place.account } : {}),
    context: base,
  });
  const push = (
    kind: WhoCanRow['kind'],
    who: IamPrincipal | undefined,
    info: PrincipalInfo,
    name: string,
    d: { decision: Decision; conditional: boolean },
    external: boolean,
  ) => {
    const allows = d.decision.decidingStatements.filter((s) => s.effect === 'Allow');
    rows.push({
      kind,
      principal:
        kind === 'account'
          ? info.account
          : info.type === 'assumed-role'
            ? (info.roleArn ?? info.arn)
            : info.arn,
      name,
      account: info.account,
      conditional: d.conditional,
      conditionKeys: d.decision.missingContextKeys,
      via: [
        ...new Set(
          allows
            .map((s: DecidingStatement) => s.attachedTo)
            .filter((a): a is string => a?.startsWith('group ') ?? false)
            .map((a) => a.slice(6)),
        ),
      ],
      grantPath: allows,
      external,
    });
    void who;
  };

  for (const who of model.principals) {
    if (who.kind === 'root' && assumeRole) continue;
    const info = principalInfo(model, who);
    const d = decide(request(info), policiesFor(model, who, p.resource, p.action));
    if (d)
      push(who.kind, who, info, who.kind === 'root' ? `root user of ${who.account}` : who.name, d, false);
  }
  if (assumeRole) notes.push('Root users are left out: the root user cannot assume a role.');

  // Principals the resource policy names outside the snapshot, and everyone / services / IdPs.
  const resourcePolicy = resourcePolicyFor(model, p.resource, p.action).policy;
  const seen = new Set<string>();
  for (const st of resourcePolicy?.policy.statements ?? []) {
    if (st.effect !== 'Allow') continue;
    const spec =
      st.principal ??
      (st.notPrincipal
        ? { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] }
        : undefined);
    if (!spec) continue;
    const candidates: Array<{ kind: WhoCanRow['kind']; info: PrincipalInfo; name: string }> = [];
    if (spec.wildcard)
      candidates.push({
        kind: 'public',
        info: { arn: '*', account: '', type: 'anonymous' },
        name: 'everyone (anonymous included)',
      });
    for (const entry of spec.aws) {
      const account = /^\d{12}$/.test(entry) ? entry : /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry)?.[1];
      if (account) {
        if (!model.accounts.has(account))
          candidates.push({
            kind: 'account',
            info: { arn: `arn:aws:iam::${account}:root`, account, type: 'root' },
            name: `account ${account} (any principal it allows)`,
          });
        continue;
      }
      const m = /^arn:[^:]+:(iam|sts)::(\d{12}):(user|role|assumed-role|federated-user)\/(.+)$/.exec(entry);
      if (!m || model.accounts.has(m[2]!)) continue;
      const type =
        m[3] === 'role'
          ? 'assumed-role'
          : m[3] === 'assumed-role'
            ? 'assumed-role'
            : (m[3] as 'user' | 'federated-user');
      const roleArn = m[3] === 'role' ? entry : undefined;
      candidates.push({
        kind: m[3] === 'user' ? 'user' : 'role',
        info: {
          arn: roleArn ? `arn:aws:sts::${m[2]}:assumed-role/${m[4]!.split('/').pop()}/session` : entry,
          account: m[2]!,
          type,
          ...(roleArn
            ? { roleArn, sessionArn: `arn:aws:sts::${m[2]}:assumed-role/${m[4]!.split('/').pop()}/session` }
            : {}),
        },
        name: m[4]!.split('/').pop()!,
      });
    }
    for (const s of spec.service)
      candidates.push({ kind: 'service', info: { arn: s, account: '', type: 'service' }, name: s });
    for (const f of spec.federated)
      candidates.push({
        kind: 'federated',
        info: { arn: f, account: '', type: 'federated' },
        name: f.split('/').pop() ?? f,
      });
    for (const c of candidates) {
      const k = `${c.kind}|${c.info.arn}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const policies: PolicySet = {
        identity:
          c.info.type === 'anonymous' || c.info.type === 'service' || c.info.type === 'federated'
            ? []
            : [FOREIGN_POLICIES],
        ...(resourcePolicy ? { resource: resourcePolicy } : {}),
      };
      const d = decide(request(c.info), policies);
      if (d)
        push(
          c.kind,
          undefined,
          c.info,
          c.name,
          d,
          c.kind !== 'public' && c.kind !== 'service' && c.kind !== 'federated',
        );
    }
  }
  if (
    !resourcePolicy &&
    !findResource(model, p.resource) &&
    !model.principals.some((x) => x.arn === p.resource)
  ) {
    notes.push(`${p.resource} is not in the snapshot: only identity-based policies were considered.`);
  }
  const unreadable = new Set(model.principals.flatMap((x) => x.unreadable.map((u) => u.name)));
  if (unreadable.size) {
    notes.push(
      `Policies not in the snapshot were left out (${[...unreadable].slice(0, 8).join(', ')}${unreadable.size > 8 ? ', …' : ''}); principals holding only those are not listed.`,
    );
  }
  rows.sort(
    (a, b) =>
      Number(a.conditional) - Number(b.conditional) ||
      a.account.localeCompare(b.account) ||
      a.name.localeCompare(b.name),
  );
  return {
    schemaVersion: IAM_SCHEMA_VERSION,
    action: p.action,
    resource: p.resource,
    ...(place.account ? { resourceAccount: place.account } : {}),
    principals: rows,
    notes,
  };
}
