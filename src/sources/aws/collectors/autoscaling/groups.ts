import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import type { Collector } from '../../collector.js';
import { str } from '../helpers.js';
import { tagsOf } from '../tags.js';

/** `autoscaling describe-auto-scaling-groups` → `AWS::AutoScaling::AutoScalingGroup` (id = name); instances in `observed`. */
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
              HealthCheckType: g.HealthCheckType,
              HealthCheckGracePeriod: g.HealthCheckGracePeriod,
              CapacityRebalance: g.CapacityRebalance,
            },
            observed: { Instances: g.Instances, Status: g.Status, SuspendedProcesses: g.SuspendedProcesses },
          },
        ];
      }),
  },
};
