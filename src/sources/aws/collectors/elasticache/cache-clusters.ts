import { DescribeCacheClustersCommand } from '@aws-sdk/client-elasticache';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { str } from '../helpers.js';
import { ELASTICACHE_PAGES, logDeliveries, stringsOf } from './common.js';

const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';

const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

/** One cluster in CloudFormation's shape; a cluster without an id is no cluster. */
function cacheCluster(cluster: Json): ResourceDraft[] {
  const id = str(cluster.CacheClusterId);
  if (!id) return [];
  const parameters = isJson(cluster.CacheParameterGroup) ? cluster.CacheParameterGroup : {};
  const notifications = isJson(cluster.NotificationConfiguration) ? cluster.NotificationConfiguration : {};
  const props: Json = {
    ClusterName: id,
    Engine: str(cluster.Engine),
    EngineVersion: str(cluster.EngineVersion),
    CacheNodeType: str(cluster.CacheNodeType),
    NumCacheNodes: typeof cluster.NumCacheNodes === 'number' ? cluster.NumCacheNodes : undefined,
    PreferredAvailabilityZone: str(cluster.PreferredAvailabilityZone),
    PreferredMaintenanceWindow: str(cluster.PreferredMaintenanceWindow),
    CacheSubnetGroupName: str(cluster.CacheSubnetGroupName),
    VpcSecurityGroupIds: stringsOf(objectsOf(cluster.SecurityGroups).map((g) => g.SecurityGroupId)),
    CacheParameterGroupName: str(parameters.CacheParameterGroupName),
    NotificationTopicArn: str(notifications.TopicArn),
    // Memcached has no backups, and the API leaves these out for it.
    SnapshotRetentionLimit:
      typeof cluster.SnapshotRetentionLimit === 'number' ? cluster.SnapshotRetentionLimit : undefined,
    SnapshotWindow: str(cluster.SnapshotWindow),
    TransitEncryptionEnabled: bool(cluster.TransitEncryptionEnabled),
    AutoMinorVersionUpgrade: bool(cluster.AutoMinorVersionUpgrade),
    NetworkType: str(cluster.NetworkType),
    IpDiscovery: str(cluster.IpDiscovery),
    LogDeliveryConfigurations: logDeliveries(cluster.LogDeliveryConfigurations),
  };
  return [
    {
      type: CACHE_CLUSTER,
      id,
      arn: str(cluster.ARN),
      name: id,
      props,
      observed: {
        Status: str(cluster.CacheClusterStatus),
        // A node of a replication group: the group holds its backup, failover and encryption settings.
        ReplicationGroupId: str(cluster.ReplicationGroupId),
        AtRestEncryptionEnabled: bool(cluster.AtRestEncryptionEnabled),
        TransitEncryptionMode: str(cluster.TransitEncryptionMode),
        AuthTokenEnabled: bool(cluster.AuthTokenEnabled),
        CacheClusterCreateTime: cluster.CacheClusterCreateTime,
      },
    },
  ];
}

/**
 * `elasticache describe-cache-clusters` → `AWS::ElastiCache::CacheCluster` (id = the cluster id,
 * CloudFormation's `ClusterName` and what `Ref` gives) for Memcached clusters, standalone Redis OSS
 * and Valkey clusters and the nodes of replication groups alike, with `Engine`,
 * `SnapshotRetentionLimit` and the cluster's other settings. A node of a replication group carries
 * the group's id in `observed.ReplicationGroupId` (CloudFormation's cache cluster has no such
 * property; the group is a resource of its own, `elasticache/replication-groups`), so the rules
 * leave it to the group.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheClusters.html
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-cachecluster.html
 */
export const cacheClusters: Collector = {
  id: 'elasticache/cache-clusters',
  service: 'elasticache',
  resourceTypes: [CACHE_CLUSTER],
  list: [
    {
      command: DescribeCacheClustersCommand,
      action: 'elasticache:DescribeCacheClusters',
      items: ['CacheClusters'],
      paginate: ELASTICACHE_PAGES,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) => (data.items.CacheClusters ?? []).flatMap(cacheCluster),
  },
};
