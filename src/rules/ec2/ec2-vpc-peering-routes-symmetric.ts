import {
  cidrContains,
  cidrsOverlap,
  cidrToString,
  firstAddress,
  isUnresolved,
  parseCidr,
  type Cidr,
  type Resource,
} from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, type GraphView } from '../rule.js';
import {
  describeRoute,
  lookupRoute,
  PEERING,
  ROUTE_TABLE,
  routesOf,
  subnetsOf,
  VPC,
  vpcCidrs,
  type Route,
} from './routing.js';
import { unreadReason } from '../unread.js';

/** Peering states in which no traffic flows, so no route matters. */
const INACTIVE = new Set(['deleted', 'rejected', 'failed', 'expired', 'deleting', 'pending-acceptance']);

function peeringState(p: Resource): string | undefined {
  const status = p.observed?.Status;
  if (typeof status === 'string') return status;
  const code = (status as { Code?: unknown } | undefined)?.Code;
  return typeof code === 'string' ? code : undefined;
}

/** The CIDR blocks of one side of a peering, from the VPC resource or the peering's own record of it. */
function sideCidrs(p: Resource, vpcId: string, graph: GraphView): Cidr[] | undefined {
  const vpc = graph.get(vpcId, VPC, p);
  if (vpc) {
    const blocks = vpcCidrs(vpc, graph);
    if (blocks.length > 0) return blocks;
  }
  const texts: string[] = [];
  for (const info of [p.observed?.RequesterVpcInfo, p.observed?.AccepterVpcInfo]) {
    const i = info as Record<string, unknown> | undefined;
    if (i?.VpcId !== vpcId) continue;
    if (typeof i.CidrBlock === 'string') texts.push(i.CidrBlock);
    for (const set of [i.CidrBlockSet, i.Ipv6CidrBlockSet]) {
      if (!Array.isArray(set)) continue;
      for (const b of set as Array<Record<string, unknown>>) {
        const t = b?.CidrBlock ?? b?.Ipv6CidrBlock;
        if (typeof t === 'string') texts.push(t);
      }
    }
  }
  const out = texts.map((t) => parseCidr(t)).flatMap((r) => (r.ok ? [r.value] : []));
  return out.length > 0 ? out : undefined;
}

function via(route: Route, peeringId: string): boolean {
  return 'kind' in route.target && route.target.kind === 'vpc-peering' && route.target.id === peeringId;
}

function subnetCidr(subnet: Resource): Cidr | undefined {
  const t = subnet.props.CidrBlock;
  if (typeof t !== 'string') return undefined;
  const parsed = parseCidr(t);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * Compliant: for every active VPC peering of its VPC, the route table (a) routes over the peering
 * only to addresses inside the peer VPC (the peering is the final hop, never a way through the
 * peer's internet or NAT gateway), and (b) routes back over the same peering to every peer subnet
 * whose route table sends traffic to this table's subnets over it. Tables of VPCs without an
 * active peering are not applicable; a peer VPC missing from the snapshot (another account's) is an
 * error, since its routes decide whether a way back is needed.
 */
export default defineRule({
  id: 'ec2-vpc-peering-routes-symmetric',
  title: 'Route table routes VPC peering traffic back to its peer',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [ROUTE_TABLE],
  rationale:
    "A VPC peering connection carries traffic only where both owners add routes: VPC A routes to VPC B over the peering and VPC B must route back to A over the same peering, or replies are dropped (or leave through the NAT or internet gateway) and connections time out although security groups and network ACLs allow them. Subnets usually have their own route tables, so the return route must be in the table of every subnet the peer sends to, not only in the main table. A peering is also the final hop: it carries only traffic whose destination is inside the peer VPC, so a route to 0.0.0.0/0 or another network over a peering (to use the peer's NAT gateway, internet gateway or VPN) never works: edge-to-edge routing is not supported.",
  remediation: {
    text: 'Add a route to the peer subnets (or the peer VPC CIDR) with the peering connection as target in this table; route over a peering only to addresses inside the peer VPC, and keep routes as narrow as the traffic needs (CIS 5.6).',
    cli: 'aws ec2 create-route --route-table-id <rtb-id> --destination-cidr-block <peer-cidr> --vpc-peering-connection-id <pcx-id>',
    cloudformation:
      'ReturnRouteToPeer:\n  Type: AWS::EC2::Route\n  Properties:\n    RouteTableId: !Ref AnalyticsRouteTable\n    DestinationCidrBlock: 10.1.0.0/16  # the peer VPC, the final destination\n    VpcPeeringConnectionId: !Ref Peering',
    terraform:
      'resource "aws_route" "to_peer" {\n  route_table_id            = aws_route_table.analytics.id\n  destination_cidr_block    = "10.1.0.0/16"\n  vpc_peering_connection_id = aws_vpc_peering_connection.this.id\n}',
  },
  controls: ['cis-aws-v5.0:5.6'],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html',
    'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations',
    'https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html',
  ],
  evaluate(table, ctx) {
    const who = `Route table ${label(table)}`;
    const vpcId = table.props.VpcId;
    if (isUnresolved(vpcId) || typeof vpcId !== 'string') {
      return notApplicable(() => `${who} names no VPC the snapshot can match to a peering.`);
    }
    const peerings = ctx.graph
      .referencing(vpcId)
      .filter((p) => p.type === PEERING && (p.props.VpcId === vpcId || p.props.PeerVpcId === vpcId))
      .filter((p) => !INACTIVE.has(peeringState(p) ?? 'active'));
    if (peerings.length === 0)
      return notApplicable(() => `${who} is in a VPC with no active peering connection.`);
    const parsed = routesOf(table, ctx.graph);
    if ('unknown' in parsed) return error(`${who}: ${parsed.unknown}.`);
    const routes = parsed.routes;
    const ours = subnetsOf(table, ctx.graph).flatMap((s) => {
      const c = subnetCidr(s);
      return c ? [{ subnet: s, cidr: c }] : [];
    });

    const problems: string[] = [];
    const unknowns: string[] = [];
    let checked = 0;
    for (const p of peerings) {
      const peerVpcId = p.props.VpcId === vpcId ? p.props.PeerVpcId : p.props.VpcId;
      if (typeof peerVpcId !== 'string') {
        unknowns.push(`the peer VPC of ${label(p)} is not known`);
        continue;
      }
      const mine = routes.filter((r) => via(r, p.id));
      // (a) The peering is the final hop: destinations must be inside the peer VPC.
      const peerBlocks = sideCidrs(p, peerVpcId, ctx.graph);
      for (const r of mine) {
        checked++;
        if (r.destinationUnknown) unknowns.push(r.destinationUnknown);
        if (!r.cidr) continue;
        if (!peerBlocks) {
          unknowns.push(`the CIDR blocks of peer VPC ${peerVpcId} are not known`);
          continue;
        }
        if (!peerBlocks.some((b) => cidrContains(b, r.cidr as Cidr))) {
          problems.push(
            `${describeRoute(r)} sends traffic over ${label(p)} to addresses outside peer VPC ${peerVpcId} (${peerBlocks.map(cidrToString).join(', ')}); a peering delivers only to the peer VPC itself`,
          );
        }
      }
      // (b) The return path: peer tables that send to our subnets over this peering need a route back.
      // Both sides need routes over the peering
      // (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html): with the peer's
      // tables unknown, neither the way back nor the absence of peer traffic can be shown.
      const peerVpc = ctx.graph.get(peerVpcId, VPC, table);
      if (!peerVpc) {
        unknowns.push(
          mine.length > 0
            ? `peer VPC ${peerVpcId} of ${label(p)} is not in the snapshot, so its routes back cannot be checked`
            : `peer VPC ${peerVpcId} of ${label(p)} is not in the snapshot, so whether it routes to this table's subnets over the peering cannot be checked`,
        );
        continue;
      }
      // A route over this peering (or to an unknown target) whose destination is not known may be the way back.
      const maybeBack = routes.find(
        (r) => r.destinationUnknown !== undefined && (!('kind' in r.target) || via(r, p.id)),
      );
      // Without the route tables of the peer's account and region, no route back is no evidence.
      const tablesUnread = unreadReason(ctx.graph, ROUTE_TABLE, peerVpc.account, peerVpc.region);
      if (tablesUnread) {
        unknowns.push(`the route tables of peer VPC ${peerVpcId} were not read: ${tablesUnread}`);
        continue;
      }
      const peerTables = ctx.graph
        .referencing(p.id)
        .filter((t) => t.type === ROUTE_TABLE && t.props.VpcId === peerVpcId);
      for (const peerTable of peerTables) {
        const peerRoutes = routesOf(peerTable, ctx.graph);
        if ('unknown' in peerRoutes) {
          unknowns.push(`peer route table ${label(peerTable)}: ${peerRoutes.unknown}`);
          continue;
        }
        for (const forward of peerRoutes.routes.filter((r) => via(r, p.id) && !r.blackhole)) {
          const dest = forward.cidr;
          if (!dest) continue;
          const reached = ours.filter((o) => cidrsOverlap(dest, o.cidr));
          if (reached.length === 0) continue;
          // Replies that do not go back over the peering, grouped by where they go instead.
          const stranded = new Map<string, string[]>();
          for (const sender of subnetsOf(peerTable, ctx.graph)) {
            const source = subnetCidr(sender);
            if (!source || source.version !== dest.version) continue;
            checked++;
            const back = lookupRoute(routes, firstAddress(source));
            const ok =
              back !== undefined &&
              via(back, p.id) &&
              !back.blackhole &&
              (back.cidr?.prefix ?? 129) <= source.prefix;
            if (ok) continue;
            if (maybeBack) {
              unknowns.push(
                `replies to ${label(sender)} may follow ${describeRoute(maybeBack)}: ${maybeBack.destinationUnknown}`,
              );
              continue;
            }
            const instead =
              back === undefined ? 'no route matches them' : `they follow ${describeRoute(back)}`;
            stranded.set(instead, [
              ...(stranded.get(instead) ?? []),
              `${label(sender)} (${cidrToString(source)})`,
            ]);
          }
          for (const [instead, senders] of stranded) {
            problems.push(
              `${label(peerTable)} sends ${cidrToString(dest)} (reaching ${reached.map((o) => label(o.subnet)).join(', ')}) over ${label(p)}, but replies to ${senders.join(', ')} do not go back over it: ${instead}`,
            );
          }
        }
      }
    }
    if (problems.length > 0) {
      const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
      return fail(`${who}: ${problems.slice(0, 3).join('; ')}${more}.`);
    }
    if (unknowns.length > 0) return error(`${who}: ${unknowns[0]}.`);
    if (checked === 0) {
      return pass(
        () =>
          `${who} carries no peering traffic: no peer routes to its subnets over ${peerings.map(label).join(', ')} and it routes nothing over them.`,
      );
    }
    return pass(() => `${who} routes peering traffic back over the same connection, only to the peer VPC.`);
  },
});
