import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import { expressionTarget } from '../cloudwatch/references.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { FUNCTION } from './permissions.js';

const SUBNET = 'AWS::EC2::Subnet';

/** How reasons name the function. */
function who(fn: Resource): string {
  return `Lambda function ${label(fn)}`;
}

/**
 * Compliant: a function attached to a VPC has subnets in at least two Availability Zones (the
 * zones of its subnets, read from the snapshot). Functions outside a VPC are not applicable.
 */
export default defineRule({
  id: 'lambda-function-vpc-multi-az',
  title: 'Lambda function in a VPC uses subnets in several Availability Zones',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [FUNCTION],
  rationale:
    'Lambda runs a VPC function only in the Availability Zones of its subnets. With all subnets in one zone, an outage of that zone stops the function entirely, although Lambda itself stays available in the other zones of the region.',
  remediation: {
    text: 'Add a subnet in another Availability Zone (of the same VPC) to the function’s VPC configuration.',
    cli: 'aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<subnet-az-a>,<subnet-az-b>,SecurityGroupIds=<sg>',
    cloudformation: 'VpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]  # in two zones',
    terraform:
      'vpc_config {\n  subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]  # in two zones\n  security_group_ids = [aws_security_group.function.id]\n}',
  },
  controls: ['aws-fsbp:Lambda.5'],
  params: z.object({
    minZones: z
      .number()
      .int()
      .min(2)
      .default(2)
      .describe('Fewest Availability Zones a VPC function must span.'),
  }),
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/security-resilience.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  ],
  evaluate(fn, ctx) {
    const config = fn.props.VpcConfig;
    if (isUnresolved(config)) return error(`${who(fn)}: ${describeUnresolved('VpcConfig', config)}.`);
    const ids = (config as { SubnetIds?: unknown } | undefined)?.SubnetIds;
    if (isUnresolved(ids)) return error(`${who(fn)}: ${describeUnresolved('VpcConfig.SubnetIds', ids)}.`);
    if (!Array.isArray(ids) || ids.length === 0)
      return notApplicable(() => `${who(fn)} is not attached to a VPC.`);
    if (ids.length < ctx.params.minZones) {
      return fail(
        `${who(fn)} has ${ids.length} subnet${ids.length === 1 ? '' : 's'}, so it cannot span ${ctx.params.minZones} Availability Zones.`,
      );
    }
    const zones = new Set<string>();
    const unknown: string[] = [];
    ids.forEach((id: unknown, i) => {
      const ref = isUnresolved(id)
        ? expressionTarget(id.expression)
        : typeof id === 'string'
          ? id
          : undefined;
      const subnet = ref === undefined ? undefined : ctx.graph.get(ref, SUBNET, fn);
      if (!subnet) {
        unknown.push(
          isUnresolved(id)
            ? describeUnresolved(`VpcConfig.SubnetIds[${i}]`, id)
            : `subnet ${String(id)} is not in the snapshot`,
        );
        return;
      }
      const zone = subnet.props.AvailabilityZone ?? subnet.props.AvailabilityZoneId;
      if (typeof zone === 'string') zones.add(zone);
      else
        unknown.push(
          isUnresolved(zone)
            ? describeUnresolved(`subnet ${label(subnet)} AvailabilityZone`, zone)
            : `subnet ${label(subnet)} has no AvailabilityZone`,
        );
    });
    if (zones.size >= ctx.params.minZones)
      return pass(
        () => `${who(fn)} runs in ${zones.size} Availability Zones (${[...zones].sort().join(', ')}).`,
      );
    if (unknown.length > 0) return error(`${who(fn)}: ${unknown.join('; ')}.`);
    return fail(
      `${who(fn)} runs only in ${[...zones].join(', ')}: all its subnets are in one Availability Zone.`,
    );
  },
});
