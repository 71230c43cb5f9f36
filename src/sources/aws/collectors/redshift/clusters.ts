import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import type { Collector } from '../../collector.js';
import { str } from '../helpers.js';
import { tagsOf } from '../tags.js';

/** `redshift describe-clusters` → `AWS::Redshift::Cluster` (id = cluster identifier). */
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
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.Clusters ?? []).flatMap((c) => {
        const id = str(c.ClusterIdentifier);
        if (!id) return [];
        const endpoint = c.Endpoint as { Address?: string; Port?: number } | undefined;
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
            },
            observed: { ClusterStatus: c.ClusterStatus, VpcId: c.VpcId, Endpoint: endpoint?.Address },
          },
        ];
      }),
  },
};
