import { DescribeClustersCommand, DescribeLoggingStatusCommand } from '@aws-sdk/client-redshift';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';
import { tagsOf } from '../tags.js';

/**
 * Audit logging as CloudFormation's `LoggingProperties`, from DescribeLoggingStatus: absent when
 * logging is off, unresolved when the call failed (the runner records the gap), so that a cluster
 * whose logging could not be read is never reported as not logging.
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeLoggingStatus.html
 */
function loggingProperties(status: Json | null | undefined, id: string): unknown {
  if (!isJson(status)) {
    return unresolved(
      `redshift describe-logging-status --cluster-identifier ${id}`,
      'the logging status of this cluster could not be read',
    );
  }
  if (status.LoggingEnabled !== true) return undefined;
  return {
    BucketName: status.BucketName,
    S3KeyPrefix: status.S3KeyPrefix,
    LogDestinationType: status.LogDestinationType,
    LogExports: status.LogExports,
  };
}

/**
 * `redshift describe-clusters` + per cluster `describe-logging-status` → `AWS::Redshift::Cluster`
 * (id = cluster identifier). Cross-region snapshot copy comes with the cluster as
 * `ClusterSnapshotCopyStatus`, present only while the copy is enabled: it becomes CloudFormation's
 * `DestinationRegion`, `SnapshotCopyRetentionPeriod` and `SnapshotCopyGrantName`. Audit logging
 * becomes `LoggingProperties` and `observed.LoggingEnabled`.
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_ClusterSnapshotCopyStatus.html
 */
export const clusters: Collector = {
  id: 'redshift/clusters',
  service: 'redshift',
  resourceTypes: ['AWS::Redshift::Cluster'],
  list: [
    {
      command: DescribeClustersCommand,
      action: 'redshift:DescribeClusters',
      items: ['Clusters'],
      paginate: { inputToken: 'Marker', outputToken: 'Marker', pageSize: ['MaxRecords', 100] },
    },
  ],
  details: [
    {
      name: 'logging',
      command: DescribeLoggingStatusCommand,
      action: 'redshift:DescribeLoggingStatus',
      input: (c) =>
        typeof c.ClusterIdentifier === 'string' ? { ClusterIdentifier: c.ClusterIdentifier } : undefined,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.Clusters ?? []).flatMap((c) => {
        const id = str(c.ClusterIdentifier);
        if (!id) return [];
        const endpoint = c.Endpoint as { Address?: string; Port?: number } | undefined;
        const copy = isJson(c.ClusterSnapshotCopyStatus) ? c.ClusterSnapshotCopyStatus : undefined;
        const logging = detailOf(c, 'logging');
        return [
          {
            type: 'AWS::Redshift::Cluster',
            id,
            arn: `arn:${ctx.partition}:redshift:${ctx.region}:${ctx.account}:cluster:${id}`,
            name: id,
            tags: tagsOf(c.Tags),
            props: {
              ClusterIdentifier: id,
              NodeType: c.NodeType,
              NumberOfNodes: c.NumberOfNodes,
              DBName: c.DBName,
              MasterUsername: c.MasterUsername,
              Encrypted: c.Encrypted,
              KmsKeyId: c.KmsKeyId,
              PubliclyAccessible: c.PubliclyAccessible,
              EnhancedVpcRouting: c.EnhancedVpcRouting,
              AutomatedSnapshotRetentionPeriod: c.AutomatedSnapshotRetentionPeriod,
              ClusterSubnetGroupName: c.ClusterSubnetGroupName,
              VpcSecurityGroupIds: Array.isArray(c.VpcSecurityGroups)
                ? c.VpcSecurityGroups.map((g) => (g as { VpcSecurityGroupId?: string }).VpcSecurityGroupId)
                : undefined,
              AllowVersionUpgrade: c.AllowVersionUpgrade,
              Port: endpoint?.Port,
              DestinationRegion: copy?.DestinationRegion,
              SnapshotCopyRetentionPeriod: copy?.RetentionPeriod,
              SnapshotCopyGrantName: copy?.SnapshotCopyGrantName,
              LoggingProperties: loggingProperties(logging, id),
            },
            observed: {
              ClusterStatus: c.ClusterStatus,
              VpcId: c.VpcId,
              Endpoint: endpoint?.Address,
              LoggingEnabled: isJson(logging) ? logging.LoggingEnabled === true : undefined,
            },
          },
        ];
      }),
  },
};
