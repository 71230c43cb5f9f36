import { DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { objectsOf } from '../../json.js';
import { str } from '../helpers.js';
import { ELASTICACHE_PAGES, logDeliveries, stringsOf } from './common.js';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';

/**
 * `AutomaticFailover` is a status (`enabled`, `enabling`, `disabling`, `disabled`); the setting is
 * where it is going, as a template states it: `enabling` counts as on, `disabling` as off.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ReplicationGroup.html
 */
function failoverSetting(status: unknown): boolean | undefined {
  if (status === 'enabled' || status === 'enabling') return true;
  if (status === 'disabled' || status === 'disabling') return false;
  return undefined;
}

/**
 * Whether the group's data is encrypted at rest. "In some cases, encryption at-rest may be enabled
 * even when this value [AtRestEncryptionEnabled] is false. Use StorageEncryptionType to view the
 * effective encryption state": `none`, `sse-elasticache` or `sse-kms` decides when present, the flag
 * otherwise. A group that reports neither is not known, never AWS's creation default (on for
 * Valkey, off for Redis OSS), which says nothing about a group created years ago.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ReplicationGroup.html
 */
function atRest(group: Json, id: string): unknown {
  const type = str(group.StorageEncryptionType);
  if (type === 'none') return false;
  if (type === 'sse-elasticache' || type === 'sse-kms') return true;
  if (typeof group.AtRestEncryptionEnabled === 'boolean') return group.AtRestEncryptionEnabled;
  return unresolved(
    `elasticache describe-replication-groups --replication-group-id ${id}`,
    'the replication group reported neither AtRestEncryptionEnabled nor StorageEncryptionType',
  );
}

/** One group in CloudFormation's shape; a group without an id is no group. */
function replicationGroup(group: Json): ResourceDraft[] {
  const id = str(group.ReplicationGroupId);
  if (!id) return [];
  const members = stringsOf(group.MemberClusters);
  const shards = objectsOf(group.NodeGroups);
  const clustered = group.ClusterEnabled === true;
  const props: Json = {
    ReplicationGroupId: id,
    ReplicationGroupDescription: str(group.Description),
    Engine: str(group.Engine),
    CacheNodeType: str(group.CacheNodeType),
    AutomaticFailoverEnabled: failoverSetting(group.AutomaticFailover),
    MultiAZEnabled: group.MultiAZ === 'enabled' ? true : group.MultiAZ === 'disabled' ? false : undefined,
    AtRestEncryptionEnabled: atRest(group, id),
    KmsKeyId: str(group.KmsKeyId),
    // Absent, the rule takes CloudFormation's default, false: a fail, never a pass.
    TransitEncryptionEnabled:
      typeof group.TransitEncryptionEnabled === 'boolean' ? group.TransitEncryptionEnabled : undefined,
    TransitEncryptionMode: str(group.TransitEncryptionMode),
    SnapshotRetentionLimit:
      typeof group.SnapshotRetentionLimit === 'number' ? group.SnapshotRetentionLimit : undefined,
    SnapshotWindow: str(group.SnapshotWindow),
    SnapshottingClusterId: str(group.SnapshottingClusterId),
    // `enabled`, `disabled` or `compatible`, as the API writes them.
    ClusterMode: str(group.ClusterMode),
    // Cluster mode disabled: one shard of NumCacheClusters nodes; enabled: NumNodeGroups shards.
    NumCacheClusters: clustered ? undefined : members?.length,
    NumNodeGroups: clustered && shards.length > 0 ? shards.length : undefined,
    DataTieringEnabled:
      group.DataTiering === 'enabled' ? true : group.DataTiering === 'disabled' ? false : undefined,
    AutoMinorVersionUpgrade:
      typeof group.AutoMinorVersionUpgrade === 'boolean' ? group.AutoMinorVersionUpgrade : undefined,
    NetworkType: str(group.NetworkType),
    IpDiscovery: str(group.IpDiscovery),
    UserGroupIds: stringsOf(group.UserGroupIds),
    LogDeliveryConfigurations: logDeliveries(group.LogDeliveryConfigurations),
  };
  return [
    {
      type: REPLICATION_GROUP,
      id,
      arn: str(group.ARN),
      name: id,
      props,
      observed: {
        Status: str(group.Status),
        AutomaticFailover: str(group.AutomaticFailover),
        MultiAZ: str(group.MultiAZ),
        StorageEncryptionType: str(group.StorageEncryptionType),
        ClusterEnabled: typeof group.ClusterEnabled === 'boolean' ? group.ClusterEnabled : undefined,
        AuthTokenEnabled: typeof group.AuthTokenEnabled === 'boolean' ? group.AuthTokenEnabled : undefined,
        MemberClusters: members,
        ReplicationGroupCreateTime: group.ReplicationGroupCreateTime,
      },
    },
  ];
}

/**
 * `elasticache describe-replication-groups` → `AWS::ElastiCache::ReplicationGroup` (id = the
 * replication group id, as `Ref` gives it) with CloudFormation's `Engine`,
 * `AutomaticFailoverEnabled`, `MultiAZEnabled`, `AtRestEncryptionEnabled` (the effective state, see
 * {@link atRest}), `TransitEncryptionEnabled`, `TransitEncryptionMode`, `SnapshotRetentionLimit`
 * (0: no automatic backups) and the rest of the group's settings; status, member clusters and the
 * raw failover and encryption states in `observed`. The listing holds every fact the ElastiCache
 * rules read, so there is no call per group; tags (ListTagsForResource per ARN) are not read.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReplicationGroups.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html
 */
export const replicationGroups: Collector = {
  id: 'elasticache/replication-groups',
  service: 'elasticache',
  resourceTypes: [REPLICATION_GROUP],
  list: [
    {
      command: DescribeReplicationGroupsCommand,
      action: 'elasticache:DescribeReplicationGroups',
      items: ['ReplicationGroups'],
      paginate: ELASTICACHE_PAGES,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) => (data.items.ReplicationGroups ?? []).flatMap(replicationGroup),
  },
};
