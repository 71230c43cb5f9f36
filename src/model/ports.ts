/**
 * Port ranges and IP protocols as security groups and network ACLs use them: parsing, set
 * operations on ranges, protocol normalisation (`-1`/`all`, names and numbers), what a rule's
 * protocol and FromPort/ToPort actually match, and the ephemeral port ranges that return
 * traffic uses.
 */

/** An inclusive range of TCP/UDP ports, 0 … 65535, `from <= to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export type PortFailureReason = 'empty' | 'invalid-port' | 'reversed-range';

export type ProtocolFailureReason = 'invalid-protocol';

export type RuleFailureReason = PortFailureReason | ProtocolFailureReason | 'missing-ports' | 'invalid-icmp';

/** The result of parsing a port or protocol value: the value, or why not (never a throw). */
export type PortResult<T, R extends string = PortFailureReason> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: R; readonly message: string };

export const MAX_PORT = 65535;

/** Every port; what the console calls "All TCP" / "All UDP". */
export const ALL_PORTS: PortRange = Object.freeze({ from: 0, to: MAX_PORT });

/**
 * Source ports clients pick for outbound connections, which network ACLs must allow for return
 * traffic (NACLs are stateless). https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html
 */
export const EPHEMERAL_PORT_RANGES = Object.freeze({
  /** Linux default `net.ipv4.ip_local_port_range` (the AWS page says 32768-61000; the kernel uses 60999). */
  linux: Object.freeze({ from: 32768, to: 60999 }),
  /** NAT gateways remap source ports into this range. */
  natGateway: Object.freeze({ from: 1024, to: MAX_PORT }),
  /** Elastic Load Balancing connects to targets from this range. */
  elb: Object.freeze({ from: 1024, to: MAX_PORT }),
  /** AWS Lambda functions in a VPC. */
  lambda: Object.freeze({ from: 1024, to: MAX_PORT }),
  /** Windows Server 2008 and later. */
  windows: Object.freeze({ from: 49152, to: MAX_PORT }),
  /** Windows Server 2003 and earlier. */
  windowsLegacy: Object.freeze({ from: 1025, to: 5000 }),
  /** What the AWS page advises a NACL to open when the clients are unknown. */
  any: Object.freeze({ from: 1024, to: MAX_PORT }),
} satisfies Record<string, PortRange>);

function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

function fail<R extends string>(
  reason: R,
  message: string,
): { readonly ok: false; reason: R; message: string } {
  return { ok: false, reason, message };
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_PORT;
}

/** A checked range from two numbers (FromPort/ToPort, NACL `PortRange.From`/`To`, Terraform from_port/to_port). */
export function makePortRange(from: number, to: number): PortResult<PortRange> {
  if (!isPort(from) || !isPort(to))
    return fail('invalid-port', `ports must be integers 0-${MAX_PORT}: ${from}-${to}`);
  if (from > to) return fail('reversed-range', `port range starts after it ends: ${from}-${to}`);
  return ok({ from, to });
}

/** Parses `22`, `"22"`, `"1024-65535"` or `"all"` (case-insensitive). */
export function parsePortRange(input: string | number): PortResult<PortRange> {
  if (typeof input === 'number') return makePortRange(input, input);
  const s = input.trim();
  if (s === '') return fail('empty', 'port range is empty');
  if (s.toLowerCase() === 'all') return ok(ALL_PORTS);
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(s);
  if (!m) return fail('invalid-port', `not a port or port range: ${input}`);
  const from = Number(m[1]);
  return makePortRange(from, m[2] === undefined ? from : Number(m[2]));
}

/** Parses a range or throws; for constants and tests. */
export function portRange(input: string | number): PortRange {
  const r = parsePortRange(input);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** `22`, `80-443`, or `all` for 0-65535. */
export function portRangeToString(r: PortRange): string {
  if (r.from === 0 && r.to === MAX_PORT) return 'all';
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

export function portCount(r: PortRange): number {
  return r.to - r.from + 1;
}

export function isAllPorts(r: PortRange): boolean {
  return r.from === 0 && r.to === MAX_PORT;
}

/** Is the port, or the whole inner range, inside the range? */
export function portRangeContains(r: PortRange, inner: number | PortRange): boolean {
  if (typeof inner === 'number') return inner >= r.from && inner <= r.to;
  return inner.from >= r.from && inner.to <= r.to;
}

/** Do the ranges share a port? Adjacent ranges (80-89, 90-99) do not. */
export function portRangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** The ports in both, or undefined. */
export function intersectPortRanges(a: PortRange, b: PortRange): PortRange | undefined {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return from <= to ? { from, to } : undefined;
}

/**
 * Sorted, disjoint, non-adjacent ranges covering the same ports: overlapping and adjacent
 * ranges are merged (ports are integers, so 80-89 and 90-99 become 80-99). Also the union of
 * several lists: `normalizePortRanges([...a, ...b])`.
 */
export function normalizePortRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((x, y) => x.from - y.from || x.to - y.to);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.from <= last.to + 1) {
      if (r.to > last.to) out[out.length - 1] = { from: last.from, to: r.to };
    } else {
      out.push({ from: r.from, to: r.to });
    }
  }
  return out;
}

/** The ports of `ranges` that are not in `remove`, normalised. */
export function subtractPortRanges(ranges: readonly PortRange[], remove: readonly PortRange[]): PortRange[] {
  const cuts = normalizePortRanges(remove);
  const out: PortRange[] = [];
  for (const r of normalizePortRanges(ranges)) {
    let from = r.from;
    for (const c of cuts) {
      if (c.to < from || c.from > r.to) continue;
      if (c.from > from) out.push({ from, to: c.from - 1 });
      from = c.to + 1;
      if (from > r.to) break;
    }
    if (from <= r.to) out.push({ from, to: r.to });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Protocols

/**
 * A normalised IP protocol: `all` (API value `-1`), one of the four named protocols, or another
 * IANA protocol number 0-255 (50 = ESP, 47 = GRE, ...). 6, 17, 1 and 58 always become names.
 */
export type IpProtocol = 'all' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | number;

export const PROTOCOL_NUMBERS = Object.freeze({ tcp: 6, udp: 17, icmp: 1, icmpv6: 58 });

const BY_NUMBER: Readonly<Record<number, IpProtocol>> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmpv6' };

/**
 * Normalises a protocol as security groups (`tcp`, `icmpv6`, `-1`, `50`), network ACLs (`6`,
 * `-1`), Terraform (`all`, `-1`, `TCP`) and flow logs (6) write it.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
export function parseIpProtocol(input: string | number): PortResult<IpProtocol, ProtocolFailureReason> {
  const s = typeof input === 'number' ? String(input) : input.trim().toLowerCase();
  if (s === '-1' || s === 'all') return ok('all');
  if (s === 'tcp' || s === 'udp' || s === 'icmp' || s === 'icmpv6') return ok(s);
  if (/^\d{1,3}$/.test(s)) {
    const n = Number(s);
    if (n <= 255) return ok(BY_NUMBER[n] ?? n);
  }
  return fail('invalid-protocol', `not an IP protocol (tcp, udp, icmp, icmpv6, -1/all or 0-255): ${input}`);
}

/** The protocol number; -1 for all. */
export function protocolNumber(p: IpProtocol): number {
  if (typeof p === 'number') return p;
  return p === 'all' ? -1 : PROTOCOL_NUMBERS[p];
}

// ---------------------------------------------------------------------------------------------
// What a rule matches

/** ICMP type or code; `all` when the rule gives -1 (or, for icmpv6, omits it). */
export type IcmpValue = number | 'all';

/**
 * The traffic a security group or network ACL rule matches, with the AWS quirks resolved:
 * protocol `-1` and protocols other than TCP/UDP/ICMP/ICMPv6 ignore ports; for ICMP the
 * "ports" are the type and code.
 */
export type TrafficMatch =
  | { readonly protocol: 'all' }
  | { readonly protocol: 'tcp' | 'udp'; readonly ports: PortRange }
  | { readonly protocol: 'icmp' | 'icmpv6'; readonly icmpType: IcmpValue; readonly icmpCode: IcmpValue }
  /** Any other protocol number: every packet of that protocol. */
  | { readonly protocol: number };

function icmpMatch(
  protocol: 'icmp' | 'icmpv6',
  type: number,
  code: number | undefined,
): PortResult<TrafficMatch, RuleFailureReason> {
  const valid = (n: number) => Number.isInteger(n) && n >= -1 && n <= 255;
  if (!valid(type) || (code !== undefined && !valid(code))) {
    return fail('invalid-icmp', `ICMP type and code must be -1 or 0-255: ${type}/${code}`);
  }
  // "If you specify all ICMP/ICMPv6 types, you must specify all ICMP/ICMPv6 codes": type -1 is everything.
  if (type === -1) return ok({ protocol, icmpType: 'all', icmpCode: 'all' });
  return ok({ protocol, icmpType: type, icmpCode: code === undefined || code === -1 ? 'all' : code });
}

/**
 * What a security group rule (`IpProtocol`, `FromPort`, `ToPort`) matches.
 * - `-1`, or a protocol number other than tcp/udp/icmp/icmpv6: all ports, whatever the range says;
 * - tcp and udp need a port range;
 * - icmp: FromPort is the type, ToPort the code, -1 meaning all;
 * - icmpv6: the same, and an omitted range means all types and codes.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
export function sgRuleTraffic(
  ipProtocol: string | number,
  fromPort?: number,
  toPort?: number,
): PortResult<TrafficMatch, RuleFailureReason> {
  const p = parseIpProtocol(ipProtocol);
  if (!p.ok) return p;
  const protocol = p.value;
  if (protocol === 'all' || typeof protocol === 'number') return ok({ protocol });
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    if (fromPort === undefined) {
      if (protocol === 'icmpv6') return ok({ protocol, icmpType: 'all', icmpCode: 'all' });
      return fail('missing-ports', 'an icmp rule needs FromPort (type) and ToPort (code)');
    }
    return icmpMatch(protocol, fromPort, toPort);
  }
  if (fromPort === undefined || toPort === undefined) {
    return fail('missing-ports', `a ${protocol} rule needs FromPort and ToPort`);
  }
  const r = makePortRange(fromPort, toPort);
  return r.ok ? ok({ protocol, ports: r.value }) : r;
}

/** A network ACL entry's protocol fields, as in `AWS::EC2::NetworkAclEntry` / DescribeNetworkAcls. */
export interface NaclEntryFields {
  /** `Protocol`: a number or its text (`"6"`, `"-1"`). */
  readonly protocol: string | number;
  readonly portRange?: { readonly From?: number; readonly To?: number };
  readonly icmpTypeCode?: { readonly Type?: number; readonly Code?: number };
  /** True when the entry's CIDR is IPv6 (`Ipv6CidrBlock`); ICMPv6 type/code only apply then. */
  readonly ipv6: boolean;
}

/**
 * What a network ACL entry matches. "-1" or a protocol other than 6, 17 or 1 matches all ports;
 * protocol 58 with an IPv4 CIDR matches all ICMPv6 types and codes, with an IPv6 CIDR the given
 * type and code. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html
 */
export function naclRuleTraffic(entry: NaclEntryFields): PortResult<TrafficMatch, RuleFailureReason> {
  const p = parseIpProtocol(entry.protocol);
  if (!p.ok) return p;
  const protocol = p.value;
  if (protocol === 'all' || typeof protocol === 'number') return ok({ protocol });
  if (protocol === 'icmpv6' && !entry.ipv6) return ok({ protocol, icmpType: 'all', icmpCode: 'all' });
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const t = entry.icmpTypeCode;
    if (t?.Type === undefined) return fail('missing-ports', `an ${protocol} entry needs IcmpTypeCode`);
    return icmpMatch(protocol, t.Type, t.Code);
  }
  const r = entry.portRange;
  if (r?.From === undefined || r.To === undefined) {
    return fail('missing-ports', `a ${protocol} entry needs PortRange From and To`);
  }
  const range = makePortRange(r.From, r.To);
  return range.ok ? ok({ protocol, ports: range.value }) : range;
}

/** One packet (or flow) to test against a rule. */
export interface Packet {
  readonly protocol: Exclude<IpProtocol, 'all'>;
  /** Destination port for tcp/udp. */
  readonly port?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

/**
 * Does the rule match the packet? A tcp/udp packet without a port matches only a rule covering
 * all ports, and an ICMP packet without a type only a rule for all types: an unknown is never
 * taken as a match.
 */
export function trafficMatches(rule: TrafficMatch, packet: Packet): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== packet.protocol) return false;
  if ('ports' in rule)
    return packet.port === undefined ? isAllPorts(rule.ports) : portRangeContains(rule.ports, packet.port);
  if ('icmpType' in rule) {
    if (rule.icmpType === 'all') return true;
    if (packet.icmpType !== rule.icmpType) return false;
    return rule.icmpCode === 'all' || packet.icmpCode === rule.icmpCode;
  }
  return true;
}
