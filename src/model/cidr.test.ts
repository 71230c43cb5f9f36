import { isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  ANY_IPV4,
  ANY_IPV6,
  cidr,
  cidrContains,
  cidrContainsIp,
  cidrEquals,
  cidrHost,
  cidrSize,
  cidrSubnet,
  cidrsOverlap,
  cidrToString,
  firstAddress,
  fnCidr,
  hostCidr,
  ip,
  ipToString,
  isAnyAddress,
  isCidr,
  isIp,
  isPrivate,
  isRfc1918,
  lastAddress,
  longestPrefixMatch,
  longestPrefixMatchBy,
  parseCidr,
  parseIp,
  subnetsOf,
  unmapIpv4,
  type Cidr,
} from './cidr.js';

const str = (s: string) => cidrToString(cidr(s));
const ipStr = (s: string) => ipToString(ip(s));

describe('parseIp, IPv4', () => {
  it('parses dotted quads to unsigned integers', () => {
    expect(ip('0.0.0.0')).toEqual({ version: 4, value: 0 });
    expect(ip('255.255.255.255')).toEqual({ version: 4, value: 4294967295 });
    expect(ip('10.1.2.3')).toEqual({ version: 4, value: 0x0a010203 });
    expect(ip('192.168.0.1').value).toBeGreaterThan(0); // above 2^31, still positive
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '1.2.3.-1',
    '01.2.3.4',
    '1.2.3.04',
    '1..3.4',
    '1.2.3.4.',
    ' 1.2.3.4',
    'a.b.c.d',
    '1.2.3.4/32',
  ])('rejects %j', (s) => {
    const r = parseIp(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
  });

  it('names the failure', () => {
    expect(parseIp('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseIp('300.1.1.1')).toMatchObject({ ok: false, reason: 'invalid-ipv4' });
    expect(() => ip('nope')).toThrow(/not an IPv4 address/);
  });
});

describe('parseIp, IPv6', () => {
  it('parses full, compressed and mixed forms', () => {
    expect(ip('::').value).toBe(0n);
    expect(ip('::1').value).toBe(1n);
    expect(ip('1::').value).toBe(1n << 112n);
    expect(ip('2001:db8:0:0:0:0:0:1')).toEqual(ip('2001:db8::1'));
    expect(ip('2001:0DB8::0001')).toEqual(ip('2001:db8::1'));
    expect(ip('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff').value).toBe((1n << 128n) - 1n);
    expect(ip('::ffff:1.2.3.4').value).toBe(0xffff01020304n);
    expect(ip('64:ff9b::192.0.2.33').value).toBe((0x64ff9bn << 96n) | 0xc0000221n);
    expect(ip('1:2:3:4:5:6:1.2.3.4')).toEqual(ip('1:2:3:4:5:6:102:304'));
    expect(ip('1::2:3:4:5:6:7')).toEqual(ip('1:0:2:3:4:5:6:7')); // `::` for a single group is legal input
  });

  it.each([
    ':',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    ':1::',
    '1::2:',
    '12345::',
    'g::',
    '::1.2.3',
    '::256.1.1.1',
    '1.2.3.4::',
    '::1.2.3.4:5',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('rejects %j', (s) => {
    expect(parseIp(s)).toMatchObject({ ok: false, reason: 'invalid-ipv6' });
  });

  it('agrees with node:net on which strings are IPv6', () => {
    const samples = [
      '::',
      '::1',
      '1::',
      '1:2::3:4',
      '::ffff:10.0.0.1',
      '1:2:3:4:5:6:7::',
      '::2:3:4:5:6:7:8',
      '1::8',
    ];
    for (const s of samples) {
      expect(isIPv6(s)).toBe(true);
      expect(isIp(s)).toBe(true);
    }
  });

  it('rejects zone ids', () => {
    expect(parseIp('fe80::1%eth0')).toMatchObject({ ok: false, reason: 'zone-id' });
    expect(parseCidr('fe80::1%eth0/64')).toMatchObject({ ok: false, reason: 'zone-id' });
  });
});

describe('ipToString', () => {
  it('prints RFC 5952 canonical IPv6', () => {
    expect(ipStr('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(ipStr('0:0:0:0:0:0:0:0')).toBe('::');
    expect(ipStr('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(ipStr('1:0:0:0:0:0:0:0')).toBe('1::');
    expect(ipStr('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // one zero group stays
    expect(ipStr('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1'); // the longer run wins
    expect(ipStr('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // first of equal runs
    expect(ipStr('ABCD:EF01::')).toBe('abcd:ef01::');
    expect(ipStr('::ffff:1.2.3.4')).toBe('::ffff:1.2.3.4'); // RFC 5952 section 5
    expect(ipStr('::ffff:102:304')).toBe('::ffff:1.2.3.4');
  });

  it('prints dotted quads', () => {
    expect(ipStr('255.0.10.1')).toBe('255.0.10.1');
  });

  it('round-trips random addresses in the same form as the WHATWG URL serializer', () => {
    let seed = 42n;
    const next = () => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      return seed;
    };
    for (let i = 0; i < 500; i++) {
      // Mix in zero groups so that compression is exercised.
      let v = (next() << 64n) | next();
      const zeroMask = next();
      for (let g = 0n; g < 8n; g++) if ((zeroMask >> g) & 1n) v &= ~(0xffffn << (g * 16n));
      const a = { version: 6 as const, value: v };
      const text = ipToString(a);
      expect(ip(text)).toEqual(a);
      if (v >> 32n !== 0xffffn) expect(`[${text}]`).toBe(new URL(`http://[${text}]/`).hostname);
    }
  });

  it('unmaps IPv4-mapped addresses only', () => {
    expect(unmapIpv4(ip('::ffff:10.0.0.1'))).toEqual(ip('10.0.0.1'));
    expect(unmapIpv4(ip('::10.0.0.1'))).toBeUndefined();
    expect(unmapIpv4(ip('10.0.0.1'))).toEqual(ip('10.0.0.1'));
  });
});

describe('parseCidr', () => {
  it('parses and canonicalises', () => {
    expect(cidr('10.0.0.0/16')).toEqual({ version: 4, network: 0x0a000000, prefix: 16, mask: 0xffff0000 });
    expect(str('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(str('10.1.2.3/32')).toBe('10.1.2.3/32');
    expect(str('::/0')).toBe('::/0');
    expect(str('2001:DB8:0:0::/32')).toBe('2001:db8::/32');
    expect(str('2001:db8::1/128')).toBe('2001:db8::1/128');
  });

  it('zeroes host bits like EC2 does, and says so', () => {
    const r = parseCidr('100.68.0.18/18');
    expect(r.ok && cidrToString(r.value)).toBe('100.68.0.0/18');
    expect(r.hostBitsSet).toBe(true);
    expect(parseCidr('10.0.0.0/16').hostBitsSet).toBe(false);
    expect(str('10.0.0.1/16')).toBe('10.0.0.0/16');
    expect(str('2001:db8::1/64')).toBe('2001:db8::/64');
    expect(str('255.255.255.255/0')).toBe('0.0.0.0/0');
  });

  it('rejects host bits when strict', () => {
    expect(parseCidr('10.0.0.1/16', { strict: true })).toMatchObject({ ok: false, reason: 'host-bits-set' });
    expect(parseCidr('10.0.0.0/16', { strict: true }).ok).toBe(true);
    expect(parseCidr('2001:db8::1/64', { strict: true })).toMatchObject({
      ok: false,
      reason: 'host-bits-set',
    });
  });

  it('needs a prefix unless bare addresses are allowed', () => {
    expect(parseCidr('10.0.0.5')).toMatchObject({ ok: false, reason: 'missing-prefix' });
    expect(str('10.0.0.5/32')).toBe('10.0.0.5/32');
    const r = parseCidr('10.0.0.5', { allowBareIp: true });
    expect(r.ok && cidrToString(r.value)).toBe('10.0.0.5/32');
    const r6 = parseCidr('::1', { allowBareIp: true });
    expect(r6.ok && cidrToString(r6.value)).toBe('::1/128');
  });

  it.each([
    ['', 'empty'],
    ['10.0.0.0/33', 'invalid-prefix'],
    ['10.0.0.0/', 'invalid-prefix'],
    ['10.0.0.0/-1', 'invalid-prefix'],
    ['10.0.0.0/08', 'invalid-prefix'],
    ['10.0.0.0/8/8', 'invalid-prefix'],
    ['10.0.0.0/ 8', 'invalid-prefix'],
    ['::/129', 'invalid-prefix'],
    ['10.0.0/8', 'invalid-ipv4'],
    ['/8', 'empty'],
    ['2001:db8:::/48', 'invalid-ipv6'],
  ])('rejects %j (%s)', (s, reason) => {
    expect(parseCidr(s)).toMatchObject({ ok: false, reason });
    expect(isCidr(s)).toBe(false);
  });

  it('throws from the convenience form', () => {
    expect(() => cidr('10.0.0.0/40')).toThrow(/prefix must be 0-32/);
  });
});

describe('containment and overlap', () => {
  const vpc = cidr('10.0.0.0/16');

  it('tests addresses', () => {
    expect(cidrContainsIp(vpc, ip('10.0.0.0'))).toBe(true);
    expect(cidrContainsIp(vpc, ip('10.0.255.255'))).toBe(true);
    expect(cidrContainsIp(vpc, ip('10.1.0.0'))).toBe(false);
    expect(cidrContainsIp(vpc, ip('9.255.255.255'))).toBe(false);
    expect(cidrContainsIp(cidr('192.168.1.0/24'), ip('192.168.1.77'))).toBe(true);
    expect(cidrContainsIp(ANY_IPV4, ip('255.255.255.255'))).toBe(true);
    expect(cidrContainsIp(cidr('255.255.255.255/32'), ip('255.255.255.255'))).toBe(true);
    expect(cidrContainsIp(cidr('255.255.255.255/32'), ip('255.255.255.254'))).toBe(false);
    expect(cidrContainsIp(cidr('128.0.0.0/1'), ip('200.0.0.1'))).toBe(true);
    expect(cidrContainsIp(cidr('128.0.0.0/1'), ip('100.0.0.1'))).toBe(false);
  });

  it('tests IPv6 addresses, including /0 and /128', () => {
    expect(cidrContainsIp(cidr('2001:db8::/32'), ip('2001:db8:ffff::1'))).toBe(true);
    expect(cidrContainsIp(cidr('2001:db8::/32'), ip('2001:db9::'))).toBe(false);
    expect(cidrContainsIp(ANY_IPV6, ip('ffff::'))).toBe(true);
    expect(cidrContainsIp(cidr('::1/128'), ip('::1'))).toBe(true);
    expect(cidrContainsIp(cidr('::1/128'), ip('::2'))).toBe(false);
  });

  it('never mixes families, mapped addresses included', () => {
    expect(cidrContainsIp(ANY_IPV4, ip('::ffff:1.2.3.4'))).toBe(false);
    expect(cidrContainsIp(ANY_IPV6, ip('1.2.3.4'))).toBe(false);
    expect(cidrContains(ANY_IPV4, ANY_IPV6)).toBe(false);
    expect(cidrsOverlap(ANY_IPV4, ANY_IPV6)).toBe(false);
  });

  it('tests blocks inside blocks', () => {
    expect(cidrContains(vpc, cidr('10.0.1.0/24'))).toBe(true);
    expect(cidrContains(vpc, vpc)).toBe(true);
    expect(cidrContains(cidr('10.0.1.0/24'), vpc)).toBe(false);
    expect(cidrContains(vpc, cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContains(ANY_IPV4, cidr('10.0.0.0/8'))).toBe(true);
    expect(cidrContains(vpc, ip('10.0.3.4'))).toBe(true);
    expect(cidrContains(cidr('2001:db8::/32'), cidr('2001:db8:1::/48'))).toBe(true);
  });

  it('overlap: nested, equal, adjacent and disjoint', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.0.128.0/17'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.128.0/17'), cidr('10.0.0.0/16'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.0.0.0/16'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/17'), cidr('10.0.128.0/17'))).toBe(false); // adjacent
    expect(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.1.0.0/16'))).toBe(false);
    expect(cidrsOverlap(ANY_IPV4, cidr('1.2.3.4/32'))).toBe(true);
    expect(cidrsOverlap(cidr('2001:db8::/64'), cidr('2001:db8:0:1::/64'))).toBe(false);
  });

  it('compares blocks', () => {
    expect(cidrEquals(cidr('10.0.0.1/16'), cidr('10.0.0.0/16'))).toBe(true);
    expect(cidrEquals(cidr('10.0.0.0/16'), cidr('10.0.0.0/17'))).toBe(false);
  });
});

describe('bounds and size', () => {
  it('IPv4', () => {
    const c = cidr('10.0.0.0/24');
    expect(ipToString(firstAddress(c))).toBe('10.0.0.0');
    expect(ipToString(lastAddress(c))).toBe('10.0.0.255');
    expect(cidrSize(c)).toBe(256);
    expect(cidrSize(ANY_IPV4)).toBe(4294967296);
    expect(ipToString(lastAddress(ANY_IPV4))).toBe('255.255.255.255');
    expect(cidrSize(cidr('1.2.3.4/32'))).toBe(1);
    expect(lastAddress(cidr('1.2.3.4/32'))).toEqual(ip('1.2.3.4'));
    expect(lastAddress(cidr('192.168.0.0/16'))).toEqual(ip('192.168.255.255'));
  });

  it('IPv6', () => {
    const c = cidr('2001:db8::/64');
    expect(ipToString(firstAddress(c))).toBe('2001:db8::');
    expect(ipToString(lastAddress(c))).toBe('2001:db8::ffff:ffff:ffff:ffff');
    expect(cidrSize(c)).toBe(1n << 64n);
    expect(cidrSize(ANY_IPV6)).toBe(1n << 128n);
    expect(cidrSize(cidr('::1/128'))).toBe(1n);
    expect(ipToString(lastAddress(ANY_IPV6))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  });

  it('host CIDRs', () => {
    expect(cidrToString(hostCidr(ip('10.0.0.9')))).toBe('10.0.0.9/32');
    expect(cidrToString(hostCidr(ip('2001:db8::9')))).toBe('2001:db8::9/128');
  });

  it('any-address', () => {
    expect(isAnyAddress(cidr('0.0.0.0/0'))).toBe(true);
    expect(isAnyAddress(cidr('::/0'))).toBe(true);
    expect(isAnyAddress(cidr('0.0.0.0/1'))).toBe(false);
    expect(cidrToString(ANY_IPV4)).toBe('0.0.0.0/0');
    expect(cidrToString(ANY_IPV6)).toBe('::/0');
  });
});

describe('longestPrefixMatch', () => {
  const routes = ['0.0.0.0/0', '10.0.0.0/16', '10.0.1.0/24', '10.0.1.128/25', '::/0', '2001:db8::/56'].map(
    (s) => cidr(s),
  );

  it('picks the most specific containing block', () => {
    const pick = (a: string) => {
      const m = longestPrefixMatch(ip(a), routes);
      return m && cidrToString(m);
    };
    expect(pick('10.0.1.200')).toBe('10.0.1.128/25');
    expect(pick('10.0.1.5')).toBe('10.0.1.0/24');
    expect(pick('10.0.2.5')).toBe('10.0.0.0/16');
    expect(pick('8.8.8.8')).toBe('0.0.0.0/0');
    expect(pick('2001:db8::5')).toBe('2001:db8::/56');
    expect(pick('2600::1')).toBe('::/0');
  });

  it('is undefined without a match, and independent of order', () => {
    expect(longestPrefixMatch(ip('8.8.8.8'), [cidr('10.0.0.0/8')])).toBeUndefined();
    expect(longestPrefixMatch(ip('8.8.8.8'), [])).toBeUndefined();
    const reversed = [...routes].reverse();
    expect(cidrToString(longestPrefixMatch(ip('10.0.1.200'), reversed) as Cidr)).toBe('10.0.1.128/25');
  });

  it('works over items, skipping those without a CIDR, first of equals wins', () => {
    const table = [
      { target: 'igw', dest: cidr('0.0.0.0/0') },
      { target: 'pl', dest: undefined },
      { target: 'local', dest: cidr('10.0.0.0/16') },
      { target: 'pcx', dest: cidr('10.0.0.0/16') },
    ];
    expect(longestPrefixMatchBy(ip('10.0.3.3'), table, (r) => r.dest)?.target).toBe('local');
    expect(longestPrefixMatchBy(ip('1.1.1.1'), table, (r) => r.dest)?.target).toBe('igw');
    expect(longestPrefixMatchBy(ip('::1'), table, (r) => r.dest)).toBeUndefined();
  });
});

describe('private ranges', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.0', false],
    ['192.168.5.5', true],
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['100.128.0.0', false],
    ['169.254.169.254', true],
    ['8.8.8.8', false],
    ['fd00::1', true],
    ['fc00::1', true],
    ['fe80::1', true],
    ['2001:db8::1', false],
    ['::ffff:10.0.0.1', false],
  ])('isPrivate(%s) = %s', (a, expected) => {
    expect(isPrivate(ip(a))).toBe(expected);
  });

  it('classifies blocks as a whole', () => {
    expect(isPrivate(cidr('10.0.0.0/8'))).toBe(true);
    expect(isPrivate(cidr('10.0.0.0/7'))).toBe(false); // partly public
    expect(isPrivate(cidr('0.0.0.0/0'))).toBe(false);
    expect(isRfc1918(cidr('172.16.0.0/12'))).toBe(true);
    expect(isRfc1918(cidr('100.64.0.0/10'))).toBe(false);
  });
});

describe('subnetsOf (Fn::Cidr)', () => {
  const strs = (r: ReturnType<typeof subnetsOf>) => (r.ok ? r.value.map(cidrToString) : r.reason);

  it('matches the documented example', () => {
    expect(strs(subnetsOf('192.168.0.0/24', 6, 5))).toEqual([
      '192.168.0.0/27',
      '192.168.0.32/27',
      '192.168.0.64/27',
      '192.168.0.96/27',
      '192.168.0.128/27',
      '192.168.0.160/27',
    ]);
    // The documentation passes count and cidrBits as strings.
    const r = fnCidr('192.168.0.0/24', '6', '5');
    expect(r.ok && r.value).toEqual([
      '192.168.0.0/27',
      '192.168.0.32/27',
      '192.168.0.64/27',
      '192.168.0.96/27',
      '192.168.0.128/27',
      '192.168.0.160/27',
    ]);
  });

  it('accepts a parsed block and IPv6 (the /56 to /64 idiom)', () => {
    expect(strs(subnetsOf(cidr('10.0.0.0/16'), 3, 8))).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(strs(subnetsOf('2001:db8:1200::/56', 3, 64))).toEqual([
      '2001:db8:1200::/64',
      '2001:db8:1200:1::/64',
      '2001:db8:1200:2::/64',
    ]);
    const full = subnetsOf('10.0.0.0/16', 256, 8);
    expect(full.ok && cidrToString(full.value[255] as Cidr)).toBe('10.0.255.0/24');
  });

  it('starts at the network address when the block has host bits', () => {
    expect(strs(subnetsOf('10.0.0.77/24', 2, 7))).toEqual(['10.0.0.0/25', '10.0.0.128/25']);
  });

  it('handles the edges of the address space', () => {
    expect(strs(subnetsOf('255.255.255.0/24', 2, 7))).toEqual(['255.255.255.0/25', '255.255.255.128/25']);
    expect(strs(subnetsOf('10.0.0.0/24', 1, 8))).toEqual(['10.0.0.0/24']);
    expect(strs(subnetsOf('10.0.0.4/30', 4, 0))).toEqual([
      '10.0.0.4/32',
      '10.0.0.5/32',
      '10.0.0.6/32',
      '10.0.0.7/32',
    ]);
    expect(strs(subnetsOf('0.0.0.0/0', 2, 31))).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
  });

  it('rejects what CloudFormation rejects', () => {
    expect(strs(subnetsOf('10.0.0.0/24', 0, 5))).toBe('invalid-count');
    expect(strs(subnetsOf('10.0.0.0/16', 257, 4))).toBe('invalid-count');
    expect(strs(subnetsOf('10.0.0.0/24', 1.5, 5))).toBe('invalid-count');
    expect(strs(subnetsOf('10.0.0.0/24', 1, 9))).toBe('invalid-cidr-bits'); // larger than the block
    expect(strs(subnetsOf('10.0.0.0/24', 1, -1))).toBe('invalid-cidr-bits');
    expect(strs(subnetsOf('10.0.0.0/24', 9, 5))).toBe('not-enough-space'); // only 8 /27s in a /24
    expect(strs(subnetsOf('nope', 1, 5))).toBe('missing-prefix');
    expect(fnCidr('10.0.0.0/24', 'six', '5')).toMatchObject({ ok: false, reason: 'invalid-count' });
    const r = subnetsOf('10.0.0.0/24', 9, 5);
    expect(!r.ok && r.message).toMatch(/holds only 8 blocks of \/27, 9 requested/);
  });
});

describe('Terraform cidrsubnet / cidrhost', () => {
  it('cidrsubnet follows the Terraform examples', () => {
    const sub = (p: string, n: number, k: number) => {
      const r = cidrSubnet(cidr(p), n, k);
      return r.ok ? cidrToString(r.value) : r.reason;
    };
    expect(sub('172.16.0.0/12', 4, 2)).toBe('172.18.0.0/16');
    expect(sub('10.1.2.0/24', 4, 15)).toBe('10.1.2.240/28');
    expect(sub('fd00:fd12:3456:7890::/56', 16, 162)).toBe('fd00:fd12:3456:7800:a200::/72');
    expect(sub('10.1.2.0/24', 4, 16)).toBe('not-enough-space');
    expect(sub('10.1.2.0/24', 9, 0)).toBe('invalid-cidr-bits');
  });

  it('cidrhost follows the Terraform examples', () => {
    const host = (p: string, n: number) => {
      const r = cidrHost(cidr(p), n);
      return r.ok ? ipToString(r.value) : r.reason;
    };
    expect(host('10.12.112.0/20', 16)).toBe('10.12.112.16');
    expect(host('10.12.112.0/20', 268)).toBe('10.12.113.12');
    expect(host('fd00:fd12:3456:7890:00a2::/72', 34)).toBe('fd00:fd12:3456:7890::22');
    expect(host('10.0.0.0/24', -1)).toBe('10.0.0.255');
    expect(host('10.0.0.0/24', 256)).toBe('not-enough-space');
    expect(host('10.0.0.0/24', -257)).toBe('not-enough-space');
    expect(host('10.0.0.0/24', 0.5)).toBe('not-enough-space');
  });
});
