import { DescribeClusterCommand, ListClustersCommand } from '@aws-sdk/client-eks';
import type { Collector, Json } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';

/** DescribeCluster's `encryptionConfig` in CloudFormation's shape (`Resources`, `Provider.KeyArn`). */
function encryptionConfig(value: unknown): unknown {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isJson).map((e) => ({
    Resources: e.resources,
    Provider: isJson(e.provider) ? { KeyArn: e.provider.keyArn } : undefined,
  }));
}

/**
 * DescribeCluster's `logging.clusterLogging` (groups of `types`, each `enabled` or not) as
 * CloudFormation's `Logging.ClusterLogging.EnabledTypes`, the enabled types only.
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_LogSetup.html
 */
function logging(value: unknown): unknown {
  if (!isJson(value) || !Array.isArray(value.clusterLogging)) return undefined;
  const enabled = value.clusterLogging
    .filter((setup): setup is Json => isJson(setup) && setup.enabled === true)
    .flatMap((setup) => (Array.isArray(setup.types) ? setup.types : []))
    .map((type) => ({ Type: type }));
  return { ClusterLogging: { EnabledTypes: enabled } };
}

/** `eks list-clusters` + `describe-cluster` → `AWS::EKS::Cluster` (id = name). */
export const clusters: Collector = {
  id: 'eks/clusters',
  service: 'eks',
  resourceTypes: ['AWS::EKS::Cluster'],
  list: [
    {
      command: ListClustersCommand,
      action: 'eks:ListClusters',
      items: ['clusters'],
      wrap: 'name',
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['maxResults', 100] },
    },
  ],
  details: [
    {
      name: 'cluster',
      command: DescribeClusterCommand,
      action: 'eks:DescribeCluster',
      input: (c) => (typeof c.name === 'string' ? { name: c.name } : undefined),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.clusters ?? []).flatMap((item) => {
        const c = detailOf(item, 'cluster')?.cluster as Record<string, unknown> | undefined;
        const name = str(item.name);
        if (!name || !c) return [];
        const vpc = c.resourcesVpcConfig as Record<string, unknown> | undefined;
        return [
          {
            type: 'AWS::EKS::Cluster',
            id: name,
            arn: str(c.arn),
            name,
            tags: (c.tags as Record<string, string> | undefined) ?? {},
            props: {
              Name: name,
              Version: c.version,
              RoleArn: c.roleArn,
              ResourcesVpcConfig: vpc && {
                SubnetIds: vpc.subnetIds,
                SecurityGroupIds: vpc.securityGroupIds,
                EndpointPublicAccess: vpc.endpointPublicAccess,
                EndpointPrivateAccess: vpc.endpointPrivateAccess,
                PublicAccessCidrs: vpc.publicAccessCidrs,
              },
              EncryptionConfig: encryptionConfig(c.encryptionConfig),
              Logging: logging(c.logging),
              AccessConfig: c.accessConfig,
            },
            observed: { Status: c.status, PlatformVersion: c.platformVersion, VpcId: vpc?.vpcId },
          },
        ];
      }),
  },
};
