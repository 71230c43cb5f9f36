import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { HOURS_PER_MONTH, money } from './observed.js';
import { PUBLIC_IPV4_HOUR } from './prices.js';

const INSTANCE = 'AWS::EC2::Instance';

/** Resources that hold an Elastic IP by its allocation id: associations, NAT gateways, NLB subnet mappings. */
function holderOf(eip: Resource, referrers: readonly Resource[]): Resource | undefined {
  return referrers.find((r) => r.type !== 'AWS::EC2::EIP' && r.type !== 'AWS::EC2::SecurityGroup');
}

/**
 * Compliant: the Elastic IP is associated with something: a running instance, a network interface
 * (NAT gateway, load balancer) or, in a template, an `EIPAssociation`, a NAT gateway or a load
 * balancer subnet mapping that names it. An address associated with a stopped instance fails, as
 * in Trusted Advisor's "Unassociated Elastic IP Addresses".
 */
export default defineRule({
  id: 'ec2-eip-associated',
  title: 'Elastic IP address is associated with a running resource',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::EIP'],
  rationale:
    'Every public IPv4 address is billed by the hour, attached or not, and an Elastic IP associated with nothing (or with a stopped instance) buys nothing for it. Such addresses are left behind when a server is retired; they also keep an address that may still be in DNS records or partner allow-lists pointing at nothing the team controls. Release them unless they are deliberately reserved.',
  remediation: {
    text: 'Release the address if nothing needs it, or associate it with the resource it was reserved for.',
    cli: 'aws ec2 release-address --allocation-id <eipalloc-id>',
  },
  controls: ['aws-fsbp:EC2.12'],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html',
    'https://aws.amazon.com/vpc/pricing/',
    'https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html#unassociated-elastic-ip-addresses',
  ],
  params: z.object({
    hourlyPrice: z
      .number()
      .min(0)
      .default(PUBLIC_IPV4_HOUR)
      .describe('Price of a public IPv4 address per hour (USD).'),
  }),
  evaluate(eip, ctx) {
    const who = `Elastic IP ${label(eip)}${typeof eip.observed?.PublicIp === 'string' ? ` (${eip.observed.PublicIp})` : ''}`;
    const cost = `${money(ctx.params.hourlyPrice * HOURS_PER_MONTH)} a month`;
    const instanceId = eip.props.InstanceId ?? eip.observed?.InstanceId;
    if (isUnresolved(instanceId)) return error(`${who}: ${describeUnresolved('InstanceId', instanceId)}.`);
    if (typeof instanceId === 'string' && instanceId !== '') {
      const instance = ctx.graph.get(instanceId, INSTANCE, eip);
      const state = instance?.observed?.State;
      if (state === 'stopped' || state === 'stopping') {
        return fail(
          `${who} is associated with ${label(instance as Resource)}, which is ${state}; it costs ${cost} for nothing.`,
        );
      }
      return pass(() => `${who} is associated with instance ${instance ? label(instance) : instanceId}.`);
    }
    const observed = eip.observed;
    const eni = observed?.NetworkInterfaceId ?? observed?.AssociationId;
    if (typeof eni === 'string' && eni !== '')
      return pass(
        () => `${who} is associated with network interface ${String(observed?.NetworkInterfaceId ?? eni)}.`,
      );
    if (
      observed !== undefined &&
      eip.origin.source !== 'cloudformation' &&
      eip.origin.source !== 'terraform'
    ) {
      return fail(`${who} is associated with nothing; it costs ${cost}.`);
    }
    if (eip.props.Domain === 'standard') return notApplicable(() => `${who} is an EC2-Classic address.`);
    const holder = holderOf(eip, ctx.graph.referencing(eip));
    if (holder) return pass(() => `${who} is used by ${label(holder)} (${holder.type}).`);
    return fail(`${who} is associated with nothing in the template; it would cost ${cost}.`);
  },
});
