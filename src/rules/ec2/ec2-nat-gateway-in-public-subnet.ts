import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { defaultRoutes, describeRoute, routesOf, SUBNET, subnetRouting } from './routing.js';

/** NAT gateway states in which it no longer forwards anything. */
const GONE = new Set(['deleting', 'deleted', 'failed']);

/** How reasons name the NAT gateway: `NAT gateway <id>`. */
function who(nat: Resource): string {
  return `NAT gateway ${label(nat)}`;
}

/**
 * Compliant: a public NAT gateway sits in a subnet whose route table sends 0.0.0.0/0 to an
 * internet gateway. Private NAT gateways (`ConnectivityType: private`), regional NAT gateways
 * (which need no subnet) and deleted or failed gateways are not applicable.
 */
export default defineRule({
  id: 'ec2-nat-gateway-in-public-subnet',
  title: 'Public NAT gateway sits in a subnet routed to an internet gateway',
  category: 'reliability',
  severity: 'high',
  resourceTypes: ['AWS::EC2::NatGateway'],
  rationale:
    "A public NAT gateway forwards the private subnets' traffic to the internet through its own subnet's route table, so that subnet must be public: its default route must point at the internet gateway. Placed in a private subnet, whose table sends 0.0.0.0/0 back to the NAT gateway itself or nowhere, it cannot reach the internet and every instance routed through it loses outbound access (package updates, AWS APIs without endpoints) while the gateway is still billed by the hour.",
  remediation: {
    text: 'Create the NAT gateway in a public subnet (one whose route table has 0.0.0.0/0 to the internet gateway), point the private route tables at it, and delete the misplaced one.',
    cli: 'aws ec2 create-nat-gateway --subnet-id <public-subnet-id> --allocation-id <eipalloc-id>\naws ec2 replace-route --route-table-id <private-rtb-id> --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <new-nat-id>',
    cloudformation:
      'NatGateway:\n  Type: AWS::EC2::NatGateway\n  Properties:\n    SubnetId: !Ref PublicSubnet  # its route table: 0.0.0.0/0 -> InternetGateway\n    AllocationId: !GetAtt NatEip.AllocationId',
    terraform:
      'resource "aws_nat_gateway" "this" {\n  subnet_id     = aws_subnet.public.id # routed to the internet gateway\n  allocation_id = aws_eip.nat.id\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html',
  ],
  evaluate(nat, ctx) {
    const connectivity = nat.props.ConnectivityType;
    if (isUnresolved(connectivity))
      return error(`${who(nat)}: ${describeUnresolved('ConnectivityType', connectivity)}.`);
    // A private NAT gateway sends traffic to a transit gateway or virtual private gateway, never the internet.
    if (connectivity === 'private') return notApplicable(() => `${who(nat)} is a private NAT gateway.`);
    if (nat.props.AvailabilityMode === 'regional') {
      return notApplicable(() => `${who(nat)} is a regional NAT gateway, which needs no public subnet.`);
    }
    const state = nat.observed?.State;
    if (typeof state === 'string' && GONE.has(state)) return notApplicable(() => `${who(nat)} is ${state}.`);
    const subnetId = nat.props.SubnetId;
    if (isUnresolved(subnetId)) return error(`${who(nat)}: ${describeUnresolved('SubnetId', subnetId)}.`);
    if (typeof subnetId !== 'string') return error(`${who(nat)} names no subnet.`);
    const subnet = ctx.graph.get(subnetId, SUBNET, nat);
    if (!subnet) return error(`${who(nat)} is in subnet ${subnetId}, which is not in the snapshot.`);
    const routing = subnetRouting(subnet, ctx.graph);
    if ('unknown' in routing)
      return error(
        `${who(nat)} is in subnet ${label(subnet)}, whose route table is not known: ${routing.unknown}.`,
      );
    const table = routing.table;
    const routes = table ? routesOf(table, ctx.graph) : { routes: routing.routes };
    const where = () =>
      table
        ? `subnet ${label(subnet)} (route table ${label(table)})`
        : `subnet ${label(subnet)} (the main route table of ${label(routing.vpc)})`;
    if ('unknown' in routes) return error(`${who(nat)} is in ${where()}: ${routes.unknown}.`);
    const ipv4Default = defaultRoutes(routes.routes).find((r) => r.cidr?.version === 4);
    if (!ipv4Default) {
      // A route to an internet gateway (or an unknown target) whose destination is not known may be 0.0.0.0/0.
      const maybe = routes.routes.find(
        (r) =>
          r.destinationUnknown !== undefined &&
          (!('kind' in r.target) || r.target.kind === 'internet-gateway'),
      );
      if (maybe) {
        return error(
          `${who(nat)} is in ${where()}, whose default route is not known: ${maybe.destinationUnknown}.`,
        );
      }
      return fail(
        `${who(nat)} is in ${where()}, which has no 0.0.0.0/0 route: the gateway cannot reach the internet.`,
      );
    }
    if ('unknown' in ipv4Default.target)
      return error(`${who(nat)} is in ${where()}: ${ipv4Default.target.unknown}.`);
    if (ipv4Default.target.kind === 'internet-gateway' && !ipv4Default.blackhole) {
      const gateway = ipv4Default.target.id;
      return pass(
        () => `${who(nat)} is in ${where()}, which routes 0.0.0.0/0 to internet gateway ${gateway}.`,
      );
    }
    const loop =
      ipv4Default.target.kind === 'nat-gateway' && ipv4Default.target.id === nat.id
        ? ', back to the gateway itself'
        : '';
    const dropped = ipv4Default.blackhole ? ' (a blackhole route)' : '';
    return fail(
      `${who(nat)} is in ${where()}, which sends 0.0.0.0/0 to ${ipv4Default.target.id}${loop}${dropped}, not to an internet gateway: ${describeRoute(ipv4Default)}. The gateway cannot reach the internet.`,
    );
  },
});
