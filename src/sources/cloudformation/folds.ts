import type { CoverageGap, Resource } from '../../model/index.js';
import { isUnresolved } from '../../model/index.js';
import { isPlainObject, type PlainObject } from './scope.js';

/**
 * Standalone resources that only modify another one are folded into their target, in the shape
 * describe output (or the inline property) has, so rules see one security group with all its
 * rules whatever the source. The shapes are documented in README.md.
 */
interface FoldSpec {
  /** Properties of the standalone resource naming the target; the first one present is used. */
  target: readonly string[];
  /** The target property holds a list of references (`Roles`, `Queues`). */
  many?: boolean;
  targetTypes: readonly string[];
  /** A literal name may also match this property of the target (`RoleName: my-role`). */
  byName?: string;
  into: string;
  mode: 'append' | 'set';
  entry(props: PlainObject, self: Resource): unknown;
  /** The standalone resource is a resource in its own right and stays (managed policies). */
  keep?: boolean;
}

const omit =
  (...keys: string[]) =>
  (props: PlainObject): PlainObject => {
    const out: PlainObject = {};
    for (const [k, v] of Object.entries(props)) if (!keys.includes(k)) out[k] = v;
    return out;
  };

const SG = ['AWS::EC2::SecurityGroup'];
const iamTargets = (entry: FoldSpec['entry'], into: string, keep = false): FoldSpec[] =>
  (
    [
      ['Roles', 'AWS::IAM::Role', 'RoleName'],
      ['Users', 'AWS::IAM::User', 'UserName'],
      ['Groups', 'AWS::IAM::Group', 'GroupName'],
    ] as const
  ).map(([target, type, byName]) => ({
    target: [target],
    many: true,
    targetTypes: [type],
    byName,
    into,
    mode: 'append',
    entry,
    keep,
  }));
const inlinePolicy = (p: PlainObject) => ({ PolicyName: p.PolicyName, PolicyDocument: p.PolicyDocument });
const policyDocument = (p: PlainObject) => p.PolicyDocument;

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html */
const FOLDS: Readonly<Record<string, readonly FoldSpec[]>> = {
  'AWS::EC2::SecurityGroupIngress': [
    {
      target: ['GroupId', 'GroupName'],
      targetTypes: SG,
      byName: 'GroupName',
      into: 'SecurityGroupIngress',
      mode: 'append',
      entry: (p) => normalizeSecurityGroupRule(omit('GroupId', 'GroupName')(p)),
    },
  ],
  'AWS::EC2::SecurityGroupEgress': [
    {
      target: ['GroupId'],
      targetTypes: SG,
      into: 'SecurityGroupEgress',
      mode: 'append',
      entry: (p) => normalizeSecurityGroupRule(omit('GroupId')(p)),
    },
  ],
  'AWS::EC2::Route': [
    {
      target: ['RouteTableId'],
      targetTypes: ['AWS::EC2::RouteTable'],
      into: 'Routes',
      mode: 'append',
      entry: omit('RouteTableId'),
    },
  ],
  'AWS::EC2::SubnetRouteTableAssociation': [
    {
      target: ['RouteTableId'],
      targetTypes: ['AWS::EC2::RouteTable'],
      into: 'Associations',
      mode: 'append',
      entry: (p) => ({ SubnetId: p.SubnetId }),
    },
  ],
  'AWS::EC2::GatewayRouteTableAssociation': [
    {
      target: ['RouteTableId'],
      targetTypes: ['AWS::EC2::RouteTable'],
      into: 'Associations',
      mode: 'append',
      entry: (p) => ({ GatewayId: p.GatewayId }),
    },
  ],
  'AWS::EC2::SubnetNetworkAclAssociation': [
    {
      target: ['NetworkAclId'],
      targetTypes: ['AWS::EC2::NetworkAcl'],
      into: 'Associations',
      mode: 'append',
      entry: (p) => ({ SubnetId: p.SubnetId }),
    },
  ],
  'AWS::EC2::NetworkAclEntry': [
    {
      target: ['NetworkAclId'],
      targetTypes: ['AWS::EC2::NetworkAcl'],
      into: 'Entries',
      mode: 'append',
      entry: (p) => normalizeNaclEntry(omit('NetworkAclId')(p)),
    },
  ],
  'AWS::EC2::VPCGatewayAttachment': [
    {
      target: ['InternetGatewayId'],
      targetTypes: ['AWS::EC2::InternetGateway'],
      into: 'VpcId',
      mode: 'set',
      entry: (p) => p.VpcId,
    },
    {
      target: ['VpnGatewayId'],
      targetTypes: ['AWS::EC2::VPNGateway'],
      into: 'VpcId',
      mode: 'set',
      entry: (p) => p.VpcId,
    },
  ],
  'AWS::S3::BucketPolicy': [
    {
      target: ['Bucket'],
      targetTypes: ['AWS::S3::Bucket'],
      byName: 'BucketName',
      into: 'PolicyDocument',
      mode: 'set',
      entry: policyDocument,
    },
  ],
  'AWS::SQS::QueuePolicy': [
    {
      target: ['Queues'],
      many: true,
      targetTypes: ['AWS::SQS::Queue'],
      into: 'PolicyDocument',
      mode: 'set',
      entry: policyDocument,
    },
  ],
  'AWS::SNS::TopicPolicy': [
    {
      target: ['Topics'],
      many: true,
      targetTypes: ['AWS::SNS::Topic'],
      into: 'PolicyDocument',
      mode: 'set',
      entry: policyDocument,
    },
  ],
  'AWS::IAM::Policy': iamTargets(inlinePolicy, 'Policies'),
  'AWS::IAM::ManagedPolicy': iamTargets((_p, self) => self.id, 'ManagedPolicyArns', true),
  'AWS::IAM::RolePolicy': [
    {
      target: ['RoleName'],
      targetTypes: ['AWS::IAM::Role'],
      byName: 'RoleName',
      into: 'Policies',
      mode: 'append',
      entry: inlinePolicy,
    },
  ],
  'AWS::IAM::UserPolicy': [
    {
      target: ['UserName'],
      targetTypes: ['AWS::IAM::User'],
      byName: 'UserName',
      into: 'Policies',
      mode: 'append',
      entry: inlinePolicy,
    },
  ],
  'AWS::IAM::GroupPolicy': [
    {
      target: ['GroupName'],
      targetTypes: ['AWS::IAM::Group'],
      byName: 'GroupName',
      into: 'Policies',
      mode: 'append',
      entry: inlinePolicy,
    },
  ],
};

/** Where a folded entry came from, kept on the target in `props.$folds`. */
export interface FoldRecord {
  property: string;
  index?: number;
  logicalId?: string;
  type: string;
  file?: string;
  line?: number;
}

/**
 * Folds standalone resources into their targets. Returns the resources that remain (targets
 * updated in place) and gaps for folds whose target is not in the template.
 */
export function foldResources(resources: Resource[]): { resources: Resource[]; gaps: CoverageGap[] } {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const gaps: CoverageGap[] = [];
  const dropped = new Set<Resource>();
  for (const r of resources) {
    if (r.type === 'AWS::EC2::SecurityGroup') normalizeInlineRules(r.props);
  }
  for (const self of resources) {
    const specs = FOLDS[self.type];
    if (!specs) continue;
    const missing: string[] = [];
    let applicable = 0;
    for (const spec of specs) {
      const prop = spec.target.find((t) => self.props[t] !== undefined);
      if (!prop) continue;
      applicable++;
      const value = self.props[prop];
      const refs = spec.many ? (Array.isArray(value) ? value : [value]) : [value];
      for (const reference of refs) {
        const target = findTarget(reference, spec, byId, resources);
        if (!target) {
          missing.push(describeRef(reference));
          continue;
        }
        apply(target, spec, self);
      }
    }
    if (applicable === 0 && !specs.some((s) => s.keep))
      missing.push(`(no ${specs.flatMap((s) => s.target).join(' / ')})`);
    const keep = specs.some((s) => s.keep) || missing.length > 0;
    if (missing.length > 0) {
      gaps.push({
        kind: 'missing-reference',
        message:
          `${self.type} ${self.origin.logicalId ?? self.id} modifies ${missing.join(', ')}: not a resource of this template; ` +
          (specs.some((s) => s.keep)
            ? 'the attachment is only recorded on it'
            : 'it is kept as its own resource'),
        account: self.account,
        region: self.region,
        resourceType: self.type,
        resourceId: self.id,
        ...(self.origin.file ? { file: self.origin.file } : {}),
        ...(self.origin.line !== undefined ? { line: self.origin.line } : {}),
      });
    }
    if (!keep) dropped.add(self);
  }
  return { resources: resources.filter((r) => !dropped.has(r)), gaps };
}

function findTarget(
  reference: unknown,
  spec: FoldSpec,
  byId: Map<string, Resource>,
  all: readonly Resource[],
): Resource | undefined {
  if (typeof reference === 'string') {
    const direct = byId.get(reference);
    if (direct && spec.targetTypes.includes(direct.type)) return direct;
  }
  const byName = spec.byName;
  if (!byName) return undefined;
  if (typeof reference === 'string') {
    return all.find((r) => spec.targetTypes.includes(r.type) && r.props[byName] === reference);
  }
  // `Bucket: !Sub ${AppName}-logs` names the bucket whose BucketName is the same expression.
  if (!isUnresolved(reference)) return undefined;
  const written = JSON.stringify(reference.expression);
  return all.find((r) => {
    const name = r.props[byName];
    return (
      spec.targetTypes.includes(r.type) && isUnresolved(name) && JSON.stringify(name.expression) === written
    );
  });
}

function describeRef(reference: unknown): string {
  if (typeof reference === 'string') return reference;
  if (isUnresolved(reference)) return `a target not determined by the template (${reference.reason})`;
  return JSON.stringify(reference);
}

function apply(target: Resource, spec: FoldSpec, self: Resource): void {
  const entry = spec.entry(self.props, self);
  const record: FoldRecord = {
    property: spec.into,
    type: self.type,
    ...(self.origin.logicalId ? { logicalId: self.origin.logicalId } : {}),
    ...(self.origin.file ? { file: self.origin.file } : {}),
    ...(self.origin.line !== undefined ? { line: self.origin.line } : {}),
  };
  if (spec.mode === 'append') {
    const current = target.props[spec.into];
    const list = Array.isArray(current) ? current : [];
    record.index = list.length;
    list.push(entry);
    target.props[spec.into] = list;
  } else {
    target.props[spec.into] = entry;
  }
  const folds = Array.isArray(target.props.$folds) ? (target.props.$folds as FoldRecord[]) : [];
  folds.push(record);
  target.props.$folds = folds;
}

// ---- normalisation ------------------------------------------------------------------------------

function toNumber(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

function numbers(record: PlainObject, keys: readonly string[]): PlainObject {
  const out: PlainObject = { ...record };
  for (const key of keys) if (out[key] !== undefined) out[key] = toNumber(out[key]);
  return out;
}

function toBoolean(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** FromPort/ToPort as numbers, IpProtocol as a lower-case string (`'-1'`, `'tcp'`, `'6'`). */
export function normalizeSecurityGroupRule(rule: unknown): unknown {
  if (!isPlainObject(rule)) return rule;
  const out: PlainObject = { ...rule };
  if (out.FromPort !== undefined) out.FromPort = toNumber(out.FromPort);
  if (out.ToPort !== undefined) out.ToPort = toNumber(out.ToPort);
  if (typeof out.IpProtocol === 'number') out.IpProtocol = String(out.IpProtocol);
  else if (typeof out.IpProtocol === 'string') out.IpProtocol = out.IpProtocol.toLowerCase();
  return out;
}

function normalizeInlineRules(props: PlainObject): void {
  for (const key of ['SecurityGroupIngress', 'SecurityGroupEgress']) {
    const rules = props[key];
    if (Array.isArray(rules)) props[key] = rules.map(normalizeSecurityGroupRule);
  }
}

/**
 * RuleNumber, Protocol and ports as numbers, Egress always present (CloudFormation's default is
 * false). https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-networkaclentry.html
 */
export function normalizeNaclEntry(entry: PlainObject): PlainObject {
  const out: PlainObject = { ...entry };
  out.RuleNumber = toNumber(out.RuleNumber);
  out.Protocol = toNumber(out.Protocol);
  out.Egress = out.Egress === undefined ? false : toBoolean(out.Egress);
  if (typeof out.RuleAction === 'string') out.RuleAction = out.RuleAction.toLowerCase();
  if (isPlainObject(out.PortRange)) out.PortRange = numbers(out.PortRange, ['From', 'To']);
  if (isPlainObject(out.Icmp)) out.Icmp = numbers(out.Icmp, ['Code', 'Type']);
  return out;
}
