import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import type { Collector, ResourceDraft } from '../../collector.js';
import { str } from '../helpers.js';

const pages = {
  inputToken: 'NextToken',
  outputToken: 'NextToken',
  pageSize: ['MaxResults', 50] as [string, number],
};

/**
 * Application Auto Scaling targets and policies of DynamoDB (tables and indexes) →
 * `AWS::ApplicationAutoScaling::ScalableTarget` (id `<ResourceId>|<ScalableDimension>|<namespace>`, as
 * CloudFormation's physical id) and `ScalingPolicy` (id = policy ARN).
 */
export const scalableTargets: Collector = {
  id: 'application-autoscaling/scalable-targets',
  service: 'application-autoscaling',
  resourceTypes: [
    'AWS::ApplicationAutoScaling::ScalableTarget',
    'AWS::ApplicationAutoScaling::ScalingPolicy',
  ],
  list: [
    {
      command: DescribeScalableTargetsCommand,
      action: 'application-autoscaling:DescribeScalableTargets',
      input: () => ({ ServiceNamespace: 'dynamodb' }),
      items: ['ScalableTargets'],
      paginate: pages,
    },
    {
      command: DescribeScalingPoliciesCommand,
      action: 'application-autoscaling:DescribeScalingPolicies',
      input: () => ({ ServiceNamespace: 'dynamodb' }),
      items: ['ScalingPolicies'],
      paginate: pages,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) => {
      const out: ResourceDraft[] = [];
      for (const t of data.items.ScalableTargets ?? []) {
        const id = `${String(t.ResourceId)}|${String(t.ScalableDimension)}|${String(t.ServiceNamespace)}`;
        out.push({
          type: 'AWS::ApplicationAutoScaling::ScalableTarget',
          id,
          arn: str(t.ScalableTargetARN),
          props: {
            ServiceNamespace: t.ServiceNamespace,
            ResourceId: t.ResourceId,
            ScalableDimension: t.ScalableDimension,
            MinCapacity: t.MinCapacity,
            MaxCapacity: t.MaxCapacity,
            RoleARN: t.RoleARN,
            SuspendedState: t.SuspendedState,
          },
        });
      }
      for (const p of data.items.ScalingPolicies ?? []) {
        const arn = str(p.PolicyARN);
        if (!arn) continue;
        out.push({
          type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
          id: arn,
          arn,
          name: str(p.PolicyName),
          props: {
            PolicyName: p.PolicyName,
            PolicyType: p.PolicyType,
            ServiceNamespace: p.ServiceNamespace,
            ResourceId: p.ResourceId,
            ScalableDimension: p.ScalableDimension,
            ScalingTargetId: `${String(p.ResourceId)}|${String(p.ScalableDimension)}|${String(p.ServiceNamespace)}`,
            TargetTrackingScalingPolicyConfiguration: p.TargetTrackingScalingPolicyConfiguration,
            StepScalingPolicyConfiguration: p.StepScalingPolicyConfiguration,
          },
          observed: { Alarms: p.Alarms },
        });
      }
      return out;
    },
  },
};
