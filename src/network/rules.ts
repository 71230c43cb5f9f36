import {
  ALL_PORTS,
  type Cidr,
  cidrContains,
  cidrToString,
  intersectPortRanges,
  naclRuleTraffic,
  normalizePortRanges,
  parseCidr,
  type PortRange,
  portRangeToString,
  sgRuleTraffic,
  subtractPortRanges,
  type TrafficMatch,
} from '../model/index.js';
import { idOf, num, str } from './refs.js';
import type { ReachProtocol } from './types.js';

/**
 * Compiled security group rules, network ACL entries and the matching primitives. Addresses are
 * CIDR blocks: an exact address is a /32 (/128), an ENI whose private IP a template does not know
 * is its subnet's block, and "the internet" is 0.0.0.0/0. A rule matches an address when its
 * block contains every address the endpoint may have, so a NACL deny of one /32 does not block
 * "the internet" as a whole, but does block that /32.
 */

/** Where a packet comes from or goes to. */
export interface Addr {
  cidr: Cidr;
  /** True for one known address; false for "some address in this block". */
  exact: boolean;
}

/** The traffic of one flow, as the rules see it. */
export interface Flow {
  protocol: ReachProtocol;
  /** Destination ports: one port forward, the client's ephemeral range on the return path. */
  ports: PortRange;
  icmpType?: number;
  icmpCode?: number;
}

export type SgPeer = { kind: 'cidr'; cidr: Cidr } | { kind: 'sg'; id: string } | { kind: 'pl'; id: string };

export interface SgRule {
  traffic: TrafficMatch;
  peer: SgPeer;
  /** e.g. `ingress rule tcp 443 from 10.0.1.0/24`. */
  text: string;
}

export interface NaclEntry {
  ruleNumber: number;
  allow: boolean;
  traffic: TrafficMatch;
  cidr: Cidr;
  text: string;
}

export function trafficText(t: TrafficMatch): string {
  if (t.protocol === 'all') return 'all traffic';
  if (typeof t.protocol === 'number') return `protocol ${t.protocol}`;
  if ('ports' in t) return `${t.protocol} ${portRangeToString(t.ports)}`;
  if ('icmpType' in t) {
    if (t.icmpType === 'all') return `${t.protocol} all`;
    return `${t.protocol} type ${t.icmpType}${t.icmpCode === 'all' ? '' : ` code ${t.icmpCode}`}`;
  }
  return 'traffic';
}

/** Compiles one CloudFormation-shaped SG rule; undefined (with a reason) when it cannot be read. */
export function compileSgRule(
  raw: Record<string, unknown>,
  direction: 'ingress' | 'egress',
): { rule?: SgRule; problem?: string } {
  const protocol = raw.IpProtocol;
  if (typeof protocol !== 'string' && typeof protocol !== 'number')
    return { problem: 'IpProtocol is not known' };
  const t = sgRuleTraffic(protocol, num(raw.FromPort), num(raw.ToPort));
  if (!t.ok) return { problem: t.message };
  const peerWord = direction === 'ingress' ? 'from' : 'to';
  let peer: SgPeer | undefined;
  const cidrText = str(raw.CidrIp) ?? str(raw.CidrIpv6);
  if (cidrText !== undefined) {
    const c = parseCidr(cidrText, { allowBareIp: true });
    if (!c.ok) return { problem: c.message };
    peer = { kind: 'cidr', cidr: c.value };
  } else {
    const sg = idOf(direction === 'ingress' ? raw.SourceSecurityGroupId : raw.DestinationSecurityGroupId);
    const sgName = str(raw.SourceSecurityGroupName);
    const pl = idOf(direction === 'ingress' ? raw.SourcePrefixListId : raw.DestinationPrefixListId);
    if (sg !== undefined) peer = { kind: 'sg', id: sg.includes('/') ? sg.slice(sg.indexOf('/') + 1) : sg };
    else if (sgName !== undefined) peer = { kind: 'sg', id: `name:${sgName}` };
    else if (pl !== undefined) peer = { kind: 'pl', id: pl };
  }
  if (!peer)
    return { problem: 'the rule has no CIDR, security group or prefix list peer the snapshot knows' };
  const peerText = peer.kind === 'cidr' ? cidrToString(peer.cidr) : peer.id.replace(/^name:/, '');
  return {
    rule: {
      traffic: t.value,
      peer,
      text: `${direction} rule ${trafficText(t.value)} ${peerWord} ${peerText}`,
    },
  };
}

/** Compiles one NACL entry (the folded `Entries[]` shape). */
export function compileNaclEntry(raw: Record<string, unknown>): { entry?: NaclEntry; problem?: string } {
  const ruleNumber = num(raw.RuleNumber);
  const protocol = raw.Protocol;
  if (ruleNumber === undefined) return { problem: 'RuleNumber is not known' };
  if (typeof protocol !== 'string' && typeof protocol !== 'number')
    return { problem: 'Protocol is not known' };
  const v6 = str(raw.Ipv6CidrBlock);
  const cidrText = str(raw.CidrBlock) ?? v6;
  if (cidrText === undefined) return { problem: 'the entry has no CIDR block' };
  const c = parseCidr(cidrText);
  if (!c.ok) return { problem: c.message };
  const portRange = raw.PortRange as { From?: unknown; To?: unknown } | undefined;
  const icmp = (raw.Icmp ?? raw.IcmpTypeCode) as { Type?: unknown; Code?: unknown } | undefined;
  const t = naclRuleTraffic({
    protocol,
    portRange: portRange ? { From: num(portRange.From), To: num(portRange.To) } : undefined,
    icmpTypeCode: icmp ? { Type: num(icmp.Type), Code: num(icmp.Code) } : undefined,
    ipv6: v6 !== undefined,
  });
  if (!t.ok) return { problem: t.message };
  const action = str(raw.RuleAction)?.toLowerCase() === 'allow';
  const egress = raw.Egress === true || raw.Egress === 'true';
  const rn = ruleNumber >= 32767 ? '*' : String(ruleNumber);
  return {
    entry: {
      ruleNumber,
      allow: action,
      traffic: t.value,
      cidr: c.value,
      text: `rule ${rn} ${action ? 'allow' : 'deny'} ${trafficText(t.value)} ${egress ? 'to' : 'from'} ${cidrToString(c.value)}`,
    },
  };
}

/** Does the rule's protocol (and, for ICMP, type/code) cover the flow? Ports are checked apart. */
export function protocolMatches(t: TrafficMatch, f: Flow): boolean {
  if (t.protocol === 'all') return true;
  if (f.protocol === 'all') return false;
  if (t.protocol !== f.protocol) return false;
  if ('icmpType' in t) {
    if (t.icmpType === 'all') return true;
    if (f.icmpType !== t.icmpType) return false;
    return t.icmpCode === 'all' || f.icmpCode === t.icmpCode;
  }
  return true;
}

/** The part of the flow's port range the rule covers (all of it for portless protocols). */
export function coveredPorts(t: TrafficMatch, f: Flow): PortRange | undefined {
  if (!protocolMatches(t, f)) return undefined;
  if ('ports' in t) return intersectPortRanges(t.ports, f.ports);
  return f.ports;
}

export function addrMatches(rule: Cidr, a: Addr): boolean {
  return cidrContains(rule, a.cidr);
}

export interface NaclVerdict {
  allowed: boolean;
  /** The entry that decided (the deny that blocked, or the last allow needed). */
  entry?: NaclEntry;
  /** Ports of the flow's range left without an allow when the entries ran out. */
  uncovered?: PortRange[];
  /** A later deny for the same traffic that an earlier allow shadows (worth saying). */
  shadowed?: NaclEntry;
}

/**
 * Evaluates ordered NACL entries against a flow with a port range: first match wins per port, so
 * the range is split as entries allow or deny parts of it. The flow passes only if every port of
 * the range is allowed (the return path must accept any ephemeral port the client may pick).
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
 */
export function evaluateNacl(entries: readonly NaclEntry[], peer: Addr, flow: Flow): NaclVerdict {
  let remaining: PortRange[] = [flow.ports];
  let lastAllow: NaclEntry | undefined;
  for (const e of entries) {
    if (!addrMatches(e.cidr, peer)) continue;
    const covered = coveredPorts(e.traffic, flow);
    if (!covered) continue;
    const hit = remaining.some((r) => intersectPortRanges(r, covered) !== undefined);
    if (!hit) continue;
    if (!e.allow) return { allowed: false, entry: e };
    lastAllow = e;
    remaining = subtractPortRanges(remaining, [covered]);
    if (remaining.length === 0) {
      return { allowed: true, entry: e, shadowed: shadowedDeny(entries, e, peer, flow) };
    }
  }
  return { allowed: false, uncovered: remaining, entry: lastAllow };
}

function shadowedDeny(
  entries: readonly NaclEntry[],
  after: NaclEntry,
  peer: Addr,
  flow: Flow,
): NaclEntry | undefined {
  let seen = false;
  for (const e of entries) {
    if (e === after) {
      seen = true;
      continue;
    }
    if (!seen || e.allow || e.ruleNumber >= 32767) continue;
    if (coveredPorts(e.traffic, flow) && peer.exact && addrMatches(e.cidr, peer)) return e;
  }
  return undefined;
}

/**
 * The ports of `range` the entries allow for a peer (first match wins), as disjoint ranges: the
 * exposure sweep computes whole port sets at once instead of one query per port.
 */
export function naclAllowedPorts(entries: readonly NaclEntry[], peer: Addr, flow: Flow): PortRange[] {
  let remaining: PortRange[] = [flow.ports];
  const allowed: PortRange[] = [];
  for (const e of entries) {
    if (remaining.length === 0) break;
    if (!addrMatches(e.cidr, peer)) continue;
    const covered = coveredPorts(e.traffic, flow);
    if (!covered) continue;
    const taken: PortRange[] = [];
    for (const r of remaining) {
      const i = intersectPortRanges(r, covered);
      if (i) taken.push(i);
    }
    if (taken.length === 0) continue;
    if (e.allow) allowed.push(...taken);
    remaining = subtractPortRanges(remaining, taken);
  }
  return normalizePortRanges(allowed);
}

export const ALL_FLOW_PORTS = ALL_PORTS;
