import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  ListClustersCommand,
  ListServicesCommand,
} from '@aws-sdk/client-ecs';
import type { ApiCall, Collector, Json, ListCall, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { str } from '../helpers.js';

const LIST_SERVICES: ListCall = {
  command: ListServicesCommand,
  action: 'ecs:ListServices',
  items: ['serviceArns'],
  wrap: 'serviceArn',
  paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['maxResults', 100] },
};
const DESCRIBE_CLUSTERS: ApiCall = { command: DescribeClustersCommand, action: 'ecs:DescribeClusters' };
const DESCRIBE_SERVICES: ApiCall = { command: DescribeServicesCommand, action: 'ecs:DescribeServices' };

/** DescribeClusters and DescribeServices take at most 100 and 10 names a call. */
const CLUSTERS_PER_CALL = 100;
const SERVICES_PER_CALL = 10;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** ECS writes lower-camel keys; the model uses CloudFormation's upper-camel names. */
function upper(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(upper);
  if (!isJson(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), upper(v)]),
  );
}

/**
 * `ecs list-clusters` + `describe-clusters`, and per cluster `list-services` + `describe-services` →
 * `AWS::ECS::Cluster` (id = name, as `Ref` gives it) and `AWS::ECS::Service` (id = ARN); task counts,
 * deployments (with rollout state) and the latest events in `observed`, as
 * `ecs-service-running-desired-count` reads them.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html
 */
export const services: Collector = {
  id: 'ecs/services',
  service: 'ecs',
  resourceTypes: ['AWS::ECS::Cluster', 'AWS::ECS::Service'],
  list: [
    {
      command: ListClustersCommand,
      action: 'ecs:ListClusters',
      items: ['clusterArns'],
      wrap: 'clusterArn',
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['maxResults', 100] },
    },
  ],
  extra: [LIST_SERVICES, DESCRIBE_CLUSTERS, DESCRIBE_SERVICES],
  customGaps: [{ resourceType: 'AWS::ECS::Cluster' }, { resourceType: 'AWS::ECS::Service' }],
  custom: async (api, data) => {
    const arns = (data.items.clusterArns ?? []).map((c) => String(c.clusterArn));
    data.items.clusters = [];
    data.items.services = [];
    for (const batch of chunks(arns, CLUSTERS_PER_CALL)) {
      const out = await api.call(DESCRIBE_CLUSTERS, { clusters: batch, include: ['SETTINGS'] });
      data.items.clusters.push(...((out?.clusters as Json[] | undefined) ?? []));
    }
    for (const cluster of arns) {
      const listed = await api.list(LIST_SERVICES, { cluster });
      const names = (listed.serviceArns ?? []).map((s) => String(s.serviceArn));
      for (const batch of chunks(names, SERVICES_PER_CALL)) {
        const out = await api.call(DESCRIBE_SERVICES, { cluster, services: batch });
        data.items.services.push(...((out?.services as Json[] | undefined) ?? []));
      }
    }
  },
  mapping: {
    kind: 'resources',
    map: (data) => {
      const out: ResourceDraft[] = [];
      const nameOf = new Map<string, string>();
      for (const c of data.items.clusters ?? []) {
        const name = String(c.clusterName);
        nameOf.set(String(c.clusterArn), name);
        out.push({
          type: 'AWS::ECS::Cluster',
          id: name,
          name,
          ...(str(c.clusterArn) ? { arn: String(c.clusterArn) } : {}),
          props: { ClusterName: name, ClusterSettings: upper(c.settings ?? []) },
          observed: {
            Status: c.status,
            RunningTasksCount: c.runningTasksCount,
            PendingTasksCount: c.pendingTasksCount,
            ActiveServicesCount: c.activeServicesCount,
          },
        });
      }
      for (const s of data.items.services ?? []) {
        const arn = String(s.serviceArn);
        const cluster = String(s.clusterArn);
        out.push({
          type: 'AWS::ECS::Service',
          id: arn,
          arn,
          name: String(s.serviceName),
          props: {
            ServiceName: s.serviceName,
            Cluster: nameOf.get(cluster) ?? cluster.replace(/^.*:cluster\//, ''),
            TaskDefinition: s.taskDefinition,
            DesiredCount: s.desiredCount,
            LaunchType: s.launchType,
            NetworkConfiguration: upper(s.networkConfiguration),
            DeploymentConfiguration: upper(s.deploymentConfiguration),
          },
          observed: {
            Status: s.status,
            DesiredCount: s.desiredCount,
            RunningCount: s.runningCount,
            PendingCount: s.pendingCount,
            Deployments: upper(s.deployments ?? []),
            // Newest first, as ECS lists them; the latest few say why tasks do not start.
            Events: upper(((s.events as Json[] | undefined) ?? []).slice(0, 5)),
          },
        });
      }
      return out;
    },
  },
};
