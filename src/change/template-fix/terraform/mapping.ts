/**
 * From CloudFormation property patches to Terraform configuration edits: a small explicit table.
 * A patch with no entry here is reported as not fixable in Terraform source, never guessed.
 *
 * Argument names follow the AWS provider's resource docs
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs). Since provider v4 an S3
 * bucket's versioning and public access block are separate resources
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#s3-bucket-refactor).
 */
import type { Resource } from '../../../model/index.js';
import type { TemplatePatch } from '../../../rules/fix.js';

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
    };

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
  logicalId: string;
  file?: string;
}

/** Whether a nested block is written in the resource's block (for provider v3's inline forms). */
export type HasBlock = (file: string, type: string, name: string, block: string) => boolean;

/** Terraform edits for one resource's patches, or why they cannot be made. */
export function terraformEdits(
  resource: Resource,
  patches: readonly TemplatePatch[],
  hasBlock: HasBlock,
): { edits: TfEdit[] } | { cannot: string } {
  const own = blockOf(resource.id);
  const file = resource.origin.file;
  if (!own || !file) return { cannot: `${resource.id} is not a resource block of a .tf file` };
  const edits: TfEdit[] = [];
  const folds = ((resource.props as { $folds?: unknown }).$folds ?? []) as FoldRecord[];
  for (const patch of patches) {
    if (patch.op !== 'set')
      return {
        cannot: `not fixable in Terraform source: no mapping for ${patch.op} ${'path' in patch ? patch.path.join('.') : patch.type}`,
      };
    for (const [path, value] of leaves(patch.path, patch.value)) {
      const direct = DIRECT[resource.type]?.[path];
      const [head, ...rest] = path.split('.');
      const split = resource.type === 'AWS::S3::Bucket' ? S3_SPLIT[head!] : undefined;
      const field = split?.fields[rest.join('.')];
      const target = direct ?? field;
      const text = target && hcl(target.convert ? target.convert(value) : value);
      if (!target || text === undefined)
        return { cannot: `not fixable in Terraform source: no mapping for ${resource.type} ${path}` };
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
      } else if (legacy && hasBlock(file, own.type, own.name, legacy.block![0]!)) {
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
