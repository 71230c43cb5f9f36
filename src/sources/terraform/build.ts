/**
 * Turns Terraform instances into the model: each type through its mapping, folds into their targets,
 * everything else kept as `Terraform::<type>` with its raw values. Gaps say what could not be mapped,
 * linked or known.
 */
import {
  GLOBAL_REGION,
  isUnresolved,
  makeSnapshot,
  unresolved,
  UNKNOWN_ACCOUNT,
  UNKNOWN_REGION,
  type CoverageGap,
  type Resource,
  type Snapshot,
  type Unresolved,
} from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import type { TfInstance, TfReadResult } from './instance.js';
import {
  FOLD_MAPPINGS,
  TYPE_MAPPINGS,
  type FoldMapping,
  type FoldTargetSpec,
  type TypeMapping,
} from './mappings/index.js';
import { isValues, type Props } from './mappings/helpers.js';

/** A resource being built with the instance it came from. */
interface Built {
  resource: Resource;
  inst: TfInstance;
  mapping?: TypeMapping;
}

/** One entry of `props.$folds`, the CloudFormation source's record of where a folded value came from. */
export interface FoldRecord {
  property: string;
  index?: number;
  logicalId: string;
  type: string;
  file?: string;
  line?: number;
}

export function buildSnapshot(read: TfReadResult, options: SourceOptions): Snapshot {
  const gaps: CoverageGap[] = [...read.gaps];
  const built: Built[] = [];
  const byAddress = new Map<string, Built>();
  const folds: Array<{ inst: TfInstance; fold: FoldMapping }> = [];
  const unsupported = new Map<string, TfInstance[]>();

  for (const inst of read.instances) {
    const mapping = TYPE_MAPPINGS.get(inst.type);
    const fold = FOLD_MAPPINGS.get(inst.type);
    let b: Built;
    if (mapping) b = { resource: mapped(inst, mapping, options), inst, mapping };
    else if (fold) {
      folds.push({ inst, fold });
      continue;
    } else {
      const list = unsupported.get(inst.type) ?? [];
      list.push(inst);
      unsupported.set(inst.type, list);
      b = { resource: raw(inst, options), inst };
    }
    built.push(b);
    byAddress.set(inst.address, b);
  }

  for (const { inst, fold } of folds) {
    const { found, missing } = findTargets(inst, fold.targets, byAddress, built);
    const type = fold.standaloneType(inst);
    for (const target of found) {
      const record = (property: string, index?: number) => {
        const entry: FoldRecord = { property, logicalId: inst.address, type, file: inst.file };
        if (index !== undefined) entry.index = index;
        if (inst.line !== undefined) entry.line = inst.line;
        const props = target.resource.props;
        const list = Array.isArray(props.$folds) ? (props.$folds as FoldRecord[]) : [];
        list.push(entry);
        props.$folds = list;
      };
      fold.apply({ resource: target.resource, inst: target.inst }, inst, record);
    }
    if (found.length === 0) {
      // The target is not in this input (an existing bucket, an imported group): keep the resource.
      const standalone = fold.standalone?.(inst);
      const resources = standalone?.map((s) => ({
        ...base(inst, options, s.type.startsWith('AWS::IAM::')),
        type: s.type,
        id: inst.address + (s.idSuffix ?? ''),
        props: s.props,
      })) ?? [{ ...raw(inst, options), type: `Terraform::${inst.type}` }];
      for (const resource of resources) {
        const b: Built = { resource, inst };
        built.push(b);
        byAddress.set(resource.id, b);
      }
    }
    if (missing.length > 0 || found.length === 0) {
      gaps.push({
        kind: 'missing-reference',
        message: `${inst.address} (${inst.type}) ${missingTarget(inst, fold, missing)}; ${
          found.length === 0 ? 'kept as its own resource' : 'folded into the targets that are'
        }`,
        resourceType: inst.type,
        resourceId: inst.address,
        file: inst.file,
        ...(inst.line !== undefined ? { line: inst.line } : {}),
      });
    }
  }

  for (const [type, insts] of unsupported) {
    const provider = insts[0]?.provider ?? 'aws';
    const what =
      provider === 'aws'
        ? 'has no CloudFormation mapping here'
        : `is not an AWS resource (provider ${provider})`;
    gaps.push({
      kind: 'unsupported-type',
      message: `Terraform type ${type} ${what}: ${insts.length} resource${insts.length === 1 ? '' : 's'} kept as Terraform::${type} with raw values (${insts
        .slice(0, 3)
        .map((i) => i.address)
        .join(', ')}${insts.length > 3 ? ', ...' : ''})`,
      resourceType: `Terraform::${type}`,
      file: insts[0]?.file,
    });
  }

  const resources = built.map((b) => b.resource);
  for (const b of built) {
    finish(b);
    if (!b.resource.type.startsWith('Terraform::')) {
      const gap = unresolvedGap(b);
      if (gap) gaps.push(gap);
    }
  }
  return makeSnapshot(resources, gaps, { regions: read.regions });
}

// ---------------------------------------------------------------------------------------------------

function base(inst: TfInstance, options: SourceOptions, global: boolean): Omit<Resource, 'type' | 'props'> {
  const knownArn =
    typeof inst.values.arn === 'string' && inst.values.arn.startsWith('arn:') ? inst.values.arn : undefined;
  const fromArn = knownArn ? knownArn.split(':') : [];
  const aws = inst.provider === 'aws';
  const account =
    (/^\d{12}$/.test(fromArn[4] ?? '') ? fromArn[4] : undefined) ??
    inst.account ??
    (aws ? options.account : undefined) ??
    UNKNOWN_ACCOUNT;
  const region = global
    ? GLOBAL_REGION
    : ((fromArn[3] || undefined) ?? inst.region ?? (aws ? options.region : undefined) ?? UNKNOWN_REGION);
  const resource: Omit<Resource, 'type' | 'props'> = {
    id: inst.address,
    account,
    region,
    tags: {},
    origin: { source: 'terraform', file: inst.file, logicalId: inst.address },
  };
  if (inst.line !== undefined) resource.origin.line = inst.line;
  if (inst.exists) resource.origin.exists = true;
  if (knownArn) resource.arn = knownArn;
  return resource;
}

/**
 * CloudFormation properties that are lists of ids. A reference resolved where Terraform had a whole
 * unknown list (`vpc_security_group_ids = [aws_security_group.web.id]`) comes back as one address.
 */
const LIST_PROPS = new Set([
  'SubnetIds',
  'SecurityGroupIds',
  'SecurityGroups',
  'GroupSet',
  'VPCSecurityGroups',
  'VpcSecurityGroupIds',
  'Subnets',
  'VPCZoneIdentifier',
  'AvailabilityZones',
  'TargetGroupARNs',
  'LoadBalancerNames',
  'Layers',
  'Architectures',
  'RouteTableIds',
  'ManagedPolicyArns',
  'AlarmActions',
  'OKActions',
  'InsufficientDataActions',
  'ClientIdList',
  'ThumbprintList',
  'SubjectAlternativeNames',
  'EnableCloudwatchLogsExports',
  'SecondaryAllocationIds',
  'Instances',
  'Roles',
  'PropagatingVgws',
]);

function normaliseLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseLists);
  if (!isValues(value)) return value;
  const out: Props = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = LIST_PROPS.has(k) && typeof v === 'string' ? [v] : normaliseLists(v);
  }
  return out;
}

function mapped(inst: TfInstance, mapping: TypeMapping, options: SourceOptions): Resource {
  const props = normaliseLists(mapping.props(inst)) as Props;
  const resource: Resource = {
    ...base(inst, options, mapping.global === true),
    type: mapping.cfnType,
    props,
  };
  const tags = tagEntries(inst);
  if (mapping.tags !== 'none') {
    if (isUnresolved(tags)) props.Tags = tags;
    else if (tags.length > 0) props.Tags = tags;
  }
  const observed = mapping.observed?.(inst);
  if (observed) resource.observed = observed;
  return resource;
}

/** Attribute names that hold secrets in unmapped types; old plans do not mark them sensitive. */
const SECRET_ATTRIBUTE = /password|secret|private_key|token|credential/i;

function raw(inst: TfInstance, options: SourceOptions): Resource {
  const props: Props = {};
  for (const [key, value] of Object.entries(inst.values)) {
    props[key] =
      SECRET_ATTRIBUTE.test(key) && value !== null && value !== '' && !isUnresolved(value)
        ? unresolved(`(${key})`, 'secret-like attribute; not read')
        : value;
  }
  return { ...base(inst, options, false), type: `Terraform::${inst.type}`, props };
}

/**
 * Tags as CloudFormation's `[{Key, Value}]`: `tags_all` (with the provider's `default_tags`) when the
 * input knows it, else `tags`.
 */
function tagEntries(inst: TfInstance): Array<{ Key: string; Value: unknown }> | Unresolved {
  const all = inst.values.tags_all;
  const value = isValues(all) && Object.keys(all).length > 0 ? all : inst.values.tags;
  if (isUnresolved(value)) return value;
  if (!isValues(value)) return [];
  return Object.entries(value).map(([Key, Value]) => ({ Key, Value }));
}

/** Name, tags record and ARN, once folds have run. */
function finish(b: Built): void {
  const { resource, inst, mapping } = b;
  const list = resource.props.Tags;
  if (Array.isArray(list)) {
    for (const t of list) {
      if (isValues(t) && typeof t.Key === 'string' && typeof t.Value === 'string')
        resource.tags[t.Key] = t.Value;
    }
  } else if (resource.type.startsWith('Terraform::') || mapping?.tags === 'none') {
    const entries = tagEntries(inst);
    for (const t of isUnresolved(entries) ? [] : entries) {
      if (typeof t.Value === 'string') resource.tags[t.Key] = t.Value;
    }
  }
  const naturalName = mapping?.nameProp ? resource.props[mapping.nameProp] : inst.values.name;
  const name =
    resource.tags.Name ?? (typeof naturalName === 'string' && naturalName ? naturalName : undefined);
  if (name) resource.name = name;
  if (!resource.arn) {
    const arn = deriveArn(resource, inst);
    if (arn) resource.arn = arn;
  }
}

function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The ARN when the name (and the account and region it needs) are known, as the CloudFormation source does. */
function deriveArn(resource: Resource, inst: TfInstance): string | undefined {
  const p = partitionOf(inst.region ?? (resource.region !== GLOBAL_REGION ? resource.region : undefined));
  const props = resource.props;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const account = resource.account !== UNKNOWN_ACCOUNT ? resource.account : undefined;
  const region =
    resource.region !== UNKNOWN_REGION && resource.region !== GLOBAL_REGION ? resource.region : undefined;
  const path = str(props.Path) ?? '/';
  switch (resource.type) {
    case 'AWS::S3::Bucket': {
      const name = str(props.BucketName);
      return name ? `arn:${p}:s3:::${name}` : undefined;
    }
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
    case 'AWS::IAM::ManagedPolicy': {
      const kind = {
        'AWS::IAM::Role': 'role',
        'AWS::IAM::User': 'user',
        'AWS::IAM::Group': 'group',
        'AWS::IAM::ManagedPolicy': 'policy',
      }[resource.type];
      const name = str(props.RoleName ?? props.UserName ?? props.GroupName ?? props.ManagedPolicyName);
      return name && account ? `arn:${p}:iam::${account}:${kind}${path}${name}` : undefined;
    }
    case 'AWS::Lambda::Function': {
      const name = str(props.FunctionName);
      return name && account && region ? `arn:${p}:lambda:${region}:${account}:function:${name}` : undefined;
    }
    case 'AWS::DynamoDB::Table': {
      const name = str(props.TableName);
      return name && account && region ? `arn:${p}:dynamodb:${region}:${account}:table/${name}` : undefined;
    }
    case 'AWS::SQS::Queue':
    case 'AWS::SNS::Topic': {
      const name = str(props.QueueName ?? props.TopicName);
      const service = resource.type === 'AWS::SQS::Queue' ? 'sqs' : 'sns';
      return name && account && region ? `arn:${p}:${service}:${region}:${account}:${name}` : undefined;
    }
    default:
      return undefined;
  }
}

/** Why a fold found no target: the names it gives, or the expression its target attribute is. */
function missingTarget(inst: TfInstance, fold: FoldMapping, missing: readonly string[]): string {
  if (missing.length > 0) return `modifies ${missing.join(', ')}, not a resource of this input`;
  const described = fold.targets.map((t) => {
    const v = inst.values[t.attribute];
    return isUnresolved(v) ? `${t.attribute} = ${String(v.expression)} (${v.reason})` : t.attribute;
  });
  return `modifies a target this input does not determine: ${described.join(', ')}`;
}

/** The resources a fold modifies, and the values naming targets this input does not have. */
function findTargets(
  inst: TfInstance,
  specs: readonly FoldTargetSpec[],
  byAddress: ReadonlyMap<string, Built>,
  built: readonly Built[],
): { found: Built[]; missing: string[] } {
  const found: Built[] = [];
  const missing: string[] = [];
  const add = (b: Built | undefined) => {
    if (b && !found.includes(b)) found.push(b);
    return b !== undefined;
  };
  for (const spec of specs) {
    const ofType = (b: Built | undefined) => (b && spec.types.includes(b.inst.type) ? b : undefined);
    const referenced = (inst.refs[spec.attribute] ?? [])
      .map((a) => ofType(byAddress.get(a)))
      .filter((b) => b !== undefined);
    for (const b of referenced) add(b);
    const value = inst.values[spec.attribute];
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const v of values) {
      if (typeof v !== 'string' || v === '') continue;
      let target = ofType(byAddress.get(v));
      if (!target && spec.matchBy) {
        const matches = built.filter(
          (b) => spec.types.includes(b.inst.type) && b.inst.values[spec.matchBy ?? ''] === v,
        );
        if (matches.length === 1) target = matches[0];
      }
      if (!add(target) && referenced.length === 0) missing.push(v);
    }
  }
  return { found, missing };
}

/** One `unresolved-value` gap per resource, listing the props whose values are not known. */
function unresolvedGap(b: Built): CoverageGap | undefined {
  const paths: string[] = [];
  const reasons = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (isUnresolved(value)) {
      paths.push(path);
      reasons.add(value.reason);
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (isValues(value)) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const [key, value] of Object.entries(b.resource.props as Props)) {
    if (!key.startsWith('$')) walk(value, key);
  }
  if (paths.length === 0) return undefined;
  const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? `, +${paths.length - 5} more` : '');
  const gap: CoverageGap = {
    kind: 'unresolved-value',
    message: `${b.resource.id}: ${paths.length} value${paths.length === 1 ? '' : 's'} not known (${[...reasons].join('; ')}): ${shown}`,
    resourceType: b.resource.type,
    resourceId: b.resource.id,
    path: paths[0],
  };
  if (b.resource.account !== UNKNOWN_ACCOUNT) gap.account = b.resource.account;
  if (b.resource.region !== UNKNOWN_REGION) gap.region = b.resource.region;
  if (b.inst.file) gap.file = b.inst.file;
  if (b.inst.line !== undefined) gap.line = b.inst.line;
  return gap;
}
