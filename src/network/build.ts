import {
  ANY_IPV4,
  ANY_IPV6,
  type Cidr,
  cidrToString,
  hostCidr,
  type IpAddress,
  ipToString,
  parseCidr,
  parseIp,
  type Resource,
  type Snapshot,
} from '../model/index.js';
import { bool, idOf, idsOf, num, record, records, refOf, str } from './refs.js';
import { type Addr, compileNaclEntry, compileSgRule, type NaclEntry, type SgRule } from './rules.js';
import type { ComponentRef, EphemeralProfile } from './types.js';

/*
 * The indexed network model, built once per snapshot: VPCs, subnets with their effective route
 * table and network ACL, security groups with compiled rules, ENIs (real ones and the implied
 * ones of instances, databases, functions, load balancers, NAT gateways and interface
 * endpoints), gateways and peerings. Queries then walk it without scanning resources.
 */

export interface Sg {
  ref: ComponentRef;
  id: string;
  vpcId?: string;
  name?: string;
  ingress: SgRule[];
  egress: SgRule[];
  /** Rules that could not be read (unresolved values); they never match. */
  problems: string[];
}

export interface Nacl {
  ref: ComponentRef;
  id: string;
  inbound: NaclEntry[];
  outbound: NaclEntry[];
  /** The VPC's default ACL implied by a template (allow all), not a resource of the snapshot. */
  implied: boolean;
}

export type RouteTarget =
  | { kind: 'local' }
  | {
      kind: 'igw' | 'eigw' | 'vgw' | 'nat' | 'instance' | 'eni' | 'pcx' | 'tgw' | 'vpce' | 'other';
      id: string;
    };

export interface Route {
  dest: { kind: 'cidr'; cidr: Cidr } | { kind: 'pl'; id: string };
  target: RouteTarget;
  blackhole: boolean;
  /** The snapshot observed the route `active` (describe output); false when the state is unknown (templates). */
  active: boolean;
  /** static > prefix-list > propagated for equal prefixes. */
  priority: number;
  text: string;
}

export interface RouteTable {
  ref: ComponentRef;
  id: string;
  vpcId: string;
  /** CIDR routes, longest prefix first, then by priority. */
  routes: Route[];
  prefixListRoutes: Route[];
  implied: boolean;
  /**
   * Implied for observed data (describe output, live collection) whose VPC has no route table in
   * the snapshot: the routes were not collected, so no route (or its absence) is a fact.
   */
  unknown?: boolean;
}

export interface Vpc {
  ref: ComponentRef;
  id: string;
  account: string;
  region: string;
  cidrs: Cidr[];
  subnets: Subnet[];
  mainRouteTable: RouteTable;
  defaultNacl: Nacl;
  defaultSg?: Sg;
  igws: Igw[];
  eigws: ComponentRef[];
  /** ENIs by private IP text. */
  enisByIp: Map<string, Eni>;
}

export interface Subnet {
  ref: ComponentRef;
  id: string;
  vpc: Vpc;
  cidr?: Cidr;
  cidrV6?: Cidr;
  az?: string;
  routeTable: RouteTable;
  nacl: Nacl;
}

export interface Igw {
  ref: ComponentRef;
  id: string;
  vpcId?: string;
  attached: boolean;
  /**
   * Not in the snapshot, inferred from a route targeting it: `active` when the route was observed
   * active (AWS marks a route to a detached or deleted gateway `blackhole`, so an active one proves
   * the attachment), `unknown` when the route's state is not known (a template).
   * https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html
   */
  inferred?: 'active' | 'unknown';
}

export type EniRole =
  'instance' | 'interface' | 'rds' | 'redshift' | 'lambda' | 'load-balancer' | 'nat-gateway' | 'vpc-endpoint';

export interface Eni {
  /** The ENI id, or `<owner>#<subnet>` for an implied interface. */
  id: string;
  /** The resource the interface belongs to (the instance, DB instance, load balancer...). */
  owner: ComponentRef;
  ownerId: string;
  role: EniRole;
  subnet: Subnet;
  privateIp?: IpAddress;
  /** The private address: exact when known, else the subnet's block. */
  addr: Addr;
  publicIp?: string;
  /** Has a public IPv4 (known or assigned at launch). */
  hasPublicIp: boolean;
  hasIpv6: boolean;
  sgs: Sg[];
  sourceDestCheck: boolean;
  /** Set when the owner is not running/available (stopped instance, deleting NAT gateway). */
  badState?: string;
  platform?: 'windows' | 'linux';
}

export interface NatGateway {
  ref: ComponentRef;
  id: string;
  eni: Eni;
  public: boolean;
  badState?: string;
}

export interface Peering {
  ref: ComponentRef;
  id: string;
  vpcA: string;
  vpcB: string;
  active: boolean;
  status?: string;
  crossRegion: boolean;
}

export interface TgwAttachment {
  ref: ComponentRef;
  id: string;
  tgwId: string;
  vpcId: string;
  subnetIds: string[];
  routeTableId?: string;
}

export interface TgwRoute {
  cidr: Cidr;
  attachmentId?: string;
  blackhole: boolean;
  propagated: boolean;
}

export interface TgwRouteTable {
  ref: ComponentRef;
  id: string;
  tgwId: string;
  routes: TgwRoute[];
}

export interface Listener {
  ref: ComponentRef;
  port: number;
  protocol: string;
  targetGroups: TargetGroup[];
}

export interface TargetGroup {
  ref: ComponentRef;
  port?: number;
  targets: Array<{ id: string; port?: number }>;
}

export interface LoadBalancer {
  ref: ComponentRef;
  id: string;
  type: 'application' | 'network' | 'gateway';
  internetFacing: boolean;
  enis: Eni[];
  listeners: Listener[];
}

/** A gateway endpoint (S3, DynamoDB): a prefix-list route target in the tables it lists. */
export interface GatewayEndpoint {
  ref: ComponentRef;
  id: string;
  vpcId: string;
  service: string;
  routeTableIds: string[];
  /** The AWS-managed prefix list of the service, when a route names it. */
  prefixListId?: string;
  hasPolicy: boolean;
}

export interface NetworkModel {
  resources: Map<string, Resource>;
  gatewayEndpoints: Map<string, GatewayEndpoint>;
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  sgs: Map<string, Sg>;
  routeTables: Map<string, RouteTable>;
  igws: Map<string, Igw>;
  nats: Map<string, NatGateway>;
  peerings: Map<string, Peering>;
  tgwAttachments: Map<string, TgwAttachment>;
  tgwRouteTables: Map<string, TgwRouteTable>;
  loadBalancers: Map<string, LoadBalancer>;
  enis: Eni[];
  enisByOwner: Map<string, Eni[]>;
  /** Members of each security group (SG references match their private IPs). */
  sgMembers: Map<string, Eni[]>;
  enisByPublicIp: Map<string, Eni>;
  prefixLists: Map<string, Cidr[]>;
  ephemeral: EphemeralProfile;
  /** Facts the model could not use (unreadable rules, unknown references), for notes. */
  problems: string[];
}

const DEFAULT_ALLOW_ALL = (egress: boolean): NaclEntry[] => {
  const out: NaclEntry[] = [];
  for (const cidr of [ANY_IPV4, ANY_IPV6]) {
    const c = compileNaclEntry({
      RuleNumber: cidr.version === 4 ? 100 : 101,
      Protocol: -1,
      RuleAction: 'allow',
      Egress: egress,
      [cidr.version === 4 ? 'CidrBlock' : 'Ipv6CidrBlock']: cidrToString(cidr),
    });
    if (c.entry) out.push(c.entry);
  }
  return out;
};

function parseCidrText(value: unknown): Cidr | undefined {
  const s = str(value);
  if (s === undefined) return undefined;
  const c = parseCidr(s);
  return c.ok ? c.value : undefined;
}

function parseIpText(value: unknown): IpAddress | undefined {
  const s = str(value);
  if (s === undefined) return undefined;
  const a = parseIp(s);
  return a.ok ? a.value : undefined;
}

/** Builds the model; every later query reuses its indexes. */
export function buildModel(snapshot: Snapshot, options: { ephemeral?: EphemeralProfile } = {}): NetworkModel {
  const byType = new Map<string, Resource[]>();
  const resources = new Map<string, Resource>();
  for (const r of snapshot.resources) {
    resources.set(r.id, r);
    if (r.arn && !resources.has(r.arn)) resources.set(r.arn, r);
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  const of = (type: string) => byType.get(type) ?? [];
  const problems: string[] = [];
  const m: NetworkModel = {
    resources,
    gatewayEndpoints: new Map(),
    vpcs: new Map(),
    subnets: new Map(),
    sgs: new Map(),
    routeTables: new Map(),
    igws: new Map(),
    nats: new Map(),
    peerings: new Map(),
    tgwAttachments: new Map(),
    tgwRouteTables: new Map(),
    loadBalancers: new Map(),
    enis: [],
    enisByOwner: new Map(),
    sgMembers: new Map(),
    enisByPublicIp: new Map(),
    prefixLists: new Map(),
    ephemeral: options.ephemeral ?? 'auto',
    problems,
  };

  // Managed prefix lists (customer-managed ones are resources; AWS-managed ones are not known).
  for (const r of of('AWS::EC2::PrefixList')) {
    const cidrs: Cidr[] = [];
    for (const e of records(r.props.Entries)) {
      const c = parseCidrText(e.Cidr);
      if (c) cidrs.push(c);
    }
    m.prefixLists.set(r.id, cidrs);
    const plId = str(r.observed?.PrefixListId);
    if (plId) m.prefixLists.set(plId, cidrs);
  }

  // Network ACLs and route tables first: VPCs and subnets point at them.
  const nacls = new Map<string, Nacl>();
  const naclBySubnet = new Map<string, Nacl>();
  const defaultNaclByVpc = new Map<string, Nacl>();
  for (const r of of('AWS::EC2::NetworkAcl')) {
    const inbound: NaclEntry[] = [];
    const outbound: NaclEntry[] = [];
    for (const raw of records(r.props.Entries)) {
      const c = compileNaclEntry(raw);
      if (!c.entry) {
        problems.push(`network ACL ${r.id}: an entry was skipped (${c.problem})`);
        continue;
      }
      (raw.Egress === true || raw.Egress === 'true' ? outbound : inbound).push(c.entry);
    }
    inbound.sort((a, b) => a.ruleNumber - b.ruleNumber);
    outbound.sort((a, b) => a.ruleNumber - b.ruleNumber);
    const nacl: Nacl = { ref: refOf(r), id: r.id, inbound, outbound, implied: false };
    nacls.set(r.id, nacl);
    for (const a of records(r.props.Associations)) {
      const s = idOf(a.SubnetId);
      if (s) naclBySubnet.set(s, nacl);
    }
    const vpcId = idOf(r.props.VpcId);
    if (vpcId && (bool(r.observed?.IsDefault) === true || bool(r.props.IsDefault) === true))
      defaultNaclByVpc.set(vpcId, nacl);
  }

  const rtBySubnet = new Map<string, RouteTable>();
  const mainRtByVpc = new Map<string, RouteTable>();
  for (const r of of('AWS::EC2::RouteTable')) {
    const vpcId = idOf(r.props.VpcId) ?? '';
    const rt = compileRouteTable(r, vpcId, m, problems);
    m.routeTables.set(r.id, rt);
    for (const a of records(r.props.Associations)) {
      const s = idOf(a.SubnetId);
      if (s) rtBySubnet.set(s, rt);
      if (bool(a.Main) === true) mainRtByVpc.set(vpcId, rt);
    }
  }

  // VPCs. Templates do not declare the main route table or the default NACL: AWS creates them
  // with only the local route and with allow-all rules.
  // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#MainRouteTable
  // https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html
  for (const r of of('AWS::EC2::VPC')) {
    const cidrs: Cidr[] = [];
    const seen = new Set<string>();
    const add = (v: unknown) => {
      const c = parseCidrText(v);
      if (c && !seen.has(cidrToString(c))) {
        seen.add(cidrToString(c));
        cidrs.push(c);
      }
    };
    add(r.props.CidrBlock);
    for (const c of (r.observed?.CidrBlocks as unknown[] | undefined) ?? []) add(c);
    for (const c of records(r.observed?.CidrBlockAssociationSet)) add(c.CidrBlock);
    for (const c of records(r.observed?.Ipv6CidrBlockAssociationSet)) add(c.Ipv6CidrBlock);
    const ref = refOf(r);
    const mainRt =
      mainRtByVpc.get(r.id) ??
      ({
        ref: {
          type: 'AWS::EC2::RouteTable',
          id: `${r.id}#main`,
          name: `main route table of ${ref.name ?? r.id}`,
        },
        id: `${r.id}#main`,
        vpcId: r.id,
        routes: [],
        prefixListRoutes: [],
        implied: true,
        unknown:
          r.origin.source !== 'cloudformation' &&
          r.origin.source !== 'terraform' &&
          ![...m.routeTables.values()].some((t) => t.vpcId === r.id),
      } satisfies RouteTable);
    const defaultNacl =
      defaultNaclByVpc.get(r.id) ??
      ({
        ref: {
          type: 'AWS::EC2::NetworkAcl',
          id: `${r.id}#default-acl`,
          name: `default network ACL of ${ref.name ?? r.id}`,
        },
        id: `${r.id}#default-acl`,
        inbound: DEFAULT_ALLOW_ALL(false),
        outbound: DEFAULT_ALLOW_ALL(true),
        implied: true,
      } satisfies Nacl);
    m.vpcs.set(r.id, {
      ref,
      id: r.id,
      account: r.account,
      region: r.region,
      cidrs,
      subnets: [],
      mainRouteTable: mainRt,
      defaultNacl,
      igws: [],
      eigws: [],
      enisByIp: new Map(),
    });
  }
  for (const r of of('AWS::EC2::VPCCidrBlock')) {
    const vpc = m.vpcs.get(idOf(r.props.VpcId) ?? '');
    const c = parseCidrText(r.props.CidrBlock) ?? parseCidrText(r.props.Ipv6CidrBlock);
    if (vpc && c) vpc.cidrs.push(c);
  }
  // The local route: every VPC CIDR, in every table of the VPC (templates leave it implicit).
  // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-routes
  for (const rt of [...m.routeTables.values(), ...[...m.vpcs.values()].map((v) => v.mainRouteTable)]) {
    const vpc = m.vpcs.get(rt.vpcId);
    if (!vpc) continue;
    for (const c of vpc.cidrs) {
      rt.routes.push({
        dest: { kind: 'cidr', cidr: c },
        target: { kind: 'local' },
        blackhole: false,
        active: true,
        priority: 0,
        text: `route ${cidrToString(c)} -> local`,
      });
    }
    sortRoutes(rt);
  }

  for (const r of of('AWS::EC2::Subnet')) {
    const vpc = m.vpcs.get(idOf(r.props.VpcId) ?? '');
    if (!vpc) {
      problems.push(`subnet ${r.id}: its VPC is not in the snapshot`);
      continue;
    }
    const subnet: Subnet = {
      ref: refOf(r),
      id: r.id,
      vpc,
      cidr: parseCidrText(r.props.CidrBlock),
      cidrV6: parseCidrText(r.props.Ipv6CidrBlock),
      az: str(r.props.AvailabilityZone) ?? str(r.observed?.AvailabilityZone),
      routeTable: rtBySubnet.get(r.id) ?? vpc.mainRouteTable,
      nacl: naclBySubnet.get(r.id) ?? vpc.defaultNacl,
    };
    vpc.subnets.push(subnet);
    m.subnets.set(r.id, subnet);
    const subnetId = str(r.observed?.SubnetId);
    if (subnetId && subnetId !== r.id) m.subnets.set(subnetId, subnet);
  }

  // Security groups, then resolve `name:` references within the VPC.
  for (const r of of('AWS::EC2::SecurityGroup')) {
    const sg = compileSg(r, problems);
    m.sgs.set(r.id, sg);
    const groupId = str(r.observed?.GroupId);
    if (groupId && groupId !== r.id) m.sgs.set(groupId, sg);
    const vpc = m.vpcs.get(sg.vpcId ?? '');
    if (vpc && sg.name === 'default') vpc.defaultSg = sg;
  }

  // Name the groups that rules reference, so a hop reads `from sg-0abc (web-sg)`.
  for (const sg of new Set(m.sgs.values())) {
    for (const rule of [...sg.ingress, ...sg.egress]) {
      if (rule.peer.kind !== 'sg') continue;
      const target = m.sgs.get(rule.peer.id);
      if (target?.ref.name && target.ref.name !== target.id) rule.text = `${rule.text} (${target.ref.name})`;
    }
  }

  for (const r of of('AWS::EC2::InternetGateway')) {
    const vpcId = idOf(r.props.VpcId) ?? idOf(records(r.observed?.Attachments)[0]?.VpcId) ?? undefined;
    const state = str(records(r.observed?.Attachments)[0]?.State);
    const igw: Igw = {
      ref: refOf(r),
      id: r.id,
      vpcId,
      attached: vpcId !== undefined && (state === undefined || state === 'available' || state === 'attached'),
    };
    m.igws.set(r.id, igw);
    if (vpcId) m.vpcs.get(vpcId)?.igws.push(igw);
  }
  inferMissingIgws(m);
  for (const r of of('AWS::EC2::EgressOnlyInternetGateway')) {
    const vpc = m.vpcs.get(idOf(r.props.VpcId) ?? '');
    vpc?.eigws.push(refOf(r));
  }

  for (const r of of('AWS::EC2::VPCPeeringConnection')) {
    const a = idOf(r.props.VpcId);
    const b = idOf(r.props.PeerVpcId);
    if (!a || !b) continue;
    const status = str(record(r.observed?.Status)?.Code) ?? str(r.observed?.Status);
    const peerRegion = str(r.props.PeerRegion);
    m.peerings.set(r.id, {
      ref: refOf(r),
      id: r.id,
      vpcA: a,
      vpcB: b,
      active: status === undefined || status === 'active',
      status,
      crossRegion: peerRegion !== undefined && peerRegion !== r.region && r.region !== 'unknown',
    });
  }

  for (const r of of('AWS::EC2::VPCEndpoint')) {
    if ((str(r.props.VpcEndpointType) ?? 'Gateway') !== 'Gateway') continue;
    const service = str(r.props.ServiceName) ?? 'unknown service';
    const routeTableIds = idsOf(r.props.RouteTableIds);
    let prefixListId: string | undefined;
    for (const rt of m.routeTables.values()) {
      for (const route of rt.prefixListRoutes) {
        if (route.target.kind === 'vpce' && route.target.id === r.id && route.dest.kind === 'pl') {
          prefixListId = route.dest.id;
          if (!routeTableIds.includes(rt.id)) routeTableIds.push(rt.id);
        }
      }
    }
    m.gatewayEndpoints.set(r.id, {
      ref: refOf(r),
      id: r.id,
      vpcId: idOf(r.props.VpcId) ?? '',
      service,
      routeTableIds,
      prefixListId,
      hasPolicy: r.props.PolicyDocument !== undefined,
    });
  }

  buildEnis(m, of, problems);
  buildTransitGateways(m, of);

  for (const eni of m.enis) {
    const list = m.enisByOwner.get(eni.ownerId);
    if (list) list.push(eni);
    else m.enisByOwner.set(eni.ownerId, [eni]);
    for (const sg of eni.sgs) {
      const members = m.sgMembers.get(sg.id);
      if (members) members.push(eni);
      else m.sgMembers.set(sg.id, [eni]);
    }
    if (eni.privateIp) eni.subnet.vpc.enisByIp.set(ipToString(eni.privateIp), eni);
    if (eni.publicIp && !m.enisByPublicIp.has(eni.publicIp)) m.enisByPublicIp.set(eni.publicIp, eni);
  }
  buildLoadBalancers(m, of);
  return m;
}

/**
 * Internet gateways that routes target but the snapshot lacks (a describe dump without
 * InternetGateways.json): a non-blackhole route to one means it is attached to the route table's
 * VPC, since AWS turns a route to a detached or deleted gateway into a `blackhole`
 * (https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html). The gateway is
 * marked `inferred` so every answer through it carries a note saying so.
 */
function inferMissingIgws(m: NetworkModel): void {
  for (const rt of m.routeTables.values()) {
    for (const route of [...rt.routes, ...rt.prefixListRoutes]) {
      if (route.target.kind !== 'igw' || route.blackhole || m.resources.has(route.target.id)) continue;
      const vpc = m.vpcs.get(rt.vpcId);
      if (!vpc) continue;
      const known = m.igws.get(route.target.id);
      if (known) {
        if (known.inferred === 'unknown' && route.active) known.inferred = 'active';
        continue;
      }
      const igw: Igw = {
        ref: { type: 'AWS::EC2::InternetGateway', id: route.target.id },
        id: route.target.id,
        vpcId: vpc.id,
        attached: true,
        inferred: route.active ? 'active' : 'unknown',
      };
      m.igws.set(igw.id, igw);
      vpc.igws.push(igw);
    }
  }
}

/** The note an answer through an inferred internet gateway carries. */
export function inferredIgwNote(igw: Igw): string | undefined {
  if (igw.inferred === 'active')
    return `internet gateway ${igw.id} not in the snapshot; its active route implies it is attached`;
  if (igw.inferred === 'unknown')
    return `internet gateway ${igw.id} not in the snapshot and its route's state is unknown; taken as attached (a route to a detached gateway would be a blackhole)`;
  return undefined;
}

function sortRoutes(rt: RouteTable): void {
  rt.routes.sort((a, b) => {
    const pa = a.dest.kind === 'cidr' ? a.dest.cidr.prefix : -1;
    const pb = b.dest.kind === 'cidr' ? b.dest.cidr.prefix : -1;
    return pb - pa || a.priority - b.priority;
  });
}

function routeTarget(raw: Record<string, unknown>, m: NetworkModel): RouteTarget | undefined {
  const gw = idOf(raw.GatewayId);
  if (gw !== undefined) {
    if (gw === 'local') return { kind: 'local' };
    const t = m.resources.get(gw)?.type;
    if (t === 'AWS::EC2::InternetGateway' || gw.startsWith('igw-')) return { kind: 'igw', id: gw };
    if (t === 'AWS::EC2::VPNGateway' || gw.startsWith('vgw-')) return { kind: 'vgw', id: gw };
    if (t === 'AWS::EC2::VPCEndpoint' || gw.startsWith('vpce-')) return { kind: 'vpce', id: gw };
    return { kind: 'other', id: gw };
  }
  const pairs: Array<[string, RouteTarget['kind']]> = [
    ['NatGatewayId', 'nat'],
    ['InstanceId', 'instance'],
    ['NetworkInterfaceId', 'eni'],
    ['VpcPeeringConnectionId', 'pcx'],
    ['TransitGatewayId', 'tgw'],
    ['VpcEndpointId', 'vpce'],
    ['EgressOnlyInternetGatewayId', 'eigw'],
    ['CarrierGatewayId', 'other'],
    ['LocalGatewayId', 'other'],
    ['CoreNetworkArn', 'other'],
  ];
  for (const [key, kind] of pairs) {
    const id = idOf(raw[key]);
    if (id !== undefined) return { kind, id } as RouteTarget;
  }
  return undefined;
}

function compileRouteTable(r: Resource, vpcId: string, m: NetworkModel, problems: string[]): RouteTable {
  const rt: RouteTable = { ref: refOf(r), id: r.id, vpcId, routes: [], prefixListRoutes: [], implied: false };
  const observed = records(r.observed?.Routes);
  records(r.props.Routes).forEach((raw, i) => {
    const target = routeTarget(raw, m);
    if (target?.kind === 'local') return; // re-added from the VPC's CIDRs for every source alike
    const obs = observed[i];
    // observed.Routes[i] carries State and Origin (docs/architecture.md): blackhole and propagated routes.
    const blackhole = str(obs?.State) === 'blackhole' || target === undefined;
    const active = str(obs?.State) === 'active';
    const propagated = str(obs?.Origin) === 'EnableVgwRoutePropagation';
    const targetText = target ? target.id : 'no target';
    const cidr = parseCidrText(raw.DestinationCidrBlock) ?? parseCidrText(raw.DestinationIpv6CidrBlock);
    const pl = idOf(raw.DestinationPrefixListId);
    if (cidr) {
      rt.routes.push({
        dest: { kind: 'cidr', cidr },
        target: target ?? { kind: 'other', id: 'none' },
        blackhole,
        active,
        priority: propagated ? 2 : 0,
        text: `route ${cidrToString(cidr)} -> ${targetText}${blackhole ? ' (blackhole)' : ''}${propagated ? ' (propagated)' : ''}`,
      });
    } else if (pl) {
      rt.prefixListRoutes.push({
        dest: { kind: 'pl', id: pl },
        target: target ?? { kind: 'other', id: 'none' },
        blackhole,
        active,
        priority: 1,
        text: `route ${pl} -> ${targetText}${blackhole ? ' (blackhole)' : ''}`,
      });
    } else {
      problems.push(`route table ${r.id}: route ${i} has no destination the snapshot knows`);
    }
  });
  return rt;
}

function compileSg(r: Resource, problems: string[]): Sg {
  const sg: Sg = {
    ref: refOf(r),
    id: r.id,
    vpcId: idOf(r.props.VpcId),
    name: str(r.props.GroupName) ?? r.name,
    ingress: [],
    egress: [],
    problems: [],
  };
  for (const [key, list, dir] of [
    ['SecurityGroupIngress', sg.ingress, 'ingress'],
    ['SecurityGroupEgress', sg.egress, 'egress'],
  ] as const) {
    for (const raw of records(r.props[key])) {
      const c = compileSgRule(raw, dir);
      if (c.rule) list.push(c.rule);
      else sg.problems.push(`${dir} rule skipped: ${c.problem}`);
    }
  }
  // CloudFormation: "When you specify a VPC security group, Amazon EC2 creates a default egress
  // rule ... removed only when you specify one or more egress rules in SecurityGroupEgress";
  // standalone SecurityGroupEgress resources (folded here) do not remove it.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
  if (r.origin.source === 'cloudformation') {
    const folded = records(r.props.$folds).filter((f) => f.property === 'SecurityGroupEgress').length;
    const inline = records(r.props.SecurityGroupEgress).length - folded;
    if (inline <= 0) {
      const c = compileSgRule({ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }, 'egress');
      if (c.rule) sg.egress.push({ ...c.rule, text: 'egress rule all traffic to 0.0.0.0/0 (default)' });
    }
  }
  for (const p of sg.problems) problems.push(`security group ${r.id}: ${p}`);
  return sg;
}

type Of = (type: string) => Resource[];

interface EniSpec {
  id: string;
  owner: Resource;
  role: EniRole;
  subnetId?: string;
  subnet?: Subnet;
  sgIds: string[];
  privateIp?: unknown;
  publicIp?: string;
  hasPublicIp: boolean;
  hasIpv6?: boolean;
  sourceDestCheck?: boolean;
  badState?: string;
  platform?: 'windows' | 'linux';
}

function buildEnis(m: NetworkModel, of: Of, problems: string[]): void {
  // Public addresses from Elastic IPs, by instance and by ENI.
  const eipByInstance = new Map<string, string>();
  const eipByEni = new Map<string, string>();
  const eipIds = new Map<string, string>();
  for (const r of of('AWS::EC2::EIP')) {
    const ip = str(r.observed?.PublicIp) ?? str(r.props.PublicIp) ?? 'an Elastic IP';
    eipIds.set(r.id, ip);
    const inst = idOf(r.props.InstanceId) ?? str(r.observed?.InstanceId);
    const eni = str(r.observed?.NetworkInterfaceId);
    if (inst) eipByInstance.set(inst, ip);
    if (eni) eipByEni.set(eni, ip);
  }
  for (const r of of('AWS::EC2::EIPAssociation')) {
    const ip =
      eipIds.get(idOf(r.props.AllocationId) ?? idOf(r.props.EIP) ?? '') ??
      str(r.props.EIP) ??
      'an Elastic IP';
    const inst = idOf(r.props.InstanceId);
    const eni = idOf(r.props.NetworkInterfaceId);
    if (inst) eipByInstance.set(inst, ip);
    if (eni) eipByEni.set(eni, ip);
  }

  const specs: EniSpec[] = [];
  const claimed = new Set<string>(); // instances whose ENIs are real NetworkInterface resources

  for (const r of of('AWS::EC2::NetworkInterface')) {
    // Interfaces AWS manages for a service (NAT gateway, load balancer, endpoint, RDS, Lambda) are
    // placed through their owner, which says more (its groups, its role).
    const interfaceType = str(r.observed?.InterfaceType);
    if ((interfaceType && interfaceType !== 'interface') || bool(r.observed?.RequesterManaged) === true)
      continue;
    const attachment = record(r.observed?.Attachment);
    const instanceId = str(attachment?.InstanceId);
    const owner = instanceId ? m.resources.get(instanceId) : undefined;
    if (owner) claimed.add(owner.id);
    const association = record(r.observed?.Association);
    const publicIp = str(r.observed?.PublicIp) ?? str(association?.PublicIp) ?? eipByEni.get(r.id);
    specs.push({
      id: r.id,
      owner: owner ?? r,
      role: owner ? 'instance' : 'interface',
      subnetId: idOf(r.props.SubnetId),
      sgIds: idsOf(r.props.GroupSet),
      privateIp: r.props.PrivateIpAddress ?? r.observed?.PrivateIpAddress,
      publicIp,
      hasPublicIp: publicIp !== undefined,
      hasIpv6: num(r.props.Ipv6AddressCount) !== undefined || records(r.props.Ipv6Addresses).length > 0,
      sourceDestCheck: bool(r.props.SourceDestCheck) ?? true,
      badState: owner ? instanceBadState(owner) : undefined,
      platform: owner ? platformOf(owner) : undefined,
    });
  }
  // Template attachments of standalone ENIs.
  for (const r of of('AWS::EC2::NetworkInterfaceAttachment')) {
    const spec = specs.find((s) => s.id === idOf(r.props.NetworkInterfaceId));
    const inst = m.resources.get(idOf(r.props.InstanceId) ?? '');
    if (spec && inst) {
      spec.owner = inst;
      spec.role = 'instance';
      spec.platform = platformOf(inst);
      spec.badState = instanceBadState(inst);
    }
  }

  for (const r of of('AWS::EC2::Instance')) {
    if (claimed.has(r.id)) continue;
    const live = r.observed !== undefined;
    const badState = instanceBadState(r);
    const eip = eipByInstance.get(r.id);
    const nis = records(r.props.NetworkInterfaces);
    const subnetOfInstance = idOf(r.props.SubnetId);
    const subnetObj = m.subnets.get(subnetOfInstance ?? '');
    if (nis.length > 0) {
      nis.forEach((ni, index) => {
        const eniRef = idOf(ni.NetworkInterfaceId);
        const real = eniRef ? specs.find((s) => s.id === eniRef) : undefined;
        if (real) {
          real.owner = r;
          real.role = 'instance';
          real.platform = platformOf(r);
          real.badState = badState;
          if (eip && !real.publicIp) {
            real.publicIp = eip;
            real.hasPublicIp = true;
          }
          return;
        }
        const primary = num(ni.DeviceIndex) === 0 || index === 0;
        const assoc = bool(ni.AssociatePublicIpAddress);
        const sub = m.subnets.get(idOf(ni.SubnetId) ?? '');
        const publicIp = primary ? (str(r.observed?.PublicIpAddress) ?? eip) : undefined;
        const hasPublic = live
          ? publicIp !== undefined
          : primary && (eip !== undefined || (assoc ?? (sub ? mapsPublicIp(m, sub.id) : false)));
        specs.push({
          id: `${r.id}#eni${index}`,
          owner: r,
          role: 'instance',
          subnetId: idOf(ni.SubnetId),
          sgIds: idsOf(ni.GroupSet),
          privateIp: ni.PrivateIpAddress ?? (primary ? r.props.PrivateIpAddress : undefined),
          publicIp,
          hasPublicIp: hasPublic,
          hasIpv6: num(ni.Ipv6AddressCount) !== undefined,
          sourceDestCheck: bool(r.props.SourceDestCheck) ?? true,
          badState,
          platform: platformOf(r),
        });
      });
      continue;
    }
    const publicIp = str(r.observed?.PublicIpAddress) ?? eip;
    const sgIds = [...idsOf(r.props.SecurityGroupIds)];
    for (const name of idsOf(r.props.SecurityGroups)) sgIds.push(`name:${name}`);
    specs.push({
      id: `${r.id}#eni0`,
      owner: r,
      role: 'instance',
      subnetId: subnetOfInstance,
      sgIds,
      privateIp: r.props.PrivateIpAddress ?? r.observed?.PrivateIpAddress,
      publicIp,
      hasPublicIp: live
        ? publicIp !== undefined
        : eip !== undefined || (subnetObj ? mapsPublicIp(m, subnetObj.id) : false),
      hasIpv6: num(r.props.Ipv6AddressCount) !== undefined,
      sourceDestCheck: bool(r.props.SourceDestCheck) ?? true,
      badState,
      platform: platformOf(r),
    });
  }

  // RDS: one ENI in the instance's AZ when known, else one per subnet of the group.
  const dbSubnetGroups = new Map<string, string[]>();
  for (const r of of('AWS::RDS::DBSubnetGroup')) {
    const ids = idsOf(r.props.SubnetIds);
    dbSubnetGroups.set(r.id, ids);
    const name = str(r.props.DBSubnetGroupName);
    if (name) dbSubnetGroups.set(name, ids);
    if (name) dbSubnetGroups.set(name.toLowerCase(), ids);
  }
  for (const r of of('AWS::RDS::DBInstance')) {
    const group = idOf(r.props.DBSubnetGroupName);
    const subnets = group
      ? (dbSubnetGroups.get(group) ?? dbSubnetGroups.get(group.toLowerCase()))
      : undefined;
    if (!subnets) continue;
    const status = str(r.observed?.DBInstanceStatus);
    const az = str(r.observed?.AvailabilityZone) ?? str(r.props.AvailabilityZone);
    const chosen = pickByAz(m, subnets, az);
    const endpoint = record(r.observed?.Endpoint);
    for (const s of chosen) {
      specs.push({
        id: `${r.id}#${s}`,
        owner: r,
        role: 'rds',
        subnetId: s,
        sgIds: idsOf(r.props.VPCSecurityGroups),
        privateIp: undefined,
        publicIp: bool(r.props.PubliclyAccessible) === true ? str(endpoint?.Address) : undefined,
        hasPublicIp: bool(r.props.PubliclyAccessible) === true,
        sourceDestCheck: true,
        badState:
          status && status !== 'available' && status !== 'backing-up' ? `status ${status}` : undefined,
      });
    }
  }
  const redshiftGroups = new Map<string, string[]>();
  for (const r of of('AWS::Redshift::ClusterSubnetGroup')) {
    const ids = idsOf(r.props.SubnetIds);
    redshiftGroups.set(r.id, ids);
    if (r.name) redshiftGroups.set(r.name, ids);
  }
  for (const r of of('AWS::Redshift::Cluster')) {
    const subnets = redshiftGroups.get(idOf(r.props.ClusterSubnetGroupName) ?? '');
    if (!subnets) continue;
    const az = str(r.observed?.AvailabilityZone) ?? str(r.props.AvailabilityZone);
    for (const s of pickByAz(m, subnets, az)) {
      specs.push({
        id: `${r.id}#${s}`,
        owner: r,
        role: 'redshift',
        subnetId: s,
        sgIds: idsOf(r.props.VpcSecurityGroupIds),
        hasPublicIp: bool(r.props.PubliclyAccessible) === true,
        sourceDestCheck: true,
      });
    }
  }
  for (const r of of('AWS::Lambda::Function')) {
    const vpc = record(r.props.VpcConfig);
    if (!vpc) continue;
    for (const s of idsOf(vpc.SubnetIds)) {
      specs.push({
        id: `${r.id}#${s}`,
        owner: r,
        role: 'lambda',
        subnetId: s,
        sgIds: idsOf(vpc.SecurityGroupIds),
        hasPublicIp: false,
        sourceDestCheck: true,
      });
    }
  }
  for (const r of of('AWS::EC2::NatGateway')) {
    const addresses = records(r.observed?.NatGatewayAddresses);
    const primary = addresses.find((a) => bool(a.IsPrimary) !== false) ?? addresses[0];
    const isPublic = (str(r.props.ConnectivityType) ?? 'public') === 'public';
    const eip = eipIds.get(idOf(r.props.AllocationId) ?? '');
    const publicIp = str(primary?.PublicIp) ?? (eip && eip !== 'an Elastic IP' ? eip : undefined);
    const state = str(r.observed?.State);
    specs.push({
      id: str(primary?.NetworkInterfaceId) ?? `${r.id}#eni`,
      owner: r,
      role: 'nat-gateway',
      subnetId: idOf(r.props.SubnetId),
      sgIds: [],
      privateIp: r.props.PrivateIpAddress ?? primary?.PrivateIp,
      publicIp,
      hasPublicIp: isPublic && (publicIp !== undefined || idOf(r.props.AllocationId) !== undefined),
      sourceDestCheck: false,
      badState: state && state !== 'available' ? `state ${state}` : undefined,
    });
  }
  for (const r of of('AWS::EC2::VPCEndpoint')) {
    const type = str(r.props.VpcEndpointType) ?? 'Gateway';
    if (type !== 'Interface') continue;
    for (const s of idsOf(r.props.SubnetIds)) {
      specs.push({
        id: `${r.id}#${s}`,
        owner: r,
        role: 'vpc-endpoint',
        subnetId: s,
        sgIds: idsOf(r.props.SecurityGroupIds),
        hasPublicIp: false,
        sourceDestCheck: true,
      });
    }
  }

  for (const spec of specs) {
    const subnet = spec.subnet ?? m.subnets.get(spec.subnetId ?? '');
    if (!subnet) {
      problems.push(
        `${spec.owner.type} ${spec.owner.id}: its subnet is not in the snapshot, so it is not placed`,
      );
      continue;
    }
    const sgs: Sg[] = [];
    for (const id of spec.sgIds) {
      const sg = id.startsWith('name:') ? sgByName(m, subnet.vpc.id, id.slice(5)) : m.sgs.get(id);
      if (sg) sgs.push(sg);
      else problems.push(`${spec.owner.type} ${spec.owner.id}: security group ${id} is not in the snapshot`);
    }
    // No group given: the VPC's default security group applies (instances, interface endpoints).
    // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
    if (spec.sgIds.length === 0 && spec.role !== 'nat-gateway') {
      sgs.push(subnet.vpc.defaultSg ?? impliedDefaultSg(m, subnet.vpc));
    }
    const ip = parseIpText(spec.privateIp);
    const blockOf = subnet.cidr ?? subnet.vpc.cidrs[0] ?? ANY_IPV4;
    m.enis.push({
      id: spec.id,
      owner: refOf(spec.owner),
      ownerId: spec.owner.id,
      role: spec.role,
      subnet,
      privateIp: ip,
      addr: ip ? { cidr: hostCidr(ip), exact: true } : { cidr: blockOf, exact: false },
      publicIp: spec.publicIp,
      hasPublicIp: spec.hasPublicIp,
      hasIpv6: spec.hasIpv6 ?? false,
      sgs,
      sourceDestCheck: spec.sourceDestCheck ?? true,
      badState: spec.badState,
      platform: spec.platform,
    });
    if (spec.role === 'nat-gateway') {
      const eni = m.enis[m.enis.length - 1] as Eni;
      m.nats.set(spec.owner.id, {
        ref: refOf(spec.owner),
        id: spec.owner.id,
        eni,
        public: (str(spec.owner.props.ConnectivityType) ?? 'public') === 'public',
        badState: spec.badState,
      });
    }
  }
}

function impliedDefaultSg(m: NetworkModel, vpc: Vpc): Sg {
  const id = `${vpc.id}#default-sg`;
  const existing = m.sgs.get(id);
  if (existing) return existing;
  const ingress = compileSgRule({ IpProtocol: '-1', SourceSecurityGroupId: id }, 'ingress').rule;
  const egress = compileSgRule({ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }, 'egress').rule;
  const sg: Sg = {
    ref: { type: 'AWS::EC2::SecurityGroup', id, name: `default security group of ${vpc.ref.name ?? vpc.id}` },
    id,
    vpcId: vpc.id,
    name: 'default',
    ingress: ingress ? [ingress] : [],
    egress: egress ? [egress] : [],
    problems: [],
  };
  m.sgs.set(id, sg);
  vpc.defaultSg = sg;
  return sg;
}

function sgByName(m: NetworkModel, vpcId: string, name: string): Sg | undefined {
  for (const sg of m.sgs.values())
    if (sg.name === name && (sg.vpcId === vpcId || sg.vpcId === undefined)) return sg;
  return undefined;
}

function mapsPublicIp(m: NetworkModel, subnetId: string): boolean {
  return bool(m.resources.get(subnetId)?.props.MapPublicIpOnLaunch) === true;
}

function pickByAz(m: NetworkModel, subnetIds: string[], az: string | undefined): string[] {
  if (az) {
    const inAz = subnetIds.filter((s) => m.subnets.get(s)?.az === az);
    if (inAz.length > 0) return inAz.slice(0, 1);
  }
  return subnetIds;
}

function instanceBadState(r: Resource): string | undefined {
  const state = record(r.observed?.State)?.Name ?? r.observed?.State;
  return typeof state === 'string' && state !== 'running' ? `instance is ${state}` : undefined;
}

function platformOf(r: Resource): 'windows' | 'linux' {
  const p = str(r.observed?.Platform) ?? str(r.observed?.PlatformDetails);
  return p?.toLowerCase().includes('windows') ? 'windows' : 'linux';
}

function buildTransitGateways(m: NetworkModel, of: Of): void {
  const attachments = [
    ...of('AWS::EC2::TransitGatewayAttachment'),
    ...of('AWS::EC2::TransitGatewayVpcAttachment'),
  ];
  for (const r of attachments) {
    const tgwId = idOf(r.props.TransitGatewayId);
    const vpcId = idOf(r.props.VpcId);
    if (!tgwId || !vpcId) continue;
    m.tgwAttachments.set(r.id, {
      ref: refOf(r),
      id: r.id,
      tgwId,
      vpcId,
      subnetIds: idsOf(r.props.SubnetIds),
      routeTableId: str(record(r.observed?.Association)?.TransitGatewayRouteTableId),
    });
  }
  for (const r of of('AWS::EC2::TransitGatewayRouteTable')) {
    const tgwId = idOf(r.props.TransitGatewayId) ?? '';
    const routes: TgwRoute[] = [];
    for (const raw of records(r.props.Routes ?? r.observed?.Routes)) {
      const cidr = parseCidrText(raw.DestinationCidrBlock);
      if (!cidr) continue;
      const att =
        idOf(raw.TransitGatewayAttachmentId) ??
        str(records(raw.TransitGatewayAttachments)[0]?.TransitGatewayAttachmentId);
      routes.push({
        cidr,
        attachmentId: att,
        blackhole: bool(raw.Blackhole) === true || str(raw.State) === 'blackhole',
        propagated: str(raw.Type) === 'propagated',
      });
    }
    m.tgwRouteTables.set(r.id, { ref: refOf(r), id: r.id, tgwId, routes });
    // Folded associations and propagations (describe output), as the standalone resources below.
    for (const a of records(r.props.Associations)) {
      const att = m.tgwAttachments.get(idOf(a.TransitGatewayAttachmentId) ?? '');
      if (att) att.routeTableId = r.id;
    }
    for (const p of records(r.props.Propagations)) {
      const att = m.tgwAttachments.get(idOf(p.TransitGatewayAttachmentId) ?? '');
      const vpc = att ? m.vpcs.get(att.vpcId) : undefined;
      if (!att || !vpc) continue;
      for (const cidr of vpc.cidrs)
        routes.push({ cidr, attachmentId: att.id, blackhole: false, propagated: true });
    }
  }
  for (const r of of('AWS::EC2::TransitGatewayRoute')) {
    const rt = m.tgwRouteTables.get(idOf(r.props.TransitGatewayRouteTableId) ?? '');
    const cidr = parseCidrText(r.props.DestinationCidrBlock);
    if (!rt || !cidr) continue;
    rt.routes.push({
      cidr,
      attachmentId: idOf(r.props.TransitGatewayAttachmentId),
      blackhole: bool(r.props.Blackhole) === true,
      propagated: false,
    });
  }
  for (const r of of('AWS::EC2::TransitGatewayRouteTableAssociation')) {
    const att = m.tgwAttachments.get(idOf(r.props.TransitGatewayAttachmentId) ?? '');
    if (att) att.routeTableId = idOf(r.props.TransitGatewayRouteTableId);
  }
  // Propagation: the attachment's VPC CIDRs become routes in the table (static routes win ties).
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
  for (const r of of('AWS::EC2::TransitGatewayRouteTablePropagation')) {
    const att = m.tgwAttachments.get(idOf(r.props.TransitGatewayAttachmentId) ?? '');
    const rt = m.tgwRouteTables.get(idOf(r.props.TransitGatewayRouteTableId) ?? '');
    const vpc = att ? m.vpcs.get(att.vpcId) : undefined;
    if (!att || !rt || !vpc) continue;
    for (const cidr of vpc.cidrs)
      rt.routes.push({ cidr, attachmentId: att.id, blackhole: false, propagated: true });
  }
  // Default association/propagation route table of a TGW, when the TGW names one.
  for (const att of m.tgwAttachments.values()) {
    if (att.routeTableId) continue;
    const tgw = m.resources.get(att.tgwId);
    const def =
      str(tgw?.observed?.AssociationDefaultRouteTableId) ?? str(tgw?.props.AssociationDefaultRouteTableId);
    if (def && m.tgwRouteTables.has(def)) att.routeTableId = def;
  }
  for (const rt of m.tgwRouteTables.values()) {
    rt.routes.sort((a, b) => b.cidr.prefix - a.cidr.prefix || Number(a.propagated) - Number(b.propagated));
  }
}

function buildLoadBalancers(m: NetworkModel, of: Of): void {
  const tgs = new Map<string, TargetGroup>();
  for (const r of of('AWS::ElasticLoadBalancingV2::TargetGroup')) {
    const targets: Array<{ id: string; port?: number }> = [];
    for (const t of records(r.props.Targets)) {
      const id = idOf(t.Id);
      if (id) targets.push({ id, port: num(t.Port) });
    }
    for (const d of records(r.observed?.TargetHealthDescriptions)) {
      const t = record(d.Target);
      const id = idOf(t?.Id);
      if (id && !targets.some((x) => x.id === id)) targets.push({ id, port: num(t?.Port) });
    }
    const tg: TargetGroup = { ref: refOf(r), port: num(r.props.Port), targets };
    tgs.set(r.id, tg);
    if (r.arn) tgs.set(r.arn, tg);
  }
  // Auto Scaling groups register their instances in their target groups.
  for (const r of of('AWS::AutoScaling::AutoScalingGroup')) {
    const members = records(r.observed?.Instances)
      .map((i) => str(i.InstanceId))
      .filter((x): x is string => !!x);
    for (const tgArn of idsOf(r.props.TargetGroupARNs)) {
      const tg = tgs.get(tgArn);
      if (!tg) continue;
      for (const id of members) if (!tg.targets.some((t) => t.id === id)) tg.targets.push({ id });
    }
  }
  for (const r of of('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
    const type = (str(r.props.Type) ?? 'application') as LoadBalancer['type'];
    const internetFacing = (str(r.props.Scheme) ?? 'internet-facing') === 'internet-facing';
    const subnetIds = [
      ...idsOf(r.props.Subnets),
      ...records(r.props.SubnetMappings).map((s) => idOf(s.SubnetId) ?? ''),
    ];
    const sgIds = idsOf(r.props.SecurityGroups);
    const enis: Eni[] = [];
    for (const s of subnetIds) {
      const subnet = m.subnets.get(s);
      if (!subnet) continue;
      const sgs = sgIds.map((id) => m.sgs.get(id)).filter((x): x is Sg => !!x);
      // An ALB always has security groups (the VPC default when none is given); an NLB may have none.
      if (sgs.length === 0 && type === 'application')
        sgs.push(subnet.vpc.defaultSg ?? impliedDefaultSg(m, subnet.vpc));
      const eni: Eni = {
        id: `${r.id}#${s}`,
        owner: refOf(r),
        ownerId: r.id,
        role: 'load-balancer',
        subnet,
        addr: { cidr: subnet.cidr ?? ANY_IPV4, exact: false },
        hasPublicIp: internetFacing,
        hasIpv6: str(r.props.IpAddressType) === 'dualstack',
        sgs,
        sourceDestCheck: true,
      };
      enis.push(eni);
      m.enis.push(eni);
      const list = m.enisByOwner.get(r.id);
      if (list) list.push(eni);
      else m.enisByOwner.set(r.id, [eni]);
      for (const sg of sgs) {
        const members = m.sgMembers.get(sg.id);
        if (members) members.push(eni);
        else m.sgMembers.set(sg.id, [eni]);
      }
    }
    const lb: LoadBalancer = { ref: refOf(r), id: r.id, type, internetFacing, enis, listeners: [] };
    m.loadBalancers.set(r.id, lb);
    if (r.arn) m.loadBalancers.set(r.arn, lb);
  }
  for (const r of of('AWS::ElasticLoadBalancingV2::Listener')) {
    const lb = m.loadBalancers.get(idOf(r.props.LoadBalancerArn) ?? '');
    const port = num(r.props.Port);
    if (!lb || port === undefined) continue;
    const targetGroups: TargetGroup[] = [];
    for (const a of records(r.props.DefaultActions)) {
      const direct = tgs.get(idOf(a.TargetGroupArn) ?? '');
      if (direct) targetGroups.push(direct);
      for (const t of records(record(a.ForwardConfig)?.TargetGroups)) {
        const tg = tgs.get(idOf(t.TargetGroupArn) ?? '');
        if (tg) targetGroups.push(tg);
      }
    }
    lb.listeners.push({ ref: refOf(r), port, protocol: str(r.props.Protocol) ?? 'TCP', targetGroups });
  }
}
