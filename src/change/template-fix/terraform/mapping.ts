/**
 * From CloudFormation property patches to Terraform configuration edits: a small explicit table.
 * A patch with no entry here is reported as not fixable in Terraform source, never guessed.
 *
 * Argument names follow the AWS provider's resource docs
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs). Since provider v4 an S3
 * bucket's versioning and public access block are separate resources
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#s3-bucket-refactor).
 */
import { isUnresolved, partitionForRegion, type Resource } from '../../../model/index.js';
import type { TemplatePatch } from '../../../rules/fix.js';
import type { EntryChange, RulesEdit } from './ingress.js';
import { convertValue, newName, newResource, type AddressOf, type LiteralBucket } from './resources.js';

/** An argument inside a resource block: nested block names, then the argument. */
export interface TfSetting {
  block: string[];
  attr: string;
  /** The value as HCL text (`"required"`, `true`, `7`). */
  value: string;
}

export type TfEdit =
  /** Sets arguments in an existing `resource "TYPE" "NAME"` block, creating nested blocks as needed. */
  | { op: 'set'; file: string; type: string; name: string; settings: TfSetting[] }
  /** A new resource written after `after` (the resource it configures). */
  | {
      op: 'add-resource';
      file: string;
      after: { type: string; name: string };
      type: string;
      name: string;
      /** Leading arguments, as HCL text (`bucket = aws_s3_bucket.logs.id`). */
      head: string[];
      settings: TfSetting[];
      /** The whole body, rendered (instead of `head` and `settings`). */
      body?: string[];
    }
  /** Appends a statement to the `jsonencode` policy of a resource (an `aws_s3_bucket_policy`). */
  | { op: 'append-statement'; file: string; type: string; name: string; statement: unknown }
  | RulesEdit;

interface Target {
  block?: string[];
  attr: string;
  /** Converts the CloudFormation value when the Terraform argument has another type. */
  convert?: (value: unknown) => unknown;
}

/** Arguments of the resource's own block, by CloudFormation type and property path. */
const DIRECT: Record<string, Record<string, Target>> = {
  'AWS::EC2::Instance': {
    'MetadataOptions.HttpTokens': { block: ['metadata_options'], attr: 'http_tokens' },
    'MetadataOptions.HttpEndpoint': { block: ['metadata_options'], attr: 'http_endpoint' },
    'MetadataOptions.HttpPutResponseHopLimit': {
      block: ['metadata_options'],
      attr: 'http_put_response_hop_limit',
    },
  },
  'AWS::EC2::LaunchTemplate': {
    'LaunchTemplateData.MetadataOptions.HttpTokens': { block: ['metadata_options'], attr: 'http_tokens' },
    'LaunchTemplateData.MetadataOptions.HttpEndpoint': { block: ['metadata_options'], attr: 'http_endpoint' },
  },
  'AWS::EC2::Volume': { Encrypted: { attr: 'encrypted' } },
  'AWS::KMS::Key': {
    EnableKeyRotation: { attr: 'enable_key_rotation' },
    RotationPeriodInDays: { attr: 'rotation_period_in_days' },
  },
  'AWS::DynamoDB::Table': {
    'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled': {
      block: ['point_in_time_recovery'],
      attr: 'enabled',
    },
    DeletionProtectionEnabled: { attr: 'deletion_protection_enabled' },
  },
  'AWS::CloudTrail::Trail': {
    IsMultiRegionTrail: { attr: 'is_multi_region_trail' },
    EnableLogFileValidation: { attr: 'enable_log_file_validation' },
    IncludeGlobalServiceEvents: { attr: 'include_global_service_events' },
    // A stopped trail: `enable_logging` (default true) starts and stops it.
    IsLogging: { attr: 'enable_logging' },
  },
  'AWS::RDS::DBInstance': {
    DeletionProtection: { attr: 'deletion_protection' },
    BackupRetentionPeriod: { attr: 'backup_retention_period' },
    MultiAZ: { attr: 'multi_az' },
    PubliclyAccessible: { attr: 'publicly_accessible' },
    AutoMinorVersionUpgrade: { attr: 'auto_minor_version_upgrade' },
    CopyTagsToSnapshot: { attr: 'copy_tags_to_snapshot' },
    EnableIAMDatabaseAuthentication: { attr: 'iam_database_authentication_enabled' },
    ManageMasterUserPassword: { attr: 'manage_master_user_password' },
  },
  'AWS::RDS::DBCluster': {
    DeletionProtection: { attr: 'deletion_protection' },
    BackupRetentionPeriod: { attr: 'backup_retention_period' },
  },
};

/** S3 bucket properties that provider v4+ configures through a resource of their own. */
const S3_SPLIT: Record<
  string,
  { type: string; fields: Record<string, Target>; legacy?: Record<string, Target> }
> = {
  VersioningConfiguration: {
    type: 'aws_s3_bucket_versioning',
    fields: { Status: { block: ['versioning_configuration'], attr: 'status' } },
    // Provider v3's inline `versioning { enabled = true }`.
    legacy: { Status: { block: ['versioning'], attr: 'enabled', convert: (v) => v === 'Enabled' } },
  },
  BucketEncryption: {
    type: 'aws_s3_bucket_server_side_encryption_configuration',
    fields: {
      'ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm': {
        block: ['rule', 'apply_server_side_encryption_by_default'],
        attr: 'sse_algorithm',
      },
      'ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.KMSMasterKeyID': {
        block: ['rule', 'apply_server_side_encryption_by_default'],
        attr: 'kms_master_key_id',
      },
      'ServerSideEncryptionConfiguration.0.BucketKeyEnabled': { block: ['rule'], attr: 'bucket_key_enabled' },
    },
    // Provider v3's inline `server_side_encryption_configuration { rule { ... } }`.
    legacy: {
      'ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm': {
        block: ['server_side_encryption_configuration', 'rule', 'apply_server_side_encryption_by_default'],
        attr: 'sse_algorithm',
      },
      'ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.KMSMasterKeyID': {
        block: ['server_side_encryption_configuration', 'rule', 'apply_server_side_encryption_by_default'],
        attr: 'kms_master_key_id',
      },
      'ServerSideEncryptionConfiguration.0.BucketKeyEnabled': {
        block: ['server_side_encryption_configuration', 'rule'],
        attr: 'bucket_key_enabled',
      },
    },
  },
  PublicAccessBlockConfiguration: {
    type: 'aws_s3_bucket_public_access_block',
    fields: {
      BlockPublicAcls: { attr: 'block_public_acls' },
      BlockPublicPolicy: { attr: 'block_public_policy' },
      IgnorePublicAcls: { attr: 'ignore_public_acls' },
      RestrictPublicBuckets: { attr: 'restrict_public_buckets' },
    },
  },
};

/** `aws_instance.web[0]`, `module.app.aws_instance.web` -> `{type: aws_instance, name: web}`. */
export function blockOf(address: string): { type: string; name: string } | undefined {
  const bare = address.replace(/\[[^\]]*\]/g, '').split('.');
  while (bare[0] === 'module' && bare.length > 2) bare.splice(0, 2);
  if (bare.length !== 2 || bare[0] === 'data') return undefined;
  return { type: bare[0]!, name: bare[1]! };
}

/**
 * Leaf `set`s: `set A {B: 1}` -> `set A.B 1`; a one-element list is its element `0` (Terraform
 * writes it as one nested block); longer lists stay whole (and have no mapping).
 */
function leaves(path: readonly (string | number)[], value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value) && value.length === 1) return leaves([...path, 0], value[0]);
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => leaves([...path, k], v));
  return [[path.join('.'), value]];
}

function hcl(value: unknown): string | undefined {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
    return String(value);
  return undefined;
}

interface FoldRecord {
  property: string;
  index?: number;
  logicalId: string;
  file?: string;
}

/** Whether a nested block is written in the resource's block (for provider v3's inline forms). */
export type HasBlock = (file: string, type: string, name: string, block: string) => boolean;

/** What the mapping may ask of the configuration's text and of the loaded resources. */
export interface TfContext {
  hasBlock: HasBlock;
  /** The text of an argument of a resource block, as written (`"acme-logs"`, `var.name`). */
  argumentText(file: string, type: string, name: string, attr: string): string | undefined;
  /** The type of the loaded resource at an address (a new resource needs a free name), if any. */
  taken(address: string): string | undefined;
}

const no = (what: string) => ({ cannot: `not fixable in Terraform source: ${what}` });

/** Terraform edits for one resource's patches, or why they cannot be made. */
export function terraformEdits(
  resource: Resource,
  patches: readonly TemplatePatch[],
  ctx: TfContext,
): { edits: TfEdit[] } | { cannot: string } {
  const own = blockOf(resource.id.replace(/#\d+$/, ''));
  const file = resource.origin.file;
  if (!own || !file) return { cannot: `${resource.id} is not a resource block of a .tf file` };
  if (resource.type === 'AWS::EC2::SecurityGroup' || resource.type === 'AWS::EC2::SecurityGroupIngress')
    return ingressEdits(resource, patches, own, file);
  const edits: TfEdit[] = [];
  const folds = ((resource.props as { $folds?: unknown }).$folds ?? []) as FoldRecord[];
  // Logical ids the patches add, and the Terraform addresses they get.
  const added = new Map<string, string>();
  const addressOf: AddressOf = (id) => added.get(id) ?? (blockOf(id) && !id.includes('#') ? id : undefined);
  const bucket = literalBucket(resource, own, file, ctx);
  for (const patch of patches) {
    if (patch.op === 'add-resource') {
      const made = newResource(patch.type, patch.properties, addressOf, bucket);
      if ('cannot' in made) return no(made.cannot);
      const name = newName(resource.id, own.name, patch.logicalId);
      const address = `${made.type}.${name}`;
      // Taken most likely by an earlier run of this fix: adding a second copy would duplicate it.
      const holder = ctx.taken(address);
      if (holder)
        return no(
          holder === `Terraform::${made.type}`
            ? `${address} already exists, and the Terraform source does not read ${made.type} yet, so whether it fixes ${resource.id} cannot be checked`
            : `${address} already exists; rename it or fix ${resource.id} by hand`,
        );
      added.set(patch.logicalId, address);
      const after = edits.filter((e) => e.op === 'add-resource').at(-1) ?? { ...own };
      edits.push({
        op: 'add-resource',
        file,
        after: { type: after.type, name: after.name },
        type: made.type,
        name,
        head: [],
        settings: [],
        body: made.body,
      });
      continue;
    }
    if (patch.op === 'append') {
      // A statement for the policy an aws_s3_bucket_policy of the configuration folded into the bucket.
      const fold = folds.find((f) => f.property === patch.path[0] && f.index === undefined);
      const target = fold && blockOf(fold.logicalId);
      if (
        patch.path.join('.') !== 'PolicyDocument.Statement' ||
        !target ||
        target.type !== 'aws_s3_bucket_policy'
      )
        return no(`no mapping for append ${patch.path.join('.')}`);
      const statement = convertValue(patch.value, addressOf, bucket);
      if ('cannot' in statement) return no(statement.cannot);
      edits.push({ op: 'append-statement', file: fold.file ?? file, ...target, statement: statement.value });
      continue;
    }
    if (patch.op === 'remove') return no(`no mapping for remove ${patch.path.join('.')}`);
    for (const [path, value] of leaves(patch.path, patch.value)) {
      const direct = DIRECT[resource.type]?.[path];
      const [head, ...rest] = path.split('.');
      const split = resource.type === 'AWS::S3::Bucket' ? S3_SPLIT[head!] : undefined;
      const field = split?.fields[rest.join('.')];
      const target = direct ?? field;
      const text = target && hcl(target.convert ? target.convert(value) : value);
      if (!target || text === undefined) return no(`no mapping for ${resource.type} ${path}`);
      const setting: TfSetting = { block: target.block ?? [], attr: target.attr, value: text };
      if (direct) {
        edits.push({ op: 'set', file, ...own, settings: [setting] });
        continue;
      }
      // An S3 split resource: the one that configures this bucket, provider v3's inline block, or a new one.
      const fold = folds.find((f) => f.property === head && f.logicalId.startsWith(`${split!.type}.`));
      const foldBlock = fold && blockOf(fold.logicalId);
      const legacy = split!.legacy?.[rest.join('.')];
      if (foldBlock) {
        edits.push({ op: 'set', file: fold.file ?? file, ...foldBlock, settings: [setting] });
      } else if (legacy && ctx.hasBlock(file, own.type, own.name, legacy.block![0]!)) {
        const legacyValue = hcl(legacy.convert ? legacy.convert(value) : value)!;
        edits.push({
          op: 'set',
          file,
          ...own,
          settings: [{ block: legacy.block!, attr: legacy.attr, value: legacyValue }],
        });
      } else {
        const existing = edits.find(
          (e): e is Extract<TfEdit, { op: 'add-resource' }> =>
            e.op === 'add-resource' && e.type === split!.type,
        );
        if (existing) existing.settings.push(setting);
        else
          edits.push({
            op: 'add-resource',
            file,
            after: own,
            type: split!.type,
            name: own.name,
            head: [`bucket = ${own.type}.${own.name}.id`],
            settings: [setting],
          });
      }
    }
  }
  return { edits };
}

/**
 * A bucket whose `bucket` argument is a literal name (not a variable or a generated name): its ARN
 * is written out in a new policy, as a hand-written policy would. Any other bucket is named by
 * reference (`aws_s3_bucket.x.arn`, `"${aws_s3_bucket.x.arn}/*"`), which the rules read as well.
 */
function literalBucket(
  resource: Resource,
  own: { type: string; name: string },
  file: string,
  ctx: TfContext,
): LiteralBucket | undefined {
  if (resource.type !== 'AWS::S3::Bucket' || typeof resource.props.BucketName !== 'string') return undefined;
  const written = ctx.argumentText(file, own.type, own.name, 'bucket');
  if (written !== JSON.stringify(resource.props.BucketName) || written.includes('${')) return undefined;
  return {
    address: resource.id,
    arn: `arn:${partitionForRegion(resource.region)}:s3:::${resource.props.BucketName}`,
  };
}

type Entry = Record<string, unknown>;

const CIDR_MEMBERS = ['CidrIp', 'CidrIpv6'] as const;

/**
 * Security group ingress patches as edits of the HCL that wrote each entry: the group's inline
 * `ingress` blocks, or the standalone rule (`aws_security_group_rule`,
 * `aws_vpc_security_group_ingress_rule`) the source folded into the group.
 */
function ingressEdits(
  resource: Resource,
  patches: readonly TemplatePatch[],
  own: { type: string; name: string },
  file: string,
): { edits: TfEdit[] } | { cannot: string } {
  const standalone = resource.type === 'AWS::EC2::SecurityGroupIngress';
  const list = standalone ? [resource.props] : resource.props.SecurityGroupIngress;
  if (!Array.isArray(list) || isUnresolved(list)) return no(`the ingress of ${resource.id} is not a list`);
  const folds = (((resource.props as { $folds?: unknown }).$folds ?? []) as FoldRecord[]).filter(
    (f) => f.property === 'SecurityGroupIngress' && f.index !== undefined,
  );
  const inlineCount = list.length - folds.length;
  const edits = new Map<string, RulesEdit>();
  const editFor = (f: string, block: { type: string; name: string }, inline: boolean, count?: number) => {
    const key = `${f}|${block.type}.${block.name}`;
    let edit = edits.get(key);
    if (!edit) {
      edit = {
        op: 'sg-rules',
        file: f,
        ...block,
        inline,
        ...(count !== undefined ? { count } : {}),
        changes: [],
        appends: [],
      };
      edits.set(key, edit);
    }
    return edit;
  };
  /** The edit and position of an entry: inline, folded from a standalone rule, or the standalone rule itself. */
  const locate = (
    index: number | undefined,
  ): { edit: RulesEdit; position: number; was: Entry } | { cannot: string } => {
    if (standalone) {
      if (own.type !== 'aws_security_group_rule' && own.type !== 'aws_vpc_security_group_ingress_rule')
        return no(`${resource.id} is not a security group rule resource`);
      const position = Number(/#(\d+)$/.exec(resource.id)?.[1] ?? 0);
      return { edit: editFor(file, own, false), position, was: resource.props };
    }
    if (index === undefined) return no('no mapping for a change of the whole ingress list');
    const was = list[index] as Entry | undefined;
    if (!was || typeof was !== 'object' || isUnresolved(was))
      return no(`ingress entry ${index} is not known`);
    if (index < inlineCount) {
      if (resource.id.includes('['))
        return no(`${resource.id} is one instance of a counted block; edit it by hand`);
      return { edit: editFor(file, own, true, inlineCount), position: index, was };
    }
    const fold = folds.find((f) => f.index === index)!;
    const block = blockOf(fold.logicalId);
    if (!block || fold.logicalId.includes('['))
      return no(`${fold.logicalId} is one instance of a counted block; edit it by hand`);
    const same = folds.filter((f) => f.logicalId === fold.logicalId).sort((a, b) => a.index! - b.index!);
    return {
      edit: editFor(fold.file ?? file, block, false, same.length),
      position: same.findIndex((f) => f.index === index),
      was,
    };
  };
  const sets = new Map<string, Extract<EntryChange, { kind: 'set' }>>();
  for (const patch of patches) {
    if (patch.op === 'add-resource') return no(`no mapping for add-resource ${patch.type}`);
    const path = standalone ? ['SecurityGroupIngress', undefined, ...patch.path] : [...patch.path];
    if (path[0] !== 'SecurityGroupIngress') return no(`no mapping for ${patch.op} ${patch.path.join('.')}`);
    if (patch.op === 'append') {
      if (path.length !== 1 || standalone) return no(`no mapping for append ${patch.path.join('.')}`);
      if (resource.id.includes('['))
        return no(`${resource.id} is one instance of a counted block; edit it by hand`);
      const entry = patch.value as Entry;
      if (CIDR_MEMBERS.some((m) => isUnresolved(entry[m]))) return no('the new rule’s CIDR is not known');
      editFor(file, own, true, inlineCount).appends.push(entry);
      continue;
    }
    const index = path[1] as number | undefined;
    const member = path[2];
    const at = locate(index);
    if ('cannot' in at) return at;
    const key = `${at.edit.type}.${at.edit.name}#${at.position}`;
    if (path.length === 2 && patch.op === 'remove') {
      at.edit.changes.push({ kind: 'remove', position: at.position, was: at.was });
      continue;
    }
    const cidr = CIDR_MEMBERS.find((m) => m === member);
    if (path.length !== 3 || !cidr) return no(`no mapping for ${patch.op} ${patch.path.join('.')}`);
    if (patch.op === 'set') {
      if (typeof patch.value !== 'string') return no(`${cidr} is not a string`);
      const change = {
        kind: 'set' as const,
        position: at.position,
        member: cidr,
        value: patch.value,
        was: at.was,
      };
      sets.set(key, change);
      at.edit.changes.push(change);
    } else if (!sets.has(key) || sets.get(key)!.member === cidr) {
      // Removing the source of an entry is only the second half of moving it to the other family.
      return no(`no mapping for remove ${patch.path.join('.')} alone`);
    }
  }
  return { edits: [...edits.values()] };
}
