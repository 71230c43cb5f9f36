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

/** Adds to `uses` the routes, in any table, whose target field `field` equals `id`. */
function addRoutesTo(
  uses: RouteUse[],
  id: string,
  field: 'InstanceId' | 'NetworkInterfaceId',
  graph: GraphView,
): void {
  const targeting = routesTargeting(id, graph);
  for (let i = 0; i < targeting.length; i++) {
    if (targeting[i]!.route[field] === id) uses.push(targeting[i]!);
  }
}

/**
 * Adds to `uses` the routes to the interfaces of an instance's `NetworkInterfaces` list that are
 * not resources of their own in the snapshot. `seen` holds the ids already looked at, so an
 * interface both declared and observed counts once.
 */
function addInterfaceRoutes(
  uses: RouteUse[],
  list: unknown,
  instance: Resource,
  graph: GraphView,
  seen: string[],
): void {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) {
    const id = (list[i] as Record<string, unknown> | null)?.NetworkInterfaceId;
    if (typeof id !== 'string' || seen.includes(id)) continue;
    seen.push(id);
    if (!graph.get(id, NETWORK_INTERFACE, instance)) addRoutesTo(uses, id, 'NetworkInterfaceId', graph);
  }
}

function describeUses(uses: readonly RouteUse[]): string {
  const shown = uses.slice(0, 3).map((u) => `${u.destination} in ${label(u.table)}`);
  return shown.join(', ') + (uses.length > 3 ? ` and ${uses.length - 3} more` : '');
}

/** How reasons name the instance or interface: `Instance <id>`, `Network interface <id>`. */
function who(target: Resource): string {
  return `${target.type === INSTANCE ? 'Instance' : 'Network interface'} ${label(target)}`;
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
    const uses: RouteUse[] = [];
    addRoutesTo(uses, target.id, isInstance ? 'InstanceId' : 'NetworkInterfaceId', ctx.graph);
    // An instance also answers for routes to its interfaces that have no resource of their own.
    if (isInstance) {
      const seen: string[] = [];
      addInterfaceRoutes(uses, target.props.NetworkInterfaces, target, ctx.graph, seen);
      addInterfaceRoutes(uses, target.observed?.NetworkInterfaces, target, ctx.graph, seen);
    }
    if (uses.length === 0) {
      // Route tables that were not listed may point at it: unknown, not "no route".
      const unread = unreadReason(ctx.graph, ROUTE_TABLE, target.account, target.region);
      if (unread !== undefined)
        return error(`${who(target)}: whether a route targets it is not known (${unread}).`);
      return notApplicable(() => `${who(target)} is not the target of any route.`);
    }
    const check = known(target.props.SourceDestCheck, 'SourceDestCheck');
    if (!check.known)
      return error(`${who(target)} is the target of routes to ${describeUses(uses)}; ${check.reason}.`);
    // The check is on unless set to false: "By default, source/destination checks are enabled."
    const enabled = check.value === undefined ? true : asBoolean(check.value);
    if (enabled === undefined)
      return error(
        `${who(target)} has SourceDestCheck ${JSON.stringify(check.value)}, which is not a boolean.`,
      );
    if (enabled) {
      const why = check.value === undefined ? ' (the default)' : '';
      return fail(
        `${who(target)} is the target of routes to ${describeUses(uses)} but has source/destination check enabled${why}, so it drops the traffic it should forward.`,
      );
    }
    return pass(
      () =>
        `${who(target)} is the target of routes to ${describeUses(uses)} and has source/destination check disabled.`,
    );
  },
});
