/** RDS, DynamoDB, KMS and the other data stores. */
import { isUnresolved } from '../../../model/index.js';
import {
  bool,
  compact,
  configuredValue,
  copy,
  isSet,
  mapBlock,
  mapBlocks,
  policyDocument,
  put,
  type Props,
  type Values,
} from './helpers.js';
import type { TfInstance } from '../instance.js';
import type { FoldMapping, TypeMapping } from './types.js';
import { setProp } from './fold.js';

const dbInstance: TypeMapping = {
  cfnType: 'AWS::RDS::DBInstance',
  nameProp: 'DBInstanceIdentifier',
  props: (inst) => {
    const v = inst.values;
    // The master password is never read.
    const props = copy(v, {
      engine: 'Engine',
      instance_class: 'DBInstanceClass',
      allocated_storage: 'AllocatedStorage',
      max_allocated_storage: 'MaxAllocatedStorage',
      storage_encrypted: 'StorageEncrypted',
      multi_az: 'MultiAZ',
      publicly_accessible: 'PubliclyAccessible',
      backup_retention_period: 'BackupRetentionPeriod',
      deletion_protection: 'DeletionProtection',
      iam_database_authentication_enabled: 'EnableIAMDatabaseAuthentication',
      auto_minor_version_upgrade: 'AutoMinorVersionUpgrade',
      copy_tags_to_snapshot: 'CopyTagsToSnapshot',
      enabled_cloudwatch_logs_exports: 'EnableCloudwatchLogsExports',
      monitoring_interval: 'MonitoringInterval',
      monitoring_role_arn: 'MonitoringRoleArn',
      performance_insights_enabled: 'EnablePerformanceInsights',
      performance_insights_kms_key_id: 'PerformanceInsightsKMSKeyId',
      performance_insights_retention_period: 'PerformanceInsightsRetentionPeriod',
      username: 'MasterUsername',
      manage_master_user_password: 'ManageMasterUserPassword',
      replicate_source_db: 'SourceDBInstanceIdentifier',
      snapshot_identifier: 'DBSnapshotIdentifier',
      storage_throughput: 'StorageThroughput',
      license_model: 'LicenseModel',
      network_type: 'NetworkType',
    });
    const computed = (attr: string, key: string) => put(props, key, configuredValue(inst, attr));
    computed('identifier', 'DBInstanceIdentifier');
    computed('engine_version', 'EngineVersion');
    computed('db_name', 'DBName');
    computed('name', 'DBName');
    computed('db_subnet_group_name', 'DBSubnetGroupName');
    computed('vpc_security_group_ids', 'VPCSecurityGroups');
    computed('parameter_group_name', 'DBParameterGroupName');
    computed('option_group_name', 'OptionGroupName');
    computed('kms_key_id', 'KmsKeyId');
    computed('storage_type', 'StorageType');
    computed('iops', 'Iops');
    computed('port', 'Port');
    computed('availability_zone', 'AvailabilityZone');
    computed('ca_cert_identifier', 'CACertificateIdentifier');
    computed('backup_window', 'PreferredBackupWindow');
    computed('maintenance_window', 'PreferredMaintenanceWindow');
    return props;
  },
};

function keySchema(hash: unknown, range: unknown): Props[] | undefined {
  const out: Props[] = [];
  if (isSet(hash)) out.push({ AttributeName: hash, KeyType: 'HASH' });
  if (isSet(range)) out.push({ AttributeName: range, KeyType: 'RANGE' });
  return out.length > 0 ? out : undefined;
}

function throughput(read: unknown, write: unknown): Props | undefined {
  if (!isSet(read) && !isSet(write)) return undefined;
  return compact({ ReadCapacityUnits: read, WriteCapacityUnits: write });
}

function projection(b: Values): Props | undefined {
  return compact({ ProjectionType: b.projection_type, NonKeyAttributes: b.non_key_attributes });
}

const dynamoTable: TypeMapping = {
  cfnType: 'AWS::DynamoDB::Table',
  nameProp: 'TableName',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      name: 'TableName',
      billing_mode: 'BillingMode',
      deletion_protection_enabled: 'DeletionProtectionEnabled',
      table_class: 'TableClass',
    });
    put(props, 'KeySchema', keySchema(v.hash_key, v.range_key));
    put(
      props,
      'AttributeDefinitions',
      mapBlocks(v.attribute, (a) => compact({ AttributeName: a.name, AttributeType: a.type })),
    );
    // Capacity only applies to provisioned tables; Terraform reports 0 for on-demand ones.
    if (v.billing_mode !== 'PAY_PER_REQUEST')
      put(props, 'ProvisionedThroughput', throughput(v.read_capacity, v.write_capacity));
    const provisioned = v.billing_mode !== 'PAY_PER_REQUEST';
    put(
      props,
      'GlobalSecondaryIndexes',
      mapBlocks(v.global_secondary_index, (g) =>
        compact({
          IndexName: g.name,
          KeySchema: keySchema(g.hash_key, g.range_key),
          Projection: projection(g),
          ProvisionedThroughput: provisioned ? throughput(g.read_capacity, g.write_capacity) : undefined,
        }),
      ),
    );
    put(
      props,
      'LocalSecondaryIndexes',
      mapBlocks(v.local_secondary_index, (l) =>
        compact({
          IndexName: l.name,
          KeySchema: keySchema(v.hash_key, l.range_key),
          Projection: projection(l),
        }),
      ),
    );
    put(
      props,
      'PointInTimeRecoverySpecification',
      mapBlock(v.point_in_time_recovery, (p) => compact({ PointInTimeRecoveryEnabled: p.enabled })),
    );
    put(
      props,
      'SSESpecification',
      mapBlock(configuredValue(inst, 'server_side_encryption'), (s) => {
        const enabled = bool(s.enabled);
        return compact({
          SSEEnabled: enabled,
          SSEType: enabled === true && isSet(s.kms_key_arn) ? 'KMS' : undefined,
          KMSMasterKeyId: s.kms_key_arn,
        });
      }),
    );
    if (v.stream_enabled === true)
      put(props, 'StreamSpecification', compact({ StreamViewType: v.stream_view_type }));
    // `replica` blocks make the table a global table (version 2019.11.21); kept in DescribeTable's
    // shape (`Replicas[].RegionName`), which is what a live table of the same kind carries.
    put(
      props,
      'Replicas',
      mapBlocks(v.replica, (r) => compact({ RegionName: r.region_name })),
    );
    put(
      props,
      'TimeToLiveSpecification',
      mapBlock(v.ttl, (t) =>
        isSet(t.attribute_name) || t.enabled === true
          ? compact({ AttributeName: t.attribute_name, Enabled: t.enabled })
          : undefined,
      ),
    );
    return props;
  },
};

const kmsKey: TypeMapping = {
  cfnType: 'AWS::KMS::Key',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      description: 'Description',
      key_usage: 'KeyUsage',
      customer_master_key_spec: 'KeySpec',
      enable_key_rotation: 'EnableKeyRotation',
      is_enabled: 'Enabled',
      deletion_window_in_days: 'PendingWindowInDays',
      multi_region: 'MultiRegion',
      rotation_period_in_days: 'RotationPeriodInDays',
      bypass_policy_lockout_safety_check: 'BypassPolicyLockoutSafetyCheck',
    });
    // Unset, KMS applies its default key policy: left out, as a template would.
    put(props, 'KeyPolicy', policyDocument(configuredValue(inst, 'policy')));
    return props;
  },
};

const kmsAlias: TypeMapping = {
  cfnType: 'AWS::KMS::Alias',
  tags: 'none',
  props: (inst) => copy(inst.values, { name: 'AliasName', target_key_id: 'TargetKeyId' }),
};

const dbSubnetGroup: TypeMapping = {
  cfnType: 'AWS::RDS::DBSubnetGroup',
  nameProp: 'DBSubnetGroupName',
  props: (inst) =>
    copy(inst.values, {
      name: 'DBSubnetGroupName',
      description: 'DBSubnetGroupDescription',
      subnet_ids: 'SubnetIds',
    }),
};

const dbParameterGroup: TypeMapping = {
  cfnType: 'AWS::RDS::DBParameterGroup',
  nameProp: 'DBParameterGroupName',
  props: (inst) => {
    const props = copy(inst.values, {
      name: 'DBParameterGroupName',
      family: 'Family',
      description: 'Description',
    });
    const params = mapBlocks(inst.values.parameter, (p) => p);
    if (params && !isUnresolved(params)) {
      const out: Record<string, unknown> = {};
      for (const p of params) if (typeof p.name === 'string') out[p.name] = p.value;
      if (Object.keys(out).length > 0) props.Parameters = out;
    } else put(props, 'Parameters', params);
    return props;
  },
};

const dbOptionGroup: TypeMapping = {
  cfnType: 'AWS::RDS::OptionGroup',
  nameProp: 'OptionGroupName',
  props: (inst) =>
    copy(inst.values, {
      name: 'OptionGroupName',
      engine_name: 'EngineName',
      major_engine_version: 'MajorEngineVersion',
      option_group_description: 'OptionGroupDescription',
    }),
};

const rdsCluster: TypeMapping = {
  cfnType: 'AWS::RDS::DBCluster',
  nameProp: 'DBClusterIdentifier',
  props: (inst) =>
    copy(inst.values, {
      cluster_identifier: 'DBClusterIdentifier',
      engine: 'Engine',
      engine_version: 'EngineVersion',
      storage_encrypted: 'StorageEncrypted',
      kms_key_id: 'KmsKeyId',
      backup_retention_period: 'BackupRetentionPeriod',
      deletion_protection: 'DeletionProtection',
      iam_database_authentication_enabled: 'EnableIAMDatabaseAuthentication',
      vpc_security_group_ids: 'VpcSecurityGroupIds',
      db_subnet_group_name: 'DBSubnetGroupName',
      enabled_cloudwatch_logs_exports: 'EnableCloudwatchLogsExports',
      copy_tags_to_snapshot: 'CopyTagsToSnapshot',
      master_username: 'MasterUsername',
      backtrack_window: 'BacktrackWindow',
      engine_mode: 'EngineMode',
      snapshot_identifier: 'SnapshotIdentifier',
    }),
};

const neptuneCluster: TypeMapping = {
  cfnType: 'AWS::Neptune::DBCluster',
  nameProp: 'DBClusterIdentifier',
  props: (inst) =>
    copy(inst.values, {
      cluster_identifier: 'DBClusterIdentifier',
      storage_encrypted: 'StorageEncrypted',
      kms_key_arn: 'KmsKeyId',
      backup_retention_period: 'BackupRetentionPeriod',
      iam_database_authentication_enabled: 'IamAuthEnabled',
      deletion_protection: 'DeletionProtection',
      enable_cloudwatch_logs_exports: 'EnableCloudwatchLogsExports',
      vpc_security_group_ids: 'VpcSecurityGroupIds',
      engine_version: 'EngineVersion',
    }),
};

const neptuneInstance: TypeMapping = {
  cfnType: 'AWS::Neptune::DBInstance',
  nameProp: 'DBInstanceIdentifier',
  props: (inst) =>
    copy(inst.values, {
      identifier: 'DBInstanceIdentifier',
      cluster_identifier: 'DBClusterIdentifier',
      instance_class: 'DBInstanceClass',
      auto_minor_version_upgrade: 'AutoMinorVersionUpgrade',
      availability_zone: 'AvailabilityZone',
    }),
};

function logPublishing(value: unknown): unknown {
  const list = mapBlocks(value, (b) => b);
  if (list === undefined || isUnresolved(list)) return list;
  const out: Record<string, unknown> = {};
  for (const b of list) {
    if (typeof b.log_type === 'string')
      out[b.log_type] = compact({
        CloudWatchLogsLogGroupArn: b.cloudwatch_log_group_arn,
        Enabled: b.enabled,
      });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * `aws_elasticsearch_domain` and `aws_opensearch_domain`: the same blocks, as CloudFormation's
 * `AWS::Elasticsearch::Domain` and `AWS::OpenSearchService::Domain` (which differ only in the names
 * of the version and the cluster configuration).
 */
function searchDomain(engine: 'elasticsearch' | 'opensearch'): TypeMapping {
  const legacy = engine === 'elasticsearch';
  return {
    cfnType: legacy ? 'AWS::Elasticsearch::Domain' : 'AWS::OpenSearchService::Domain',
    nameProp: 'DomainName',
    props: (inst) => searchDomainProps(inst, legacy),
  };
}

function searchDomainProps(inst: TfInstance, legacy: boolean): Props {
  const v = inst.values;
  const props = copy(
    v,
    legacy
      ? { domain_name: 'DomainName', elasticsearch_version: 'ElasticsearchVersion' }
      : { domain_name: 'DomainName', engine_version: 'EngineVersion' },
  );
  put(props, 'AccessPolicies', policyDocument(configuredValue(inst, 'access_policies')));
  put(
    props,
    legacy ? 'ElasticsearchClusterConfig' : 'ClusterConfig',
    mapBlock(v.cluster_config, (c) =>
      compact({
        InstanceType: c.instance_type,
        InstanceCount: c.instance_count,
        DedicatedMasterEnabled: c.dedicated_master_enabled,
        DedicatedMasterType: c.dedicated_master_type,
        DedicatedMasterCount: c.dedicated_master_count,
        ZoneAwarenessEnabled: c.zone_awareness_enabled,
      }),
    ),
  );
  put(
    props,
    'EncryptionAtRestOptions',
    mapBlock(configuredValue(inst, 'encrypt_at_rest'), (e) =>
      compact({ Enabled: e.enabled, KmsKeyId: configuredKms(e) }),
    ),
  );
  put(
    props,
    'NodeToNodeEncryptionOptions',
    mapBlock(configuredValue(inst, 'node_to_node_encryption'), (e) => compact({ Enabled: e.enabled })),
  );
  put(
    props,
    'DomainEndpointOptions',
    mapBlock(configuredValue(inst, 'domain_endpoint_options'), (d) =>
      compact({
        EnforceHTTPS: d.enforce_https,
        TLSSecurityPolicy: isUnresolved(d.tls_security_policy) ? undefined : d.tls_security_policy,
      }),
    ),
  );
  put(
    props,
    'VPCOptions',
    mapBlock(v.vpc_options, (o) =>
      compact({ SubnetIds: o.subnet_ids, SecurityGroupIds: o.security_group_ids }),
    ),
  );
  put(props, 'LogPublishingOptions', logPublishing(v.log_publishing_options));
  // Fine-grained access control (the master user's credentials are left out).
  put(
    props,
    'AdvancedSecurityOptions',
    mapBlock(configuredValue(inst, 'advanced_security_options'), (o) =>
      compact({ Enabled: o.enabled, InternalUserDatabaseEnabled: o.internal_user_database_enabled }),
    ),
  );
  return props;
}

/** A KMS key id of an encryption block; unknown when left to the AWS-managed key, so left out. */
function configuredKms(b: Values): unknown {
  return isUnresolved(b.kms_key_id) ? undefined : b.kms_key_id;
}

/** `aws_elasticsearch_domain_policy` / `aws_opensearch_domain_policy`: the domain's access policy. */
function searchDomainPolicy(engine: 'elasticsearch' | 'opensearch'): FoldMapping {
  return {
    standaloneType: () => `Terraform::aws_${engine}_domain_policy`,
    targets: [{ attribute: 'domain_name', types: [`aws_${engine}_domain`], matchBy: 'domain_name' }],
    apply: (target, inst, record) =>
      setProp(target.resource.props, 'AccessPolicies', policyDocument(inst.values.access_policies), record),
  };
}

const efsFileSystem: TypeMapping = {
  cfnType: 'AWS::EFS::FileSystem',
  props: (inst) => {
    const props = copy(inst.values, {
      encrypted: 'Encrypted',
      performance_mode: 'PerformanceMode',
      throughput_mode: 'ThroughputMode',
      provisioned_throughput_in_mibps: 'ProvisionedThroughputInMibps',
    });
    put(props, 'KmsKeyId', configuredValue(inst, 'kms_key_id'));
    // One Zone storage: the zone is set in the configuration; a regional file system leaves it
    // computed (unknown in a plan, empty in a state).
    const zone = configuredValue(inst, 'availability_zone_name');
    if (zone !== '' && zone !== null) put(props, 'AvailabilityZoneName', zone);
    return props;
  },
};

/** `aws_efs_backup_policy`: the file system's automatic backups, CloudFormation's `BackupPolicy`. */
const efsBackupPolicy: FoldMapping = {
  standaloneType: () => 'Terraform::aws_efs_backup_policy',
  targets: [{ attribute: 'file_system_id', types: ['aws_efs_file_system'] }],
  apply: (target, inst, record) =>
    setProp(
      target.resource.props,
      'BackupPolicy',
      mapBlock(inst.values.backup_policy, (b) => compact({ Status: b.status })),
      record,
    ),
};

const secret: TypeMapping = {
  cfnType: 'AWS::SecretsManager::Secret',
  nameProp: 'Name',
  props: (inst) => copy(inst.values, { name: 'Name', description: 'Description', kms_key_id: 'KmsKeyId' }),
};

const secretRotation: TypeMapping = {
  cfnType: 'AWS::SecretsManager::RotationSchedule',
  tags: 'none',
  props: (inst) =>
    copy(
      inst.values,
      { secret_id: 'SecretId', rotation_lambda_arn: 'RotationLambdaARN' },
      {
        ...(compact({
          RotationRules: mapBlock(inst.values.rotation_rules, (r) =>
            compact({
              AutomaticallyAfterDays: r.automatically_after_days,
              ScheduleExpression: r.schedule_expression,
              Duration: r.duration,
            }),
          ),
        }) ?? {}),
      },
    ),
};

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_db_instance: dbInstance,
  aws_rds_cluster: rdsCluster,
  aws_db_subnet_group: dbSubnetGroup,
  aws_db_parameter_group: dbParameterGroup,
  aws_db_option_group: dbOptionGroup,
  aws_dynamodb_table: dynamoTable,
  aws_kms_key: kmsKey,
  aws_kms_alias: kmsAlias,
  aws_neptune_cluster: neptuneCluster,
  aws_neptune_cluster_instance: neptuneInstance,
  aws_elasticsearch_domain: searchDomain('elasticsearch'),
  aws_opensearch_domain: searchDomain('opensearch'),
  aws_efs_file_system: efsFileSystem,
  aws_secretsmanager_secret: secret,
  aws_secretsmanager_secret_rotation: secretRotation,
};

export const foldMappings: Readonly<Record<string, FoldMapping>> = {
  aws_elasticsearch_domain_policy: searchDomainPolicy('elasticsearch'),
  aws_opensearch_domain_policy: searchDomainPolicy('opensearch'),
  aws_efs_backup_policy: efsBackupPolicy,
};
