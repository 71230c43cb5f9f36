import {
  ALL_PORTS,
  ANY_IPV4,
  ANY_IPV6,
  CGNAT,
  type Cidr,
  cidrContains,
  cidrToString,
  EPHEMERAL_PORT_RANGES,
  hostCidr,
  ipToString,
  isRfc1918,
  parseIp,
  type PortRange,
  portRangeToString,
} from '../model/index.js';
import type {
  Eni,
  GatewayEndpoint,
  Igw,
  NetworkModel,
  Route,
  RouteTable,
  Sg,
  Subnet,
  TargetGroup,
  Vpc,
} from './build.js';
import { inferredIgwNote } from './build.js';
import { label } from './refs.js';
import {
  type Addr,
  addrMatches,
  coveredPorts,
  evaluateNacl,
  type Flow,
  type NaclEntry,
  type SgRule,
} from './rules.js';
import type { ComponentRef, Explanation, Hop, ReachAnswer, ReachQuery } from './types.js';

/*
 * The path walk. A flow leaves its source ENI (security group egress), crosses subnet
 * boundaries (network ACLs, both ways: they are stateless), follows route tables (longest
 * prefix match) through gateways, NAT devices, peerings and transit gateways, and arrives at the
 * destination ENI (security group ingress). Every leg is recorded so the reply can be checked
 * leg by leg in reverse: NACLs on the client's ephemeral ports and a route back through the same
 * gateway; security groups are stateful and are not checked on the way back.
 * https://docs.aws.amazon.com/vpc/latest/userguide/infrastructure-security.html#VPC_Security_Comparison
 */

const INTERNET: ComponentRef = { type: 'internet', id: 'internet', name: 'the internet' };
const MAX_LEGS = 10;

type Via =
  | { kind: 'same-subnet' }
  | { kind: 'local' }
  | { kind: 'igw'; ref: ComponentRef; id: string }
  | { kind: 'pcx'; ref: ComponentRef; id: string }
  | { kind: 'tgw'; ref: ComponentRef; id: string }
  | { kind: 'eigw'; ref: ComponentRef; id: string }
  | { kind: 'vpce'; ref: ComponentRef; id: string };

/** One hop between two places, with the packet as it is on that hop. */
interface Leg {
  from: Eni | 'internet';
  to: Eni | 'internet';
  src: Addr;
  dst: Addr;
  via: Via;
  /** Destination ports of the reply: the client's ephemeral range (or all, for portless protocols). */
  replyPorts: PortRange;
}

/** A packet in flight. */
interface Packet {
  src: Addr;
  dst: Addr;
  /** The ENI whose private address is the source: security group references match its groups. */
  identity?: Eni;
  /** The intended destination interface, when known. */
  dstEni?: Eni;
  flow: Flow;
  replyPorts: PortRange;
}

interface Walk {
  m: NetworkModel;
  forward: Hop[];
  explanations: Explanation[];
  legs: Leg[];
  notes: string[];
  /** Set when the packet got to its destination (possibly with blocks on the way). */
  arrived: boolean;
  /** A block that ends the walk (no route): nothing after it can be evaluated. */
  stopped: boolean;
  finalDst?: Eni;
  rebuilders?: Rebuilders;
}

/**
 * How to remake, for another interface, each hop or explanation a walk built from its
 * destination interface (its name, address, public IP). Interfaces of one subnet with the same
 * groups, role, public address and state get the same verdict from the internet, and their answers
 * differ only in these objects: the exposure sweep walks one of them and remakes the rest. A hop
 * or explanation not in the map does not depend on the interface.
 */
export type Rebuilders = WeakMap<object, (eni: Eni) => object>;

/** Builds an object from an interface, and records how to build it for another. */
function perEni<T extends object>(w: Walk, eni: Eni, make: (eni: Eni) => T): T {
  const o = make(eni);
  w.rebuilders?.set(o, make);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The address of an exact (host) block. */
export function addrIp(a: Addr): string {
  return a.cidr.version === 4
    ? ipToString({ version: 4, value: a.cidr.network })
    : ipToString({ version: 6, value: a.cidr.network });
}

function addrText(a: Addr): string {
  if (a.exact) return addrIp(a);
  return a.cidr.prefix === 0
    ? `any address (${cidrToString(a.cidr)})`
    : `an address in ${cidrToString(a.cidr)}`;
}

function flowText(f: Flow): string {
  if (f.protocol === 'all') return 'all traffic';
  if (f.protocol === 'icmp')
    return `icmp type ${f.icmpType ?? 8}${f.icmpCode !== undefined ? ` code ${f.icmpCode}` : ''}`;
  return `${f.protocol} ${portRangeToString(f.ports)}`;
}

function replyFlow(f: Flow, replyPorts: PortRange): Flow {
  if (f.protocol === 'icmp') {
    // Echo request 8 -> echo reply 0; timestamp 13 -> 14; other types answer with the same type.
    const t = f.icmpType === 8 ? 0 : f.icmpType === 13 ? 14 : f.icmpType;
    return { protocol: 'icmp', ports: ALL_PORTS, icmpType: t, icmpCode: 0 };
  }
  if (f.protocol === 'all') return f;
  return { protocol: f.protocol, ports: replyPorts };
}

function inVpc(vpc: Vpc, a: Addr): boolean {
  return vpc.cidrs.some((c) => cidrContains(c, a.cidr));
}

function eniRef(eni: Eni): ComponentRef {
  return eni.owner;
}

function eniLabel(eni: Eni): string {
  return label(eni.owner);
}

/** The client's source-port range (what return traffic must be let in on). */
export function ephemeralFor(m: NetworkModel, client: Eni | 'internet'): PortRange {
  const p = m.ephemeral;
  if (p !== 'auto') {
    const map = {
      linux: EPHEMERAL_PORT_RANGES.linux,
      windows: EPHEMERAL_PORT_RANGES.windows,
      'nat-gateway': EPHEMERAL_PORT_RANGES.natGateway,
      elb: EPHEMERAL_PORT_RANGES.elb,
      lambda: EPHEMERAL_PORT_RANGES.lambda,
      any: EPHEMERAL_PORT_RANGES.any,
    } as const;
    return map[p];
  }
  if (client === 'internet') return EPHEMERAL_PORT_RANGES.any;
  switch (client.role) {
    case 'instance':
    case 'interface':
      return client.platform === 'windows' ? EPHEMERAL_PORT_RANGES.windows : EPHEMERAL_PORT_RANGES.linux;
    case 'nat-gateway':
      return EPHEMERAL_PORT_RANGES.natGateway;
    case 'load-balancer':
      return EPHEMERAL_PORT_RANGES.elb;
    case 'lambda':
      return EPHEMERAL_PORT_RANGES.lambda;
    default:
      return EPHEMERAL_PORT_RANGES.any;
  }
}

/**
 * Longest prefix match over a table: CIDR routes (sorted longest first, static before
 * propagated) and prefix-list routes whose list the snapshot knows. A static CIDR route beats a
 * prefix-list route of the same length; more specific always wins.
 * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
 */
export function lookupRoute(m: NetworkModel, rt: RouteTable, a: Addr): Route | undefined {
  let best: Route | undefined;
  for (const r of rt.routes) {
    if (r.dest.kind === 'cidr' && cidrContains(r.dest.cidr, a.cidr)) {
      best = r;
      break;
    }
  }
  const bestPrefix = best && best.dest.kind === 'cidr' ? best.dest.cidr.prefix : -1;
  let plBest: Route | undefined;
  let plPrefix = -1;
  for (const r of rt.prefixListRoutes) {
    if (r.dest.kind !== 'pl') continue;
    for (const c of m.prefixLists.get(r.dest.id) ?? []) {
      if (c.prefix > plPrefix && cidrContains(c, a.cidr)) {
        plPrefix = c.prefix;
        plBest = r;
      }
    }
  }
  return plBest && plPrefix > bestPrefix ? plBest : best;
}

function routeTargetLabel(m: NetworkModel, r: Route): string {
  if (r.target.kind === 'local') return 'local';
  const res = m.resources.get(r.target.id);
  return res?.name ? `${res.name} (${r.target.id})` : r.target.id;
}

/** Does one of the groups allow the flow to/from the peer? Returns the rule that does. */
export function sgAllows(
  m: NetworkModel,
  sgs: readonly Sg[],
  direction: 'ingress' | 'egress',
  peer: Addr,
  peerIdentity: Eni | undefined,
  flow: Flow,
): { sg: Sg; rule: SgRule } | undefined {
  for (const sg of sgs) {
    for (const rule of direction === 'ingress' ? sg.ingress : sg.egress) {
      const covered = coveredPorts(rule.traffic, flow);
      if (!covered || covered.from !== flow.ports.from || covered.to !== flow.ports.to) continue;
      const p = rule.peer;
      if (p.kind === 'cidr') {
        if (addrMatches(p.cidr, peer)) return { sg, rule };
      } else if (p.kind === 'sg') {
        // SG references match the private IPs of the group's members, never public addresses.
        // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing
        if (peerIdentity && peerIdentity.sgs.some((s) => s.id === p.id || `name:${s.name}` === p.id))
          return { sg, rule };
      } else if ((m.prefixLists.get(p.id) ?? []).some((c) => addrMatches(c, peer))) {
        return { sg, rule };
      }
    }
  }
  return undefined;
}

function explain(w: Walk, e: Explanation): void {
  const key = `${e.code}|${e.component.id}|${e.direction ?? ''}|${e.path ?? ''}`;
  if (w.explanations.some((x) => `${x.code}|${x.component.id}|${x.direction ?? ''}|${x.path ?? ''}` === key))
    return;
  w.explanations.push(e);
}

function naclRuleFix(
  direction: 'inbound' | 'outbound',
  peer: Addr,
  flow: Flow,
  blocking: NaclEntry | undefined,
  peerBlock: Cidr,
): string {
  const what = `allow ${flowText(flow)} ${direction === 'inbound' ? 'from' : 'to'} ${cidrToString(peerBlock)}`;
  if (blocking && blocking.ruleNumber < 32767 && !blocking.allow) {
    return `remove ${blocking.text.replace(/^rule /, 'rule ')} or add an ${direction} rule numbered below ${blocking.ruleNumber} to ${what}`;
  }
  return `add an ${direction} rule (numbered before the final deny) to ${what}`;
}

/** Checks a NACL crossing; records a hop or an explanation. */
function checkNacl(
  w: Walk,
  hops: Hop[],
  subnet: Subnet,
  direction: 'inbound' | 'outbound',
  peer: Addr,
  flow: Flow,
  path: 'forward' | 'return',
  peerBlock: Cidr,
): boolean {
  const nacl = subnet.nacl;
  const entries = direction === 'inbound' ? nacl.inbound : nacl.outbound;
  const v = evaluateNacl(entries, peer, flow);
  if (v.allowed) {
    const shadow = v.shadowed ? `; shadows ${v.shadowed.text}` : '';
    hops.push({
      component: nacl.ref,
      kind: 'network-acl',
      direction,
      matched: `${v.entry?.text ?? 'allow'}${nacl.implied ? ' (default ACL)' : ''}${shadow}`,
    });
    return true;
  }
  const deciding = v.entry && !v.entry.allow ? v.entry : undefined;
  const ruleText = deciding
    ? deciding.ruleNumber >= 32767
      ? 'the final deny rule *'
      : deciding.text
    : 'the final deny rule * (no rule allows it)';
  const traffic =
    path === 'return'
      ? `return traffic ${flowText(flow)} (ephemeral ports) ${direction === 'inbound' ? 'from' : 'to'} ${addrText(peer)}`
      : `${flowText(flow)} ${direction === 'inbound' ? 'from' : 'to'} ${addrText(peer)}`;
  explain(w, {
    code: 'SUBNET_ACL_RESTRICTION',
    component: nacl.ref,
    direction,
    path,
    detail: `${label(nacl.ref)} (${direction} of subnet ${label(subnet.ref)}) denies ${traffic}: ${ruleText}`,
    fix: naclRuleFix(direction, peer, flow, deciding, peerBlock),
  });
  hops.push({ component: nacl.ref, kind: 'network-acl', direction, matched: `blocked by ${ruleText}` });
  return false;
}

function checkSg(
  w: Walk,
  eni: Eni,
  direction: 'ingress' | 'egress',
  peer: Addr,
  peerIdentity: Eni | undefined,
  flow: Flow,
  peerBlock: Cidr,
): boolean {
  if (eni.sgs.length === 0) {
    // NAT gateways and NLBs without groups have no security group to pass.
    return true;
  }
  const hit = sgAllows(w.m, eni.sgs, direction, peer, peerIdentity, flow);
  const dir = direction === 'ingress' ? 'inbound' : 'outbound';
  if (hit) {
    w.forward.push({ component: hit.sg.ref, kind: 'security-group', direction: dir, matched: hit.rule.text });
    return true;
  }
  const first = eni.sgs[0] as Sg;
  const names = eni.sgs.map((s) => label(s.ref)).join(', ');
  const noRules = eni.sgs.every((s) => (direction === 'ingress' ? s.ingress : s.egress).length === 0);
  const identityNote =
    !peerIdentity &&
    eni.sgs.some((s) => (direction === 'ingress' ? s.ingress : s.egress).some((r) => r.peer.kind === 'sg'))
      ? ' (security group references match only private addresses of members, which this traffic does not carry)'
      : '';
  explain(
    w,
    perEni(w, eni, (e) => ({
      code: noRules ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH',
      component: first.ref,
      direction: dir,
      path: 'forward',
      detail: `no ${dir} rule of ${names} on ${eniLabel(e)} allows ${flowText(flow)} ${direction === 'ingress' ? 'from' : 'to'} ${addrText(peer)}${identityNote}`,
      fix: `add an ${dir} rule to ${label(first.ref)}: ${flowText(flow)} ${direction === 'ingress' ? 'from' : 'to'} ${cidrToString(peerBlock)}`,
    })),
  );
  w.forward.push({
    component: first.ref,
    kind: 'security-group',
    direction: dir,
    matched: 'no rule matches',
  });
  return false;
}

function eniHop(eni: Eni, note: string): Hop {
  return {
    component: eniRef(eni),
    kind: eni.role === 'load-balancer' ? 'load-balancer' : 'eni',
    matched: note,
  };
}

function addrNote(eni: Eni): string {
  if (eni.addr.exact) return addrIp(eni.addr);
  if (eni.role === 'load-balancer')
    return `node in subnet ${label(eni.subnet.ref)} ${cidrToString(eni.addr.cidr)}`;
  return `private IP not known: some address in subnet ${label(eni.subnet.ref)} ${cidrToString(eni.addr.cidr)}`;
}

/** The block a fix should name for an address: the client's subnet when it is an ENI, else the address. */
function blockFor(a: Addr, eni: Eni | undefined): Cidr {
  if (eni?.subnet.cidr && eni.role !== 'nat-gateway' && eni.role !== 'load-balancer') return eni.subnet.cidr;
  return a.cidr;
}

// ---------------------------------------------------------------------------------------------
// Forward walk

function badState(w: Walk, eni: Eni): void {
  if (!eni.badState) return;
  explain(
    w,
    perEni(w, eni, (e) => ({
      code: 'BAD_STATE',
      component: e.owner,
      path: 'forward',
      detail: `${eniLabel(e)} cannot carry traffic: ${e.badState}`,
      fix: `start ${eniLabel(e)} (or pick another endpoint)`,
    })),
  );
}

/** Sends a packet out of an ENI; `forwarding` when the ENI relays (NAT instance, NAT gateway). */
function send(w: Walk, from: Eni, pkt: Packet, forwarding: boolean): void {
  if (w.legs.length >= MAX_LEGS) {
    explain(w, {
      code: 'NO_PATH',
      component: from.subnet.routeTable.ref,
      path: 'forward',
      detail: 'the path loops between route tables and forwarding devices',
    });
    w.stopped = true;
    return;
  }
  checkSg(w, from, 'egress', pkt.dst, pkt.dstEni, pkt.flow, blockFor(pkt.dst, pkt.dstEni));
  const subnet = from.subnet;
  const dstEni = pkt.dstEni;
  // Traffic between two interfaces of one subnet bypasses the router and the subnet's ACL.
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
  if (dstEni && dstEni.subnet === subnet && (dstEni.addr.exact || !forwarding)) {
    const leg: Leg = {
      from,
      to: dstEni,
      src: pkt.src,
      dst: pkt.dst,
      via: { kind: 'same-subnet' },
      replyPorts: pkt.replyPorts,
    };
    w.legs.push(leg);
    w.forward.push({
      component: subnet.ref,
      kind: 'subnet',
      matched: 'same subnet: delivered directly, no route table or network ACL',
    });
    arrive(w, dstEni, pkt, leg, false);
    return;
  }
  checkNacl(w, w.forward, subnet, 'outbound', pkt.dst, pkt.flow, 'forward', pkt.dst.cidr);
  const rt = subnet.routeTable;
  const route = lookupRoute(w.m, rt, pkt.dst);
  if (!route) {
    if (rt.unknown) routesUnknown(w, rt, subnet.vpc);
    else noRoute(w, rt, pkt.dst, 'forward', undefined);
    return;
  }
  w.forward.push({
    component: rt.ref,
    kind: 'route-table',
    matched: `${route.text.replace(route.target.kind === 'local' ? 'local' : route.target.id, routeTargetLabel(w.m, route))}${rt.implied ? ' (main route table implied by the template)' : ''}`,
  });
  if (route.blackhole) {
    explain(w, {
      code: 'BAD_STATE_ROUTE',
      component: rt.ref,
      path: 'forward',
      detail: `${label(rt.ref)}: ${route.text}; its target no longer exists, so packets are dropped`,
      fix: `replace the route in ${label(rt.ref)} with one to a live target`,
    });
    w.stopped = true;
    return;
  }
  const vpc = subnet.vpc;
  const t = route.target;
  switch (t.kind) {
    case 'local':
      deliverInVpc(w, from, vpc, pkt, { kind: 'local' });
      return;
    case 'igw':
      toInternetGateway(w, from, vpc, t.id, pkt, route);
      return;
    case 'eigw':
      if (pkt.dst.cidr.version !== 6) {
        unsupported(w, rt.ref, 'an egress-only internet gateway carries IPv6 only');
        return;
      }
      w.forward.push({ component: refFor(w.m, t.id), kind: 'egress-only-igw' });
      w.legs.push({
        from,
        to: 'internet',
        src: pkt.src,
        dst: pkt.dst,
        via: { kind: 'eigw', ref: refFor(w.m, t.id), id: t.id },
        replyPorts: pkt.replyPorts,
      });
      w.forward.push({ component: INTERNET, kind: 'internet', matched: addrText(pkt.dst) });
      w.arrived = true;
      return;
    case 'nat':
      viaNatGateway(w, from, vpc, t.id, pkt);
      return;
    case 'instance':
    case 'eni':
      viaMiddlebox(w, from, t.kind, t.id, pkt);
      return;
    case 'pcx':
      viaPeering(w, from, vpc, t.id, pkt, rt);
      return;
    case 'tgw':
      viaTransitGateway(w, from, vpc, t.id, pkt);
      return;
    case 'vpce':
      w.forward.push({ component: refFor(w.m, t.id), kind: 'gateway-endpoint' });
      w.legs.push({
        from,
        to: 'internet',
        src: pkt.src,
        dst: pkt.dst,
        via: { kind: 'local' },
        replyPorts: pkt.replyPorts,
      });
      w.arrived = true;
      return;
    default:
      unsupported(w, refFor(w.m, t.id), `route target ${t.id} (${t.kind}) is not modelled`);
  }
}

function refFor(m: NetworkModel, id: string): ComponentRef {
  const r = m.resources.get(id);
  if (!r) return { type: 'unknown', id };
  const ref: ComponentRef = { type: r.type, id: r.id };
  if (r.origin.logicalId) ref.logicalId = r.origin.logicalId;
  if (r.name) ref.name = r.name;
  return ref;
}

function unsupported(w: Walk, component: ComponentRef, detail: string): void {
  explain(w, { code: 'UNSUPPORTED_COMPONENT', component, path: 'forward', detail });
  w.stopped = true;
}

function noRoute(
  w: Walk,
  rt: RouteTable,
  dst: Addr,
  path: 'forward' | 'return',
  suggested: string | undefined,
): void {
  explain(w, {
    code: 'NO_ROUTE_TO_DESTINATION',
    component: rt.ref,
    path,
    detail: `${label(rt.ref)} has no route for ${addrText(dst)}${path === 'return' ? ' (the return path)' : ''}`,
    fix: `add a route ${cidrToString(dst.cidr)} -> ${suggested ?? 'the gateway or peering that leads there'} to ${label(rt.ref)}`,
  });
  if (path === 'forward') w.stopped = true;
}

function deliverInVpc(w: Walk, from: Eni, vpc: Vpc, pkt: Packet, via: Via): void {
  let dst = pkt.dstEni && pkt.dstEni.subnet.vpc === vpc ? pkt.dstEni : undefined;
  if (!dst && pkt.dst.exact) {
    dst = vpc.enisByIp.get(addrIp(pkt.dst));
  }
  if (!dst) {
    explain(w, {
      code: 'NO_POSSIBLE_DESTINATION',
      component: vpc.ref,
      path: 'forward',
      detail: `no known interface in ${label(vpc.ref)} has ${addrText(pkt.dst)}`,
    });
    w.stopped = true;
    return;
  }
  const leg: Leg = { from, to: dst, src: pkt.src, dst: pkt.dst, via, replyPorts: pkt.replyPorts };
  w.legs.push(leg);
  arrive(w, dst, { ...pkt, dstEni: dst }, leg, true);
}

/** The packet reaches an ENI: the subnet's inbound ACL (when it crossed the boundary), then its groups. */
function arrive(w: Walk, eni: Eni, pkt: Packet, leg: Leg, crossed: boolean): void {
  badState(w, eni);
  if (crossed)
    checkNacl(
      w,
      w.forward,
      eni.subnet,
      'inbound',
      pkt.src,
      pkt.flow,
      'forward',
      blockFor(pkt.src, pkt.identity),
    );
  checkSg(w, eni, 'ingress', pkt.src, pkt.identity, pkt.flow, blockFor(pkt.src, pkt.identity));
  if (leg.to === eni && (!w.finalDst || w.finalDst === eni)) {
    w.forward.push(perEni(w, eni, (e) => eniHop(e, `destination ${addrNote(e)}`)));
    w.arrived = true;
  }
}

/** Observed data without the VPC's route tables: no definite answer about routes or gateways. */
function routesUnknown(w: Walk, rt: RouteTable, vpc: Vpc): void {
  explain(w, {
    code: 'UNKNOWN_RESOURCE',
    component: rt.ref,
    path: 'forward',
    detail: `the route tables of ${label(vpc.ref)} are not in the snapshot, so its routes and internet gateways are unknown`,
    fix: `collect the route tables (and internet gateways) of ${label(vpc.ref)}`,
  });
  const note = `routes of ${vpc.id} unknown (no route table in the snapshot): not a definite answer`;
  if (!w.notes.includes(note)) w.notes.push(note);
  w.stopped = true;
}

function noteInferredIgw(w: Walk, igw: Igw): void {
  const note = inferredIgwNote(igw);
  if (note && !w.notes.includes(note)) w.notes.push(note);
}

function toInternetGateway(w: Walk, from: Eni, vpc: Vpc, igwId: string, pkt: Packet, route: Route): void {
  const igw = w.m.igws.get(igwId);
  const ref = igw?.ref ?? refFor(w.m, igwId);
  if (!igw || !igw.attached || igw.vpcId !== vpc.id) {
    explain(w, {
      code: 'IGW_NOT_ATTACHED',
      component: ref,
      path: 'forward',
      detail: `${route.text}: internet gateway ${label(ref)} is not attached to ${label(vpc.ref)}`,
      fix: `attach ${label(ref)} to ${label(vpc.ref)}`,
    });
    w.stopped = true;
    return;
  }
  if (pkt.dst.exact && (isRfc1918(pkt.dst.cidr) || cidrContains(CGNAT, pkt.dst.cidr))) {
    explain(w, {
      code: 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS',
      component: ref,
      path: 'forward',
      detail: `an internet gateway does not carry traffic to private address ${addrText(pkt.dst)}`,
    });
    w.stopped = true;
    return;
  }
  // The IGW translates the private address 1:1 to the ENI's public IPv4; without one it drops.
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
  if (pkt.dst.cidr.version === 4 && !from.hasPublicIp) {
    explain(w, {
      code: 'NO_PUBLIC_IP',
      component: from.owner,
      path: 'forward',
      detail: `${eniLabel(from)} has no public IPv4 address or Elastic IP, so ${label(ref)} drops its traffic (RA: IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS)`,
      fix: `associate an Elastic IP with ${eniLabel(from)}, or route ${label(from.subnet.ref)} through a NAT gateway`,
    });
  }
  noteInferredIgw(w, igw);
  w.forward.push({
    component: ref,
    kind: 'igw',
    direction: 'outbound',
    matched: `translates to ${from.publicIp ?? 'its public IP'}`,
  });
  const publicSrc = publicAddr(from);
  const leg: Leg = {
    from,
    to: 'internet',
    src: pkt.src,
    dst: pkt.dst,
    via: { kind: 'igw', ref, id: igwId },
    replyPorts: pkt.replyPorts,
  };
  w.legs.push(leg);
  // A destination that is another ENI's public address re-enters AWS through that VPC's gateway.
  const target = pkt.dstEni ?? (pkt.dst.exact ? w.m.enisByPublicIp.get(addrText(pkt.dst)) : undefined);
  if (target && target.hasPublicIp) {
    w.forward.push({ component: INTERNET, kind: 'internet' });
    fromInternet(w, target, { ...pkt, src: publicSrc, identity: undefined, dstEni: target });
    return;
  }
  w.forward.push({ component: INTERNET, kind: 'internet', matched: addrText(pkt.dst) });
  w.arrived = true;
}

/** Traffic from the internet to an ENI's public address: the VPC's gateway, then the subnet. */
function fromInternet(w: Walk, eni: Eni, pkt: Packet): void {
  const vpc = eni.subnet.vpc;
  const igw = vpc.igws.find((g) => g.attached);
  if (
    pkt.src.exact &&
    pkt.src.cidr.version === 4 &&
    (isRfc1918(pkt.src.cidr) || cidrContains(CGNAT, pkt.src.cidr))
  ) {
    explain(w, {
      code: 'IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS',
      component: igw?.ref ?? vpc.ref,
      path: 'forward',
      detail: `${addrText(pkt.src)} is a private address: it cannot arrive from the internet`,
    });
    w.stopped = true;
    return;
  }
  if (!igw && eni.subnet.routeTable.unknown) {
    routesUnknown(w, eni.subnet.routeTable, vpc);
    return;
  }
  if (!igw) {
    // A gateway the subnet routes to but that is not attached (or attached elsewhere) is the one to name.
    const routed = lookupRoute(w.m, eni.subnet.routeTable, pkt.src);
    const detached =
      vpc.igws[0] ?? (routed?.target.kind === 'igw' ? w.m.igws.get(routed.target.id) : undefined);
    explain(
      w,
      perEni(w, eni, (e) => ({
        code: 'IGW_NOT_ATTACHED',
        component: detached?.ref ?? vpc.ref,
        path: 'forward',
        detail: `${label(vpc.ref)} has no attached internet gateway, so nothing from the internet reaches ${eniLabel(e)}`,
        fix: `create and attach an internet gateway to ${label(vpc.ref)} and route ${label(e.subnet.ref)} to it`,
      })),
    );
    w.stopped = true;
    return;
  }
  noteInferredIgw(w, igw);
  w.forward.push(
    perEni(w, eni, (e) => ({
      component: igw.ref,
      kind: 'igw',
      direction: 'inbound',
      matched: `to ${e.publicIp ?? 'the public IP'} of ${eniLabel(e)}`,
    })),
  );
  if (pkt.src.cidr.version === 4 && !eni.hasPublicIp) {
    const lb = eni.role === 'load-balancer';
    explain(
      w,
      perEni(w, eni, (e) => ({
        code: 'NO_PUBLIC_IP',
        component: e.owner,
        path: 'forward',
        detail: lb
          ? `${eniLabel(e)} is an internal load balancer: it has no public address (RA: IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS)`
          : `${eniLabel(e)} has no public IPv4 address or Elastic IP, so the internet cannot address it (RA: IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS)`,
        fix: lb
          ? `use an internet-facing load balancer in public subnets`
          : `associate an Elastic IP with ${eniLabel(e)} (in a subnet that routes to ${label(igw.ref)}), or put it behind an internet-facing load balancer`,
      })),
    );
  }
  const leg: Leg = {
    from: 'internet',
    to: eni,
    src: pkt.src,
    dst: eni.addr,
    via: { kind: 'igw', ref: igw.ref, id: igw.id },
    replyPorts: pkt.replyPorts,
  };
  w.legs.push(leg);
  w.finalDst = w.finalDst ?? eni;
  arrive(w, eni, { ...pkt, dstEni: eni, identity: undefined }, leg, true);
}

function viaNatGateway(w: Walk, from: Eni, vpc: Vpc, natId: string, pkt: Packet): void {
  const nat = w.m.nats.get(natId);
  if (!nat) {
    unsupported(w, refFor(w.m, natId), `NAT gateway ${natId} is not in the snapshot`);
    return;
  }
  if (nat.badState) {
    explain(w, {
      code: 'BAD_STATE',
      component: nat.ref,
      path: 'forward',
      detail: `${label(nat.ref)}: ${nat.badState}`,
    });
  }
  // NAT gateways carry TCP, UDP and ICMP, and only traffic that starts inside their VPC.
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html
  if (pkt.flow.protocol === 'all') {
    explain(w, {
      code: 'PROTOCOL_RESTRICTION',
      component: nat.ref,
      path: 'forward',
      detail: `${label(nat.ref)} only translates TCP, UDP and ICMP`,
    });
  }
  if (!inVpc(vpc, pkt.src)) {
    explain(w, {
      code: 'NGW_REQUIRES_SOURCE_IN_VPC',
      component: nat.ref,
      path: 'forward',
      detail: `${label(nat.ref)} cannot translate traffic from ${addrText(pkt.src)}, which did not start in ${label(vpc.ref)} (peering, VPN and Direct Connect traffic cannot use it)`,
    });
    w.stopped = true;
    return;
  }
  const natEni = nat.eni;
  const same = natEni.subnet === from.subnet;
  const leg: Leg = {
    from,
    to: natEni,
    src: pkt.src,
    dst: pkt.dst,
    via: same ? { kind: 'same-subnet' } : { kind: 'local' },
    replyPorts: pkt.replyPorts,
  };
  w.legs.push(leg);
  if (!same)
    checkNacl(
      w,
      w.forward,
      natEni.subnet,
      'inbound',
      pkt.src,
      pkt.flow,
      'forward',
      blockFor(pkt.src, pkt.identity),
    );
  w.forward.push({
    component: nat.ref,
    kind: 'nat-gateway',
    matched: `translates the source to ${addrNote(natEni)}; source ports 1024-65535`,
  });
  // Out of the NAT gateway's own subnet: its route table must lead to an internet gateway (public NAT).
  const rt = natEni.subnet.routeTable;
  const route = lookupRoute(w.m, rt, pkt.dst);
  if (route && route.target.kind === 'nat' && route.target.id === natId) {
    explain(w, {
      code: 'NO_ROUTE_TO_DESTINATION',
      component: rt.ref,
      path: 'forward',
      detail: `${label(rt.ref)}, the route table of ${label(natEni.subnet.ref)} where ${label(nat.ref)} sits, sends ${addrText(pkt.dst)} back to the NAT gateway itself instead of an internet gateway: the NAT gateway is in a private subnet`,
      fix: `recreate ${label(nat.ref)} in a public subnet (one whose route table has 0.0.0.0/0 -> an internet gateway), or associate ${label(natEni.subnet.ref)} with a route table that routes ${cidrToString(pkt.dst.cidr)} to the internet gateway`,
    });
    w.forward.push({
      component: rt.ref,
      kind: 'route-table',
      matched: `${route.text} (loops back to the NAT gateway)`,
    });
    w.stopped = true;
    return;
  }
  const natPkt: Packet = {
    src: natEni.addr,
    dst: pkt.dst,
    identity: natEni,
    dstEni: pkt.dstEni,
    flow: pkt.flow,
    replyPorts: EPHEMERAL_PORT_RANGES.natGateway,
  };
  if (route && route.target.kind === 'igw' && !nat.public) {
    explain(w, {
      code: 'NO_PUBLIC_IP',
      component: nat.ref,
      path: 'forward',
      detail: `${label(nat.ref)} is a private NAT gateway: the internet gateway drops its traffic`,
      fix: `use a public NAT gateway with an Elastic IP`,
    });
  }
  send(w, natEni, natPkt, true);
}

function viaMiddlebox(w: Walk, from: Eni, kind: 'instance' | 'eni', id: string, pkt: Packet): void {
  const candidates =
    kind === 'instance' ? (w.m.enisByOwner.get(id) ?? []) : w.m.enis.filter((e) => e.id === id);
  const box = candidates[0];
  if (!box) {
    unsupported(w, refFor(w.m, id), `route target ${id} is not in the snapshot`);
    return;
  }
  const same = box.subnet === from.subnet;
  const leg: Leg = {
    from,
    to: box,
    src: pkt.src,
    dst: pkt.dst,
    via: same ? { kind: 'same-subnet' } : { kind: 'local' },
    replyPorts: pkt.replyPorts,
  };
  w.legs.push(leg);
  badState(w, box);
  if (!same)
    checkNacl(
      w,
      w.forward,
      box.subnet,
      'inbound',
      pkt.src,
      pkt.flow,
      'forward',
      blockFor(pkt.src, pkt.identity),
    );
  // The NAT instance's own security group applies to the traffic it receives and sends.
  // https://docs.aws.amazon.com/vpc/latest/userguide/work-with-nat-instances.html
  checkSg(w, box, 'ingress', pkt.src, pkt.identity, pkt.flow, blockFor(pkt.src, pkt.identity));
  if (box.sourceDestCheck) {
    explain(w, {
      code: 'ENI_SOURCE_DEST_CHECK_RESTRICTION',
      component: box.owner,
      path: 'forward',
      detail: `${eniLabel(box)} has source/destination check enabled, so it drops traffic it is not the destination of`,
      fix: `disable source/destination check on ${eniLabel(box)} (SourceDestCheck: false)`,
    });
  }
  w.forward.push({
    component: box.owner,
    kind: 'nat-instance',
    matched: `forwards for ${addrText(pkt.src)}`,
  });
  // A NAT instance masquerades traffic it sends to the internet; a router keeps the source.
  const next = lookupRoute(w.m, box.subnet.routeTable, pkt.dst);
  const masquerade = next?.target.kind === 'igw';
  send(w, box, masquerade ? { ...pkt, src: box.addr, identity: box } : { ...pkt, identity: undefined }, true);
}

function viaPeering(w: Walk, from: Eni, vpc: Vpc, pcxId: string, pkt: Packet, rt: RouteTable): void {
  const pcx = w.m.peerings.get(pcxId);
  const ref = pcx?.ref ?? refFor(w.m, pcxId);
  if (!pcx) {
    unsupported(w, ref, `peering connection ${pcxId} is not in the snapshot`);
    return;
  }
  if (!pcx.active) {
    explain(w, {
      code: 'BAD_STATE',
      component: ref,
      path: 'forward',
      detail: `${label(ref)} is ${pcx.status ?? 'not active'}`,
      fix: `accept ${label(ref)}`,
    });
  }
  const peerId = pcx.vpcA === vpc.id ? pcx.vpcB : pcx.vpcB === vpc.id ? pcx.vpcA : undefined;
  const peer = peerId ? w.m.vpcs.get(peerId) : undefined;
  if (!peerId) {
    explain(w, {
      code: 'NO_ROUTE_TO_DESTINATION',
      component: rt.ref,
      path: 'forward',
      detail: `${label(rt.ref)} routes to ${label(ref)}, which does not connect ${label(vpc.ref)}`,
    });
    w.stopped = true;
    return;
  }
  if (!peer) {
    explain(w, {
      code: 'UNKNOWN_RESOURCE',
      component: ref,
      path: 'forward',
      detail: `the peer VPC ${peerId} of ${label(ref)} is not in the snapshot`,
    });
    w.stopped = true;
    return;
  }
  // Peering is not transitive: only addresses of the two VPCs travel over it.
  // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
  if (!inVpc(peer, pkt.dst) || !inVpc(vpc, pkt.src)) {
    explain(w, {
      code: 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR',
      component: ref,
      path: 'forward',
      detail: `${label(ref)} carries only traffic between ${label(vpc.ref)} and ${label(peer.ref)}; ${addrText(pkt.src)} -> ${addrText(pkt.dst)} is not (peering is not transitive)`,
    });
    w.stopped = true;
    return;
  }
  w.forward.push({ component: ref, kind: 'vpc-peering', matched: `${label(vpc.ref)} -> ${label(peer.ref)}` });
  // Security group references across a peering work in the same region only.
  const identity = pcx.crossRegion ? undefined : pkt.identity;
  deliverInVpc(w, from, peer, { ...pkt, identity }, { kind: 'pcx', ref, id: pcxId });
}

function viaTransitGateway(w: Walk, from: Eni, vpc: Vpc, tgwId: string, pkt: Packet): void {
  const tgwRef = refFor(w.m, tgwId);
  const att = [...w.m.tgwAttachments.values()].find((a) => a.tgwId === tgwId && a.vpcId === vpc.id);
  if (!att) {
    explain(w, {
      code: 'NO_ROUTE_TO_DESTINATION',
      component: tgwRef,
      path: 'forward',
      detail: `${label(vpc.ref)} has no attachment to ${label(tgwRef)}`,
      fix: `attach ${label(vpc.ref)} to ${label(tgwRef)}`,
    });
    w.stopped = true;
    return;
  }
  // A VPC attachment serves only the AZs where it has a subnet.
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
  const azs = att.subnetIds.map((s) => w.m.subnets.get(s)?.az);
  if (from.subnet.az && azs.length > 0 && !azs.includes(from.subnet.az)) {
    explain(w, {
      code: 'TGW_ROUTE_AZ_RESTRICTION',
      component: att.ref,
      path: 'forward',
      detail: `${label(att.ref)} has no subnet in ${from.subnet.az}, where ${eniLabel(from)} is`,
      fix: `add a subnet in ${from.subnet.az} to ${label(att.ref)}`,
    });
  }
  const trt = att.routeTableId ? w.m.tgwRouteTables.get(att.routeTableId) : undefined;
  if (!trt) {
    explain(w, {
      code: 'TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION',
      component: att.ref,
      path: 'forward',
      detail: `${label(att.ref)} is not associated with a transit gateway route table`,
      fix: `associate ${label(att.ref)} with a route table of ${label(tgwRef)}`,
    });
    w.stopped = true;
    return;
  }
  const tr = trt.routes.find((r) => cidrContains(r.cidr, pkt.dst.cidr));
  if (!tr || tr.blackhole || !tr.attachmentId) {
    explain(w, {
      code: tr?.blackhole ? 'TGW_RTB_BAD_STATE_ROUTE' : 'TGW_RTB_CANNOT_ROUTE',
      component: trt.ref,
      path: 'forward',
      detail: tr?.blackhole
        ? `${label(trt.ref)} has a blackhole route ${cidrToString(tr.cidr)}`
        : `${label(trt.ref)} has no route for ${addrText(pkt.dst)}`,
      fix: `add a route ${cidrToString(pkt.dst.cidr)} -> the destination VPC's attachment to ${label(trt.ref)} (or propagate it)`,
    });
    w.stopped = true;
    return;
  }
  w.forward.push({
    component: tgwRef,
    kind: 'transit-gateway',
    matched: `${label(trt.ref)}: ${cidrToString(tr.cidr)} -> ${tr.attachmentId}${tr.propagated ? ' (propagated)' : ''}`,
  });
  const dstAtt = w.m.tgwAttachments.get(tr.attachmentId);
  const dstVpc = dstAtt ? w.m.vpcs.get(dstAtt.vpcId) : undefined;
  if (!dstAtt || !dstVpc) {
    explain(w, {
      code: 'UNKNOWN_RESOURCE',
      component: trt.ref,
      path: 'forward',
      detail: `attachment ${tr.attachmentId} leads outside the snapshot`,
    });
    w.stopped = true;
    return;
  }
  // Return leg inside the TGW: the destination attachment's table must route back.
  const backRt = dstAtt.routeTableId ? w.m.tgwRouteTables.get(dstAtt.routeTableId) : undefined;
  const back = backRt?.routes.find((r) => cidrContains(r.cidr, pkt.src.cidr));
  if (!backRt || !back || back.blackhole || back.attachmentId !== att.id) {
    explain(w, {
      code: 'TGW_RTB_CANNOT_ROUTE',
      component: backRt?.ref ?? dstAtt.ref,
      path: 'return',
      detail: `the transit gateway route table of ${label(dstAtt.ref)} has no route back to ${addrText(pkt.src)} through ${label(att.ref)}`,
      fix: `add or propagate a route ${cidrToString(pkt.src.cidr)} -> ${label(att.ref)}`,
    });
  }
  // SG referencing across a transit gateway is off by default.
  deliverInVpc(w, from, dstVpc, { ...pkt, identity: undefined }, { kind: 'tgw', ref: tgwRef, id: tgwId });
}

/**
 * To an S3 or DynamoDB gateway endpoint: the source's route table must hold the endpoint's
 * prefix-list route (tables listed in the endpoint's RouteTableIds get it); the service's
 * addresses are public, so groups and ACLs see an outside address (or the prefix list).
 * Gateway endpoints carry TCP and ICMP echo only and serve their own VPC only.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 */
function toGatewayEndpoint(w: Walk, from: Eni, ep: GatewayEndpoint, flow: Flow, replyPorts: PortRange): void {
  const service: Addr = { cidr: ANY_IPV4, exact: false };
  if (flow.protocol !== 'tcp' && flow.protocol !== 'icmp') {
    explain(w, {
      code: 'VPCE_GATEWAY_PROTOCOL_RESTRICTION',
      component: ep.ref,
      path: 'forward',
      detail: `${label(ep.ref)} carries only TCP and ICMP echo`,
    });
  }
  // The SG egress rule may name the service's prefix list (AWS-managed lists are not in the snapshot).
  const plRule = from.sgs
    .flatMap((sg) => sg.egress.map((rule) => ({ sg, rule })))
    .find(
      ({ rule }) =>
        rule.peer.kind === 'pl' &&
        (rule.peer.id === ep.prefixListId || !w.m.prefixLists.has(rule.peer.id)) &&
        coveredPorts(rule.traffic, flow) !== undefined,
    );
  if (plRule) {
    w.forward.push({
      component: plRule.sg.ref,
      kind: 'security-group',
      direction: 'outbound',
      matched: plRule.rule.text,
    });
  } else {
    checkSg(w, from, 'egress', service, undefined, flow, ANY_IPV4);
  }
  checkNacl(w, w.forward, from.subnet, 'outbound', service, flow, 'forward', ANY_IPV4);
  const rt = from.subnet.routeTable;
  if (from.subnet.vpc.id !== ep.vpcId || !ep.routeTableIds.includes(rt.id)) {
    explain(w, {
      code: 'NO_ROUTE_TO_DESTINATION',
      component: rt.ref,
      path: 'forward',
      detail:
        from.subnet.vpc.id !== ep.vpcId
          ? `${label(ep.ref)} serves only its own VPC; ${eniLabel(from)} is in ${label(from.subnet.vpc.ref)}`
          : `${label(rt.ref)} is not one of the route tables of ${label(ep.ref)}, so it has no route to the ${ep.service} prefix list`,
      fix:
        from.subnet.vpc.id !== ep.vpcId
          ? `create a gateway endpoint for ${ep.service} in ${label(from.subnet.vpc.ref)}`
          : `add ${label(rt.ref)} to the RouteTableIds of ${label(ep.ref)}`,
    });
    w.stopped = true;
    return;
  }
  const via: Via = { kind: 'vpce', ref: ep.ref, id: ep.id };
  w.forward.push({
    component: rt.ref,
    kind: 'route-table',
    matched: `route ${ep.prefixListId ?? `${ep.service} prefix list`} -> ${ep.id}`,
  });
  w.forward.push({
    component: ep.ref,
    kind: 'gateway-endpoint',
    matched: `${ep.service}${ep.hasPolicy ? ' (the endpoint policy still applies to requests)' : ''}`,
  });
  w.legs.push({ from, to: 'internet', src: from.addr, dst: service, via, replyPorts });
  w.arrived = true;
}

/**
 * A load balancer answers only on its listeners' ports. Targets are not walked: the answer is
 * about reaching the listener (what a client sees).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
 */
function checkListener(w: Walk, node: Eni, flow: Flow, withTargets: boolean): void {
  const lb = w.m.loadBalancers.get(node.ownerId);
  if (!lb || lb.listeners.length === 0 || flow.protocol === 'icmp' || flow.protocol === 'all') return;
  const port = flow.ports.from;
  const listener = lb.listeners.find((l) => {
    const p = l.protocol.toUpperCase();
    const udp = p === 'UDP' || p === 'TCP_UDP';
    return l.port === port && (flow.protocol === 'udp' ? udp : p !== 'UDP');
  });
  if (!listener) {
    explain(w, {
      code: 'ELBV2_LISTENERS_MISMATCH',
      component: lb.ref,
      path: 'forward',
      detail: `${label(lb.ref)} has no ${flow.protocol} listener on port ${port} (listeners: ${lb.listeners.map((l) => `${l.protocol}:${l.port}`).join(', ')})`,
      fix: `add a listener on port ${port} to ${label(lb.ref)}`,
    });
    return;
  }
  const tgs = listener.targetGroups.map((t) => t.ref.name ?? t.ref.id);
  w.forward.push({
    component: listener.ref,
    kind: 'listener',
    matched: `${listener.protocol}:${listener.port}${tgs.length > 0 ? ` -> ${tgs.join(', ')}` : ''}`,
  });
  if (withTargets) checkTargets(w, node, lb.type, listener.targetGroups);
}

/**
 * An ALB opens its own connection to a target, from its node's private address with its own
 * security groups (targets should admit the ALB's group). The leg is walked like any other; the
 * answer is reachable when one registered target is. NLB targets see the client address (client
 * IP preservation) and are not walked.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html#target-security-groups
 */
function checkTargets(w: Walk, node: Eni, type: string, groups: TargetGroup[]): void {
  const targets = groups.flatMap((tg) => tg.targets.map((t) => ({ tg, t })));
  if (groups.length > 0 && targets.length === 0) {
    w.notes.push(`${groups.map((g) => label(g.ref)).join(', ')}: no registered targets in the snapshot`);
    return;
  }
  if (type !== 'application') {
    if (targets.length > 0)
      w.notes.push('targets of a network load balancer see the client address; that leg is not walked');
    return;
  }
  let first: { answer: ReachAnswer; tg: TargetGroup } | undefined;
  for (const { tg, t } of targets.slice(0, 8)) {
    const port = t.port ?? tg.port;
    if (port === undefined) continue;
    for (const eni of (w.m.enisByOwner.get(t.id) ?? []).slice(0, 2)) {
      const q: ReachQuery = {
        from: { kind: 'resource', id: node.ownerId },
        to: { kind: 'resource', id: eni.ownerId },
        protocol: 'tcp',
        port,
      };
      const answer = walkOnce(w.m, { kind: 'eni', eni: node }, { kind: 'eni', eni }, q, { targets: false });
      if (answer.reachable) {
        w.forward.push({
          component: tg.ref,
          kind: 'target-group',
          matched: `to ${eniLabel(eni)} on port ${port}`,
        });
        w.forward.push(...answer.forward.slice(1));
        return;
      }
      first = first ?? { answer, tg };
    }
  }
  if (!first) return;
  w.forward.push({
    component: first.tg.ref,
    kind: 'target-group',
    matched: 'no registered target is reachable from the load balancer',
  });
  for (const e of first.answer.explanations)
    explain(w, { ...e, detail: `load balancer to target: ${e.detail}` });
}

// ---------------------------------------------------------------------------------------------
// Return path

function expectedBack(via: Via, route: Route | undefined): boolean {
  if (!route || route.blackhole) return false;
  switch (via.kind) {
    case 'local':
      return route.target.kind === 'local';
    case 'igw':
    case 'pcx':
    case 'tgw':
    case 'eigw':
    case 'vpce':
      return route.target.kind !== 'local' && route.target.id === via.id;
    default:
      return true;
  }
}

const VIA_KIND: Record<string, string> = {
  igw: 'igw',
  pcx: 'vpc-peering',
  tgw: 'transit-gateway',
  eigw: 'egress-only-igw',
  vpce: 'gateway-endpoint',
};

function checkReturn(w: Walk, flow: Flow): Hop[] {
  const hops: Hop[] = [];
  for (let i = w.legs.length - 1; i >= 0; i--) {
    const leg = w.legs[i] as Leg;
    const rf = replyFlow(flow, leg.replyPorts);
    if (i === w.legs.length - 1) {
      hops.push(
        leg.via.kind === 'vpce'
          ? { component: leg.via.ref, kind: 'gateway-endpoint', matched: 'reply from the service' }
          : leg.to === 'internet'
            ? { component: INTERNET, kind: 'internet', matched: `reply from ${addrText(leg.dst)}` }
            : perEni(w, leg.to, (e) => eniHop(e, 'reply (security groups are stateful: no rule needed)')),
      );
    }
    if (leg.via.kind === 'same-subnet') continue;
    if (leg.to !== 'internet') {
      const b = leg.to;
      // The reply goes to the leg's source address as the destination sees it.
      checkNacl(
        w,
        hops,
        b.subnet,
        'outbound',
        leg.src,
        rf,
        'return',
        blockFor(leg.src, leg.from === 'internet' ? undefined : leg.from),
      );
      const rt = b.subnet.routeTable;
      const route = lookupRoute(w.m, rt, leg.src);
      if (expectedBack(leg.via, route)) {
        hops.push({ component: rt.ref, kind: 'route-table', matched: (route as Route).text });
      } else {
        const through = 'ref' in leg.via ? leg.via.id : 'local';
        const block =
          leg.from !== 'internet' && leg.from.subnet.vpc.cidrs[0] && leg.via.kind !== 'igw'
            ? (leg.from.subnet.vpc.cidrs.find((c) => cidrContains(c, leg.src.cidr)) ?? leg.src.cidr)
            : leg.src.cidr;
        explain(w, {
          code: 'NO_ROUTE_TO_DESTINATION',
          component: rt.ref,
          path: 'return',
          detail: route
            ? `${label(rt.ref)} sends the reply to ${addrText(leg.src)} via ${route.text}${route.blackhole ? '' : `, not back through ${through}`} (the return path)`
            : `${label(rt.ref)} has no route back to ${addrText(leg.src)} (return path to ${cidrToString(block)})`,
          fix: `add a route ${cidrToString(block)} -> ${through} to ${label(rt.ref)}`,
        });
        hops.push({
          component: rt.ref,
          kind: 'route-table',
          matched: `no route back to ${cidrToString(block)}`,
        });
      }
    }
    if ('ref' in leg.via && leg.via.kind !== 'vpce')
      hops.push({ component: leg.via.ref, kind: VIA_KIND[leg.via.kind] ?? leg.via.kind });
    if (leg.from === 'internet') {
      hops.push({ component: INTERNET, kind: 'internet' });
    } else {
      checkNacl(w, hops, leg.from.subnet, 'inbound', leg.dst, rf, 'return', leg.dst.cidr);
      hops.push(
        eniHop(
          leg.from,
          leg.from.role === 'nat-gateway'
            ? 'NAT gateway translates the reply back'
            : `reply to ${addrText(leg.src)} on ${portRangeToString(leg.replyPorts)}`,
        ),
      );
    }
  }
  return hops;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** A resolved endpoint: one of the resource's interfaces, or an outside address. */
export type Place =
  | { kind: 'eni'; eni: Eni; viaPublic?: boolean }
  | { kind: 'outside'; addr: Addr }
  | { kind: 'service'; endpoint: GatewayEndpoint };

function flowOf(q: ReachQuery): Flow {
  if (q.protocol === 'icmp')
    return { protocol: 'icmp', ports: ALL_PORTS, icmpType: q.icmpType ?? 8, icmpCode: q.icmpCode ?? 0 };
  if (q.protocol === 'all') return { protocol: 'all', ports: ALL_PORTS };
  const p = q.port ?? 0;
  return { protocol: q.protocol, ports: q.port === undefined ? ALL_PORTS : { from: p, to: p } };
}

/** Runs one attempt between two resolved places. */
export function walkOnce(
  m: NetworkModel,
  src: Place,
  dst: Place,
  q: ReachQuery,
  opts: { targets?: boolean; rebuilders?: Rebuilders } = {},
): ReachAnswer {
  const w: Walk = { m, forward: [], explanations: [], legs: [], notes: [], arrived: false, stopped: false };
  if (opts.rebuilders) w.rebuilders = opts.rebuilders;
  const flow = flowOf(q);
  if (src.kind === 'service') {
    explain(w, {
      code: 'NO_PATH',
      component: src.endpoint.ref,
      path: 'forward',
      detail: `${label(src.endpoint.ref)} is a gateway endpoint: it does not initiate connections`,
    });
  } else if (src.kind === 'outside') {
    w.forward.push({ component: INTERNET, kind: 'internet', matched: `source ${addrText(src.addr)}` });
    if (dst.kind !== 'eni') {
      explain(w, {
        code: 'NO_PATH',
        component: dst.kind === 'service' ? dst.endpoint.ref : INTERNET,
        path: 'forward',
        detail:
          dst.kind === 'service'
            ? `${label(dst.endpoint.ref)} is a gateway endpoint: only its own VPC's route tables reach it`
            : 'both ends are outside every VPC of the snapshot',
      });
    } else {
      w.finalDst = dst.eni;
      fromInternet(w, dst.eni, {
        src: src.addr,
        dst: src.addr.cidr.version === 6 ? { cidr: ANY_IPV6, exact: false } : dst.eni.addr,
        flow,
        dstEni: dst.eni,
        replyPorts: ephemeralFor(m, 'internet'),
      });
    }
  } else {
    const from = src.eni;
    w.forward.push(eniHop(from, `source ${addrNote(from)}`));
    badState(w, from);
    let dstAddr: Addr = from.addr;
    let dstEni: Eni | undefined;
    if (dst.kind === 'service') {
      toGatewayEndpoint(w, from, dst.endpoint, flow, ephemeralFor(m, from));
    } else if (dst.kind === 'outside') {
      dstAddr = dst.addr;
    } else {
      dstEni = dst.eni;
      w.finalDst = dstEni;
      dstAddr = dstEni.addr;
      // Another VPC with no private path: the client would use the public address.
      if (dst.viaPublic || choosePublic(m, from, dstEni)) dstAddr = publicAddr(dstEni);
    }
    if (dst.kind !== 'service') {
      send(
        w,
        from,
        { src: from.addr, dst: dstAddr, identity: from, dstEni, flow, replyPorts: ephemeralFor(m, from) },
        false,
      );
    }
  }
  if (w.arrived && w.finalDst?.role === 'load-balancer')
    checkListener(w, w.finalDst, flow, opts.targets ?? true);
  const reachedAll = w.arrived && !w.stopped;
  const ret = reachedAll || w.legs.length > 0 ? checkReturn(w, flow) : [];
  return {
    schemaVersion: 1,
    reachable: reachedAll && w.explanations.length === 0,
    forward: w.forward,
    return: ret,
    explanations: w.explanations,
    notes: w.notes,
  };
}

function publicAddr(eni: Eni): Addr {
  const p = eni.publicIp ? parseIp(eni.publicIp) : undefined;
  return p?.ok ? { cidr: hostCidr(p.value), exact: true } : { cidr: ANY_IPV4, exact: false };
}

function choosePublic(m: NetworkModel, from: Eni, dst: Eni): boolean {
  if (from.subnet.vpc === dst.subnet.vpc || !dst.hasPublicIp) return false;
  const route = lookupRoute(m, from.subnet.routeTable, dst.addr);
  return (
    !route || route.target.kind === 'igw' || route.target.kind === 'nat' || route.target.kind === 'instance'
  );
}
