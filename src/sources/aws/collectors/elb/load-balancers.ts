import {
  DescribeInstanceHealthCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { unresolved, type Resource } from '../../../../model/index.js';
import type { Collector, Json } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { detailOf, str } from '../helpers.js';

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';

const byName = (lb: Json): Json | undefined =>
  typeof lb.LoadBalancerName === 'string' ? { LoadBalancerName: lb.LoadBalancerName } : undefined;

/** Keys whose value is set, as CloudFormation writes properties. */
function setOnly(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null));
}

const ports = (list: unknown[]): string[] | undefined => (list.length > 0 ? list.map(String) : undefined);

/**
 * DescribeLoadBalancerAttributes under CloudFormation's names (`CrossZone`, `AccessLoggingPolicy`,
 * `ConnectionDrainingPolicy`, `ConnectionSettings`, whose fields the API and CloudFormation share).
 * The desync mitigation mode has no CloudFormation property: it stays in
 * `observed.LoadBalancerAttributes.AdditionalAttributes` as the API gives it (`elb.http.desyncmitigationmode`,
 * "The default is defensive").
 * https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_LoadBalancerAttributes.html
 * https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_AdditionalAttribute.html
 */
function attributeFacts(attributes: Json): { props: Json; observed: Json } {
  const crossZone = isJson(attributes.CrossZoneLoadBalancing) ? attributes.CrossZoneLoadBalancing : {};
  const accessLog = isJson(attributes.AccessLog) ? attributes.AccessLog : undefined;
  const draining = isJson(attributes.ConnectionDraining) ? attributes.ConnectionDraining : undefined;
  const settings = isJson(attributes.ConnectionSettings) ? attributes.ConnectionSettings : undefined;
  const additional = objectsOf(attributes.AdditionalAttributes);
  return {
    props: setOnly({
      CrossZone: typeof crossZone.Enabled === 'boolean' ? crossZone.Enabled : undefined,
      AccessLoggingPolicy: accessLog
        ? setOnly({
            Enabled: accessLog.Enabled,
            S3BucketName: str(accessLog.S3BucketName),
            S3BucketPrefix: str(accessLog.S3BucketPrefix),
            EmitInterval: accessLog.EmitInterval,
          })
        : undefined,
      ConnectionDrainingPolicy: draining
        ? setOnly({ Enabled: draining.Enabled, Timeout: draining.Timeout })
        : undefined,
      ConnectionSettings: settings ? setOnly({ IdleTimeout: settings.IdleTimeout }) : undefined,
    }),
    observed:
      additional.length > 0
        ? {
            LoadBalancerAttributes: {
              AdditionalAttributes: additional.map((a) => ({ Key: a.Key, Value: a.Value })),
            },
          }
        : {},
  };
}

/**
 * DescribeLoadBalancerPolicies (every policy created for the load balancer) as CloudFormation's
 * `Policies`: `PolicyType` for the API's `PolicyTypeName`, `Attributes: [{Name, Value}]`, and the
 * listener and back-end ports that use each policy. An SSL negotiation policy made from a predefined
 * one names it in its `Reference-Security-Policy` attribute; a custom one lists `Protocol-TLSv1`, ...
 * https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_DescribeLoadBalancerPolicies.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancing-loadbalancer-policies.html
 */
function policies(lb: Json, descriptions: Json[]): Json[] | undefined {
  const uses = (holders: Json[], name: unknown) =>
    holders.filter((h) => Array.isArray(h.PolicyNames) && h.PolicyNames.includes(name));
  const listeners = objectsOf(lb.ListenerDescriptions);
  const backends = objectsOf(lb.BackendServerDescriptions);
  const out = descriptions.map((p) =>
    setOnly({
      PolicyName: str(p.PolicyName),
      PolicyType: str(p.PolicyTypeName),
      Attributes: objectsOf(p.PolicyAttributeDescriptions).map((a) => ({
        Name: a.AttributeName,
        Value: a.AttributeValue,
      })),
      LoadBalancerPorts: ports(
        uses(listeners, p.PolicyName).map((d) =>
          isJson(d.Listener) ? d.Listener.LoadBalancerPort : undefined,
        ),
      ),
      InstancePorts: ports(uses(backends, p.PolicyName).map((b) => b.InstancePort)),
    }),
  );
  return out.length > 0 ? out : undefined;
}

/** Adds `facts` to the resource's observed values. */
function observe(resource: Resource, facts: Json): void {
  if (Object.keys(facts).length > 0) resource.observed = { ...resource.observed, ...facts };
}

/**
 * `elb describe-load-balancers` + per load balancer its attributes, its policies and the health of
 * its instances → `AWS::ElasticLoadBalancing::LoadBalancer` (id = name). The listing goes through the
 * describe-JSON mapper of classic load balancers (listeners, zones, subnets, instances, health check);
 * the detail calls add `CrossZone`, `AccessLoggingPolicy`, `ConnectionDrainingPolicy`,
 * `ConnectionSettings` and `Policies` in CloudFormation's shape, the desync mitigation mode in
 * `observed.LoadBalancerAttributes` and DescribeInstanceHealth's `observed.InstanceStates`. A detail
 * call that failed leaves its facts unresolved, never absent (absent means AWS's default: cross-zone
 * and access logs off, desync mitigation defensive, the default TLS policy), so the rules reading
 * them give `error`. The request metric comes from `cloudwatch/metrics`.
 */
export const loadBalancers: Collector = {
  id: 'elb/load-balancers',
  service: 'elb',
  resourceTypes: [CLASSIC],
  list: [
    {
      command: DescribeLoadBalancersCommand,
      action: 'elasticloadbalancing:DescribeLoadBalancers',
      items: ['LoadBalancerDescriptions'],
      // "NextMarker: ... If there are no additional results, the string is empty"; PageSize 1 to 400.
      // https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_DescribeLoadBalancers.html
      paginate: { inputToken: 'Marker', outputToken: 'NextMarker', pageSize: ['PageSize', 400] },
    },
  ],
  details: [
    {
      name: 'attributes',
      command: DescribeLoadBalancerAttributesCommand,
      action: 'elasticloadbalancing:DescribeLoadBalancerAttributes',
      input: byName,
    },
    {
      name: 'policies',
      command: DescribeLoadBalancerPoliciesCommand,
      action: 'elasticloadbalancing:DescribeLoadBalancerPolicies',
      input: byName,
    },
    {
      name: 'health',
      command: DescribeInstanceHealthCommand,
      action: 'elasticloadbalancing:DescribeInstanceHealth',
      input: byName,
    },
  ],
  // The listing has the shape of `aws elb describe-load-balancers`: every items key as it is.
  mapping: { kind: 'describe-json' },
  enrich: (data, ctx, find) => {
    for (const lb of data.items.LoadBalancerDescriptions ?? []) {
      const name = str(lb.LoadBalancerName);
      const resource = name ? find(CLASSIC, name) : undefined;
      if (!name || !resource) continue;
      // arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/${LoadBalancerName}
      // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancing.html
      resource.arn ??= `arn:${ctx.partition}:elasticloadbalancing:${ctx.region}:${ctx.account}:loadbalancer/${name}`;

      const attributes = detailOf(lb, 'attributes');
      const loadBalancerAttributes = isJson(attributes?.LoadBalancerAttributes)
        ? attributes.LoadBalancerAttributes
        : undefined;
      if (loadBalancerAttributes) {
        const facts = attributeFacts(loadBalancerAttributes);
        Object.assign(resource.props, facts.props);
        observe(resource, facts.observed);
      } else {
        const unread = unresolved(
          `elb describe-load-balancer-attributes --load-balancer-name ${name}`,
          'the load balancer attributes were not read',
        );
        for (const prop of [
          'CrossZone',
          'AccessLoggingPolicy',
          'ConnectionDrainingPolicy',
          'ConnectionSettings',
        ])
          resource.props[prop] = unread;
        observe(resource, { LoadBalancerAttributes: unread });
      }

      const described = detailOf(lb, 'policies');
      if (described) {
        const list = policies(lb, objectsOf(described.PolicyDescriptions));
        if (list) resource.props.Policies = list;
      } else {
        resource.props.Policies = unresolved(
          `elb describe-load-balancer-policies --load-balancer-name ${name}`,
          'the load balancer policies were not read',
        );
      }

      const health = detailOf(lb, 'health');
      observe(resource, {
        InstanceStates: health
          ? objectsOf(health.InstanceStates)
          : unresolved(
              `elb describe-instance-health --load-balancer-name ${name}`,
              'the health of the registered instances was not read',
            ),
      });
    }
  },
};
