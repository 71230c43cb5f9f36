import {
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-auto-scaling';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';
import { tagsOf } from '../tags.js';

/**
 * The names of a group's scaling policies or scheduled actions, from the detail call that listed
 * them; unresolved when the call failed (the runner records the gap), so a group whose scalers could
 * not be read is never reported as having none.
 */
function scalerNames(
  answer: Json | null | undefined,
  key: 'ScalingPolicies' | 'ScheduledUpdateGroupActions',
  group: string,
): unknown {
  if (!isJson(answer)) {
    const [command, what] =
      key === 'ScalingPolicies'
        ? ['describe-policies', 'scaling policies']
        : ['describe-scheduled-actions', 'scheduled actions'];
    return unresolved(
      `autoscaling ${command} --auto-scaling-group-name ${group}`,
      `the ${what} of this group could not be read`,
    );
  }
  const list = Array.isArray(answer[key]) ? answer[key] : [];
  return list.flatMap((x) => {
    const name = isJson(x) ? (str(x.PolicyName) ?? str(x.ScheduledActionName)) : undefined;
    return name ? [name] : [];
  });
}

/**
 * `autoscaling describe-auto-scaling-groups` + per group `describe-policies` and
 * `describe-scheduled-actions` → `AWS::AutoScaling::AutoScalingGroup` (id = name); instances, and the
 * names of the group's scaling policies and scheduled actions, in `observed`.
 */
export const groups: Collector = {
  id: 'autoscaling/groups',
  service: 'autoscaling',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  list: [
    {
      command: DescribeAutoScalingGroupsCommand,
      action: 'autoscaling:DescribeAutoScalingGroups',
      items: ['AutoScalingGroups'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxRecords', 100] },
    },
  ],
  details: [
    {
      name: 'policies',
      command: DescribePoliciesCommand,
      action: 'autoscaling:DescribePolicies',
      items: 'ScalingPolicies',
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxRecords', 50] },
      input: (g) =>
        typeof g.AutoScalingGroupName === 'string'
          ? { AutoScalingGroupName: g.AutoScalingGroupName }
          : undefined,
    },
    {
      name: 'schedules',
      command: DescribeScheduledActionsCommand,
      action: 'autoscaling:DescribeScheduledActions',
      items: 'ScheduledUpdateGroupActions',
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxRecords', 100] },
      input: (g) =>
        typeof g.AutoScalingGroupName === 'string'
          ? { AutoScalingGroupName: g.AutoScalingGroupName }
          : undefined,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.AutoScalingGroups ?? []).flatMap((g) => {
        const name = str(g.AutoScalingGroupName);
        if (!name) return [];
        const tags = tagsOf(g.Tags);
        return [
          {
            type: 'AWS::AutoScaling::AutoScalingGroup',
            id: name,
            arn: str(g.AutoScalingGroupARN),
            name,
            tags,
            props: {
              AutoScalingGroupName: name,
              MinSize: g.MinSize,
              MaxSize: g.MaxSize,
              DesiredCapacity: g.DesiredCapacity,
              LaunchTemplate: g.LaunchTemplate,
              LaunchConfigurationName: g.LaunchConfigurationName,
              MixedInstancesPolicy: g.MixedInstancesPolicy,
              VPCZoneIdentifier:
                typeof g.VPCZoneIdentifier === 'string' && g.VPCZoneIdentifier
                  ? g.VPCZoneIdentifier.split(',')
                  : undefined,
              AvailabilityZones: g.AvailabilityZones,
              TargetGroupARNs: g.TargetGroupARNs,
              LoadBalancerNames: g.LoadBalancerNames,
              // Load balancers and Lattice target groups attached with AttachTrafficSources.
              TrafficSources: g.TrafficSources,
              HealthCheckType: g.HealthCheckType,
              HealthCheckGracePeriod: g.HealthCheckGracePeriod,
              CapacityRebalance: g.CapacityRebalance,
            },
            observed: {
              Instances: g.Instances,
              Status: g.Status,
              SuspendedProcesses: g.SuspendedProcesses,
              ScalingPolicies: scalerNames(detailOf(g, 'policies'), 'ScalingPolicies', name),
              ScheduledActions: scalerNames(detailOf(g, 'schedules'), 'ScheduledUpdateGroupActions', name),
            },
          },
        ];
      }),
  },
};
