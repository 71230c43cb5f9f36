import {
  ALL_PORTS,
  ANY_IPV4,
  ANY_IPV6,
  intersectPortRanges,
  normalizePortRanges,
  type PortRange,
  subtractPortRanges,
} from '../model/index.js';
import type { Eni, Nacl, NetworkModel, Sg, Subnet } from './build.js';
import { type Rebuilders, walkOnce } from './reach.js';
import { type Addr, naclAllowedPorts, type SgRule } from './rules.js';
import type { Explanation, Exposure, ExposureAnswer, Hop, ReachQuery, ShieldedRule } from './types.js';

/*
 * The internet's view: for every interface with a security group rule open to 0.0.0.0/0 or ::/0
 * (and every load balancer without groups), the protocol and port ranges that actually get in
 * once the subnet's network ACL, the public address, the internet gateway and the route back are
 * taken into account. Port sets are computed with range arithmetic (one pass per interface and
 * protocol, not one query per port); each resulting range is then walked once for its path.
 *
 * The work that does not depend on the interface is shared across the sweep: the port sets of a
 * combination of groups and a subnet's ACL are computed once, and so is the walk of each port
 * range for a class of interfaces the internet cannot tell apart (same subnet, groups, role,
 * public address and state): one of them is walked, and for the others only the hops and
 * explanations that name the interface are remade (`Rebuilders`).
 */

type Proto = 'tcp' | 'udp';
type Family = '0.0.0.0/0' | '::/0';

interface OpenRule {
  sg: Sg;
  rule: SgRule;
}

function worldOpen(eni: Eni, version: 4 | 6): OpenRule[] {
  const out: OpenRule[] = [];
  for (const sg of eni.sgs) {
    for (const rule of sg.ingress) {
      if (rule.peer.kind === 'cidr' && rule.peer.cidr.prefix === 0 && rule.peer.cidr.version === version)
        out.push({ sg, rule });
    }
  }
  return out;
}

function portsOf(rule: SgRule, proto: Proto): PortRange | undefined {
  const t = rule.traffic;
  if (t.protocol === 'all') return ALL_PORTS;
  if (t.protocol === proto && 'ports' in t) return t.ports;
  return undefined;
}

function listenerPorts(m: NetworkModel, eni: Eni, proto: Proto): PortRange[] | undefined {
  if (eni.role !== 'load-balancer') return undefined;
  const lb = m.loadBalancers.get(eni.ownerId);
  if (!lb) return undefined;
  const out: PortRange[] = [];
  for (const l of lb.listeners) {
    const p = l.protocol.toUpperCase();
    const isUdp = p === 'UDP' || p === 'TCP_UDP';
    const isTcp = p !== 'UDP';
    if ((proto === 'udp' && isUdp) || (proto === 'tcp' && isTcp)) out.push({ from: l.port, to: l.port });
  }
  return normalizePortRanges(out);
}

function intersectAll(a: PortRange[], b: PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const i = intersectPortRanges(x, y);
      if (i) out.push(i);
    }
  }
  return normalizePortRanges(out);
}

/** The world-open rules and port sets of one interface shape, computed once per sweep. */
interface Shape {
  open: OpenRule[];
  /** Per protocol: the SG ranges the NACL passes, then those it blocks (empty when none are open). */
  ranges: Record<Proto, { passing: PortRange[]; blocked: PortRange[] }>;
  /** A world-open rule admits ICMP. */
  icmp: boolean;
}

const GENERIC: Record<4 | 6, Addr> = {
  4: { cidr: ANY_IPV4, exact: false },
  6: { cidr: ANY_IPV6, exact: false },
};

function shapeOf(m: NetworkModel, eni: Eni, version: 4 | 6, nacl: Nacl): Shape {
  const generic = GENERIC[version];
  const open = worldOpen(eni, version);
  const noGroups = eni.sgs.length === 0;
  const ranges = {} as Shape['ranges'];
  for (const proto of ['tcp', 'udp'] as const) {
    ranges[proto] = { passing: [], blocked: [] };
    if (open.length === 0 && !noGroups) continue;
    let sgRanges = noGroups
      ? [ALL_PORTS]
      : normalizePortRanges(open.map((o) => portsOf(o.rule, proto)).filter((p): p is PortRange => !!p));
    const lp = listenerPorts(m, eni, proto);
    if (lp) sgRanges = intersectAll(sgRanges, lp);
    if (sgRanges.length === 0) continue;
    const naclIn = naclAllowedPorts(nacl.inbound, generic, { protocol: proto, ports: ALL_PORTS });
    const passing = intersectAll(sgRanges, naclIn);
    ranges[proto] = { passing, blocked: subtractPortRanges(sgRanges, passing) };
  }
  const icmp = open.some((o) => o.rule.traffic.protocol === 'icmp' || o.rule.traffic.protocol === 'all');
  return { open, ranges, icmp };
}

/**
 * Interfaces with the same groups in subnets with the same ACL have the same shape; a load
 * balancer's listeners make its shape its own. Groups are told apart by object, not by id: two
 * templates may use the same logical id for different groups.
 */
function shapeKey(eni: Eni, version: 4 | 6, sgNumbers: Map<Sg, number>): string {
  let key = `${version}|${eni.role === 'load-balancer' ? eni.ownerId : ''}|`;
  for (const sg of eni.sgs) {
    let n = sgNumbers.get(sg);
    if (n === undefined) {
      n = sgNumbers.size;
      sgNumbers.set(sg, n);
    }
    key += `${n},`;
  }
  return key;
}

/** What a sweep shares between interfaces. */
interface Shared {
  sgNumbers: Map<Sg, number>;
  subnetNumbers: Map<Subnet, number>;
  /** The walk of one class of interfaces for one family, protocol and port range. */
  walks: Map<string, Walked>;
  rebuilders: Rebuilders;
}

/** The parts of a walk the sweep reports. */
interface Walked {
  reachable: boolean;
  forward: Hop[];
  explanations: Explanation[];
  notes?: string[];
}

function numberOf<K>(map: Map<K, number>, key: K): number {
  let n = map.get(key);
  if (n === undefined) {
    n = map.size;
    map.set(key, n);
  }
  return n;
}

/**
 * The class of an interface as the internet sees it, or undefined for a load balancer (its
 * listeners and targets are its own).
 */
function classKey(eni: Eni, shared: Shared): string | undefined {
  if (eni.role === 'load-balancer') return undefined;
  let key = `${numberOf(shared.subnetNumbers, eni.subnet)}|${eni.role}|${eni.hasPublicIp}|${eni.badState ?? ''}|`;
  for (const sg of eni.sgs) key += `${numberOf(shared.sgNumbers, sg)},`;
  return key;
}

function rebuild<T extends object>(shared: Shared, o: T, eni: Eni): T {
  const make = shared.rebuilders.get(o);
  return make ? (make(eni) as T) : o;
}

export function exposureOf(m: NetworkModel): ExposureAnswer {
  const exposures: Exposure[] = [];
  const shielded: ShieldedRule[] = [];
  const seen = new Set<string>();
  const shapes = new Map<Nacl, Map<string, Shape>>();
  const sgNumbers = new Map<Sg, number>();
  const out: Out = { exposures, shielded, seen };
  const shared: Shared = { sgNumbers, subnetNumbers: new Map(), walks: new Map(), rebuilders: new WeakMap() };
  for (const eni of m.enis) {
    // NAT gateways take no inbound-initiated traffic; endpoints serve their own VPC.
    if (eni.role === 'nat-gateway' || eni.role === 'vpc-endpoint') continue;
    const families: Array<4 | 6> = eni.hasIpv6 || eni.subnet.cidrV6 ? [4, 6] : [4];
    const nacl = eni.subnet.nacl;
    let byKey = shapes.get(nacl);
    if (!byKey) {
      byKey = new Map();
      shapes.set(nacl, byKey);
    }
    for (const version of families) {
      const from: Family = version === 4 ? '0.0.0.0/0' : '::/0';
      const generic = GENERIC[version];
      const key = shapeKey(eni, version, sgNumbers);
      let shape = byKey.get(key);
      if (!shape) {
        shape = shapeOf(m, eni, version, nacl);
        byKey.set(key, shape);
      }
      const { open } = shape;
      if (open.length === 0 && eni.sgs.length > 0) continue;
      const cls = classKey(eni, shared);
      for (const proto of ['tcp', 'udp'] as const) {
        const { passing, blocked } = shape.ranges[proto];
        for (const r of passing) record(m, shared, cls, eni, generic, from, proto, r, out, open);
        for (const r of blocked) record(m, shared, cls, eni, generic, from, proto, r, out, open);
      }
      if (shape.icmp) record(m, shared, cls, eni, generic, from, 'icmp', undefined, out, open);
    }
  }
  sortExposures(exposures);
  return { schemaVersion: 1, exposures, shielded };
}

/**
 * Sorts by component name (`localeCompare` order), protocol, then first port. Names are ranked
 * once (one collator comparison per pair of distinct names rather than per pair of exposures:
 * collation dominated the sweep's time); names the collator holds equal share a rank.
 */
function sortExposures(exposures: Exposure[]): void {
  // Intl.Collator with no arguments orders exactly as String.prototype.localeCompare with none.
  // https://tc39.es/ecma402/#sup-String.prototype.localeCompare
  const compare = new Intl.Collator().compare;
  const nameOf = (e: Exposure): string => e.component.name ?? e.component.id;
  const names = [...new Set(exposures.map(nameOf))].sort(compare);
  const rank = new Map<string, number>();
  let r = 0;
  names.forEach((n, i) => {
    if (i > 0 && compare(names[i - 1] as string, n) !== 0) r = i;
    rank.set(n, r);
  });
  exposures.sort(
    (a, b) =>
      (rank.get(nameOf(a)) as number) - (rank.get(nameOf(b)) as number) ||
      compare(a.protocol, b.protocol) ||
      (a.ports?.from ?? 0) - (b.ports?.from ?? 0),
  );
}

/** Where the sweep's answers go. */
interface Out {
  exposures: Exposure[];
  shielded: ShieldedRule[];
  /** Resource, family, protocol and ports already reported. */
  seen: Set<string>;
}

function record(
  m: NetworkModel,
  shared: Shared,
  cls: string | undefined,
  eni: Eni,
  generic: Addr,
  from: Family,
  proto: Proto | 'icmp',
  range: PortRange | undefined,
  { exposures, shielded, seen }: Out,
  open: OpenRule[],
): void {
  const key = `${eni.ownerId}|${from}|${proto}|${range ? `${range.from}-${range.to}` : ''}`;
  if (seen.has(key)) return;
  const answer = walkShared(m, shared, cls, eni, generic, proto, range);
  const isAll = range && range.from === 0 && range.to === 65535;
  if (answer.reachable) {
    seen.add(key);
    exposures.push({
      component: eni.owner,
      eni: eni.id,
      ...(eni.publicIp ? { publicIp: eni.publicIp } : {}),
      from,
      protocol: proto,
      ...(range ? { ports: range } : {}),
      path: answer.forward,
      // Facts assumed rather than read (a gateway the snapshot lacks) stay visible with the verdict.
      ...(answer.notes?.length ? { notes: answer.notes } : {}),
    });
    return;
  }
  // Another interface of the same resource may still be exposed; report the block once per resource.
  const blockKey = `blocked|${key}`;
  if (seen.has(blockKey)) return;
  seen.add(blockKey);
  const rule =
    open.find((o) =>
      proto === 'icmp'
        ? o.rule.traffic.protocol !== 'tcp' && o.rule.traffic.protocol !== 'udp'
        : !!portsOf(o.rule, proto),
    ) ?? open[0];
  if (!rule) return; // a load balancer without groups: nothing claimed it was open
  shielded.push({
    component: eni.owner,
    securityGroup: rule.sg.ref,
    from,
    protocol: isAll && proto !== 'icmp' ? proto : proto,
    ...(range ? { ports: range } : {}),
    explanations: answer.explanations,
    ...(answer.notes?.length ? { notes: answer.notes } : {}),
  });
}

/** The walk from the internet to an interface, shared across its class. */
function walkShared(
  m: NetworkModel,
  shared: Shared,
  cls: string | undefined,
  eni: Eni,
  generic: Addr,
  proto: Proto | 'icmp',
  range: PortRange | undefined,
): Walked {
  const key = cls === undefined ? undefined : `${cls}${generic.cidr.version}|${proto}|${range?.from ?? ''}`;
  const known = key === undefined ? undefined : shared.walks.get(key);
  if (known) {
    return {
      reachable: known.reachable,
      forward: known.forward.map((h) => rebuild(shared, h, eni)),
      explanations: known.explanations.map((e) => rebuild(shared, e, eni)),
      ...(known.notes ? { notes: known.notes } : {}),
    };
  }
  const query: ReachQuery =
    proto === 'icmp'
      ? {
          from: { kind: 'internet' },
          to: { kind: 'resource', id: eni.ownerId },
          protocol: 'icmp',
          icmpType: 8,
          icmpCode: 0,
        }
      : {
          from: { kind: 'internet' },
          to: { kind: 'resource', id: eni.ownerId },
          protocol: proto,
          port: range?.from,
        };
  // Exposure is about what accepts connections from the internet: the load balancer's targets are not walked.
  const answer = walkOnce(m, { kind: 'outside', addr: generic }, { kind: 'eni', eni }, query, {
    targets: false,
    rebuilders: shared.rebuilders,
  });
  if (key !== undefined) shared.walks.set(key, answer);
  return answer;
}
