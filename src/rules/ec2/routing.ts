/**
 * Route-table facts the VPC rules share: which table a subnet uses (explicit association or the
 * VPC's main table), what a route points at, and longest-prefix match over a table's routes. Pure
 * functions over the model and the rule graph; not a rule (no `ec2-` prefix, no default export).
 *
 * Route tables carry the folded shapes of src/sources/cloudformation/README.md: `Routes[]` and
 * `Associations[]` (`{SubnetId}`, `{GatewayId}`, `{Main: true}`); `observed.Routes[i]` holds the
 * `State` (`active` / `blackhole`) of `props.Routes[i]`.
 * https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html
 */
import {
  isUnresolved,
  longestPrefixMatchBy,
  parseCidr,
  type Cidr,
  type IpAddress,
  type Resource,
} from '../../model/index.js';
import { describeUnresolved, label, type GraphView } from '../rule.js';
import { unreadReason } from '../unread.js';

export const VPC = 'AWS::EC2::VPC';
export const SUBNET = 'AWS::EC2::Subnet';
export const ROUTE_TABLE = 'AWS::EC2::RouteTable';
export const INTERNET_GATEWAY = 'AWS::EC2::InternetGateway';
export const NAT_GATEWAY = 'AWS::EC2::NatGateway';
export const INSTANCE = 'AWS::EC2::Instance';
export const NETWORK_INTERFACE = 'AWS::EC2::NetworkInterface';
export const PEERING = 'AWS::EC2::VPCPeeringConnection';
const VPN_GATEWAY = 'AWS::EC2::VPNGateway';
const VPC_ENDPOINT = 'AWS::EC2::VPCEndpoint';
const STANDALONE_ASSOCIATION = 'AWS::EC2::SubnetRouteTableAssociation';
const STANDALONE_ROUTE = 'AWS::EC2::Route';

/**
 * Terraform's `aws_vpc` attributes holding the id of the VPC's main route table: a route written
 * `route_table_id = aws_vpc.main.main_route_table_id` is a route of the main table.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc#attribute-reference
 */
const MAIN_TABLE_ATTRIBUTE = /\.(main_route_table_id|default_route_table_id)$/;

/** Sources that describe resources to be created: a VPC they declare starts with its own main table. */
const IAC_SOURCES = new Set(['cloudformation', 'terraform']);

/** What a route sends traffic to. */
export type TargetKind =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'instance'
  | 'network-interface'
  | 'vpc-peering'
  | 'transit-gateway'
  | 'vpc-endpoint'
  | 'vpn-gateway'
  | 'carrier-gateway'
  | 'local-gateway'
  | 'core-network'
  | 'other';

export interface RouteTarget {
  readonly kind: TargetKind;
  /** The target's id as the route holds it (`igw-…`, a logical id, `local`). */
  readonly id: string;
}

/** A route with its destination parsed and its target classified. */
export interface Route {
  /** Position in `props.Routes`; -1 for the implicit local route of a template table. */
  readonly index: number;
  /** The destination as written (`0.0.0.0/0`, `pl-63a5400a`). */
  readonly destination: string;
  readonly cidr?: Cidr;
  /** Why the destination is not known (unresolved, malformed); the route then matches nothing in lookups. */
  readonly destinationUnknown?: string;
  /** The target, or why it is not known. */
  readonly target: RouteTarget | { readonly unknown: string };
  /** `observed.Routes[i].State === 'blackhole'`: the target is gone; packets are dropped. */
  readonly blackhole: boolean;
  /** The standalone `AWS::EC2::Route` the route comes from, when it is not in the table's `Routes`. */
  readonly resource?: Resource;
}

/** Route fields that name the target, in the order DescribeRouteTables lists them. */
const TARGET_FIELDS: ReadonlyArray<readonly [field: string, kind: TargetKind]> = [
  ['NatGatewayId', 'nat-gateway'],
  ['InstanceId', 'instance'],
  ['NetworkInterfaceId', 'network-interface'],
  ['VpcPeeringConnectionId', 'vpc-peering'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcEndpointId', 'vpc-endpoint'],
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['CarrierGatewayId', 'carrier-gateway'],
  ['LocalGatewayId', 'local-gateway'],
  ['CoreNetworkArn', 'core-network'],
];

/**
 * `GatewayId` holds the local route, internet gateways, virtual private gateways and gateway
 * endpoints alike; physical ids say which by their prefix, template ids by the resource they name.
 */
function gatewayKind(id: string, graph: GraphView, near: Resource): TargetKind {
  if (id === 'local') return 'local';
  if (id.startsWith('igw-') || graph.get(id, INTERNET_GATEWAY, near)) return 'internet-gateway';
  if (id.startsWith('vgw-') || graph.get(id, VPN_GATEWAY, near)) return 'vpn-gateway';
  if (id.startsWith('vpce-') || graph.get(id, VPC_ENDPOINT, near)) return 'vpc-endpoint';
  return 'other';
}

/** What one entry of `Routes` sends traffic to. */
export function routeTarget(
  route: Record<string, unknown>,
  at: string,
  graph: GraphView,
  near: Resource,
): RouteTarget | { readonly unknown: string } {
  const gateway = route.GatewayId;
  if (isUnresolved(gateway)) return { unknown: describeUnresolved(`${at}.GatewayId`, gateway) };
  if (typeof gateway === 'string') return { kind: gatewayKind(gateway, graph, near), id: gateway };
  for (const [field, kind] of TARGET_FIELDS) {
    const value = route[field];
    if (isUnresolved(value)) return { unknown: describeUnresolved(`${at}.${field}`, value) };
    if (typeof value === 'string') return { kind, id: value };
  }
  return { unknown: `${at} names no target` };
}

/** The VPC's IPv4 and IPv6 blocks: every table routes them locally. */
export function vpcCidrs(vpc: Resource, graph: GraphView): Cidr[] {
  const texts = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string') texts.add(v);
  };
  add(vpc.props.CidrBlock);
  const observed = vpc.observed?.CidrBlocks;
  if (Array.isArray(observed)) observed.forEach(add);
  for (const block of graph.referencing(vpc)) {
    if (block.type !== 'AWS::EC2::VPCCidrBlock' || block.props.VpcId !== vpc.id) continue;
    add(block.props.CidrBlock);
    add(block.props.Ipv6CidrBlock);
  }
  const out: Cidr[] = [];
  for (const t of texts) {
    const parsed = parseCidr(t);
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

/** One entry of `Routes` (or a standalone route's props), destination parsed; `undefined` when malformed. */
function parseRoute(
  entry: unknown,
  index: number,
  at: string,
  blackhole: boolean,
  graph: GraphView,
  near: Resource,
  resource?: Resource,
): Route | undefined {
  const from = resource ? { resource } : {};
  if (isUnresolved(entry)) {
    const unknown = describeUnresolved(at, entry);
    return { index, destination: '?', destinationUnknown: unknown, target: { unknown }, blackhole, ...from };
  }
  if (entry === null || typeof entry !== 'object') return undefined;
  const r = entry as Record<string, unknown>;
  const target = routeTarget(r, at, graph, near);
  for (const field of [
    'DestinationCidrBlock',
    'DestinationIpv6CidrBlock',
    'DestinationPrefixListId',
  ] as const) {
    const dest = r[field];
    if (isUnresolved(dest)) {
      const destinationUnknown = describeUnresolved(`${at}.${field}`, dest);
      return { index, destination: '?', destinationUnknown, target, blackhole, ...from };
    }
    if (typeof dest !== 'string') continue;
    if (field === 'DestinationPrefixListId') return { index, destination: dest, target, blackhole, ...from };
    const parsed = parseCidr(dest);
    return parsed.ok
      ? { index, destination: dest, cidr: parsed.value, target, blackhole, ...from }
      : {
          index,
          destination: dest,
          destinationUnknown: `${at}.${field}: ${parsed.message}`,
          target,
          blackhole,
          ...from,
        };
  }
  return undefined;
}

/** Adds the VPC's local routes when `routes` has none (templates leave them implicit). */
function addLocal(routes: Route[], vpc: Resource | undefined, graph: GraphView): void {
  if (routes.some((r) => 'kind' in r.target && r.target.kind === 'local')) return;
  for (const cidr of vpc ? vpcCidrs(vpc, graph) : []) {
    routes.push({
      index: -1,
      destination: 'local',
      cidr,
      target: { kind: 'local', id: 'local' },
      blackhole: false,
    });
  }
}

/**
 * Routes written against a VPC's main route table by its id, without that table being a resource
 * of the snapshot: Terraform's `aws_route` with `route_table_id = aws_vpc.main.main_route_table_id`
 * stays a standalone `AWS::EC2::Route` whose `RouteTableId` is unresolved with that expression in a
 * plan or configuration, or is the `rtb-` id the VPC records as `observed.MainRouteTableId` in a
 * state. `unknown` when a route's table is not known and may be this main table.
 */
function mainTableRoutes(
  vpc: Resource,
  graph: GraphView,
): { readonly routes: Route[] } | { readonly unknown: string } {
  const mainId = vpc.observed?.MainRouteTableId;
  const routes: Route[] = [];
  for (const route of graph.byType(STANDALONE_ROUTE)) {
    const table = route.props.RouteTableId;
    let ours = typeof table === 'string' && table === mainId;
    if (isUnresolved(table)) {
      const expression = typeof table.expression === 'string' ? table.expression : undefined;
      const dot = expression?.lastIndexOf('.') ?? -1;
      const owner = expression && dot > 0 ? expression.slice(0, dot) : undefined;
      if (owner === vpc.id) ours = MAIN_TABLE_ATTRIBUTE.test(expression ?? '');
      else if (owner !== undefined && graph.get(owner, undefined, route)) continue;
      // An unknown table of a Terraform route (a data source, a variable) may be this VPC's main
      // table. CloudFormation gives a VPC no attribute holding its main table, so a template's
      // routes cannot name it. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.html#aws-resource-ec2-vpc-return-values
      else if (route.origin.source === 'terraform' && vpc.origin.source === 'terraform') {
        return {
          unknown: `route ${label(route)} may add to the main route table of ${label(vpc)}: ${describeUnresolved('RouteTableId', table)}`,
        };
      }
    }
    if (!ours) continue;
    const parsed = parseRoute(route.props, -1, route.id, false, graph, route, route);
    if (parsed) routes.push(parsed);
  }
  return { routes };
}

/**
 * A table's routes, destinations parsed. Templates leave the VPC's local route implicit
 * (describe output lists it): it is added here for the VPC's blocks when the table has none. A
 * main table also holds the routes written against its VPC's main table id (see
 * {@link mainTableRoutes}). `undefined` routes (none written) read as an empty list; an unresolved
 * list is returned as such.
 */
export function routesOf(
  table: Resource,
  graph: GraphView,
): { readonly routes: Route[] } | { readonly unknown: string } {
  const raw = table.props.Routes;
  if (isUnresolved(raw)) return { unknown: describeUnresolved('Routes', raw) };
  const list = Array.isArray(raw) ? raw : [];
  const states = Array.isArray(table.observed?.Routes) ? (table.observed.Routes as unknown[]) : [];
  const routes: Route[] = [];
  list.forEach((entry, index) => {
    const state = states[index] as { State?: unknown } | undefined;
    const route = parseRoute(entry, index, `Routes[${index}]`, state?.State === 'blackhole', graph, table);
    if (route) routes.push(route);
  });
  const vpcId = table.props.VpcId;
  const vpc = typeof vpcId === 'string' ? graph.get(vpcId, VPC, table) : undefined;
  if (vpc && isMainTable(table)) {
    const more = mainTableRoutes(vpc, graph);
    if ('unknown' in more) return more;
    routes.push(...more.routes);
  }
  addLocal(routes, vpc, graph);
  return { routes };
}

/** The route a packet to `address` takes: longest prefix match over CIDR destinations (prefix lists skipped). */
export function lookupRoute(routes: readonly Route[], address: IpAddress): Route | undefined {
  return longestPrefixMatchBy(address, routes, (r) => r.cidr);
}

/** Does the table associate the subnet explicitly (`Associations: [{SubnetId}]`)? */
function associates(table: Resource, subnetId: string): boolean {
  const list = table.props.Associations;
  return Array.isArray(list) && list.some((a) => (a as { SubnetId?: unknown } | null)?.SubnetId === subnetId);
}

/**
 * Is the table its VPC's main table? Describe output says `{Main: true}`; Terraform's
 * `aws_default_route_table` is the main table by definition, even when its plan does not say so.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_route_table
 */
export function isMainTable(table: Resource): boolean {
  const list = table.props.Associations;
  if (Array.isArray(list) && list.some((a) => (a as { Main?: unknown } | null)?.Main === true)) return true;
  return table.origin.source === 'terraform' && /(^|\.)aws_default_route_table\./.test(table.id);
}

/** How a subnet's route table was found. */
export type SubnetRouting =
  | { readonly table: Resource; readonly via: 'explicit' | 'main' }
  /**
   * A VPC declared in a template or plan keeps the main table AWS creates with it: the local route,
   * plus the routes written against the main table's id (Terraform's `main_route_table_id`).
   */
  | {
      readonly table: undefined;
      readonly via: 'implicit-main';
      readonly vpc: Resource;
      readonly routes: Route[];
    }
  | { readonly unknown: string };

/**
 * The route table a subnet uses: the one that associates it explicitly, else its VPC's main table.
 * "A subnet can only be associated with one route table at a time … If you don't explicitly
 * associate a subnet with a particular route table, the subnet is implicitly associated with the
 * main route table." https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html
 */
export function subnetRouting(subnet: Resource, graph: GraphView): SubnetRouting {
  const referrers = graph.referencing(subnet);
  const explicit = referrers.find((r) => r.type === ROUTE_TABLE && associates(r, subnet.id));
  if (explicit) return { table: explicit, via: 'explicit' };
  const standalone = referrers.find((r) => r.type === STANDALONE_ASSOCIATION);
  if (standalone) {
    const tableId = standalone.props.RouteTableId;
    const shown = typeof tableId === 'string' ? tableId : 'a route table';
    return { unknown: `it is associated with ${shown}, which is not in the snapshot` };
  }
  // A table that was never listed may associate the subnet: the main table would be a guess.
  const unread = unreadReason(graph, ROUTE_TABLE, subnet.account, subnet.region);
  if (unread) {
    return {
      unknown: `no route table read associates it explicitly, and the route tables were not all read (${unread})`,
    };
  }
  const vpcId = subnet.props.VpcId;
  if (isUnresolved(vpcId)) return { unknown: describeUnresolved('VpcId', vpcId) };
  if (typeof vpcId !== 'string') return { unknown: 'it names no VPC' };
  const main = graph
    .referencing(vpcId)
    .find((r) => r.type === ROUTE_TABLE && r.props.VpcId === vpcId && isMainTable(r));
  if (main) return { table: main, via: 'main' };
  const vpc = graph.get(vpcId, VPC, subnet);
  if (vpc && IAC_SOURCES.has(vpc.origin.source)) {
    // A main table whose VPC is not known (Terraform's `aws_default_route_table` naming its table
    // through a data source or variable) may be this VPC's.
    const unplaced = graph.find(ROUTE_TABLE, (t) => isMainTable(t) && typeof t.props.VpcId !== 'string');
    if (unplaced) {
      return {
        unknown: `it has no explicit route table association and main route table ${label(unplaced)} names no known VPC; it may be the main table of ${label(vpc)}`,
      };
    }
    const routes = mainTableRoutes(vpc, graph);
    if ('unknown' in routes)
      return { unknown: `it has no explicit route table association and ${routes.unknown}` };
    addLocal(routes.routes, vpc, graph);
    return { table: undefined, via: 'implicit-main', vpc, routes: routes.routes };
  }
  return {
    unknown: vpc
      ? `it has no explicit route table association and the main route table of ${label(vpc)} is not in the snapshot`
      : `it has no explicit route table association and its VPC ${vpcId} is not in the snapshot`,
  };
}

/**
 * The subnets whose traffic a table routes: those it associates explicitly and, for the main
 * table, every subnet of the VPC that no other table associates.
 */
export function subnetsOf(table: Resource, graph: GraphView): Resource[] {
  const out = new Set<Resource>();
  const list = table.props.Associations;
  if (Array.isArray(list)) {
    for (const a of list) {
      const id = (a as { SubnetId?: unknown } | null)?.SubnetId;
      const subnet = typeof id === 'string' ? graph.get(id, SUBNET, table) : undefined;
      if (subnet) out.add(subnet);
    }
  }
  const vpcId = table.props.VpcId;
  if (isMainTable(table) && typeof vpcId === 'string') {
    for (const subnet of graph.referencing(vpcId)) {
      if (subnet.type !== SUBNET || subnet.props.VpcId !== vpcId) continue;
      const routing = subnetRouting(subnet, graph);
      if ('table' in routing && routing.table === table) out.add(subnet);
    }
  }
  return [...out];
}

/** The default routes (`0.0.0.0/0`, `::/0`) of a table. */
export function defaultRoutes(routes: readonly Route[]): Route[] {
  return routes.filter((r) => r.cidr !== undefined && r.cidr.prefix === 0);
}

/** `Routes[2] (0.0.0.0/0 → igw-0abc)` for reasons. */
export function describeRoute(route: Route): string {
  const where = route.resource
    ? `route ${label(route.resource)}`
    : route.index >= 0
      ? `Routes[${route.index}]`
      : 'the local route';
  const target = 'kind' in route.target ? route.target.id : 'an unknown target';
  return `${where} (${route.destination} → ${target})`;
}

/** A route that names a target, with the table it is in. */
export interface RouteUse {
  readonly table: Resource;
  readonly route: Record<string, unknown>;
  /** The destination as written. */
  readonly destination: string;
}

const targetIndexes = new WeakMap<GraphView, Map<string, RouteUse[]>>();

const NO_USES: readonly RouteUse[] = [];
const TARGET_FIELD_NAMES = ['GatewayId', ...TARGET_FIELDS.map(([f]) => f)];

/**
 * Every route of every table, by the id its target field holds (`i-…`, `eni-…`, `nat-…`, a
 * logical id). Built once per graph: targets need not be resources of the snapshot (an interface
 * of an instance is often not), so the graph's `referencing` index cannot answer this.
 */
export function routesTargeting(id: string, graph: GraphView): readonly RouteUse[] {
  let index = targetIndexes.get(graph);
  if (!index) {
    index = new Map();
    for (const table of graph.byType(ROUTE_TABLE)) {
      const routes = table.props.Routes;
      if (!Array.isArray(routes)) continue;
      for (const r of routes as Array<Record<string, unknown> | null>) {
        if (r === null || typeof r !== 'object') continue;
        const dest = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId;
        const use = { table, route: r, destination: typeof dest === 'string' ? dest : '?' };
        for (const field of TARGET_FIELD_NAMES) {
          const target = r[field];
          if (typeof target !== 'string' || target === 'local') continue;
          const list = index.get(target);
          if (list) list.push(use);
          else index.set(target, [use]);
        }
      }
    }
    targetIndexes.set(graph, index);
  }
  return index.get(id) ?? NO_USES;
}
