import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass, type GraphView } from '../rule.js';
import { CLASSIC, describeLoadBalancer, LOAD_BALANCER, loadBalancerType } from './load-balancer.js';

const SUBNET = 'AWS::EC2::Subnet';

/** The zones a load balancer is in: named zones, observed zones, or the zones of its subnets. */
function zonesOf(
  lb: Resource,
  graph: GraphView,
): { zones: Set<string>; unknownSubnets: string[]; unknown?: string } {
  const zones = new Set<string>();
  const unknownSubnets: string[] = [];
  const observed = lb.observed?.AvailabilityZones;
  if (Array.isArray(observed)) {
    for (const z of observed as unknown[]) {
      const name = typeof z === 'string' ? z : (z as { ZoneName?: unknown } | null)?.ZoneName;
      if (typeof name === 'string') zones.add(name);
    }
    if (zones.size > 0) return { zones, unknownSubnets };
  }
  const named = lb.props.AvailabilityZones;
  if (isUnresolved(named))
    return { zones, unknownSubnets, unknown: describeUnresolved('AvailabilityZones', named) };
  if (Array.isArray(named)) named.forEach((z) => typeof z === 'string' && zones.add(z));
  const subnets: unknown[] = [];
  for (const key of ['Subnets', 'SubnetMappings'] as const) {
    const list = lb.props[key];
    if (isUnresolved(list)) return { zones, unknownSubnets, unknown: describeUnresolved(key, list) };
    if (!Array.isArray(list)) continue;
    for (const s of list)
      subnets.push(key === 'Subnets' ? s : (s as { SubnetId?: unknown } | null)?.SubnetId);
  }
  for (const s of subnets) {
    if (isUnresolved(s)) {
      unknownSubnets.push(describeUnresolved('a subnet', s));
      continue;
    }
    if (typeof s !== 'string') continue;
    const zone = graph.get(s, SUBNET, lb)?.props.AvailabilityZone;
    if (typeof zone === 'string') zones.add(zone);
    else unknownSubnets.push(s);
  }
  return { zones, unknownSubnets };
}

/**
 * Compliant: the load balancer is in at least `minZones` (2) Availability Zones, from its observed
 * zones, its named zones, or the zones of its subnets.
 */
export default defineRule({
  id: 'elb-load-balancer-multi-az',
  title: 'Load balancer spans multiple Availability Zones',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [LOAD_BALANCER, CLASSIC],
  rationale:
    'A load balancer puts a node in each Availability Zone it is enabled in, and it routes only to targets in those zones. With one zone, the loss of that zone (or of the subnet) takes the whole service down even if healthy targets run elsewhere. Application Load Balancers require two zones; Network, Gateway and Classic Load Balancers accept one, which is the configuration to catch.',
  remediation: {
    text: 'Enable the load balancer in subnets of at least two Availability Zones, and run targets in each of them.',
    cli: 'aws elbv2 set-subnets --load-balancer-arn <lb-arn> --subnets <subnet-az-a> <subnet-az-b>',
    cloudformation: 'Subnets:\n  - !Ref PublicSubnetA\n  - !Ref PublicSubnetB',
    terraform: 'resource "aws_lb" "this" {\n  subnets = [aws_subnet.public_a.id, aws_subnet.public_b.id]\n}',
  },
  controls: ['aws-fsbp:ELB.13', 'aws-fsbp:ELB.10'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#availability-zones',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13',
  ],
  params: z.object({
    minZones: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe('Fewest Availability Zones a load balancer may span.'),
  }),
  evaluate(lb, ctx) {
    const type = loadBalancerType(lb);
    if (typeof type !== 'string') return error(`Load balancer ${label(lb)}: ${type.unknown}.`);
    const who = describeLoadBalancer(lb, type, label(lb));
    const found = zonesOf(lb, ctx.graph);
    if (found.unknown) return error(`${who}: ${found.unknown}.`);
    const n = found.zones.size;
    const min = ctx.params.minZones;
    const list = [...found.zones].sort().join(', ');
    if (n >= min) return pass(() => `${who} spans ${n} Availability Zones (${list}).`);
    if (found.unknownSubnets.length > 0) {
      return error(
        `${who} spans ${n} known zone${n === 1 ? '' : 's'}; the zones of subnets ${found.unknownSubnets.slice(0, 3).join(', ')} are not known.`,
      );
    }
    return fail(
      `${who} spans ${n === 0 ? 'no' : n} Availability Zone${n === 1 ? '' : 's'}${n > 0 ? ` (${list})` : ''}; at least ${min} are needed.`,
    );
  },
});
