import { z } from 'zod';
import { isUnresolved } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

const SUBNET = 'AWS::EC2::Subnet';

/**
 * Compliant: the Auto Scaling group launches into at least `minZones` (2) Availability Zones:
 * its `AvailabilityZones`, or the zones of the subnets in `VPCZoneIdentifier`.
 */
export default defineRule({
  id: 'autoscaling-group-multi-az',
  title: 'Auto Scaling group spans multiple Availability Zones',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  rationale:
    'An Auto Scaling group confined to one Availability Zone loses all its instances when that zone has a problem, and cannot launch replacements anywhere else. Spread over several zones, the group rebalances and keeps serving from the others; it is the cheapest availability there is.',
  remediation: {
    text: 'Add subnets of at least one more Availability Zone to the group.',
    cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name <asg-name> --vpc-zone-identifier "<subnet-az-a>,<subnet-az-b>"',
    cloudformation: 'VPCZoneIdentifier:\n  - !Ref PrivateSubnetA\n  - !Ref PrivateSubnetB',
    terraform:
      'resource "aws_autoscaling_group" "this" {\n  vpc_zone_identifier = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n}',
  },
  controls: ['aws-fsbp:AutoScaling.2'],
  references: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone-balanced.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-2',
  ],
  params: z.object({
    minZones: z.number().int().min(1).default(2).describe('Fewest Availability Zones a group may span.'),
  }),
  evaluate(group, ctx) {
    const who = `Auto Scaling group ${label(group)}`;
    const zones = new Set<string>();
    const unknownSubnets: string[] = [];
    const named = group.props.AvailabilityZones;
    if (isUnresolved(named)) return error(`${who}: ${describeUnresolved('AvailabilityZones', named)}.`);
    if (Array.isArray(named)) named.forEach((z) => typeof z === 'string' && zones.add(z));
    const subnets = group.props.VPCZoneIdentifier;
    if (isUnresolved(subnets)) return error(`${who}: ${describeUnresolved('VPCZoneIdentifier', subnets)}.`);
    // Describe output gives VPCZoneIdentifier as one comma-separated string.
    const ids = Array.isArray(subnets)
      ? subnets
      : typeof subnets === 'string'
        ? subnets.split(',').map((s) => s.trim())
        : [];
    for (const id of ids) {
      if (isUnresolved(id)) {
        unknownSubnets.push(describeUnresolved('a subnet', id));
        continue;
      }
      if (typeof id !== 'string' || id === '') continue;
      const zone = ctx.graph.get(id, SUBNET, group)?.props.AvailabilityZone;
      if (typeof zone === 'string') zones.add(zone);
      else unknownSubnets.push(id);
    }
    const observed = group.observed?.Instances;
    if (zones.size < ctx.params.minZones && Array.isArray(observed)) {
      for (const i of observed as Array<{ AvailabilityZone?: unknown } | null>) {
        if (typeof i?.AvailabilityZone === 'string') zones.add(i.AvailabilityZone);
      }
    }
    const n = zones.size;
    const list = [...zones].sort().join(', ');
    if (n >= ctx.params.minZones) return pass(() => `${who} spans ${n} Availability Zones (${list}).`);
    if (unknownSubnets.length > 0) {
      return error(
        `${who} spans ${n} known zone${n === 1 ? '' : 's'}; the zones of subnets ${unknownSubnets.slice(0, 3).join(', ')} are not known.`,
      );
    }
    if (n === 0) return error(`${who} names neither Availability Zones nor subnets the snapshot can place.`);
    return fail(
      `${who} spans ${n} Availability Zone${n === 1 ? '' : 's'} (${list}); at least ${ctx.params.minZones} are needed.`,
    );
  },
});
