/**
 * IPv4 and IPv6 addresses and CIDR blocks: parsing, canonical printing, containment, overlap,
 * longest-prefix match (the route-table primitive) and CloudFormation `Fn::Cidr`.
 *
 * Representation (chosen for the network engine, which calls containment and longest-prefix
 * match millions of times): an IPv4 address is an unsigned 32-bit integer held in a `number`,
 * so a containment test is one `&`, one `>>> 0` and one `===` with no allocation. An IPv6
 * address is a `bigint` (0 … 2^128-1): exact, simple, and fast enough for the far smaller
 * number of IPv6 rules. A CIDR keeps its mask precomputed. The two families never mix: an
 * IPv4 rule never matches an IPv6 address (an IPv4-mapped `::ffff:a.b.c.d` included), as in
 * security groups and network ACLs.
 *
 * These values hold a `bigint` and are not JSON-serialisable: snapshots keep the CIDR strings
 * (`CidrIp`, `CidrBlock`); the engines parse them into these values when they build an index.
 */

/** An IPv4 address; `value` is the unsigned 32-bit integer (0 … 4294967295). */
export interface Ipv4Address {
  readonly version: 4;
  readonly value: number;
}

/** An IPv6 address; `value` is the 128-bit integer. */
export interface Ipv6Address {
  readonly version: 6;
  readonly value: bigint;
}

export type IpAddress = Ipv4Address | Ipv6Address;

/** An IPv4 CIDR block, always canonical (host bits zero). */
export interface Ipv4Cidr {
  readonly version: 4;
  /** The first address, host bits zero, as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0 … 32. */
  readonly prefix: number;
  /** Netmask as an unsigned 32-bit integer (`/24` -> 0xffffff00). */
  readonly mask: number;
}

/** An IPv6 CIDR block, always canonical (host bits zero). */
export interface Ipv6Cidr {
  readonly version: 6;
  readonly network: bigint;
  /** Prefix length, 0 … 128. */
  readonly prefix: number;
  readonly mask: bigint;
}

export type Cidr = Ipv4Cidr | Ipv6Cidr;

/** The result of parsing or computing a network value: the value, or why not (never a throw). */
export type CidrResult<T, R extends string = CidrFailureReason> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: R; readonly message: string };

export type IpFailureReason = 'empty' | 'invalid-ipv4' | 'invalid-ipv6' | 'zone-id';

export type CidrFailureReason =
  | IpFailureReason
  | 'missing-prefix'
  | 'invalid-prefix'
  /** Only with `{ strict: true }`: the address has bits set beyond the prefix (`10.0.0.1/16`). */
  | 'host-bits-set';

export type SubnetsFailureReason =
  CidrFailureReason | 'invalid-count' | 'invalid-cidr-bits' | 'not-enough-space';

/** A parsed CIDR, plus whether the input had host bits set that were zeroed. */
export type ParsedCidr = CidrResult<Cidr> & { readonly hostBitsSet?: boolean };

export interface ParseCidrOptions {
  /**
   * Reject a CIDR whose address has host bits set (`10.0.0.1/16`) instead of zeroing them.
   * Default false, because EC2 accepts such input and canonicalises it: "if you specify
   * 100.68.0.18/18 … canonicalizes the CIDR block to 100.68.0.0/18" (security group rules,
   * network ACL entries, routes, VPCs and subnets alike).
   * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
   * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html
   */
  strict?: boolean;
  /** Accept a bare address as a host CIDR (`10.0.0.5` -> `10.0.0.5/32`). Default false. */
  allowBareIp?: boolean;
}

const MAX_V6 = (1n << 128n) - 1n;

function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

function fail<R extends string>(
  reason: R,
  message: string,
): { readonly ok: false; reason: R; message: string } {
  return { ok: false, reason, message };
}

// ---------------------------------------------------------------------------------------------
// Addresses

/** Dotted-quad to unsigned integer; strict: four decimal octets, no leading zeros (`010` is ambiguous). */
function parseIpv4Value(s: string, start = 0, end = s.length): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
      continue;
    }
    if (c < 48 || c > 57) return undefined;
    if (digits > 0 && octet === 0) return undefined;
    octet = octet * 10 + (c - 48);
    digits++;
    if (octet > 255) return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + octet;
}

function parseHexGroup(g: string): number | undefined {
  if (g.length === 0 || g.length > 4) return undefined;
  let v = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else return undefined;
    v = v * 16 + d;
  }
  return v;
}

/** Parses one side of `::` into 16-bit groups; a trailing dotted quad counts as two groups. */
function parseGroups(part: string, allowIpv4Tail: boolean): number[] | undefined {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    if (allowIpv4Tail && i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4Value(piece);
      if (v4 === undefined) return undefined;
      groups.push(Math.floor(v4 / 0x10000), v4 & 0xffff);
      continue;
    }
    const g = parseHexGroup(piece);
    if (g === undefined) return undefined;
    groups.push(g);
  }
  return groups;
}

function groupsToBigint(groups: readonly number[]): bigint {
  // Four 32-bit words: half the BigInt conversions of one per group.
  const word = (i: number) => BigInt((groups[i] as number) * 0x10000 + (groups[i + 1] as number));
  return (word(0) << 96n) | (word(2) << 64n) | (word(4) << 32n) | word(6);
}

/** RFC 4291 section 2.2 text forms: full, `::`-compressed, and with an embedded IPv4 tail. */
function parseIpv6Value(s: string): bigint | undefined {
  const gap = s.indexOf('::');
  if (gap === -1) {
    const groups = parseGroups(s, true);
    return groups && groups.length === 8 ? groupsToBigint(groups) : undefined;
  }
  if (s.indexOf('::', gap + 1) !== -1) return undefined; // a second `::`, or `:::`
  const head = parseGroups(s.slice(0, gap), false);
  const tail = parseGroups(s.slice(gap + 2), true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  const zeros: number[] = new Array<number>(8 - head.length - tail.length).fill(0);
  return groupsToBigint([...head, ...zeros, ...tail]);
}

/**
 * Parses an IPv4 (`10.0.0.1`) or IPv6 (`2001:db8::1`, `::`, `::ffff:1.2.3.4`) address.
 * IPv6 zone ids (`fe80::1%eth0`) are rejected: they are host-local and never appear in AWS rules.
 */
export function parseIp(s: string): CidrResult<IpAddress, IpFailureReason> {
  if (s.length === 0) return fail('empty', 'IP address is empty');
  if (s.includes(':')) {
    if (s.includes('%')) return fail('zone-id', `IPv6 zone ids are not supported: ${s}`);
    const v = parseIpv6Value(s);
    return v === undefined ? fail('invalid-ipv6', `not an IPv6 address: ${s}`) : ok({ version: 6, value: v });
  }
  const v = parseIpv4Value(s);
  return v === undefined ? fail('invalid-ipv4', `not an IPv4 address: ${s}`) : ok({ version: 4, value: v });
}

/** Parses an address or throws; for constants and tests. */
export function ip(s: string): IpAddress {
  const r = parseIp(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

export function isIp(s: string): boolean {
  return parseIp(s).ok;
}

export function ipv4(value: number): Ipv4Address {
  return { version: 4, value: value >>> 0 };
}

export function ipv6(value: bigint): Ipv6Address {
  return { version: 6, value: value & MAX_V6 };
}

function ipv4ToString(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** RFC 5952 canonical text: lower case, no leading zeros, the longest run of 2+ zero groups as `::`. */
function ipv6ToString(v: bigint): string {
  // RFC 5952 section 5: IPv4-mapped addresses are written with the dotted-quad tail.
  if (v >> 32n === 0xffffn) return `::ffff:${ipv4ToString(Number(v & 0xffffffffn))}`;
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((v >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1; // a single zero group is not compressed
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Canonical text of an address (RFC 5952 for IPv6). */
export function ipToString(a: IpAddress): string {
  return a.version === 4 ? ipv4ToString(a.value) : ipv6ToString(a.value);
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`), else undefined. */
export function unmapIpv4(a: IpAddress): Ipv4Address | undefined {
  if (a.version === 4) return a;
  return a.value >> 32n === 0xffffn ? ipv4(Number(a.value & 0xffffffffn)) : undefined;
}

// ---------------------------------------------------------------------------------------------
// CIDR blocks

function maskV4(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function maskV6(prefix: number): bigint {
  return prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(128 - prefix);
}

/** Builds a canonical IPv4 CIDR, zeroing host bits. */
export function ipv4Cidr(address: number, prefix: number): Ipv4Cidr {
  const mask = maskV4(prefix);
  return { version: 4, network: (address & mask) >>> 0, prefix, mask };
}

/** Builds a canonical IPv6 CIDR, zeroing host bits. */
export function ipv6Cidr(address: bigint, prefix: number): Ipv6Cidr {
  const mask = maskV6(prefix);
  return { version: 6, network: address & mask, prefix, mask };
}

/** The host CIDR (`/32` or `/128`) of one address. */
export function hostCidr(a: IpAddress): Cidr {
  return a.version === 4 ? ipv4Cidr(a.value, 32) : ipv6Cidr(a.value, 128);
}

function parsePrefix(s: string, max: number): number | undefined {
  if (s.length === 0 || s.length > 3 || (s.length > 1 && s.charCodeAt(0) === 48)) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n <= max ? n : undefined;
}

/**
 * Parses `10.0.0.0/16` or `2001:db8::/32` into a canonical CIDR. Host bits are zeroed (as EC2
 * does) and reported in `hostBitsSet`, unless `strict` rejects them.
 */
export function parseCidr(s: string, options: ParseCidrOptions = {}): ParsedCidr {
  if (s.length === 0) return fail('empty', 'CIDR is empty');
  const slash = s.indexOf('/');
  if (slash === -1) {
    if (!options.allowBareIp) return fail('missing-prefix', `CIDR has no /prefix: ${s}`);
    const a = parseIp(s);
    return a.ok ? { ok: true, value: hostCidr(a.value), hostBitsSet: false } : a;
  }
  const a = parseIp(s.slice(0, slash));
  if (!a.ok) return fail(a.reason, `${a.message} (in CIDR ${s})`);
  const max = a.value.version === 4 ? 32 : 128;
  const prefix = parsePrefix(s.slice(slash + 1), max);
  if (prefix === undefined) return fail('invalid-prefix', `CIDR prefix must be 0-${max}: ${s}`);
  const c = a.value.version === 4 ? ipv4Cidr(a.value.value, prefix) : ipv6Cidr(a.value.value, prefix);
  const hostBitsSet = c.network !== a.value.value;
  if (hostBitsSet && options.strict) {
    return fail('host-bits-set', `CIDR ${s} has host bits set; the network is ${cidrToString(c)}`);
  }
  return { ok: true, value: c, hostBitsSet };
}

/** Parses a CIDR or throws; for constants and tests. Non-strict: host bits are zeroed. */
export function cidr(s: string, options: ParseCidrOptions = {}): Cidr {
  const r = parseCidr(s, options);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

export function isCidr(s: string, options: ParseCidrOptions = {}): boolean {
  return parseCidr(s, options).ok;
}

/** Canonical text (`10.0.0.0/16`, `2001:db8::/32`). */
export function cidrToString(c: Cidr): string {
  return `${c.version === 4 ? ipv4ToString(c.network) : ipv6ToString(c.network)}/${c.prefix}`;
}

export function cidrEquals(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.prefix === b.prefix && a.network === b.network;
}

/** The hot path: is this address inside this block? Different IP versions never match. */
export function cidrContainsIp(c: Cidr, a: IpAddress): boolean {
  if (c.version === 4) return a.version === 4 && (a.value & c.mask) >>> 0 === c.network;
  return a.version === 6 && (a.value & c.mask) === c.network;
}

/** Is `inner` (an address or a block) entirely inside `outer`? Different IP versions never match. */
export function cidrContains(outer: Cidr, inner: IpAddress | Cidr): boolean {
  if (!('prefix' in inner)) return cidrContainsIp(outer, inner);
  if (inner.prefix < outer.prefix) return false;
  if (outer.version === 4) return inner.version === 4 && (inner.network & outer.mask) >>> 0 === outer.network;
  return inner.version === 6 && (inner.network & outer.mask) === outer.network;
}

/** Do the two blocks share at least one address? (Blocks either nest or are disjoint.) */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.prefix <= b.prefix ? cidrContains(a, b) : cidrContains(b, a);
}

export function firstAddress(c: Ipv4Cidr): Ipv4Address;
export function firstAddress(c: Ipv6Cidr): Ipv6Address;
export function firstAddress(c: Cidr): IpAddress;
export function firstAddress(c: Cidr): IpAddress {
  return c.version === 4 ? { version: 4, value: c.network } : { version: 6, value: c.network };
}

export function lastAddress(c: Ipv4Cidr): Ipv4Address;
export function lastAddress(c: Ipv6Cidr): Ipv6Address;
export function lastAddress(c: Cidr): IpAddress;
export function lastAddress(c: Cidr): IpAddress {
  return c.version === 4
    ? { version: 4, value: (c.network | ~c.mask) >>> 0 }
    : { version: 6, value: c.network | (MAX_V6 ^ c.mask) };
}

/** Number of addresses in the block: a `number` for IPv4 (up to 2^32), a `bigint` for IPv6. */
export function cidrSize(c: Ipv4Cidr): number;
export function cidrSize(c: Ipv6Cidr): bigint;
export function cidrSize(c: Cidr): number | bigint;
export function cidrSize(c: Cidr): number | bigint {
  return c.version === 4 ? 2 ** (32 - c.prefix) : 1n << BigInt(128 - c.prefix);
}

/** `0.0.0.0/0` or `::/0`: the whole address family ("anywhere" in a rule). */
export function isAnyAddress(c: Cidr): boolean {
  return c.prefix === 0;
}

export const ANY_IPV4: Ipv4Cidr = ipv4Cidr(0, 0);
export const ANY_IPV6: Ipv6Cidr = ipv6Cidr(0n, 0);

/**
 * The most specific candidate containing the address (the route-table rule), or undefined.
 * Among candidates of equal prefix length the first wins; route priority among identical
 * destinations is the caller's to decide.
 */
export function longestPrefixMatch<C extends Cidr>(a: IpAddress, candidates: readonly C[]): C | undefined {
  let best: C | undefined;
  for (const c of candidates) {
    if ((best === undefined || c.prefix > best.prefix) && cidrContainsIp(c, a)) best = c;
  }
  return best;
}

/**
 * `longestPrefixMatch` over arbitrary items (routes, rules); `cidrOf` returns undefined for
 * items without a CIDR destination (a prefix-list route, say), which are skipped.
 */
export function longestPrefixMatchBy<T>(
  a: IpAddress,
  items: readonly T[],
  cidrOf: (item: T) => Cidr | undefined,
): T | undefined {
  let best: T | undefined;
  let bestPrefix = -1;
  for (const item of items) {
    const c = cidrOf(item);
    if (c !== undefined && c.prefix > bestPrefix && cidrContainsIp(c, a)) {
      best = item;
      bestPrefix = c.prefix;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Special-purpose ranges

function v4(s: string): Ipv4Cidr {
  const c = cidr(s, { strict: true });
  if (c.version !== 4) throw new Error(`not IPv4: ${s}`);
  return c;
}

function v6(s: string): Ipv6Cidr {
  const c = cidr(s, { strict: true });
  if (c.version !== 6) throw new Error(`not IPv6: ${s}`);
  return c;
}

/** RFC 1918 private IPv4 space. */
export const RFC1918: readonly Ipv4Cidr[] = [v4('10.0.0.0/8'), v4('172.16.0.0/12'), v4('192.168.0.0/16')];
/**
 * RFC 6598 shared address space (carrier-grade NAT). VPCs may use it; VPC Reachability Analyzer
 * treats it like RFC 1918 at an internet gateway (`IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS`).
 */
export const CGNAT: Ipv4Cidr = v4('100.64.0.0/10');
/** RFC 3927 IPv4 link-local: instance metadata, the Amazon Time Sync and Route 53 Resolver addresses. */
export const LINK_LOCAL_V4: Ipv4Cidr = v4('169.254.0.0/16');
/** RFC 4193 unique local IPv6 addresses. */
export const UNIQUE_LOCAL_V6: Ipv6Cidr = v6('fc00::/7');
/** RFC 4291 IPv6 link-local. */
export const LINK_LOCAL_V6: Ipv6Cidr = v6('fe80::/10');

/** Ranges that are never reachable from the internet, per family. */
export const PRIVATE_RANGES: readonly Cidr[] = [
  ...RFC1918,
  CGNAT,
  LINK_LOCAL_V4,
  UNIQUE_LOCAL_V6,
  LINK_LOCAL_V6,
];

/** Is the address, or the whole block, inside RFC 1918 space? */
export function isRfc1918(x: IpAddress | Cidr): boolean {
  return RFC1918.some((r) => cidrContains(r, x));
}

/**
 * Is the address, or the whole block, non-internet space: RFC 1918, 100.64.0.0/10 (CGNAT),
 * 169.254.0.0/16, fc00::/7 or fe80::/10? A block that only partly overlaps these is not private.
 */
export function isPrivate(x: IpAddress | Cidr): boolean {
  return PRIVATE_RANGES.some((r) => cidrContains(r, x));
}

// ---------------------------------------------------------------------------------------------
// Subnetting

/**
 * CloudFormation `Fn::Cidr`: `count` consecutive blocks, each with `cidrBits` host bits (so the
 * new prefix is 32 - cidrBits for IPv4, 128 - cidrBits for IPv6), starting at the network
 * address of `ipBlock`. `count` is 1 … 256. Example: (`192.168.0.0/24`, 6, 5) -> six `/27`s.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html
 */
export function subnetsOf(
  ipBlock: Cidr | string,
  count: number,
  cidrBits: number,
): CidrResult<Cidr[], SubnetsFailureReason> {
  let block: Cidr;
  if (typeof ipBlock === 'string') {
    const parsed = parseCidr(ipBlock);
    if (!parsed.ok) return parsed;
    block = parsed.value;
  } else {
    block = ipBlock;
  }
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    return fail('invalid-count', `Fn::Cidr count must be an integer 1-256, got ${count}`);
  }
  const bits = block.version === 4 ? 32 : 128;
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || cidrBits > bits - block.prefix) {
    return fail(
      'invalid-cidr-bits',
      `Fn::Cidr cidrBits must be an integer 0-${bits - block.prefix} for ${cidrToString(block)}, got ${cidrBits}`,
    );
  }
  const newPrefix = bits - cidrBits;
  // Guard the shift: at most 2^(newPrefix - prefix) blocks fit; count is at most 256 = 2^8.
  const spare = newPrefix - block.prefix;
  if (spare < 9 && count > 2 ** spare) {
    return fail(
      'not-enough-space',
      `${cidrToString(block)} holds only ${2 ** spare} blocks of /${newPrefix}, ${count} requested`,
    );
  }
  const out: Cidr[] = [];
  if (block.version === 4) {
    const step = 2 ** cidrBits;
    for (let i = 0; i < count; i++) out.push(ipv4Cidr(block.network + i * step, newPrefix));
  } else {
    const step = 1n << BigInt(cidrBits);
    for (let i = 0; i < count; i++) out.push(ipv6Cidr(block.network + BigInt(i) * step, newPrefix));
  }
  return ok(out);
}

function toCount(v: number | string): number {
  if (typeof v === 'number') return v;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

/**
 * `Fn::Cidr` on template values: `count` and `cidrBits` may be numerals as strings (the
 * documentation's own example is `[ "192.168.0.0/24", "6", "5" ]`); returns canonical strings.
 */
export function fnCidr(
  ipBlock: string,
  count: number | string,
  cidrBits: number | string,
): CidrResult<string[], SubnetsFailureReason> {
  const r = subnetsOf(ipBlock, toCount(count), toCount(cidrBits));
  if (!r.ok) return r;
  return ok(r.value.map(cidrToString));
}

/**
 * Terraform `cidrsubnet(prefix, newbits, netnum)`: the `netnum`-th block of the prefix extended
 * by `newbits` bits. https://developer.hashicorp.com/terraform/language/functions/cidrsubnet
 */
export function cidrSubnet(
  prefix: Cidr,
  newbits: number,
  netnum: number,
): CidrResult<Cidr, 'invalid-cidr-bits' | 'not-enough-space'> {
  const bits = prefix.version === 4 ? 32 : 128;
  const newPrefix = prefix.prefix + newbits;
  if (!Number.isInteger(newbits) || newbits < 0 || newPrefix > bits) {
    return fail('invalid-cidr-bits', `cannot extend /${prefix.prefix} by ${newbits} bits`);
  }
  if (!Number.isInteger(netnum) || netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits)) {
    return fail('not-enough-space', `netnum ${netnum} does not fit in ${newbits} bits`);
  }
  const hostBits = bits - newPrefix;
  return prefix.version === 4
    ? ok(ipv4Cidr(prefix.network + netnum * 2 ** hostBits, newPrefix))
    : ok(ipv6Cidr(prefix.network + (BigInt(netnum) << BigInt(hostBits)), newPrefix));
}

/**
 * Terraform `cidrhost(prefix, hostnum)`: the `hostnum`-th address of the block; negative counts
 * back from the end (-1 is the last address).
 * https://developer.hashicorp.com/terraform/language/functions/cidrhost
 */
export function cidrHost(prefix: Cidr, hostnum: number): CidrResult<IpAddress, 'not-enough-space'> {
  const size = prefix.version === 4 ? BigInt(cidrSize(prefix)) : cidrSize(prefix);
  const n = Number.isSafeInteger(hostnum) ? BigInt(hostnum) : undefined;
  if (n === undefined || n >= size || -n > size) {
    return fail('not-enough-space', `host number ${hostnum} is outside ${cidrToString(prefix)}`);
  }
  const offset = n >= 0n ? n : size + n;
  return prefix.version === 4 ? ok(ipv4(prefix.network + Number(offset))) : ok(ipv6(prefix.network + offset));
}
