import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ListCall } from '../../collector.js';
import { detailOf, str, withoutDetail } from '../helpers.js';

const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

const byArn = (lb: Json): Json | undefined =>
  typeof lb.LoadBalancerArn === 'string' ? { LoadBalancerArn: lb.LoadBalancerArn } : undefined;

const DESCRIBE_RULES: ListCall = {
  command: DescribeRulesCommand,
  action: 'elasticloadbalancing:DescribeRules',
  items: ['Rules'],
  paginate: { inputToken: 'Marker', outputToken: 'NextMarker', pageSize: ['PageSize', 400] },
};

/** The listeners DescribeListeners returned for the unit's load balancers. */
function listenersOf(data: { items: Record<string, Json[]> }): Json[] {
  return (data.items.LoadBalancers ?? []).flatMap(
    (lb) => (detailOf(lb, 'listeners')?.Listeners as Json[] | undefined) ?? [],
  );
}

/**
 * `elbv2 describe-load-balancers` + per load balancer its attributes and listeners, and per
 * listener its rules → `AWS::ElasticLoadBalancingV2::LoadBalancer`, `Listener` and `ListenerRule`,
 * through the describe-JSON ELB mapper. Attributes that could not be read leave
 * `LoadBalancerAttributes` unresolved, never absent (absent means every attribute has its default);
 * a listener whose rules could not be read gets `observed.ListenerRules` unresolved, as its rules
 * decide what it does with a request as much as its default action.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeRules.html
 */
export const loadBalancers: Collector = {
  id: 'elbv2/load-balancers',
  service: 'elbv2',
  resourceTypes: [LOAD_BALANCER, LISTENER, 'AWS::ElasticLoadBalancingV2::ListenerRule'],
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
  extra: [DESCRIBE_RULES],
  customGaps: [{ resourceType: 'AWS::ElasticLoadBalancingV2::ListenerRule' }],
  // Rules are listed per listener, and listeners per load balancer: two levels the declaration has no form for.
  custom: async (api, data) => {
    data.items.Rules = [];
    data.items.RulesRead = [];
    for (const listener of listenersOf(data)) {
      const arn = str(listener.ListenerArn);
      if (!arn) continue;
      const listed = await api.list(DESCRIBE_RULES, { ListenerArn: arn });
      data.items.Rules.push(...(listed.Rules ?? []));
      data.items.RulesRead.push({ ListenerArn: arn });
    }
  },
  mapping: {
    kind: 'describe-json',
    entries: (data) => [
      ...(data.items.LoadBalancers ?? []).flatMap((lb) => {
        const out: Array<[string, Json]> = [['LoadBalancers', withoutDetail(lb)]];
        const attributes = detailOf(lb, 'attributes');
        if (attributes)
          out.push([
            'LoadBalancerAttributes',
            { LoadBalancerArn: lb.LoadBalancerArn, Attributes: attributes.Attributes },
          ]);
        for (const listener of (detailOf(lb, 'listeners')?.Listeners as Json[] | undefined) ?? [])
          out.push(['Listeners', listener]);
        return out;
      }),
      ...(data.items.Rules ?? []).map((rule): [string, Json] => ['Rules', rule]),
    ],
  },
  enrich: (data, _ctx, find) => {
    for (const lb of data.items.LoadBalancers ?? []) {
      const arn = str(lb.LoadBalancerArn);
      const resource = arn ? find(LOAD_BALANCER, arn) : undefined;
      if (!resource || detailOf(lb, 'attributes')) continue;
      resource.props.LoadBalancerAttributes = unresolved(
        `elbv2 describe-load-balancer-attributes --load-balancer-arn ${arn}`,
        'the load balancer attributes were not read',
      );
    }
    const read = new Set((data.items.RulesRead ?? []).map((r) => r.ListenerArn));
    for (const listener of listenersOf(data)) {
      const arn = str(listener.ListenerArn);
      const resource = arn ? find(LISTENER, arn) : undefined;
      if (!resource || read.has(arn)) continue;
      resource.observed = {
        ...resource.observed,
        ListenerRules: unresolved(
          `elbv2 describe-rules --listener-arn ${arn}`,
          'the listener rules were not read',
        ),
      };
    }
  },
};
