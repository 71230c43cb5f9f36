import type { Resource } from '../../model/index.js';
import {
  asBoolean,
  defineRule,
  error,
  fail,
  known,
  label,
  notApplicable,
  pass,
  type GraphView,
} from '../rule.js';
import { unreadReason } from '../unread.js';
import { INSTANCE, NETWORK_INTERFACE, ROUTE_TABLE, routesTargeting, type RouteUse } from './routing.js';

/** The routes, in any table, whose target field `field` equals `id`. */
function routesTo(id: string, field: 'InstanceId' | 'NetworkInterfaceId', graph: GraphView): RouteUse[] {
  return routesTargeting(id, graph).filter((u) => u.route[field] === id);
}

/** The ids of an instance's network interfaces that are not resources of their own in the snapshot. */
function interfaceIds(instance: Resource, graph: GraphView): string[] {
  const ids = new Set<string>();
  for (const list of [instance.props.NetworkInterfaces, instance.observed?.NetworkInterfaces]) {
    if (!Array.isArray(list)) continue;
    for (const eni of list as Array<Record<string, unknown> | null>) {
      const id = eni?.NetworkInterfaceId;
      if (typeof id === 'string' && !graph.get(id, NETWORK_INTERFACE, instance)) ids.add(id);
    }
  }
  return [...ids];
}

function describeUses(uses: readonly RouteUse[]): string {
  const shown = uses.slice(0, 3).map((u) => `${u.destination} in ${label(u.table)}`);
  return shown.join(', ') + (uses.length > 3 ? ` and ${uses.length - 3} more` : '');
}

/**
 * Compliant: an instance (or network interface) that a route table uses as a target, a NAT
 * instance or a firewall appliance, has source/destination checking disabled. Instances and
 * interfaces no route points at are not applicable.
 */
export default defineRule({
  id: 'ec2-instance-route-target-source-dest-check-disabled',
  title: 'Instance used as a route target has source/destination check disabled',
  category: 'reliability',
  severity: 'high',
  resourceTypes: [INSTANCE, NETWORK_INTERFACE],
  rationale:
    'Every network interface checks by default that it is the source or destination of the traffic it sends or receives. A NAT instance or firewall appliance forwards traffic for others, so with the check enabled it silently drops everything the private subnets route to it: the route table looks right, the security groups allow the traffic, and yet nothing gets through. NAT gateways do not need this; they are the managed alternative the notebook prefers ("NAT gateway > NAT instance").',
  remediation: {
    text: 'Disable source/destination checking on the instance (or the interface the route targets), or replace the NAT instance with a NAT gateway.',
    cli: 'aws ec2 modify-instance-attribute --instance-id <instance-id> --no-source-dest-check',
    cloudformation: 'NatInstance:\n  Type: AWS::EC2::Instance\n  Properties:\n    SourceDestCheck: false',
    terraform: 'resource "aws_instance" "nat" {\n  source_dest_check = false\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/work-with-nat-instances.html#EIP_Disable_SrcDestCheck',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html#eni-basics',
  ],
  evaluate(target, ctx) {
    const isInstance = target.type === INSTANCE;
    const who = `${isInstance ? 'Instance' : 'Network interface'} ${label(target)}`;
    const uses = routesTo(target.id, isInstance ? 'InstanceId' : 'NetworkInterfaceId', ctx.graph);
    // An instance also answers for routes to its interfaces that have no resource of their own.
    if (isInstance) {
      for (const eni of interfaceIds(target, ctx.graph))
        uses.push(...routesTo(eni, 'NetworkInterfaceId', ctx.graph));
    }
    if (uses.length === 0) {
      // Route tables that were not listed may point at it: unknown, not "no route".
      const unread = unreadReason(ctx.graph, ROUTE_TABLE, target.account, target.region);
      if (unread !== undefined) return error(`${who}: whether a route targets it is not known (${unread}).`);
      return notApplicable(() => `${who} is not the target of any route.`);
    }
    const check = known(target.props.SourceDestCheck, 'SourceDestCheck');
    if (!check.known)
      return error(`${who} is the target of routes to ${describeUses(uses)}; ${check.reason}.`);
    // The check is on unless set to false: "By default, source/destination checks are enabled."
    const enabled = check.value === undefined ? true : asBoolean(check.value);
    if (enabled === undefined)
      return error(`${who} has SourceDestCheck ${JSON.stringify(check.value)}, which is not a boolean.`);
    if (enabled) {
      const why = check.value === undefined ? ' (the default)' : '';
      return fail(
        `${who} is the target of routes to ${describeUses(uses)} but has source/destination check enabled${why}, so it drops the traffic it should forward.`,
      );
    }
    return pass(
      () =>
        `${who} is the target of routes to ${describeUses(uses)} and has source/destination check disabled.`,
    );
  },
});
