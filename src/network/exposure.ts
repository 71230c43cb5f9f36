import {
  ALL_PORTS,
  ANY_IPV4,
  ANY_IPV6,
  intersectPortRanges,
  normalizePortRanges,
  type PortRange,
  subtractPortRanges,
} from '../model/index.js';
import type { Eni, NetworkModel, Sg } from './build.js';
import { walkOnce } from './reach.js';
import { type Addr, naclAllowedPorts, type SgRule } from './rules.js';
import type { Exposure, ExposureAnswer, ReachQuery, ShieldedRule } from './types.js';

/*
 * The internet's view: for every interface with a security group rule open to 0.0.0.0/0 or ::/0
 * (and every load balancer without groups), the protocol and port ranges that actually get in
 * once the subnet's network ACL, the public address, the internet gateway and the route back are
 * taken into account. Port sets are computed with range arithmetic (one pass per interface and
 * protocol, not one query per port); each resulting range is then walked once for its path.
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

export function exposureOf(m: NetworkModel): ExposureAnswer {
  const exposures: Exposure[] = [];
  const shielded: ShieldedRule[] = [];
  const seen = new Set<string>();
  for (const eni of m.enis) {
    // NAT gateways take no inbound-initiated traffic; endpoints serve their own VPC.
    if (eni.role === 'nat-gateway' || eni.role === 'vpc-endpoint') continue;
    const families: Array<4 | 6> = eni.hasIpv6 || eni.subnet.cidrV6 ? [4, 6] : [4];
    for (const version of families) {
      const from: Family = version === 4 ? '0.0.0.0/0' : '::/0';
      const generic: Addr = { cidr: version === 4 ? ANY_IPV4 : ANY_IPV6, exact: false };
      const open = worldOpen(eni, version);
      const noGroups = eni.sgs.length === 0;
      if (open.length === 0 && !noGroups) continue;
      for (const proto of ['tcp', 'udp'] as const) {
        let sgRanges = noGroups
          ? [ALL_PORTS]
          : normalizePortRanges(open.map((o) => portsOf(o.rule, proto)).filter((p): p is PortRange => !!p));
        const lp = listenerPorts(m, eni, proto);
        if (lp) sgRanges = intersectAll(sgRanges, lp);
        if (sgRanges.length === 0) continue;
        const naclIn = naclAllowedPorts(eni.subnet.nacl.inbound, generic, {
          protocol: proto,
          ports: ALL_PORTS,
        });
        const passing = intersectAll(sgRanges, naclIn);
        const blocked = subtractPortRanges(sgRanges, passing);
        for (const r of passing) record(m, eni, generic, from, proto, r, exposures, shielded, seen, open);
        for (const r of blocked) record(m, eni, generic, from, proto, r, exposures, shielded, seen, open);
      }
      const icmpOpen = open.filter(
        (o) => o.rule.traffic.protocol === 'icmp' || o.rule.traffic.protocol === 'all',
      );
      if (icmpOpen.length > 0)
        record(m, eni, generic, from, 'icmp', undefined, exposures, shielded, seen, open);
    }
  }
  exposures.sort(
    (a, b) =>
      (a.component.name ?? a.component.id).localeCompare(b.component.name ?? b.component.id) ||
      a.protocol.localeCompare(b.protocol) ||
      (a.ports?.from ?? 0) - (b.ports?.from ?? 0),
  );
  return { schemaVersion: 1, exposures, shielded };
}

function record(
  m: NetworkModel,
  eni: Eni,
  generic: Addr,
  from: Family,
  proto: Proto | 'icmp',
  range: PortRange | undefined,
  exposures: Exposure[],
  shielded: ShieldedRule[],
  seen: Set<string>,
  open: OpenRule[],
): void {
  const key = `${eni.ownerId}|${from}|${proto}|${range ? `${range.from}-${range.to}` : ''}`;
  if (seen.has(key)) return;
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
  });
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
