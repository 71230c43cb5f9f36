import { isUnresolved } from '../../model/index.js';
import {
  asBoolean,
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
} from '../rule.js';
import {
  CLASSIC,
  describeLoadBalancer,
  LOAD_BALANCER,
  lbAttribute,
  loadBalancerType,
} from './load-balancer.js';

/**
 * Compliant: the load balancer spreads requests across the targets of all its Availability Zones:
 * `CrossZone: true` on a Classic Load Balancer (off by default through the API and
 * CloudFormation), `load_balancing.cross_zone.enabled` true on a Network or Gateway Load Balancer
 * (off by default). Application Load Balancers always balance across zones and are not applicable.
 */
export default defineRule({
  id: 'elb-load-balancer-cross-zone-enabled',
  title: 'Load balancer balances across Availability Zones',
  category: 'reliability',
  severity: 'low',
  resourceTypes: [LOAD_BALANCER, CLASSIC],
  rationale:
    'Without cross-zone load balancing each load balancer node sends traffic only to targets in its own zone, and clients spread traffic evenly across the nodes. When zones hold different numbers of healthy targets (after a failure, a scale-in or an uneven Auto Scaling group), the targets of the smaller zone receive a larger share and overload while others idle. Cross-zone balancing spreads requests over all registered targets; for Network Load Balancers it adds inter-zone data transfer charges.',
  remediation: {
    text: 'Enable cross-zone load balancing (for Network Load Balancers, weigh the inter-zone data charges against balanced load, or keep targets even across zones).',
    cli: 'aws elb modify-load-balancer-attributes --load-balancer-name <name> --load-balancer-attributes "{\\"CrossZoneLoadBalancing\\":{\\"Enabled\\":true}}"\naws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=load_balancing.cross_zone.enabled,Value=true',
    cloudformation:
      'ClassicLoadBalancer:\n  Type: AWS::ElasticLoadBalancing::LoadBalancer\n  Properties:\n    CrossZone: true',
    terraform: 'resource "aws_lb" "nlb" {\n  enable_cross_zone_load_balancing = true\n}',
  },
  controls: ['aws-fsbp:ELB.9'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-9',
  ],
  evaluate(lb) {
    const type = loadBalancerType(lb);
    if (typeof type !== 'string') return error(`Load balancer ${label(lb)}: ${type.unknown}.`);
    const who = describeLoadBalancer(lb, type, label(lb));
    if (type === 'application') return notApplicable(() => `${who} always balances across zones.`);
    let raw: unknown;
    if (type === 'classic') {
      raw = lb.props.CrossZone;
      if (isUnresolved(raw)) return error(`${who}: ${describeUnresolved('CrossZone', raw)}.`);
    } else {
      const a = lbAttribute(lb, 'load_balancing.cross_zone.enabled');
      if (a.unknown) return error(`${who}: ${a.unknown}.`);
      raw = a.value;
    }
    if (raw !== undefined && asBoolean(raw)) return pass(() => `${who} balances across zones.`);
    return fail(
      `${who} sends each zone's traffic only to that zone's targets${raw === undefined ? ' (the default)' : ''}.`,
    );
  },
});
