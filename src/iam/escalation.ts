/**
 * Privilege escalation: which principals can make themselves administrator, or act as another
 * principal, through the techniques of escalation-techniques.ts. Each required permission is
 * decided by the policy engine (`simulate` → `evaluate`), so explicit denies, permission
 * boundaries, SCPs and trust policies block a path exactly as they would block the calls.
 * https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 */
import { z } from 'zod';
import type { Resource, Snapshot } from '../model/index.js';
import { resourceTypesOf } from './catalog.js';
import {
  ESCALATION_TECHNIQUES,
  type EscalationTechnique,
  type PermissionSubject,
  type TechniqueCategory,
} from './escalation-techniques.js';
import { actionMatches } from './match.js';
import { evaluate } from './evaluate.js';
import { findPrincipals, principalInfo, type IamModel, type IamPrincipal } from './model.js';
import { simulate } from './simulate.js';
import type { DecidingStatement, NamedPolicy } from './types.js';

/** One permission of a path and the statements that grant it. */
export interface EscalationStep {
  action: string;
  resource: string;
  /** Condition keys the request was decided with (`iam:PassedToService`). */
  context?: Record<string, string>;
  statements: DecidingStatement[];
}

/** A principal that can escalate, how, and to what. */
export interface EscalationPath {
  principal: { arn: string; kind: 'user' | 'role'; name: string; account: string };
  /** Technique id (`iam-001`, `lambda-001` …). */
  technique: string;
  title: string;
  category: TechniqueCategory;
  /** What the technique acts on (the role passed, the user whose key is created, the function hijacked …). */
  target?: { kind: 'user' | 'role' | 'group' | 'policy' | 'resource'; arn: string; type?: string };
  /** `admin`: the principal ends up with administrator access; `principal`: it can act as `becomes`. */
  outcome: 'admin' | 'principal';
  /** The principal (role or user ARN) whose permissions it gains, when it is another one. */
  becomes?: string;
  steps: EscalationStep[];
  summary: string;
}

export interface EscalationOptions {
  /**
   * The snapshot the model was built from: needed for techniques that hijack existing workloads
   * (functions, instances, projects …) or need an existing resource (a cluster, a Glue job).
   * Without it those techniques are not evaluated and `findEscalationsWithCoverage` says so.
   */
  snapshot?: Snapshot;
  /** Only these technique ids. */
  techniques?: string[];
  /** Region used for ARNs of resources a technique would create (default: the snapshot's first, else us-east-1). */
  region?: string;
}

export interface EscalationResult {
  paths: EscalationPath[];
  /** Principals that already have administrator access (no escalation needed). */
  admins: string[];
  /** Techniques that could not be evaluated, with the reason. */
  notEvaluated: Array<{ technique: string; reason: string }>;
}

/**
 * Actions an administrator can call on anything. A principal allowed all of them (after SCPs and
 * its boundary) is treated as having administrator access.
 */
const ADMIN_PROBES = [
  'iam:CreateUser',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'ec2:RunInstances',
  's3:DeleteBucket',
  'lambda:CreateFunction',
  'kms:CreateKey',
  'dynamodb:DeleteTable',
];

/** Finds every escalation path of the model's users and roles. */
export function findEscalations(model: IamModel, options: EscalationOptions = {}): EscalationPath[] {
  return findEscalationsWithCoverage(model, options).paths;
}

/** A workload that runs with a role. */
interface Workload {
  type: string;
  arn: string;
  role: IamPrincipal;
  /** StackSets: the administration role CloudFormation is passed. */
  passRole?: IamPrincipal;
}

interface Target {
  kind: NonNullable<EscalationPath['target']>['kind'];
  arn: string;
  type?: string;
  /** What is gained when the technique gains the target. */
  gains?: { principal?: IamPrincipal; policies?: NamedPolicy[] };
  /** For role-managed-policy: the role; for workloads: the role they run as. */
  role?: IamPrincipal;
  passRole?: IamPrincipal;
  services?: string[];
  existing?: string;
}

class Finder {
  private readonly adminCache = new Map<string, boolean>();
  private readonly region: string;
  readonly workloads: Workload[];
  readonly existing: Map<string, string[]>;

  constructor(
    readonly model: IamModel,
    readonly options: EscalationOptions,
  ) {
    const regions = (options.snapshot?.regions ?? []).filter((r) => /^[a-z]{2}(-[a-z]+)+-\d$/.test(r));
    this.region = options.region ?? regions[0] ?? 'us-east-1';
    this.workloads = options.snapshot ? workloadsOf(model, options.snapshot, this.region) : [];
    this.existing = new Map();
    for (const r of options.snapshot?.resources ?? []) {
      const list = this.existing.get(r.type) ?? [];
      list.push(arnOf(r, this.region));
      this.existing.set(r.type, list);
    }
  }

  /**
   * True when every admin probe is allowed by the principal's identity policies and boundary.
   * SCPs are left out on purpose: they bound every principal of the account alike, so the question
   * "who can reach administrator" is about what is granted inside those guardrails.
   */
  isAdmin(p: IamPrincipal, extra: NamedPolicy[] = []): boolean {
    const cacheKey = `${p.arn}|${extra.map((x) => x.name).join(',')}`;
    const cached = this.adminCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const identity = [...p.policies, ...extra];
    const principal = principalInfo(this.model, p);
    const result = ADMIN_PROBES.every(
      (action) =>
        evaluate(
          { principal, action, resource: '*', context: { 'aws:RequestedRegion': this.region } },
          { identity, ...(p.boundary ? { boundary: p.boundary } : {}) },
        ).decision === 'Allowed',
    );
    this.adminCache.set(cacheKey, result);
    return result;
  }

  /** Whether some Allow statement of the principal's identity policies names the action at all. */
  mayAllow(p: IamPrincipal, action: string): boolean {
    return p.policies.some((np) =>
      np.policy.statements.some(
        (s) =>
          s.effect === 'Allow' &&
          (s.actions
            ? s.actions.some((a) => actionMatches(a, action))
            : !(s.notActions ?? []).some((a) => actionMatches(a, action))),
      ),
    );
  }

  check(
    p: IamPrincipal,
    action: string,
    resource: string,
    context: Record<string, string> = {},
  ): EscalationStep | undefined {
    // Every real request names a region; IAM and other global services are called in us-east-1.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion
    const arnRegion = resource.split(':')[3];
    const full = arnRegion
      ? context
      : {
          'aws:RequestedRegion': /^arn:[^:]+:(iam|sts)::/.test(resource) ? 'us-east-1' : this.region,
          ...context,
        };
    const d = simulate(this.model, p, action, resource, full).decision;
    if (d.decision !== 'Allowed') return undefined;
    return {
      action,
      resource,
      ...(Object.keys(context).length ? { context } : {}),
      statements: d.decidingStatements,
    };
  }

  /** An ARN for a resource the principal would create with `action` (or `*` when the action takes none). */
  newResourceArn(p: IamPrincipal, action: string): string {
    const types = resourceTypesOf(action);
    const preferred =
      types.find((t) => t.required && t.arnFormats.length) ?? types.find((t) => t.arnFormats.length);
    const format = preferred?.arnFormats[0];
    if (!format) return '*';
    return format
      .replace(/\$\{Partition\}/g, 'aws')
      .replace(/\$\{Region\}/g, this.region)
      .replace(/\$\{Account\}/g, p.account)
      .replace(/\$\{[^}]+\}/g, 'escalation-probe');
  }

  roles(): IamPrincipal[] {
    return this.model.principals.filter((x) => x.kind === 'role' && !x.serviceLinked);
  }
  users(): IamPrincipal[] {
    return this.model.principals.filter((x) => x.kind === 'user');
  }

  /** Roles whose trust policy lets the service assume them. */
  rolesTrusting(service: string): IamPrincipal[] {
    return this.roles().filter((r) =>
      (r.trust?.policy.statements ?? []).some(
        (s) =>
          s.effect === 'Allow' &&
          (s.principal?.wildcard || (s.principal?.service ?? []).some((x) => x.toLowerCase() === service)) &&
          (s.actions ?? []).some((a) => actionMatches(a, 'sts:AssumeRole')),
      ),
    );
  }

  targets(p: IamPrincipal, t: EscalationTechnique): Target[] {
    const spec = t.target;
    switch (spec.kind) {
      case 'self':
        return [{ kind: p.kind === 'user' ? 'user' : 'role', arn: p.arn }];
      case 'own-managed-policy':
        return customerManaged(p.policies).map((np) => ({ kind: 'policy', arn: np.arn! }));
      case 'own-group':
        return p.groups.flatMap((g) => {
          const group = this.model.groups.get(`${p.account}/${g}`);
          return group ? [{ kind: 'group' as const, arn: group.arn }] : [];
        });
      case 'group':
        return [...new Set(this.model.groups.values())]
          .filter((g) => g.account === p.account && !p.groups.includes(g.name))
          .map((g) => ({ kind: 'group' as const, arn: g.arn, gains: { policies: g.policies } }));
      case 'user':
        return this.users()
          .filter((u) => u.arn !== p.arn)
          .map((u) => ({ kind: 'user' as const, arn: u.arn, gains: { principal: u } }));
      case 'role':
        return this.roles()
          .filter((r) => r.arn !== p.arn)
          .map((r) => ({ kind: 'role' as const, arn: r.arn, gains: { principal: r } }));
      case 'role-managed-policy':
        return this.roles()
          .filter((r) => r.arn !== p.arn)
          .flatMap((r) =>
            customerManaged(r.policies).map((np) => ({
              kind: 'policy' as const,
              arn: np.arn!,
              role: r,
              gains: { principal: r },
            })),
          );
      case 'service-role': {
        const existing = spec.requiresResource
          ? spec.requiresResource.flatMap((type) => this.existing.get(type) ?? [])
          : [undefined];
        if (existing.length === 0) return [];
        const out: Target[] = [];
        for (const service of spec.services) {
          for (const r of this.rolesTrusting(service)) {
            if (r.arn === p.arn) continue;
            if (spec.needsInstanceProfile && r.instanceProfiles.length === 0) continue;
            for (const e of existing) {
              out.push({
                kind: 'role',
                arn: r.arn,
                role: r,
                passRole: r,
                services: [service],
                gains: { principal: r },
                ...(e ? { existing: e } : {}),
              });
            }
          }
        }
        return out;
      }
      case 'workload':
        return this.workloads
          .filter((w) => spec.resourceTypes.includes(w.type) && w.role.arn !== p.arn)
          .map((w) => ({
            kind: 'resource' as const,
            arn: w.arn,
            type: w.type,
            role: w.role,
            ...(w.passRole ? { passRole: w.passRole } : {}),
            services: ['cloudformation.amazonaws.com'],
            gains: { principal: w.role },
          }));
    }
  }

  subjectArn(
    p: IamPrincipal,
    t: EscalationTechnique,
    target: Target,
    on: PermissionSubject,
    action: string,
  ): string | undefined {
    switch (on) {
      case 'target':
        return target.arn;
      case 'role':
        return target.role?.arn;
      case 'pass-role':
        return target.passRole?.arn;
      case 'existing':
        return target.existing;
      case 'new':
        return this.newResourceArn(p, action);
    }
  }

  tryTechnique(p: IamPrincipal, t: EscalationTechnique, paths: EscalationPath[]): void {
    if (t.principalTypes && !t.principalTypes.includes(p.kind as 'user' | 'role')) return;
    // Cheap pruning: every required action must at least be named by an Allow statement.
    // (A trust policy that names the principal itself lets it assume the role with no identity
    // permission, so sts:AssumeRole is never pruned.)
    if (
      !t.permissions.every((perm) => /^sts:assumerole$/i.test(perm.action) || this.mayAllow(p, perm.action))
    )
      return;
    // Permissions that do not depend on the target are decided once.
    const fixed: EscalationStep[] = [];
    for (const perm of t.permissions.filter((x) => x.on === 'new')) {
      const step = this.check(p, perm.action, this.newResourceArn(p, perm.action));
      if (!step) return;
      fixed.push(step);
    }
    for (const target of this.targets(p, t)) {
      const steps: EscalationStep[] = [];
      let ok = true;
      for (const perm of t.permissions) {
        if (perm.on === 'new') continue;
        const resource = this.subjectArn(p, t, target, perm.on, perm.action);
        if (!resource) {
          ok = false;
          break;
        }
        const context: Record<string, string> =
          perm.on === 'pass-role' && target.services?.[0]
            ? { 'iam:PassedToService': target.services[0] }
            : {};
        const step = this.check(p, perm.action, resource, context);
        if (!step) {
          ok = false;
          break;
        }
        steps.push(step);
      }
      if (!ok) continue;
      const ordered = t.permissions
        .map((perm) =>
          perm.on === 'new'
            ? fixed.find((s) => s.action === perm.action)
            : steps.find((s) => s.action === perm.action),
        )
        .filter((s): s is EscalationStep => s !== undefined);
      const gained = target.gains?.principal;
      const admin =
        t.gains === 'admin' ||
        (gained
          ? this.isAdmin(gained)
          : target.gains?.policies
            ? this.isAdmin(p, target.gains.policies)
            : false);
      if (t.gains === 'target' && !gained && !admin) continue; // a group that adds nothing administrative
      paths.push({
        principal: { arn: p.arn, kind: p.kind as 'user' | 'role', name: p.name, account: p.account },
        technique: t.id,
        title: t.title,
        category: t.category,
        target: { kind: target.kind, arn: target.arn, ...(target.type ? { type: target.type } : {}) },
        outcome: admin ? 'admin' : 'principal',
        ...(gained ? { becomes: gained.arn } : {}),
        steps: ordered,
        summary: t.summary,
      });
    }
  }
}

/** Customer-managed policies among a principal's policies (AWS managed ones cannot be changed). */
function customerManaged(policies: NamedPolicy[]): NamedPolicy[] {
  const seen = new Set<string>();
  return policies.filter((np) => {
    if (!np.arn || np.type === 'aws-managed' || np.arn.includes(':iam::aws:policy/') || seen.has(np.arn))
      return false;
    seen.add(np.arn);
    return true;
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function rec(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** The ARN of a resource: its own, or built from CloudFormation-shaped props. */
function arnOf(r: Resource, defaultRegion: string): string {
  if (r.arn) return r.arn;
  const region = /^[a-z]{2}(-[a-z]+)+-\d$/.test(r.region) ? r.region : defaultRegion;
  const acct = /^\d{12}$/.test(r.account) ? r.account : '*';
  const p = r.props;
  const name = (k: string) => str(p[k]) ?? r.name ?? r.id;
  switch (r.type) {
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${region}:${acct}:function:${name('FunctionName')}`;
    case 'AWS::CodeBuild::Project':
      return `arn:aws:codebuild:${region}:${acct}:project/${name('Name')}`;
    case 'AWS::EC2::Instance':
      return `arn:aws:ec2:${region}:${acct}:instance/${r.id}`;
    case 'AWS::EC2::LaunchTemplate':
      return `arn:aws:ec2:${region}:${acct}:launch-template/${r.id}`;
    case 'AWS::CloudFormation::Stack':
      return `arn:aws:cloudformation:${region}:${acct}:stack/${name('StackName')}/*`;
    case 'AWS::CloudFormation::StackSet':
      return `arn:aws:cloudformation:${region}:${acct}:stackset/${name('StackSetName')}:*`;
    case 'AWS::Glue::DevEndpoint':
      return `arn:aws:glue:${region}:${acct}:devEndpoint/${name('EndpointName')}`;
    case 'AWS::Glue::Job':
      return `arn:aws:glue:${region}:${acct}:job/${name('Name')}`;
    case 'AWS::SageMaker::NotebookInstance':
      return `arn:aws:sagemaker:${region}:${acct}:notebook-instance/${name('NotebookInstanceName').toLowerCase()}`;
    case 'AWS::AppRunner::Service':
      return `arn:aws:apprunner:${region}:${acct}:service/${name('ServiceName')}/*`;
    case 'AWS::BedrockAgentCore::CodeInterpreterCustom':
      return `arn:aws:bedrock-agentcore:${region}:${acct}:code-interpreter-custom/${r.id}`;
    case 'AWS::ECS::Cluster':
      return `arn:aws:ecs:${region}:${acct}:cluster/${name('ClusterName')}`;
    case 'AWS::SQS::Queue':
      return `arn:aws:sqs:${region}:${acct}:${name('QueueName')}`;
    case 'AWS::Kinesis::Stream':
      return `arn:aws:kinesis:${region}:${acct}:stream/${name('Name')}`;
    case 'AWS::DynamoDB::Table':
      return `arn:aws:dynamodb:${region}:${acct}:table/${name('TableName')}`;
    default:
      return `arn:aws:${r.type.split('::')[1]?.toLowerCase() ?? 'unknown'}:${region}:${acct}:${r.id}`;
  }
}

/** Workloads of the snapshot that run with a role, and that role. */
function workloadsOf(model: IamModel, snapshot: Snapshot, region: string): Workload[] {
  const role = (ref: unknown, account: string): IamPrincipal | undefined => {
    const s = str(ref);
    if (!s) return undefined;
    return findPrincipals(model, s).find(
      (p) => p.kind === 'role' && (p.account === account || !/^\d{12}$/.test(account)),
    );
  };
  const byProfile = (ref: unknown, account: string): IamPrincipal | undefined => {
    const s = str(ref) ?? str(rec(ref)?.Arn) ?? str(rec(ref)?.Name);
    if (!s) return undefined;
    const name = s.slice(s.lastIndexOf('/') + 1);
    return model.principals.find(
      (p) =>
        p.kind === 'role' &&
        p.instanceProfiles.includes(name) &&
        (p.account === account || !/^\d{12}$/.test(account)),
    );
  };
  const out: Workload[] = [];
  for (const r of snapshot.resources) {
    const p = r.props;
    let runsAs: IamPrincipal | undefined;
    let passRole: IamPrincipal | undefined;
    switch (r.type) {
      case 'AWS::Lambda::Function':
        runsAs = role(p.Role, r.account);
        break;
      case 'AWS::CodeBuild::Project':
        runsAs = role(p.ServiceRole, r.account);
        break;
      case 'AWS::EC2::Instance':
        runsAs = byProfile(p.IamInstanceProfile, r.account);
        break;
      case 'AWS::EC2::LaunchTemplate':
        runsAs = byProfile(rec(p.LaunchTemplateData)?.IamInstanceProfile, r.account);
        break;
      case 'AWS::CloudFormation::Stack':
        // The service role is not a template property; live data reports it (DescribeStacks RoleARN).
        runsAs = role(p.RoleARN ?? r.observed?.RoleARN, r.account);
        break;
      case 'AWS::CloudFormation::StackSet':
        // Defaults from the self-managed StackSet permissions guide.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html
        runsAs = role(str(p.ExecutionRoleName) ?? 'AWSCloudFormationStackSetExecutionRole', r.account);
        passRole = role(
          str(p.AdministrationRoleARN) ?? 'AWSCloudFormationStackSetAdministrationRole',
          r.account,
        );
        if (!passRole) runsAs = undefined;
        break;
      case 'AWS::Glue::DevEndpoint':
        runsAs = role(p.RoleArn, r.account);
        break;
      case 'AWS::SageMaker::NotebookInstance':
        runsAs = role(p.RoleArn, r.account);
        break;
      case 'AWS::AppRunner::Service':
        runsAs = role(rec(p.InstanceConfiguration)?.InstanceRoleArn, r.account);
        break;
      case 'AWS::BedrockAgentCore::CodeInterpreterCustom':
        runsAs = role(p.ExecutionRoleArn, r.account);
        break;
      default:
        break;
    }
    if (runsAs)
      out.push({ type: r.type, arn: arnOf(r, region), role: runsAs, ...(passRole ? { passRole } : {}) });
  }
  return out;
}

/** Like {@link findEscalations}, with the administrators and the techniques that could not be evaluated. */
export function findEscalationsWithCoverage(
  model: IamModel,
  options: EscalationOptions = {},
): EscalationResult {
  const f = new Finder(model, options);
  const techniques = ESCALATION_TECHNIQUES.filter(
    (t) => !options.techniques || options.techniques.includes(t.id),
  );
  const notEvaluated: EscalationResult['notEvaluated'] = [];
  if (!options.snapshot) {
    for (const t of techniques) {
      const needsSnapshot =
        t.target.kind === 'workload' ||
        (t.target.kind === 'service-role' && t.target.requiresResource !== undefined);
      if (needsSnapshot)
        notEvaluated.push({ technique: t.id, reason: 'needs the snapshot to find existing workloads' });
    }
  }
  const skip = new Set(notEvaluated.map((n) => n.technique));
  const paths: EscalationPath[] = [];
  const admins: string[] = [];
  for (const p of model.principals) {
    if (p.kind === 'root' || p.serviceLinked) continue;
    if (f.isAdmin(p)) {
      admins.push(p.arn);
      continue;
    }
    for (const t of techniques) if (!skip.has(t.id)) f.tryTechnique(p, t, paths);
  }
  paths.sort(
    (a, b) =>
      (a.outcome === b.outcome ? 0 : a.outcome === 'admin' ? -1 : 1) ||
      a.principal.arn.localeCompare(b.principal.arn) ||
      a.technique.localeCompare(b.technique) ||
      (a.target?.arn ?? '').localeCompare(b.target?.arn ?? ''),
  );
  return { paths, admins, notEvaluated };
}

/** Version of the `iam escalation --json` document. */
export const ESCALATION_SCHEMA_VERSION = 1;

const stepSchema = z.object({
  action: z.string(),
  resource: z.string(),
  context: z.record(z.string(), z.string()).optional(),
  statements: z.array(
    z.object({
      policy: z.string(),
      policyType: z.string(),
      sid: z.string().optional(),
      effect: z.enum(['Allow', 'Deny']),
      index: z.number().int().optional(),
      attachedTo: z.string().optional(),
    }),
  ),
});

/** The `iam escalation --json` document. */
export const escalationAnswerSchema = z.object({
  schemaVersion: z.literal(ESCALATION_SCHEMA_VERSION),
  /** Principals that already have administrator access. */
  admins: z.array(z.string()),
  paths: z.array(
    z.object({
      principal: z.object({
        arn: z.string(),
        kind: z.enum(['user', 'role']),
        name: z.string(),
        account: z.string(),
      }),
      technique: z.string(),
      title: z.string(),
      category: z.enum(['self-escalation', 'principal-access', 'new-passrole', 'existing-passrole']),
      target: z
        .object({
          kind: z.enum(['user', 'role', 'group', 'policy', 'resource']),
          arn: z.string(),
          type: z.string().optional(),
        })
        .optional(),
      outcome: z.enum(['admin', 'principal']),
      becomes: z.string().optional(),
      steps: z.array(stepSchema),
      summary: z.string(),
    }),
  ),
  notEvaluated: z.array(z.object({ technique: z.string(), reason: z.string() })),
});
export type EscalationAnswer = z.infer<typeof escalationAnswerSchema>;

/** The escalation answer for a snapshot, as the CLI and the API return it. */
export function escalationAnswer(model: IamModel, snapshot?: Snapshot): EscalationAnswer {
  const r = findEscalationsWithCoverage(model, snapshot ? { snapshot } : {});
  return {
    schemaVersion: ESCALATION_SCHEMA_VERSION,
    admins: r.admins,
    paths: r.paths,
    notEvaluated: r.notEvaluated,
  };
}
