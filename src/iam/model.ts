/**
 * The IAM view of a snapshot: principals (users with their groups, roles with their trust policy
 * and instance profiles, account root users), their policies, the resource-based policies of
 * S3, KMS, SQS, SNS, Lambda, ECR and Secrets Manager, and the SCP / RCP tree of the organisation.
 * Shapes read are the CloudFormation ones (see src/sources/cloudformation/README.md).
 */
import { InputError, isUnresolved, type Resource, type Snapshot } from '../model/index.js';
import { BUNDLED_AWS_MANAGED } from './aws-managed.js';
import { arnParts } from './match.js';
import { parsePolicy } from './parse.js';
import type { NamedPolicy, PolicyIssue, PolicyKind, PolicySet, PrincipalInfo } from './types.js';

/** A principal of the model. Roles are evaluated as a session of the role. */
export interface IamPrincipal {
  kind: 'user' | 'role' | 'root';
  /** The resource id (name for templates and the demo). */
  id: string;
  name: string;
  arn: string;
  account: string;
  tags: Record<string, string>;
  /** Identity-based policies: inline, managed, and (users) those of their groups. */
  policies: NamedPolicy[];
  boundary?: NamedPolicy;
  /** Roles: the trust policy. */
  trust?: NamedPolicy;
  /** Users: the groups they belong to. */
  groups: string[];
  /** Roles: instance profiles that carry the role. */
  instanceProfiles: string[];
  /** Roles: `MaxSessionDuration` in seconds (default 3600). */
  maxSessionDuration?: number;
  serviceLinked: boolean;
  /** `AIDA…` / `AROA…` when known. */
  uniqueId?: string;
  /** CloudFormation logical id, for REF resolution. */
  logicalId?: string;
  /** Policies that could not be read. */
  unreadable: Array<{ name: string; reason: string }>;
}

/** A resource with a resource-based policy. */
export interface IamResource {
  type: string;
  id: string;
  arn: string;
  account: string;
  region: string;
  name?: string;
  policy?: NamedPolicy;
  /** The policy exists but could not be read. */
  unreadable?: { name: string; reason: string };
  /** Key policies must name the principal (or its account) for any access. */
  policyRequired: boolean;
}

/** The organisation's policy tree. */
export interface OrgTree {
  orgId?: string;
  managementAccount?: string;
  /** Account id → node ids from the root to the account itself. */
  paths: Map<string, string[]>;
  /** Node id → SCPs attached. */
  scps: Map<string, NamedPolicy[]>;
  /** Node id → RCPs attached. */
  rcps: Map<string, NamedPolicy[]>;
  /** OU path strings (`o-x/r-x/ou-x/`) per account, for `aws:PrincipalOrgPaths`. */
  orgPaths: Map<string, string>;
}

/** A problem met while reading the snapshot's policies. */
export interface IamIssue extends PolicyIssue {
  severity: 'error' | 'warning';
  /** The resource whose policy it is. */
  resource: { type: string; id: string; account: string };
  policy: string;
}

export interface IamGroup {
  name: string;
  arn: string;
  account: string;
  policies: NamedPolicy[];
  /** ARNs of the member users. */
  members: string[];
  unreadable: Array<{ name: string; reason: string }>;
}

export interface IamModel {
  principals: IamPrincipal[];
  /** By `account/name`. */
  groups: Map<string, IamGroup>;
  /** By ARN. */
  resources: Map<string, IamResource>;
  org: OrgTree;
  /** Accounts of the snapshot. */
  accounts: Set<string>;
  issues: IamIssue[];
}

export interface IamModelOptions {
  /** Extra AWS managed policy documents by ARN (e.g. from a corpus); the snapshot's own win. */
  awsManaged?: Readonly<Record<string, unknown>>;
}

const ACCOUNT_ID = /^\d{12}$/;

function rec(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnresolved(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}
const key = (account: string, name: string) => `${account}/${name}`;

class Builder {
  readonly issues: IamIssue[] = [];
  private readonly managed = new Map<string, { resource: Resource; doc: unknown }>();

  constructor(
    readonly snapshot: Snapshot,
    readonly options: IamModelOptions,
  ) {
    for (const r of snapshot.resources) {
      if (r.type !== 'AWS::IAM::ManagedPolicy') continue;
      const entry = { resource: r, doc: r.props.PolicyDocument };
      this.managed.set(r.id, entry);
      if (r.arn) this.managed.set(r.arn, entry);
    }
  }

  parse(
    doc: unknown,
    kind: PolicyKind,
    name: string,
    type: NamedPolicy['type'],
    owner: Resource,
    attachedTo: string | undefined,
    arn?: string,
  ): { policy?: NamedPolicy; unreadable?: { name: string; reason: string } } {
    const parsed = parsePolicy(doc, kind);
    const where = { type: owner.type, id: owner.id, account: owner.account };
    for (const e of parsed.errors)
      this.issues.push({ ...e, severity: 'error', resource: where, policy: name });
    for (const w of parsed.warnings)
      this.issues.push({ ...w, severity: 'warning', resource: where, policy: name });
    if (!parsed.policy) {
      const first = parsed.errors[0];
      return { unreadable: { name, reason: first ? `${first.path}: ${first.message}` : 'not readable' } };
    }
    return {
      policy: {
        name,
        type,
        policy: parsed.policy,
        ...(arn ? { arn } : {}),
        ...(attachedTo ? { attachedTo } : {}),
      },
    };
  }

  /** Inline and managed identity policies of a user, group or role. */
  identityPolicies(
    r: Resource,
    attachedTo: string,
  ): { policies: NamedPolicy[]; unreadable: IamPrincipal['unreadable'] } {
    const policies: NamedPolicy[] = [];
    const unreadable: IamPrincipal['unreadable'] = [];
    for (const [i, p] of list(r.props.Policies).entries()) {
      const entry = rec(p);
      const name = str(entry?.PolicyName) ?? `inline policy ${i}`;
      if (!entry) {
        unreadable.push({ name, reason: 'the inline policy is not known' });
        continue;
      }
      const out = this.parse(entry.PolicyDocument, 'identity', name, 'inline', r, attachedTo);
      if (out.policy) policies.push(out.policy);
      else unreadable.push(out.unreadable!);
    }
    for (const ref of list(r.props.ManagedPolicyArns)) {
      const out = this.managedPolicy(ref, r, attachedTo, 'identity');
      if (out.policy) policies.push(out.policy);
      else if (out.unreadable) unreadable.push(out.unreadable);
    }
    return { policies, unreadable };
  }

  managedPolicy(
    ref: unknown,
    owner: Resource,
    attachedTo: string,
    kind: PolicyKind,
  ): { policy?: NamedPolicy; unreadable?: { name: string; reason: string } } {
    if (typeof ref !== 'string') {
      return {
        unreadable: { name: 'managed policy', reason: isUnresolved(ref) ? ref.reason : 'not a policy ARN' },
      };
    }
    const found = this.managed.get(ref);
    const name = found?.resource.name ?? ref.slice(ref.lastIndexOf('/') + 1);
    const awsManaged = ref.includes(':iam::aws:policy/');
    if (found) {
      return this.parse(
        found.doc,
        kind,
        name,
        awsManaged ? 'aws-managed' : kind,
        found.resource,
        attachedTo,
        found.resource.arn ?? ref,
      );
    }
    const normalised = ref.replace(/^arn:aws[a-z-]*:/, 'arn:aws:');
    const bundled = this.options.awsManaged?.[normalised] ?? BUNDLED_AWS_MANAGED[normalised];
    if (bundled) return this.parse(bundled, kind, name, 'aws-managed', owner, attachedTo, ref);
    return {
      unreadable: {
        name,
        reason: awsManaged
          ? `the document of AWS managed policy ${name} is not in the snapshot`
          : `managed policy ${ref} is not in the snapshot`,
      },
    };
  }
}

/** Builds the IAM view of a snapshot. */
export function buildIamModel(snapshot: Snapshot, options: IamModelOptions = {}): IamModel {
  const b = new Builder(snapshot, options);
  const byType = (type: string) => snapshot.resources.filter((r) => r.type === type);
  const accounts = new Set<string>(snapshot.accounts.map((a) => a.id));
  for (const r of snapshot.resources) if (ACCOUNT_ID.test(r.account)) accounts.add(r.account);

  // Groups.
  const groups: IamModel['groups'] = new Map();
  for (const g of byType('AWS::IAM::Group')) {
    const name = str(g.props.GroupName) ?? g.name ?? g.id;
    const { policies, unreadable } = b.identityPolicies(g, `group ${name}`);
    const entry = {
      name,
      arn: g.arn ?? `arn:aws:iam::${g.account}:group/${name}`,
      account: g.account,
      policies,
      members: [] as string[],
      unreadable,
    };
    groups.set(key(g.account, name), entry);
    if (g.id !== name) groups.set(key(g.account, g.id), entry);
  }

  const principals: IamPrincipal[] = [];
  // Users.
  for (const u of byType('AWS::IAM::User')) {
    const name = str(u.props.UserName) ?? u.name ?? u.id;
    const own = b.identityPolicies(u, `user ${name}`);
    const policies = [...own.policies];
    const unreadable = [...own.unreadable];
    const memberOf: string[] = [];
    for (const gref of list(u.props.Groups)) {
      if (typeof gref !== 'string') {
        unreadable.push({ name: 'group', reason: 'a group of the user is not known' });
        continue;
      }
      const g = groups.get(key(u.account, gref));
      if (!g) {
        unreadable.push({ name: `group ${gref}`, reason: `group ${gref} is not in the snapshot` });
        continue;
      }
      memberOf.push(g.name);
      g.members.push(u.arn ?? name);
      policies.push(...g.policies);
      unreadable.push(...g.unreadable);
    }
    const boundary = boundaryOf(b, u, `user ${name}`, unreadable);
    const observed = u.observed ?? {};
    principals.push({
      kind: 'user',
      id: u.id,
      name,
      arn: u.arn ?? `arn:aws:iam::${u.account}:user${str(u.props.Path) ?? '/'}${name}`,
      account: u.account,
      tags: { ...u.tags, ...tagsOf(u.props.Tags) },
      policies,
      ...(boundary ? { boundary } : {}),
      groups: memberOf,
      instanceProfiles: [],
      serviceLinked: false,
      ...(str(observed.UserId) ? { uniqueId: str(observed.UserId) } : {}),
      ...(u.origin.logicalId ? { logicalId: u.origin.logicalId } : {}),
      unreadable,
    });
  }

  // Roles and their instance profiles.
  const profiles = new Map<string, string[]>();
  for (const ip of byType('AWS::IAM::InstanceProfile')) {
    for (const role of list(ip.props.Roles)) {
      if (typeof role !== 'string') continue;
      const k = key(ip.account, role);
      profiles.set(k, [...(profiles.get(k) ?? []), ip.name ?? str(ip.props.InstanceProfileName) ?? ip.id]);
    }
  }
  for (const r of byType('AWS::IAM::Role')) {
    const name = str(r.props.RoleName) ?? r.name ?? r.id;
    const path = str(r.props.Path) ?? '/';
    const own = b.identityPolicies(r, `role ${name}`);
    const unreadable = [...own.unreadable];
    const trust = b.parse(
      r.props.AssumeRolePolicyDocument,
      'trust',
      `${name} trust policy`,
      'trust',
      r,
      `role ${name}`,
    );
    if (trust.unreadable) unreadable.push(trust.unreadable);
    const boundary = boundaryOf(b, r, `role ${name}`, unreadable);
    const maxSession = typeof r.props.MaxSessionDuration === 'number' ? r.props.MaxSessionDuration : 3600;
    const observed = r.observed ?? {};
    principals.push({
      kind: 'role',
      id: r.id,
      name,
      arn: r.arn ?? `arn:aws:iam::${r.account}:role${path}${name}`,
      account: r.account,
      tags: { ...r.tags, ...tagsOf(r.props.Tags) },
      policies: own.policies,
      ...(boundary ? { boundary } : {}),
      ...(trust.policy ? { trust: trust.policy } : {}),
      groups: [],
      instanceProfiles: [
        ...(profiles.get(key(r.account, name)) ?? []),
        ...(r.id !== name ? (profiles.get(key(r.account, r.id)) ?? []) : []),
      ],
      maxSessionDuration: maxSession,
      // Service-linked roles live under /aws-service-role/.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
      serviceLinked: path.startsWith('/aws-service-role/'),
      ...(str(observed.RoleId) ? { uniqueId: str(observed.RoleId) } : {}),
      ...(r.origin.logicalId ? { logicalId: r.origin.logicalId } : {}),
      unreadable,
    });
  }

  // Root users: one per account of the snapshot (whether or not the credential report is there).
  for (const account of accounts) {
    principals.push({
      kind: 'root',
      id: account,
      name: `root of ${account}`,
      arn: `arn:aws:iam::${account}:root`,
      account,
      tags: {},
      policies: [],
      groups: [],
      instanceProfiles: [],
      serviceLinked: false,
      uniqueId: account,
      unreadable: [],
    });
  }

  const resources = resourcePolicies(b, snapshot);
  const org = orgTree(b, snapshot);
  return { principals, groups, resources, org, accounts, issues: b.issues };
}

function tagsOf(tags: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of list(tags)) {
    const e = rec(t);
    if (e && typeof e.Key === 'string' && typeof e.Value === 'string') out[e.Key] = e.Value;
  }
  return out;
}

function boundaryOf(
  b: Builder,
  r: Resource,
  attachedTo: string,
  unreadable: IamPrincipal['unreadable'],
): NamedPolicy | undefined {
  const ref = r.props.PermissionsBoundary;
  if (ref === undefined) return undefined;
  const out = b.managedPolicy(ref, r, attachedTo, 'boundary');
  if (out.unreadable)
    unreadable.push({ ...out.unreadable, name: `permissions boundary ${out.unreadable.name}` });
  return out.policy;
}

/** Resource-based policies by resource ARN. */
function resourcePolicies(b: Builder, snapshot: Snapshot): Map<string, IamResource> {
  const out = new Map<string, IamResource>();
  const byName = new Map<string, Resource>();
  for (const r of snapshot.resources) {
    byName.set(`${r.type}|${r.id}`, r);
    if (r.arn) byName.set(`${r.type}|${r.arn}`, r);
    if (r.name) byName.set(`${r.type}|${r.name}`, r);
  }
  const add = (r: Resource, arn: string | undefined, doc: unknown, label: string, policyRequired = false) => {
    if (!arn) return;
    const entry: IamResource = {
      type: r.type,
      id: r.id,
      arn,
      account: r.account,
      region: r.region,
      ...(r.name ? { name: r.name } : {}),
      policyRequired,
    };
    if (doc !== undefined && doc !== null) {
      const parsed = b.parse(doc, 'resource', label, 'resource', r, `${r.type} ${r.name ?? r.id}`);
      if (parsed.policy) entry.policy = parsed.policy;
      else entry.unreadable = parsed.unreadable;
    }
    out.set(arn, entry);
  };
  const lambdaStatements = new Map<string, Array<Record<string, unknown>>>();
  const secretPolicies = new Map<string, unknown>();
  for (const r of snapshot.resources) {
    switch (r.type) {
      case 'AWS::S3::Bucket': {
        const name = str(r.props.BucketName) ?? r.name ?? r.id;
        add(r, r.arn ?? `arn:aws:s3:::${name}`, r.props.PolicyDocument, `bucket policy of ${name}`);
        break;
      }
      case 'AWS::KMS::Key':
        // Key policies must name the principal or its account.
        // https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
        add(r, r.arn, r.props.KeyPolicy, `key policy of ${r.name ?? r.id}`, true);
        break;
      case 'AWS::SQS::Queue':
      case 'AWS::SNS::Topic':
        add(
          r,
          r.arn,
          r.props.PolicyDocument,
          `${r.type === 'AWS::SQS::Queue' ? 'queue' : 'topic'} policy of ${r.name ?? r.id}`,
        );
        break;
      case 'AWS::ECR::Repository':
        add(r, r.arn, r.props.RepositoryPolicyText, `repository policy of ${r.name ?? r.id}`);
        break;
      case 'AWS::SecretsManager::ResourcePolicy': {
        const secret = str(r.props.SecretId);
        if (secret) secretPolicies.set(secret, r.props.ResourcePolicy);
        break;
      }
      case 'AWS::Lambda::Permission': {
        const fn = str(r.props.FunctionName);
        if (fn) lambdaStatements.set(fn, [...(lambdaStatements.get(fn) ?? []), permissionStatement(r)]);
        break;
      }
      default:
        break;
    }
  }
  for (const r of snapshot.resources) {
    if (r.type === 'AWS::SecretsManager::Secret') {
      const doc =
        secretPolicies.get(r.id) ??
        (r.arn ? secretPolicies.get(r.arn) : undefined) ??
        (r.name ? secretPolicies.get(r.name) : undefined) ??
        r.observed?.ResourcePolicy;
      add(r, r.arn, doc, `secret policy of ${r.name ?? r.id}`);
    }
    if (r.type === 'AWS::Lambda::Function') {
      const statements = [r.id, r.arn, r.name, str(r.props.FunctionName)]
        .filter((k): k is string => k !== undefined)
        .flatMap((k) => lambdaStatements.get(k) ?? []);
      const unique = [...new Set(statements)];
      const doc = unique.length
        ? { Version: '2012-10-17', Statement: unique.map((s) => ({ ...s, Resource: r.arn ?? '*' })) }
        : r.observed?.Policy;
      add(r, r.arn, doc, `function policy of ${r.name ?? r.id}`);
    }
  }
  return out;
}

/**
 * The statement an `AWS::Lambda::Permission` adds to the function's policy, as Lambda writes it.
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */
function permissionStatement(r: Resource): Record<string, unknown> {
  const principal = r.props.Principal;
  let p: unknown = principal;
  if (typeof principal === 'string') {
    if (principal === '*') p = '*';
    else if (principal.endsWith('.amazonaws.com') || principal.endsWith('.amazonaws.com.cn'))
      p = { Service: principal };
    else p = { AWS: principal };
  }
  const condition: Record<string, Record<string, unknown>> = {};
  if (r.props.SourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': r.props.SourceArn };
  const equals: Record<string, unknown> = {};
  if (r.props.SourceAccount !== undefined) equals['AWS:SourceAccount'] = r.props.SourceAccount;
  if (r.props.PrincipalOrgID !== undefined) equals['aws:PrincipalOrgID'] = r.props.PrincipalOrgID;
  if (r.props.FunctionUrlAuthType !== undefined)
    equals['lambda:FunctionUrlAuthType'] = r.props.FunctionUrlAuthType;
  if (Object.keys(equals).length) condition.StringEquals = equals;
  return {
    Sid: r.origin.logicalId ?? r.id,
    Effect: 'Allow',
    Principal: p,
    Action: r.props.Action,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}

/** The organisation's SCP / RCP tree from the Organizations resources. */
function orgTree(b: Builder, snapshot: Snapshot): OrgTree {
  const tree: OrgTree = { paths: new Map(), scps: new Map(), rcps: new Map(), orgPaths: new Map() };
  const org = snapshot.resources.find((r) => r.type === 'AWS::Organizations::Organization');
  if (org) {
    tree.orgId = org.id;
    const m = str(org.observed?.ManagementAccountId) ?? str(org.props.ManagementAccountId);
    if (m) tree.managementAccount = m;
  }
  const parent = new Map<string, string>();
  for (const r of snapshot.resources) {
    if (r.type === 'AWS::Organizations::OrganizationalUnit') {
      const p = str(r.props.ParentId);
      if (p) parent.set(r.id, p);
    }
  }
  for (const r of snapshot.resources) {
    if (r.type !== 'AWS::Organizations::Account') continue;
    const first = list(r.props.ParentIds)[0];
    const account = str(r.props.AccountId) ?? r.id;
    const path = [account];
    let node = typeof first === 'string' ? first : undefined;
    const seen = new Set<string>();
    while (node && !seen.has(node)) {
      seen.add(node);
      path.unshift(node);
      node = parent.get(node);
    }
    tree.paths.set(account, path);
    if (tree.orgId) tree.orgPaths.set(account, `${tree.orgId}/${path.slice(0, -1).join('/')}/`);
  }
  for (const r of snapshot.resources) {
    if (r.type !== 'AWS::Organizations::Policy') continue;
    const type = str(r.props.Type);
    const target =
      type === 'SERVICE_CONTROL_POLICY'
        ? tree.scps
        : type === 'RESOURCE_CONTROL_POLICY'
          ? tree.rcps
          : undefined;
    if (!target) continue;
    const name = str(r.props.Name) ?? r.name ?? r.id;
    const kind = type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp';
    const parsed = b.parse(r.props.Content, kind, name, kind, r, undefined, r.arn);
    if (!parsed.policy) continue;
    for (const t of list(r.props.TargetIds)) {
      if (typeof t === 'string') target.set(t, [...(target.get(t) ?? []), parsed.policy]);
    }
  }
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Resolving references and assembling the policies of a request

/** A principal reference: user / role name, ARN, logical id, instance profile name, account id. */
export type PrincipalRef = string;

/** The model's principals a reference names. */
export function findPrincipals(model: IamModel, ref: PrincipalRef): IamPrincipal[] {
  const r = ref.trim();
  if (ACCOUNT_ID.test(r)) return model.principals.filter((p) => p.kind === 'root' && p.account === r);
  const exact = model.principals.filter((p) => p.arn === r);
  if (exact.length) return exact;
  // A role session ARN names its role.
  const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(r);
  if (session)
    return model.principals.filter(
      (p) => p.kind === 'role' && p.account === session[1] && p.name === session[2],
    );
  const profile = /^arn:[^:]+:iam::(\d{12}):instance-profile\/(?:.*\/)?([^/]+)$/.exec(r);
  if (profile) {
    return model.principals.filter(
      (p) => p.account === profile[1] && p.instanceProfiles.includes(profile[2]!),
    );
  }
  const byName = model.principals.filter(
    (p) =>
      p.kind !== 'root' &&
      (p.name === r || p.id === r || p.logicalId === r || p.instanceProfiles.includes(r)),
  );
  if (byName.length) return byName;
  const lower = r.toLowerCase();
  // IAM user and role names are unique case-insensitively.
  return model.principals.filter((p) => p.kind !== 'root' && p.name.toLowerCase() === lower);
}

/**
 * The identity policies of a principal whose account is outside the snapshot: unknown, so assumed
 * to allow; the decision then says what the snapshot's side (resource policy, trust) decides.
 */
export const FOREIGN_POLICIES: NamedPolicy = {
  name: 'policies of its own account (not in the snapshot; assumed to allow)',
  type: 'identity',
  policy: {
    version: '2012-10-17',
    statements: [
      { index: 0, effect: 'Allow', actions: ['*'], resources: ['*'], conditions: [], path: '$.Statement[0]' },
    ],
  },
};

/** A user or role of an account the snapshot does not hold, from its ARN. */
export function externalPrincipal(model: IamModel, arn: string): IamPrincipal | undefined {
  const m = /^arn:[^:]+:iam::(\d{12}):(user|role)(\/.*\/|\/)([^/]+)$/.exec(arn);
  if (!m || model.accounts.has(m[1]!)) return undefined;
  return {
    kind: m[2] === 'user' ? 'user' : 'role',
    id: arn,
    name: m[4]!,
    arn,
    account: m[1]!,
    tags: {},
    policies: [FOREIGN_POLICIES],
    groups: [],
    instanceProfiles: [],
    maxSessionDuration: 3600,
    serviceLinked: false,
    unreadable: [],
  };
}

/** Resolves a reference to exactly one principal, or throws an InputError listing the candidates. */
export function resolvePrincipal(model: IamModel, ref: PrincipalRef): IamPrincipal {
  const found = findPrincipals(model, ref);
  if (found.length === 1) return found[0]!;
  const external = found.length === 0 ? externalPrincipal(model, ref.trim()) : undefined;
  if (external) return external;
  if (found.length === 0) {
    throw new InputError(`no user, role or account matches principal "${ref}"`, { path: '--principal' });
  }
  throw new InputError(`principal "${ref}" is ambiguous; use one of: ${found.map((p) => p.arn).join(', ')}`, {
    path: '--principal',
  });
}

/** The caller a model principal makes requests as: a user, a role session, or the root user. */
export function principalInfo(model: IamModel, p: IamPrincipal, sessionName = 'cloudrounds'): PrincipalInfo {
  const orgPath = model.org.orgPaths.get(p.account);
  const common = {
    account: p.account,
    tags: p.tags,
    ...(p.boundary ? { hasBoundary: true } : {}),
    ...(model.org.orgId && model.org.paths.has(p.account) ? { orgId: model.org.orgId } : {}),
    ...(orgPath ? { orgPaths: [orgPath] } : {}),
  };
  if (p.kind === 'user') {
    return {
      ...common,
      arn: p.arn,
      type: 'user',
      username: p.name,
      ...(p.uniqueId ? { userId: p.uniqueId } : {}),
    };
  }
  if (p.kind === 'root') return { ...common, arn: p.arn, type: 'root', userId: p.account };
  const parts = arnParts(p.arn);
  const partition = parts[1] ?? 'aws';
  const sessionArn = `arn:${partition}:sts::${p.account}:assumed-role/${p.name}/${sessionName}`;
  return {
    ...common,
    arn: sessionArn,
    type: 'assumed-role',
    sessionArn,
    roleArn: p.arn,
    ...(p.uniqueId ? { userId: `${p.uniqueId}:${sessionName}` } : {}),
    ...(p.serviceLinked ? { serviceLinked: true } : {}),
  };
}

/** The resource a request's ARN is about (S3 objects → their bucket; Lambda aliases → the function). */
export function findResource(model: IamModel, resourceArn: string): IamResource | undefined {
  const direct = model.resources.get(resourceArn);
  if (direct) return direct;
  const parts = arnParts(resourceArn);
  if (parts.length !== 6) return undefined;
  const [, partition, service, region, account, rest] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (service === 's3' && rest.includes('/'))
    return model.resources.get(`arn:${partition}:s3:::${rest.slice(0, rest.indexOf('/'))}`);
  if (service === 'lambda' && rest.startsWith('function:')) {
    const name = rest.split(':')[1];
    return model.resources.get(`arn:${partition}:lambda:${region}:${account}:function:${name}`);
  }
  if (service === 'secretsmanager') {
    // Secret ARNs end in a random six-character suffix that policies often leave out.
    for (const r of model.resources.values()) {
      if (
        r.type === 'AWS::SecretsManager::Secret' &&
        (r.arn.startsWith(resourceArn) || resourceArn.startsWith(r.arn))
      )
        return r;
    }
  }
  return undefined;
}

/**
 * Services whose resources RCPs restrict.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
const RCP_SERVICES = new Set([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'dynamodb',
  'ecr',
  'logs',
  'cognito-identity',
  'aoss',
]);

function levels(
  tree: OrgTree,
  map: Map<string, NamedPolicy[]>,
  account: string,
): NamedPolicy[][] | undefined {
  const path = tree.paths.get(account);
  // No policy of this type in the snapshot: the type is not enabled (or was not read).
  if (!path || account === tree.managementAccount || map.size === 0) return undefined;
  return path.map((node) => map.get(node) ?? []);
}

/** Where the resource of a request is: its account and region. */
export interface ResourcePlace {
  account?: string;
  region?: string;
  resource?: IamResource;
}

export function placeOf(model: IamModel, resourceArn: string): ResourcePlace {
  const found = findResource(model, resourceArn);
  const parts = arnParts(resourceArn);
  const arnAccount = parts.length === 6 && ACCOUNT_ID.test(parts[4]!) ? parts[4] : undefined;
  const arnRegion = parts.length === 6 && parts[3] ? parts[3] : undefined;
  const role = model.principals.find((p) => p.kind === 'role' && p.arn === resourceArn);
  return {
    account: found?.account && ACCOUNT_ID.test(found.account) ? found.account : (arnAccount ?? role?.account),
    region:
      arnRegion ??
      (found && found.region !== 'global' && found.region !== 'unknown' ? found.region : undefined),
    ...(found ? { resource: found } : {}),
  };
}

/**
 * The resource-based policy a request on `resourceArn` meets: a role's trust policy for `sts:*`
 * actions on the role, else the policy of the resource (bucket, key, queue …).
 */
export function resourcePolicyFor(
  model: IamModel,
  resourceArn: string,
  action = '',
): { policy?: NamedPolicy; required: boolean; unreadable?: { name: string; reason: string } } {
  const role = model.principals.find((x) => x.kind === 'role' && x.arn === resourceArn);
  if (role && (/^sts:/i.test(action) || action === '')) {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy
    return { ...(role.trust ? { policy: role.trust } : {}), required: true };
  }
  const found = findResource(model, resourceArn);
  if (!found) return { required: false };
  return {
    ...(found.policy ? { policy: found.policy } : {}),
    required: found.policyRequired,
    ...(found.unreadable ? { unreadable: found.unreadable } : {}),
  };
}

/** The policies that take part when `principal` acts on `resourceArn` with `action`. */
export function policiesFor(
  model: IamModel,
  principal: PrincipalRef | IamPrincipal,
  resourceArn: string,
  action = '',
): PolicySet {
  const p = typeof principal === 'string' ? resolvePrincipal(model, principal) : principal;
  const set: PolicySet = { identity: p.policies };
  const unreadable = [...p.unreadable];
  if (p.boundary) set.boundary = p.boundary;
  if (!p.serviceLinked) {
    const scps = levels(model.org, model.org.scps, p.account);
    if (scps) set.scps = scps;
  }
  const rp = resourcePolicyFor(model, resourceArn, action);
  if (rp.policy) set.resource = rp.policy;
  if (rp.required) set.resourcePolicyRequired = true;
  if (rp.unreadable) unreadable.push(rp.unreadable);
  const place = placeOf(model, resourceArn);
  const service = arnParts(resourceArn)[2] ?? '';
  if (place.account && RCP_SERVICES.has(service)) {
    const rcps = levels(model.org, model.org.rcps, place.account);
    if (rcps && rcps.some((l) => l.length > 0)) set.rcps = rcps;
  }
  if (unreadable.length) set.unreadable = unreadable;
  return set;
}
