import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Collector, Json } from '../../collector.js';
import { detailOf, withoutDetail } from '../helpers.js';

const byArn = (lb: Json): Json | undefined =>
  typeof lb.LoadBalancerArn === 'string' ? { LoadBalancerArn: lb.LoadBalancerArn } : undefined;

/**
 * `elbv2 describe-load-balancers` + per load balancer its attributes and listeners →
 * `AWS::ElasticLoadBalancingV2::LoadBalancer` and `Listener`, through the describe-JSON ELB mapper.
 */
export const loadBalancers: Collector = {
  id: 'elbv2/load-balancers',
  service: 'elbv2',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::Listener'],
  list: [
    {
      command: DescribeLoadBalancersCommand,
      action: 'elasticloadbalancing:DescribeLoadBalancers',
      items: ['LoadBalancers'],
      paginate: { inputToken: 'Marker', outputToken: 'NextMarker', pageSize: ['PageSize', 400] },
    },
  ],
  details: [
    {
      name: 'attributes',
      command: DescribeLoadBalancerAttributesCommand,
      action: 'elasticloadbalancing:DescribeLoadBalancerAttributes',
      input: byArn,
    },
    {
      name: 'listeners',
      command: DescribeListenersCommand,
      action: 'elasticloadbalancing:DescribeListeners',
      input: byArn,
      items: 'Listeners',
      paginate: { inputToken: 'Marker', outputToken: 'NextMarker', pageSize: ['PageSize', 400] },
    },
  ],
  mapping: {
    kind: 'describe-json',
    entries: (data) =>
      (data.items.LoadBalancers ?? []).flatMap((lb) => {
        const out: Array<[string, Json]> = [['LoadBalancers', withoutDetail(lb)]];
        const attributes = detailOf(lb, 'attributes');
        if (attributes)
          out.push([
            'LoadBalancerAttributes',
            { LoadBalancerArn: lb.LoadBalancerArn, Attributes: attributes.Attributes },
          ]);
        const listeners = detailOf(lb, 'listeners');
        for (const listener of (listeners?.Listeners as Json[] | undefined) ?? [])
          out.push(['Listeners', listener]);
        return out;
      }),
  },
};
