/**
 * S3 buckets. Since AWS provider 4.0 a bucket's settings are separate resources
 * (`aws_s3_bucket_versioning`, `_logging`, ...); they fold into the bucket's CloudFormation props,
 * which is where a template (and the CloudFormation source's BucketPolicy fold) puts them. The older
 * inline blocks on `aws_s3_bucket` map to the same props.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#s3-bucket-refactor
 */
import { isUnresolved } from '../../../model/index.js';
import type { TfInstance } from '../instance.js';
import { setProp } from './fold.js';
import {
  block,
  blocks,
  bool,
  cannedAcl,
  compact,
  configuredValue,
  copy,
  isSet,
  mapBlock,
  mapBlocks,
  policyDocument,
  put,
  strings,
  type Props,
  type Values,
} from './helpers.js';
import type { FoldMapping, FoldTargetSpec, TypeMapping } from './types.js';

// ---------------------------------------------------------------------------------------------------
// Shapes shared by the inline blocks and the split resources

/** `VersioningConfiguration`; a bucket never versioned has none (`Suspended` would say it once was). */
function versioning(enabled: unknown, status?: unknown): Props | undefined {
  if (status !== undefined) {
    if (isUnresolved(status)) return { Status: status };
    if (status === 'Enabled' || status === 'Suspended') return { Status: status };
    return undefined; // `Disabled`: only valid for a bucket that never had versioning.
  }
  const on = bool(enabled);
  if (isUnresolved(on)) return { Status: on };
  return on === true ? { Status: 'Enabled' } : undefined;
}

function logging(bucket: unknown, prefix: unknown): Props | undefined {
  return compact({ DestinationBucketName: bucket, LogFilePrefix: prefix });
}

/** `rule { apply_server_side_encryption_by_default { ... } bucket_key_enabled }` → `BucketEncryption`. */
function encryption(rules: unknown): Props | undefined {
  const list = mapBlocks(rules, (r) =>
    compact({
      ServerSideEncryptionByDefault: mapBlock(r.apply_server_side_encryption_by_default, (d) =>
        compact({ SSEAlgorithm: d.sse_algorithm, KMSMasterKeyID: d.kms_master_key_id }),
      ),
      BucketKeyEnabled: r.bucket_key_enabled,
    }),
  );
  return list === undefined ? undefined : { ServerSideEncryptionConfiguration: list };
}

function tagFilters(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || isUnresolved(value)) return value;
  const tags = Object.entries(value as Record<string, unknown>).map(([Key, Value]) => ({ Key, Value }));
  return tags.length > 0 ? tags : undefined;
}

/** A lifecycle rule from either the split resource (`filter`, `expiration`, `noncurrent_days`) or the inline block. */
function lifecycleRule(r: Values): Props | undefined {
  const filter = block(r.filter);
  const and = filter && !isUnresolved(filter) ? block(filter.and) : undefined;
  const tag = filter && !isUnresolved(filter) ? block(filter.tag) : undefined;
  const expiration = block(r.expiration);
  const exp = expiration && !isUnresolved(expiration) ? expiration : undefined;
  const rule: Props = {};
  put(rule, 'Id', r.id);
  put(
    rule,
    'Status',
    typeof r.status === 'string'
      ? r.status
      : r.enabled === true
        ? 'Enabled'
        : r.enabled === false
          ? 'Disabled'
          : r.status,
  );
  const prefix =
    (filter && !isUnresolved(filter)
      ? (filter.prefix ?? (and && !isUnresolved(and) ? and.prefix : undefined))
      : undefined) ?? r.prefix;
  put(rule, 'Prefix', prefix);
  const tags =
    and && !isUnresolved(and)
      ? tagFilters(and.tags)
      : tag && !isUnresolved(tag)
        ? [compact({ Key: tag.key, Value: tag.value })]
        : tagFilters(r.tags);
  put(rule, 'TagFilters', tags);
  if (exp) {
    put(rule, 'ExpirationInDays', exp.days || undefined);
    put(rule, 'ExpirationDate', exp.date);
    if (exp.expired_object_delete_marker === true) rule.ExpiredObjectDeleteMarker = true;
  }
  put(
    rule,
    'Transitions',
    mapBlocks(r.transition, (t) =>
      compact({ TransitionInDays: t.days, TransitionDate: t.date, StorageClass: t.storage_class }),
    ),
  );
  put(
    rule,
    'NoncurrentVersionExpiration',
    mapBlock(r.noncurrent_version_expiration, (n) =>
      compact({
        NoncurrentDays: n.noncurrent_days ?? n.days,
        NewerNoncurrentVersions: n.newer_noncurrent_versions,
      }),
    ),
  );
  put(
    rule,
    'NoncurrentVersionTransitions',
    mapBlocks(r.noncurrent_version_transition, (t) =>
      compact({
        TransitionInDays: t.noncurrent_days ?? t.days,
        StorageClass: t.storage_class,
        NewerNoncurrentVersions: t.newer_noncurrent_versions,
      }),
    ),
  );
  const abort =
    r.abort_incomplete_multipart_upload_days ??
    mapBlock(r.abort_incomplete_multipart_upload, (a) => a.days_after_initiation);
  if (isSet(abort)) rule.AbortIncompleteMultipartUpload = { DaysAfterInitiation: abort };
  return rule;
}

function lifecycle(rules: unknown): Props | undefined {
  const list = mapBlocks(rules, lifecycleRule);
  return list === undefined ? undefined : { Rules: list };
}

function replication(role: unknown, rules: unknown): Props | undefined {
  const list = mapBlocks(rules, (r) => {
    const filter = block(r.filter);
    const out: Props = {};
    put(out, 'Id', r.id);
    put(out, 'Status', r.status);
    put(out, 'Priority', r.priority);
    put(out, 'Prefix', r.prefix);
    if (filter && !isUnresolved(filter)) put(out, 'Filter', compact({ Prefix: filter.prefix }) ?? {});
    put(
      out,
      'Destination',
      mapBlock(r.destination, (d) =>
        compact({
          Bucket: d.bucket,
          StorageClass: d.storage_class,
          Account: d.account ?? d.account_id,
          AccessControlTranslation: mapBlock(d.access_control_translation, (a) =>
            compact({ Owner: a.owner }),
          ),
          EncryptionConfiguration: mapBlock(d.encryption_configuration, (e) =>
            compact({ ReplicaKmsKeyID: e.replica_kms_key_id }),
          ),
        }),
      ),
    );
    put(
      out,
      'DeleteMarkerReplication',
      mapBlock(r.delete_marker_replication, (d) => compact({ Status: d.status })),
    );
    put(
      out,
      'SourceSelectionCriteria',
      mapBlock(r.source_selection_criteria, (c) =>
        compact({
          SseKmsEncryptedObjects: mapBlock(c.sse_kms_encrypted_objects, (k) =>
            // The pre-4.0 inline block writes `enabled = true` where the split resource writes a status.
            compact({
              Status:
                k.status ?? (k.enabled === true ? 'Enabled' : k.enabled === false ? 'Disabled' : k.enabled),
            }),
          ),
          ReplicaModifications: mapBlock(c.replica_modifications, (m) => compact({ Status: m.status })),
        }),
      ),
    );
    if (typeof r.delete_marker_replication_status === 'string' && r.delete_marker_replication_status) {
      out.DeleteMarkerReplication = { Status: r.delete_marker_replication_status };
    }
    return out;
  });
  if (list === undefined && !isSet(role)) return undefined;
  return compact({ Role: role, Rules: list });
}

/**
 * ACL grants in the shape GetBucketAcl returns and PutBucketAcl takes
 * (`{Grants: [{Grantee: {Type, URI | ID | EmailAddress}, Permission}], Owner}`), where the S3 rules
 * read a live bucket's ACL: CloudFormation has only the canned `AccessControl`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html
 */
function aclGrant(grantee: unknown, permission: unknown): Props {
  const who = mapBlock(grantee, (g) =>
    compact({ Type: g.type, URI: g.uri, ID: g.id, EmailAddress: g.email_address }),
  );
  return { Grantee: who ?? {}, Permission: permission };
}

/** `aws_s3_bucket_acl`'s `access_control_policy { grant { grantee {...} permission } owner {...} }`. */
function accessControlPolicy(value: unknown): unknown {
  return mapBlock(value, (p) => {
    const grants = mapBlocks(p.grant, (g) => aclGrant(g.grantee, g.permission));
    const owner = mapBlock(p.owner, (o) => compact({ ID: o.id, DisplayName: o.display_name }));
    // A policy without grant blocks is known: it grants no one anything.
    return put({ Grants: grants ?? [] }, 'Owner', owner);
  });
}

/**
 * The `grant { type uri id permissions }` blocks of `aws_s3_bucket` (written before provider 4.0;
 * since then computed, so a state holds the ACL the provider read), one grant per permission.
 */
function inlineGrants(value: unknown): unknown {
  const list = blocks(value);
  if (list === undefined || isUnresolved(list)) return list === undefined ? undefined : { Grants: list };
  if (list.length === 0) return undefined;
  const grants: Props[] = [];
  for (const g of list) {
    const grantee = { type: g.type, uri: g.uri || undefined, id: g.id || undefined };
    const permissions = strings(g.permissions);
    if (permissions === undefined || isUnresolved(permissions)) grants.push(aclGrant(grantee, permissions));
    else for (const p of permissions) grants.push(aclGrant(grantee, p));
  }
  return { Grants: grants };
}

function website(v: Values, inline: boolean): Props | undefined {
  if (inline) {
    return compact({
      IndexDocument: v.index_document,
      ErrorDocument: v.error_document,
      RedirectAllRequestsTo:
        typeof v.redirect_all_requests_to === 'string'
          ? compact({ HostName: v.redirect_all_requests_to })
          : undefined,
    });
  }
  return compact({
    IndexDocument: mapBlock(v.index_document, (d) => d.suffix),
    ErrorDocument: mapBlock(v.error_document, (d) => d.key),
    RedirectAllRequestsTo: mapBlock(v.redirect_all_requests_to, (r) =>
      compact({ HostName: r.host_name, Protocol: r.protocol }),
    ),
    RoutingRules: mapBlocks(v.routing_rule, (r) =>
      compact({
        RoutingRuleCondition: mapBlock(r.condition, (c) =>
          compact({
            KeyPrefixEquals: c.key_prefix_equals,
            HttpErrorCodeReturnedEquals: c.http_error_code_returned_equals,
          }),
        ),
        RedirectRule: mapBlock(r.redirect, (d) =>
          compact({
            HostName: d.host_name,
            HttpRedirectCode: d.http_redirect_code,
            Protocol: d.protocol,
            ReplaceKeyPrefixWith: d.replace_key_prefix_with,
            ReplaceKeyWith: d.replace_key_with,
          }),
        ),
      }),
    ),
  });
}

function cors(rules: unknown): Props | undefined {
  const list = mapBlocks(rules, (r) =>
    compact({
      Id: r.id,
      AllowedHeaders: r.allowed_headers,
      AllowedMethods: r.allowed_methods,
      AllowedOrigins: r.allowed_origins,
      ExposedHeaders: r.expose_headers,
      MaxAge: r.max_age_seconds,
    }),
  );
  return list === undefined ? undefined : { CorsRules: list };
}

function objectLock(enabled: unknown, rule: unknown): Props | undefined {
  return compact({
    ObjectLockEnabled: enabled === true || enabled === 'Enabled' ? 'Enabled' : enabled,
    Rule: mapBlock(rule, (r) =>
      compact({
        DefaultRetention: mapBlock(r.default_retention, (d) =>
          compact({ Mode: d.mode, Days: d.days, Years: d.years }),
        ),
      }),
    ),
  });
}

// ---------------------------------------------------------------------------------------------------
// The bucket

const bucket: TypeMapping = {
  cfnType: 'AWS::S3::Bucket',
  nameProp: 'BucketName',
  props: (inst) => {
    const v = inst.values;
    const props: Props = {};
    // `bucket_prefix` or no name: AWS/Terraform generate one, as CloudFormation does without BucketName.
    put(props, 'BucketName', configuredValue(inst, 'bucket'));
    put(props, 'AccessControl', cannedAcl(configuredValue(inst, 'acl')));
    put(props, 'AccessControlPolicy', inlineGrants(configuredValue(inst, 'grant')));
    put(props, 'ObjectLockEnabled', v.object_lock_enabled === true ? true : undefined);
    // Inline settings: computed when unset since provider 4.0, so only configured or known values count.
    const inline = (attr: string) => configuredValue(inst, attr);
    put(
      props,
      'VersioningConfiguration',
      mapBlock(inline('versioning'), (b) => versioning(b.enabled)),
    );
    put(
      props,
      'LoggingConfiguration',
      mapBlock(inline('logging'), (b) => logging(b.target_bucket, b.target_prefix)),
    );
    put(
      props,
      'BucketEncryption',
      mapBlock(inline('server_side_encryption_configuration'), (b) => encryption(b.rule)),
    );
    put(props, 'LifecycleConfiguration', lifecycle(inline('lifecycle_rule')));
    put(
      props,
      'ReplicationConfiguration',
      mapBlock(inline('replication_configuration'), (b) => replication(b.role, b.rules)),
    );
    put(
      props,
      'WebsiteConfiguration',
      mapBlock(inline('website'), (b) => website(b, true)),
    );
    put(props, 'CorsConfiguration', cors(inline('cors_rule')));
    put(
      props,
      'ObjectLockConfiguration',
      mapBlock(inline('object_lock_configuration'), (b) => objectLock(b.object_lock_enabled, b.rule)),
    );
    const acceleration = inline('acceleration_status');
    if (isSet(acceleration)) props.AccelerateConfiguration = { AccelerationStatus: acceleration };
    // The bucket policy, inline or folded from aws_s3_bucket_policy, in the CloudFormation source's shape.
    put(props, 'PolicyDocument', policyDocument(inline('policy')));
    return props;
  },
};

const accountPublicAccessBlock: TypeMapping = {
  cfnType: 'AWS::S3::AccountPublicAccessBlock',
  global: true,
  tags: 'none',
  props: (inst) =>
    copy(inst.values, {
      block_public_acls: 'BlockPublicAcls',
      block_public_policy: 'BlockPublicPolicy',
      ignore_public_acls: 'IgnorePublicAcls',
      restrict_public_buckets: 'RestrictPublicBuckets',
    }),
};

// ---------------------------------------------------------------------------------------------------
// Split resources, folded into the bucket

const BUCKET_TARGET: readonly FoldTargetSpec[] = [
  { attribute: 'bucket', types: ['aws_s3_bucket'], matchBy: 'bucket' },
];

/** A split bucket resource that sets one bucket prop. */
function bucketSetting(
  property: string,
  value: (inst: TfInstance) => unknown,
  standaloneType = 'Terraform::',
): FoldMapping {
  return {
    standaloneType: (inst) => (standaloneType === 'Terraform::' ? `Terraform::${inst.type}` : standaloneType),
    targets: BUCKET_TARGET,
    apply: (target, inst, record) => {
      const v = value(inst);
      // An absent value (versioning `Disabled`) still replaces what the inline block said.
      if (v === undefined) delete target.resource.props[property];
      setProp(target.resource.props, property, v, record);
    },
  };
}

const bucketPolicy: FoldMapping = {
  ...bucketSetting('PolicyDocument', (inst) => policyDocument(inst.values.policy), 'AWS::S3::BucketPolicy'),
  standalone: (inst) => [
    {
      type: 'AWS::S3::BucketPolicy',
      props: put({ Bucket: inst.values.bucket }, 'PolicyDocument', policyDocument(inst.values.policy)),
    },
  ],
};

/** One `NotificationConfiguration` entry per event, as CloudFormation lists them. */
function notifications(value: unknown, arnKey: string, cfnKey: string): Props[] | undefined {
  const out: Props[] = [];
  const list = mapBlocks(value, (n) => n);
  if (list === undefined) return undefined;
  if (isUnresolved(list)) return [{ [cfnKey]: list }];
  for (const n of list) {
    const rules: Props[] = [];
    if (isSet(n.filter_prefix)) rules.push({ Name: 'prefix', Value: n.filter_prefix });
    if (isSet(n.filter_suffix)) rules.push({ Name: 'suffix', Value: n.filter_suffix });
    const events = strings(n.events);
    for (const event of events && !isUnresolved(events) ? events : [events]) {
      const entry: Props = { Event: event, [cfnKey]: n[arnKey] };
      if (rules.length > 0) entry.Filter = { S3Key: { Rules: rules } };
      out.push(entry);
    }
  }
  return out.length > 0 ? out : undefined;
}

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_s3_bucket: bucket,
  aws_s3_account_public_access_block: accountPublicAccessBlock,
};

export const foldMappings: Readonly<Record<string, FoldMapping>> = {
  aws_s3_bucket_versioning: bucketSetting('VersioningConfiguration', (inst) =>
    mapBlock(inst.values.versioning_configuration, (b) => versioning(undefined, b.status)),
  ),
  aws_s3_bucket_logging: bucketSetting('LoggingConfiguration', (inst) =>
    logging(inst.values.target_bucket, inst.values.target_prefix),
  ),
  aws_s3_bucket_public_access_block: bucketSetting('PublicAccessBlockConfiguration', (inst) =>
    copy(inst.values, {
      block_public_acls: 'BlockPublicAcls',
      block_public_policy: 'BlockPublicPolicy',
      ignore_public_acls: 'IgnorePublicAcls',
      restrict_public_buckets: 'RestrictPublicBuckets',
    }),
  ),
  aws_s3_bucket_replication_configuration: bucketSetting('ReplicationConfiguration', (inst) =>
    replication(inst.values.role, inst.values.rule),
  ),
  aws_s3_bucket_server_side_encryption_configuration: bucketSetting('BucketEncryption', (inst) =>
    encryption(inst.values.rule),
  ),
  aws_s3_bucket_lifecycle_configuration: bucketSetting('LifecycleConfiguration', (inst) =>
    lifecycle(inst.values.rule),
  ),
  aws_s3_bucket_policy: bucketPolicy,
  aws_s3_bucket_notification: bucketSetting('NotificationConfiguration', (inst) =>
    compact({
      LambdaConfigurations: notifications(inst.values.lambda_function, 'lambda_function_arn', 'Function'),
      QueueConfigurations: notifications(inst.values.queue, 'queue_arn', 'Queue'),
      TopicConfigurations: notifications(inst.values.topic, 'topic_arn', 'Topic'),
      EventBridgeConfiguration: inst.values.eventbridge === true ? { EventBridgeEnabled: true } : undefined,
    }),
  ),
  aws_s3_bucket_website_configuration: bucketSetting('WebsiteConfiguration', (inst) =>
    website(inst.values, false),
  ),
  aws_s3_bucket_acl: {
    standaloneType: (inst) => `Terraform::${inst.type}`,
    targets: BUCKET_TARGET,
    apply: (target, inst, record) => {
      const props = target.resource.props;
      // The canned ACL or the grants replace what the bucket's own arguments said.
      delete props.AccessControl;
      delete props.AccessControlPolicy;
      setProp(props, 'AccessControl', cannedAcl(configuredValue(inst, 'acl')), record);
      setProp(
        props,
        'AccessControlPolicy',
        accessControlPolicy(configuredValue(inst, 'access_control_policy')),
        record,
      );
    },
  },
  aws_s3_bucket_ownership_controls: bucketSetting('OwnershipControls', (inst) =>
    compact({ Rules: mapBlocks(inst.values.rule, (r) => compact({ ObjectOwnership: r.object_ownership })) }),
  ),
  aws_s3_bucket_cors_configuration: bucketSetting('CorsConfiguration', (inst) => cors(inst.values.cors_rule)),
  aws_s3_bucket_object_lock_configuration: bucketSetting('ObjectLockConfiguration', (inst) =>
    objectLock(inst.values.object_lock_enabled ?? 'Enabled', inst.values.rule),
  ),
  aws_s3_bucket_accelerate_configuration: bucketSetting('AccelerateConfiguration', (inst) =>
    compact({ AccelerationStatus: inst.values.status }),
  ),
};
