/**
 * The architecture diagram of a snapshot's networks, as a renderer-neutral tree: account >
 * region > VPC > subnet > resources, with gateways at the VPC level, transit gateways at the
 * region level, and peering / transit gateway attachments as edges between containers. The
 * renderers in report/diagram/ (draw.io, SVG, Mermaid) draw the same model.
 *
 * Pure: snapshot and params in, diagram out; the order of every list is fixed (sorted by id),
 * so the same snapshot always gives the same file.
 */
import { z } from 'zod';
import { cidrToString, InputError, type Resource, type Snapshot } from '../model/index.js';
import { buildNetwork, type NetworkModel } from '../network/index.js';
import type { Eni, Subnet, Vpc } from '../network/build.js';

/** One zod schema for the CLI flags, the HTTP API and the dashboard form. */
export const diagramParamsSchema = z.object({
  /** Only this account (id or name). */
  account: z.string().min(1).optional(),
  /** Only this region. */
  region: z.string().min(1).optional(),
  /** Only this VPC (id, Name tag or logical id); its peers are drawn as outside VPCs. */
  vpc: z.string().min(1).optional(),
});
export type DiagramParams = z.infer<typeof diagramParamsSchema>;

/** What a box of the diagram stands for; each renderer maps a kind to a shape. */
export type DiagramKind =
  | 'account'
  | 'region'
  | 'vpc'
  /** A VPC outside the selection or the snapshot (the far side of a peering or attachment). */
  | 'external-vpc'
  | 'subnet'
  | 'instance'
  | 'nat-gateway'
  | 'load-balancer'
  | 'database'
  | 'redshift'
  | 'lambda'
  | 'interface-endpoint'
  | 'network-interface'
  | 'gateway-endpoint'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'vpn-gateway'
  | 'transit-gateway';

/** Kinds that hold other boxes. */
export const CONTAINER_KINDS: ReadonlySet<DiagramKind> = new Set(['account', 'region', 'vpc', 'subnet']);

export interface DiagramNode {
  /** Unique in the diagram; stable across runs (built from resource ids). */
  id: string;
  kind: DiagramKind;
  /** First line: the name, else the id. */
  label: string;
  /** Second line: the id, CIDR, AZ, service name. */
  detail?: string;
  /** The snapshot resource drawn, when there is one. */
  resourceId?: string;
  /** Subnets: has a route to an internet gateway. */
  public?: boolean;
  /** Load balancers: application, network or gateway. */
  variant?: 'application' | 'network' | 'gateway';
  children: DiagramNode[];
}

/** Whether the route tables on one side of a connection route to it: unknown when that side is not in the snapshot. */
export type RouteState = 'yes' | 'no' | 'unknown';

export interface DiagramEdge {
  id: string;
  kind: 'peering' | 'transit-gateway-attachment';
  source: string;
  target: string;
  label: string;
  crossAccount: boolean;
  crossRegion: boolean;
  /** Peering: whether each side's route tables send traffic through it (source side, target side). */
  routes?: { source: RouteState; target: RouteState };
  /** Peering status when known (active, pending-acceptance, ...). */
  status?: string;
}

export interface Diagram {
  schemaVersion: 1;
  /** Accounts, then outside VPCs, then nothing else. */
  roots: DiagramNode[];
  edges: DiagramEdge[];
  /** What was left out or assumed, for the reader. */
  notes: string[];
}

export const diagramSchema = z.object({
  schemaVersion: z.literal(1),
  roots: z.array(z.unknown()),
  edges: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['peering', 'transit-gateway-attachment']),
      source: z.string(),
      target: z.string(),
      label: z.string(),
      crossAccount: z.boolean(),
      crossRegion: z.boolean(),
      routes: z
        .object({ source: z.enum(['yes', 'no', 'unknown']), target: z.enum(['yes', 'no', 'unknown']) })
        .optional(),
      status: z.string().optional(),
    }),
  ),
  notes: z.array(z.string()),
});

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The id a CloudFormation-shaped property points at (a plain id, or the target of a kept Ref). */
function refId(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const expr = (o.expression ?? o) as Record<string, unknown>;
    if (typeof expr.Ref === 'string') return expr.Ref;
  }
  return undefined;
}

const ROLE_KIND: Record<Eni['role'], DiagramKind> = {
  instance: 'instance',
  interface: 'network-interface',
  rds: 'database',
  redshift: 'redshift',
  lambda: 'lambda',
  'load-balancer': 'load-balancer',
  'nat-gateway': 'nat-gateway',
  'vpc-endpoint': 'interface-endpoint',
};

/** Sort order of resources inside a container: gateways first, then the tiers top-down. */
const KIND_ORDER: DiagramKind[] = [
  'internet-gateway',
  'egress-only-internet-gateway',
  'vpn-gateway',
  'gateway-endpoint',
  'nat-gateway',
  'load-balancer',
  'instance',
  'lambda',
  'database',
  'redshift',
  'interface-endpoint',
  'network-interface',
  'subnet',
];

function sortNodes(nodes: DiagramNode[]): DiagramNode[] {
  const rank = (k: DiagramKind) => {
    const i = KIND_ORDER.indexOf(k);
    return i < 0 ? KIND_ORDER.length : i;
  };
  // Subnets keep the order they came in (AZ, then CIDR); the sort is stable.
  return nodes.sort((a, b) => rank(a.kind) - rank(b.kind) || (a.kind === 'subnet' ? 0 : byId(a, b)));
}

function nameOf(r: { id: string; name?: string } | undefined, id: string): string {
  return r?.name && r.name !== id ? r.name : id;
}

function leaf(
  model: NetworkModel,
  id: string,
  kind: DiagramKind,
  resourceId: string,
  detail?: string,
): DiagramNode {
  const r = model.resources.get(resourceId);
  const label = nameOf(r, resourceId);
  const node: DiagramNode = { id, kind, label, resourceId, children: [] };
  if (kind === 'load-balancer') {
    const lb = model.loadBalancers.get(resourceId);
    if (lb) node.variant = lb.type;
  }
  // ARNs (load balancers) are too long for a box; the name says enough.
  const d = detail ?? (label !== resourceId && !resourceId.startsWith('arn:') ? resourceId : undefined);
  if (d) node.detail = d;
  return node;
}

/** A subnet is public when its route table sends some traffic to an internet gateway. */
function isPublic(subnet: Subnet): boolean {
  return subnet.routeTable.routes.some((r) => r.target.kind === 'igw' && !r.blackhole);
}

function matchesVpc(model: NetworkModel, vpc: Vpc, wanted: string): boolean {
  if (vpc.id === wanted || vpc.ref.logicalId === wanted || vpc.ref.name === wanted) return true;
  return model.resources.get(vpc.id)?.arn === wanted;
}

function accountNames(snapshot: Snapshot): Map<string, string> {
  const names = new Map<string, string>();
  for (const a of snapshot.accounts) if (a.name) names.set(a.id, a.name);
  return names;
}

/** Which VPCs to draw, or an InputError naming the candidates. */
function selectVpcs(model: NetworkModel, snapshot: Snapshot, params: DiagramParams): Vpc[] {
  const all = [...model.vpcs.values()].sort(byId);
  let vpcs = all;
  if (params.account !== undefined) {
    const names = accountNames(snapshot);
    const accounts = [...new Set(all.map((v) => v.account))].sort();
    const wanted = params.account;
    const hit = accounts.filter((a) => a === wanted || names.get(a) === wanted);
    if (hit.length === 0) {
      throw new InputError(
        `no VPC in account ${wanted}; accounts with VPCs: ${
          accounts.map((a) => (names.get(a) ? `${a} (${names.get(a)})` : a)).join(', ') || 'none'
        }`,
        { path: '--account' },
      );
    }
    vpcs = vpcs.filter((v) => hit.includes(v.account));
  }
  if (params.region !== undefined) {
    const regions = [...new Set(vpcs.map((v) => v.region))].sort();
    if (!regions.includes(params.region)) {
      throw new InputError(
        `no VPC in region ${params.region}; regions with VPCs: ${regions.join(', ') || 'none'}`,
        { path: '--region' },
      );
    }
    vpcs = vpcs.filter((v) => v.region === params.region);
  }
  if (params.vpc !== undefined) {
    const wanted = params.vpc;
    const hit = vpcs.filter((v) => matchesVpc(model, v, wanted));
    if (hit.length === 0) {
      const list = vpcs.map((v) => (v.ref.name && v.ref.name !== v.id ? `${v.id} (${v.ref.name})` : v.id));
      throw new InputError(`no VPC ${wanted}; candidates: ${list.join(', ') || 'none'}`, { path: '--vpc' });
    }
    vpcs = hit;
  }
  return vpcs;
}

/** Where each resource with interfaces goes: its one subnet, or the VPC when it spans several. */
function placeResources(
  model: NetworkModel,
  vpc: Vpc,
): { bySubnet: Map<string, DiagramNode[]>; atVpc: DiagramNode[] } {
  const subnetsOf = new Map<string, { role: Eni['role']; subnets: Set<string> }>();
  for (const eni of model.enis) {
    if (eni.subnet.vpc !== vpc) continue;
    const entry = subnetsOf.get(eni.ownerId) ?? { role: eni.role, subnets: new Set<string>() };
    entry.subnets.add(eni.subnet.id);
    subnetsOf.set(eni.ownerId, entry);
  }
  const bySubnet = new Map<string, DiagramNode[]>();
  const atVpc: DiagramNode[] = [];
  for (const [ownerId, { role, subnets }] of [...subnetsOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const kind = ROLE_KIND[role];
    if (subnets.size === 1) {
      const subnetId = [...subnets][0] as string;
      const list = bySubnet.get(subnetId) ?? [];
      list.push(leaf(model, `${vpc.id}/${ownerId}`, kind, ownerId));
      bySubnet.set(subnetId, list);
    } else {
      const r = model.resources.get(ownerId);
      const showId = nameOf(r, ownerId) !== ownerId && !ownerId.startsWith('arn:');
      const detail = `${showId ? `${ownerId}, ` : ''}${subnets.size} subnets`;
      atVpc.push(leaf(model, `${vpc.id}/${ownerId}`, kind, ownerId, detail));
    }
  }
  return { bySubnet, atVpc };
}

/** Virtual private gateways attached to each VPC (attachments, and route targets as a fallback). */
function vpnGateways(snapshot: Snapshot, model: NetworkModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (vpcId: string, vgw: string) => {
    const set = out.get(vpcId) ?? new Set<string>();
    set.add(vgw);
    out.set(vpcId, set);
  };
  for (const r of snapshot.resources) {
    if (r.type !== 'AWS::EC2::VPCGatewayAttachment') continue;
    const vpcId = refId(r.props.VpcId as unknown);
    const vgw = refId(r.props.VpnGatewayId as unknown);
    if (vpcId && vgw) add(vpcId, vgw);
  }
  for (const rt of model.routeTables.values()) {
    for (const route of [...rt.routes, ...rt.prefixListRoutes]) {
      if (route.target.kind === 'vgw') add(rt.vpcId, route.target.id);
    }
  }
  return out;
}

/** Whether some route table of the VPC routes through the connection. */
function routesVia(model: NetworkModel, vpc: Vpc | undefined, targetId: string): RouteState {
  if (!vpc) return 'unknown';
  const tables = new Set([vpc.mainRouteTable, ...vpc.subnets.map((s) => s.routeTable)]);
  for (const rt of model.routeTables.values()) if (rt.vpcId === vpc.id) tables.add(rt);
  for (const rt of tables) {
    for (const route of [...rt.routes, ...rt.prefixListRoutes]) {
      if (route.target.kind !== 'local' && route.target.id === targetId && !route.blackhole) return 'yes';
    }
  }
  return 'no';
}

function vpcNode(model: NetworkModel, vpc: Vpc, vgws: Set<string> | undefined): DiagramNode {
  const { bySubnet, atVpc } = placeResources(model, vpc);
  const cidrs = vpc.cidrs.map(cidrToString).join(', ');
  const children: DiagramNode[] = [];
  for (const igw of [...vpc.igws].sort(byId)) {
    if (!igw.attached) continue;
    children.push(leaf(model, `${vpc.id}/${igw.id}`, 'internet-gateway', igw.id));
  }
  for (const eigw of [...vpc.eigws].sort(byId)) {
    children.push(leaf(model, `${vpc.id}/${eigw.id}`, 'egress-only-internet-gateway', eigw.id));
  }
  for (const vgw of [...(vgws ?? [])].sort())
    children.push(leaf(model, `${vpc.id}/${vgw}`, 'vpn-gateway', vgw));
  for (const ep of [...model.gatewayEndpoints.values()].filter((e) => e.vpcId === vpc.id).sort(byId)) {
    const service = ep.service.split('.').pop() ?? ep.service;
    children.push(leaf(model, `${vpc.id}/${ep.id}`, 'gateway-endpoint', ep.id, `${ep.id} (${service})`));
  }
  children.push(...atVpc);
  const subnets = [...vpc.subnets].sort(
    (a, b) =>
      (a.az ?? '').localeCompare(b.az ?? '') ||
      (a.cidr ? cidrToString(a.cidr) : '').localeCompare(b.cidr ? cidrToString(b.cidr) : '', 'en', {
        numeric: true,
      }) ||
      byId(a, b),
  );
  for (const s of subnets) {
    const pub = isPublic(s);
    const detail = [s.cidr ? cidrToString(s.cidr) : undefined, s.az, pub ? 'public' : 'private']
      .filter((x): x is string => x !== undefined)
      .join(' · ');
    children.push({
      id: `${vpc.id}/${s.id}`,
      kind: 'subnet',
      label: nameOf(model.resources.get(s.id), s.id),
      detail,
      resourceId: s.id,
      public: pub,
      children: sortNodes(bySubnet.get(s.id) ?? []),
    });
  }
  const r = model.resources.get(vpc.id);
  const label = nameOf(r, vpc.id);
  return {
    id: vpc.id,
    kind: 'vpc',
    label,
    detail: [label !== vpc.id ? vpc.id : undefined, cidrs].filter(Boolean).join(' · '),
    resourceId: vpc.id,
    children: sortNodes(children),
  };
}

/** Builds the network model and the diagram; async-free, the layout is the renderers' job. */
export function diagramQuestion(snapshot: Snapshot, params: DiagramParams = {}): Diagram {
  const parsed = diagramParamsSchema.parse(params);
  return diagramOf(buildNetwork(snapshot), snapshot, parsed);
}

/** The diagram over an already-built network model. */
export function diagramOf(model: NetworkModel, snapshot: Snapshot, params: DiagramParams = {}): Diagram {
  const notes: string[] = [];
  const vpcs = selectVpcs(model, snapshot, params);
  const selected = new Set(vpcs.map((v) => v.id));
  const names = accountNames(snapshot);
  const vgws = vpnGateways(snapshot, model);

  // account > region > VPC.
  const accounts = new Map<string, Map<string, DiagramNode[]>>();
  for (const vpc of vpcs) {
    const regions = accounts.get(vpc.account) ?? new Map<string, DiagramNode[]>();
    const list = regions.get(vpc.region) ?? [];
    list.push(vpcNode(model, vpc, vgws.get(vpc.id)));
    regions.set(vpc.region, list);
    accounts.set(vpc.account, regions);
  }

  const edges: DiagramEdge[] = [];
  const external = new Map<string, DiagramNode>();
  const endpointFor = (vpcId: string, ownerHint?: string): string => {
    if (selected.has(vpcId)) return vpcId;
    const id = `outside/${vpcId}`;
    if (!external.has(id)) {
      const known = model.vpcs.get(vpcId);
      const owner = known?.account ?? ownerHint;
      const detail = [
        known && known.ref.name && known.ref.name !== vpcId ? vpcId : undefined,
        known ? known.cidrs.map(cidrToString).join(', ') : undefined,
        owner ? `account ${names.get(owner) ?? owner}` : undefined,
        known ? known.region : undefined,
        known ? 'not selected' : 'not in the snapshot',
      ].filter((x): x is string => Boolean(x));
      external.set(id, {
        id,
        kind: 'external-vpc',
        label: known?.ref.name ?? vpcId,
        detail: detail.join(' · '),
        resourceId: vpcId,
        children: [],
      });
    }
    return id;
  };

  // Peering connections: an edge between the two VPC containers, with both sides' routes.
  // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html
  for (const p of [...model.peerings.values()].sort(byId)) {
    if (!selected.has(p.vpcA) && !selected.has(p.vpcB)) continue;
    const resource: Resource | undefined = model.resources.get(p.id);
    const peerOwner = text(resource?.props.PeerOwnerId as unknown);
    const a = model.vpcs.get(p.vpcA);
    const b = model.vpcs.get(p.vpcB);
    const accountA = a?.account ?? resource?.account;
    const accountB = b?.account ?? peerOwner ?? accountA;
    const crossAccount = accountA !== undefined && accountB !== undefined && accountA !== accountB;
    const regionB = b?.region ?? text(resource?.props.PeerRegion as unknown);
    const crossRegion = p.crossRegion || (a !== undefined && regionB !== undefined && a.region !== regionB);
    const routes = { source: routesVia(model, a, p.id), target: routesVia(model, b, p.id) };
    const routeText =
      routes.source === 'yes' && routes.target === 'yes'
        ? 'routes on both sides'
        : `routes: ${nameOf(a?.ref, p.vpcA)} ${routes.source}, ${nameOf(b?.ref, p.vpcB)} ${routes.target}`;
    const scope = [crossAccount ? 'cross-account' : undefined, crossRegion ? 'cross-region' : undefined]
      .filter(Boolean)
      .join(', ');
    const name = resource?.name && resource.name !== p.id ? `${resource.name} ` : '';
    const label = `${name}${p.id}${scope ? ` (${scope})` : ''}; ${routeText}${
      p.status && p.status !== 'active' ? `; ${p.status}` : ''
    }`;
    const edge: DiagramEdge = {
      id: p.id,
      kind: 'peering',
      source: endpointFor(p.vpcA, accountA),
      target: endpointFor(p.vpcB, accountB),
      label,
      crossAccount,
      crossRegion,
      routes,
    };
    if (p.status) edge.status = p.status;
    edges.push(edge);
  }

  // Transit gateways: a box in the region of the gateway (or of its first attachment).
  const tgws = new Map<string, { account: string; region: string }>();
  for (const att of [...model.tgwAttachments.values()].sort(byId)) {
    if (!selected.has(att.vpcId)) continue;
    const tgw = model.resources.get(att.tgwId);
    const vpc = model.vpcs.get(att.vpcId) as Vpc;
    const home = tgw
      ? { account: tgw.account, region: tgw.region }
      : { account: vpc.account, region: vpc.region };
    if (!tgws.has(att.tgwId)) tgws.set(att.tgwId, home);
    const at = tgws.get(att.tgwId) as { account: string; region: string };
    const name = att.ref.name && att.ref.name !== att.id ? `${att.ref.name} ` : '';
    edges.push({
      id: att.id,
      kind: 'transit-gateway-attachment',
      source: att.vpcId,
      target: `tgw/${att.tgwId}`,
      label: `${name}${att.id}`,
      crossAccount: at.account !== vpc.account,
      crossRegion: at.region !== vpc.region,
    });
  }
  for (const [tgwId, at] of tgws) {
    const regions = accounts.get(at.account) ?? new Map<string, DiagramNode[]>();
    const list = regions.get(at.region) ?? [];
    const node = leaf(model, `tgw/${tgwId}`, 'transit-gateway', tgwId);
    if (!model.resources.has(tgwId)) {
      node.detail = 'not in the snapshot';
      notes.push(
        `transit gateway ${tgwId} is not in the snapshot; drawn in the region of its first attachment`,
      );
    }
    list.push(node);
    regions.set(at.region, list);
    accounts.set(at.account, regions);
  }

  const roots: DiagramNode[] = [];
  for (const account of [...accounts.keys()].sort()) {
    const regions = accounts.get(account) as Map<string, DiagramNode[]>;
    const name = names.get(account);
    roots.push({
      id: `account/${account}`,
      kind: 'account',
      label: name ? `${name}` : `account ${account}`,
      detail: name ? account : undefined,
      children: [...regions.keys()].sort().map((region) => ({
        id: `region/${account}/${region}`,
        kind: 'region',
        label: region,
        children: (regions.get(region) as DiagramNode[]).sort((x, y) =>
          x.kind === y.kind ? byId(x, y) : x.kind === 'vpc' ? -1 : 1,
        ),
      })),
    });
  }
  roots.push(...[...external.values()].sort(byId));
  for (const root of roots) if (root.detail === undefined) delete root.detail;
  edges.sort(byId);
  return { schemaVersion: 1, roots, edges, notes };
}

/** Every node of the tree, depth first, with its parent. */
export function* walkDiagram(
  nodes: readonly DiagramNode[],
  parent?: DiagramNode,
): Generator<{ node: DiagramNode; parent?: DiagramNode }> {
  for (const node of nodes) {
    yield parent ? { node, parent } : { node };
    yield* walkDiagram(node.children, node);
  }
}

/** A connection that carries traffic both ways: active, and routed on both sides when that is known. */
export function isHealthyEdge(e: DiagramEdge): boolean {
  const active = e.status === undefined || e.status === 'active';
  return active && (e.routes === undefined || (e.routes.source !== 'no' && e.routes.target !== 'no'));
}

/** True when there is nothing to draw. */
export function isEmptyDiagram(d: Diagram): boolean {
  return d.roots.length === 0;
}
