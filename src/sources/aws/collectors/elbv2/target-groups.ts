import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Collector, Json } from '../../collector.js';
import { detailOf, withoutDetail } from '../helpers.js';

/**
 * `elbv2 describe-target-groups` + per group `describe-target-health` →
 * `AWS::ElasticLoadBalancingV2::TargetGroup` with `Targets` and `observed.TargetHealth`.
 */
export const targetGroups: Collector = {
  id: 'elbv2/target-groups',
  service: 'elbv2',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
  list: [
    {
      command: DescribeTargetGroupsCommand,
      action: 'elasticloadbalancing:DescribeTargetGroups',
      items: ['TargetGroups'],
      paginate: { inputToken: 'Marker', outputToken: 'NextMarker', pageSize: ['PageSize', 400] },
    },
  ],
  details: [
    {
      name: 'health',
      command: DescribeTargetHealthCommand,
      action: 'elasticloadbalancing:DescribeTargetHealth',
      input: (tg) =>
        typeof tg.TargetGroupArn === 'string' ? { TargetGroupArn: tg.TargetGroupArn } : undefined,
    },
  ],
  mapping: {
    kind: 'describe-json',
    entries: (data) =>
      (data.items.TargetGroups ?? []).flatMap((tg) => {
        const out: Array<[string, Json]> = [['TargetGroups', withoutDetail(tg)]];
        const health = detailOf(tg, 'health');
        if (health) {
          out.push([
            'LoadBalancerTargetHealth',
            {
              TargetGroupArn: tg.TargetGroupArn,
              TargetHealthDescriptions: health.TargetHealthDescriptions ?? [],
            },
          ]);
        }
        return out;
      }),
  },
};
