import { describe, expect, it } from 'vitest';
import {
  ALL_PORTS,
  EPHEMERAL_PORT_RANGES,
  intersectPortRanges,
  isAllPorts,
  makePortRange,
  naclRuleTraffic,
  normalizePortRanges,
  parseIpProtocol,
  parsePortRange,
  portCount,
  portRange,
  portRangeContains,
  portRangesOverlap,
  portRangeToString,
  protocolNumber,
  sgRuleTraffic,
  subtractPortRanges,
  trafficMatches,
  type PortRange,
  type TrafficMatch,
} from './ports.js';

const r = (from: number, to: number): PortRange => ({ from, to });
const strs = (ranges: PortRange[]) => ranges.map(portRangeToString);

describe('parsePortRange', () => {
  it('parses single ports, ranges and all', () => {
    expect(portRange(22)).toEqual(r(22, 22));
    expect(portRange('22')).toEqual(r(22, 22));
    expect(portRange('1024-65535')).toEqual(r(1024, 65535));
    expect(portRange(' 80 - 443 ')).toEqual(r(80, 443));
    expect(portRange('0-65535')).toEqual(ALL_PORTS);
    expect(portRange('ALL')).toEqual(ALL_PORTS);
    expect(portRange(0)).toEqual(r(0, 0));
    expect(portRange(65535)).toEqual(r(65535, 65535));
  });

  it.each([
    ['', 'empty'],
    ['65536', 'invalid-port'],
    ['-1', 'invalid-port'],
    ['80-', 'invalid-port'],
    ['-80', 'invalid-port'],
    ['http', 'invalid-port'],
    ['1.5', 'invalid-port'],
    ['443-80', 'reversed-range'],
    [-1, 'invalid-port'],
    [22.5, 'invalid-port'],
    [Number.NaN, 'invalid-port'],
  ])('rejects %j (%s)', (input, reason) => {
    expect(parsePortRange(input)).toMatchObject({ ok: false, reason });
  });

  it('builds ranges from numbers', () => {
    expect(makePortRange(80, 80)).toEqual({ ok: true, value: r(80, 80) });
    expect(makePortRange(90, 80)).toMatchObject({ ok: false, reason: 'reversed-range' });
    expect(makePortRange(0, 70000)).toMatchObject({ ok: false, reason: 'invalid-port' });
    expect(() => portRange('x')).toThrow(/not a port/);
  });

  it('prints and counts', () => {
    expect(portRangeToString(r(22, 22))).toBe('22');
    expect(portRangeToString(r(80, 443))).toBe('80-443');
    expect(portRangeToString(ALL_PORTS)).toBe('all');
    expect(portCount(ALL_PORTS)).toBe(65536);
    expect(portCount(r(22, 22))).toBe(1);
    expect(isAllPorts(r(0, 65535))).toBe(true);
    expect(isAllPorts(r(1, 65535))).toBe(false);
  });
});

describe('range operations', () => {
  it('contains ports and ranges, inclusive at both ends', () => {
    expect(portRangeContains(r(80, 443), 80)).toBe(true);
    expect(portRangeContains(r(80, 443), 443)).toBe(true);
    expect(portRangeContains(r(80, 443), 444)).toBe(false);
    expect(portRangeContains(r(80, 443), 79)).toBe(false);
    expect(portRangeContains(ALL_PORTS, r(0, 65535))).toBe(true);
    expect(portRangeContains(r(80, 443), r(100, 200))).toBe(true);
    expect(portRangeContains(r(80, 443), r(79, 200))).toBe(false);
  });

  it('overlap: touching ends overlap, adjacent ranges do not', () => {
    expect(portRangesOverlap(r(80, 90), r(90, 100))).toBe(true);
    expect(portRangesOverlap(r(80, 89), r(90, 100))).toBe(false);
    expect(portRangesOverlap(r(1, 100), r(50, 60))).toBe(true);
    expect(portRangesOverlap(r(50, 60), r(1, 100))).toBe(true);
    expect(portRangesOverlap(r(22, 22), r(22, 22))).toBe(true);
  });

  it('intersects', () => {
    expect(intersectPortRanges(r(80, 443), r(400, 1000))).toEqual(r(400, 443));
    expect(intersectPortRanges(r(80, 90), r(90, 100))).toEqual(r(90, 90));
    expect(intersectPortRanges(r(80, 89), r(90, 100))).toBeUndefined();
    expect(intersectPortRanges(ALL_PORTS, r(22, 22))).toEqual(r(22, 22));
  });

  it('normalises: sorts, merges overlapping and adjacent, keeps gaps', () => {
    expect(strs(normalizePortRanges([r(443, 443), r(80, 80), r(81, 90), r(85, 86), r(92, 95)]))).toEqual([
      '80-90',
      '92-95',
      '443',
    ]);
    expect(strs(normalizePortRanges([r(0, 100), r(50, 65535)]))).toEqual(['all']);
    expect(normalizePortRanges([])).toEqual([]);
    expect(strs(normalizePortRanges([r(22, 22), r(22, 22)]))).toEqual(['22']);
  });

  it('does not mutate its input', () => {
    const input = [r(90, 95), r(80, 85)];
    normalizePortRanges(input);
    expect(input).toEqual([r(90, 95), r(80, 85)]);
  });

  it('subtracts', () => {
    expect(strs(subtractPortRanges([ALL_PORTS], [r(22, 22)]))).toEqual(['0-21', '23-65535']);
    expect(strs(subtractPortRanges([r(80, 90)], [r(0, 79), r(91, 100)]))).toEqual(['80-90']);
    expect(strs(subtractPortRanges([r(80, 90)], [r(80, 90)]))).toEqual([]);
    expect(strs(subtractPortRanges([r(80, 90)], [r(85, 85), r(70, 81)]))).toEqual(['82-84', '86-90']);
    expect(strs(subtractPortRanges([r(1, 10), r(20, 30)], [r(5, 25)]))).toEqual(['1-4', '26-30']);
    expect(strs(subtractPortRanges([r(1, 10)], []))).toEqual(['1-10']);
  });
});

describe('parseIpProtocol', () => {
  it.each([
    ['-1', 'all'],
    [-1, 'all'],
    ['all', 'all'],
    ['ALL', 'all'],
    ['tcp', 'tcp'],
    ['TCP', 'tcp'],
    ['6', 'tcp'],
    [6, 'tcp'],
    ['udp', 'udp'],
    ['17', 'udp'],
    ['icmp', 'icmp'],
    ['1', 'icmp'],
    ['icmpv6', 'icmpv6'],
    ['58', 'icmpv6'],
    ['50', 50],
    [47, 47],
    ['0', 0],
    ['255', 255],
  ])('%j -> %j', (input, expected) => {
    expect(parseIpProtocol(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '256', '-2', 'sctp', '6.0', 'tcp6', 1.5])('rejects %j', (input) => {
    expect(parseIpProtocol(input)).toMatchObject({ ok: false, reason: 'invalid-protocol' });
  });

  it('maps back to numbers', () => {
    expect(protocolNumber('all')).toBe(-1);
    expect(protocolNumber('tcp')).toBe(6);
    expect(protocolNumber('udp')).toBe(17);
    expect(protocolNumber('icmp')).toBe(1);
    expect(protocolNumber('icmpv6')).toBe(58);
    expect(protocolNumber(50)).toBe(50);
  });
});

describe('sgRuleTraffic (API_IpPermission semantics)', () => {
  const value = (p: string | number, from?: number, to?: number): TrafficMatch | string => {
    const m = sgRuleTraffic(p, from, to);
    return m.ok ? m.value : m.reason;
  };

  it('protocol -1 ignores ports', () => {
    expect(value('-1')).toEqual({ protocol: 'all' });
    expect(value('-1', 22, 22)).toEqual({ protocol: 'all' });
    expect(value('-1', -1, -1)).toEqual({ protocol: 'all' });
  });

  it('other protocol numbers allow every port whatever the range', () => {
    expect(value('50', 500, 500)).toEqual({ protocol: 50 });
    expect(value('47')).toEqual({ protocol: 47 });
  });

  it('tcp and udp need a valid range', () => {
    expect(value('tcp', 22, 22)).toEqual({ protocol: 'tcp', ports: r(22, 22) });
    expect(value('6', 0, 65535)).toEqual({ protocol: 'tcp', ports: ALL_PORTS });
    expect(value('udp', 53, 53)).toEqual({ protocol: 'udp', ports: r(53, 53) });
    expect(value('tcp')).toBe('missing-ports');
    expect(value('tcp', 22)).toBe('missing-ports');
    expect(value('tcp', -1, -1)).toBe('invalid-port');
    expect(value('tcp', 443, 80)).toBe('reversed-range');
    expect(value('bogus', 1, 1)).toBe('invalid-protocol');
  });

  it('icmp: FromPort is the type, ToPort the code, -1 all', () => {
    expect(value('icmp', -1, -1)).toEqual({ protocol: 'icmp', icmpType: 'all', icmpCode: 'all' });
    expect(value('icmp', 8, -1)).toEqual({ protocol: 'icmp', icmpType: 8, icmpCode: 'all' });
    expect(value('icmp', 3, 4)).toEqual({ protocol: 'icmp', icmpType: 3, icmpCode: 4 });
    expect(value('1', -1, 0)).toEqual({ protocol: 'icmp', icmpType: 'all', icmpCode: 'all' });
    expect(value('icmp')).toBe('missing-ports');
    expect(value('icmp', 256, 0)).toBe('invalid-icmp');
    expect(value('icmp', 8, -2)).toBe('invalid-icmp');
  });

  it('icmpv6: an omitted range means all types and codes', () => {
    expect(value('icmpv6')).toEqual({ protocol: 'icmpv6', icmpType: 'all', icmpCode: 'all' });
    expect(value('58', 128, 0)).toEqual({ protocol: 'icmpv6', icmpType: 128, icmpCode: 0 });
  });
});

describe('naclRuleTraffic (CreateNetworkAclEntry semantics)', () => {
  const value = (e: Parameters<typeof naclRuleTraffic>[0]) => {
    const m = naclRuleTraffic(e);
    return m.ok ? m.value : m.reason;
  };

  it('reads NACL fields', () => {
    expect(value({ protocol: '-1', ipv6: false })).toEqual({ protocol: 'all' });
    expect(value({ protocol: '6', portRange: { From: 443, To: 443 }, ipv6: false })).toEqual({
      protocol: 'tcp',
      ports: r(443, 443),
    });
    expect(value({ protocol: 17, portRange: { From: 1024, To: 65535 }, ipv6: true })).toEqual({
      protocol: 'udp',
      ports: r(1024, 65535),
    });
    expect(value({ protocol: '6', ipv6: false })).toBe('missing-ports');
    expect(value({ protocol: '1', icmpTypeCode: { Type: -1, Code: -1 }, ipv6: false })).toEqual({
      protocol: 'icmp',
      icmpType: 'all',
      icmpCode: 'all',
    });
    expect(value({ protocol: '1', ipv6: false })).toBe('missing-ports');
    expect(value({ protocol: '50', portRange: { From: 1, To: 1 }, ipv6: false })).toEqual({ protocol: 50 });
  });

  it('ICMPv6 type and code apply only to IPv6 entries', () => {
    expect(value({ protocol: '58', icmpTypeCode: { Type: 128, Code: 0 }, ipv6: false })).toEqual({
      protocol: 'icmpv6',
      icmpType: 'all',
      icmpCode: 'all',
    });
    expect(value({ protocol: '58', icmpTypeCode: { Type: 128, Code: 0 }, ipv6: true })).toEqual({
      protocol: 'icmpv6',
      icmpType: 128,
      icmpCode: 0,
    });
  });
});

describe('trafficMatches', () => {
  const ssh: TrafficMatch = { protocol: 'tcp', ports: r(22, 22) };

  it('matches by protocol and port', () => {
    expect(trafficMatches(ssh, { protocol: 'tcp', port: 22 })).toBe(true);
    expect(trafficMatches(ssh, { protocol: 'tcp', port: 23 })).toBe(false);
    expect(trafficMatches(ssh, { protocol: 'udp', port: 22 })).toBe(false);
    expect(trafficMatches({ protocol: 'all' }, { protocol: 'udp', port: 53 })).toBe(true);
    expect(trafficMatches({ protocol: 50 }, { protocol: 50 })).toBe(true);
    expect(trafficMatches({ protocol: 50 }, { protocol: 'tcp', port: 1 })).toBe(false);
  });

  it('never treats an unknown port or type as a match', () => {
    expect(trafficMatches(ssh, { protocol: 'tcp' })).toBe(false);
    expect(trafficMatches({ protocol: 'tcp', ports: ALL_PORTS }, { protocol: 'tcp' })).toBe(true);
    const echo: TrafficMatch = { protocol: 'icmp', icmpType: 8, icmpCode: 'all' };
    expect(trafficMatches(echo, { protocol: 'icmp', icmpType: 8, icmpCode: 0 })).toBe(true);
    expect(trafficMatches(echo, { protocol: 'icmp', icmpType: 0, icmpCode: 0 })).toBe(false);
    expect(trafficMatches(echo, { protocol: 'icmp' })).toBe(false);
    const unreachable: TrafficMatch = { protocol: 'icmp', icmpType: 3, icmpCode: 4 };
    expect(trafficMatches(unreachable, { protocol: 'icmp', icmpType: 3, icmpCode: 4 })).toBe(true);
    expect(trafficMatches(unreachable, { protocol: 'icmp', icmpType: 3 })).toBe(false);
    expect(trafficMatches({ protocol: 'icmp', icmpType: 'all', icmpCode: 'all' }, { protocol: 'icmp' })).toBe(
      true,
    );
  });
});

describe('ephemeral ports', () => {
  it('has the documented ranges', () => {
    expect(EPHEMERAL_PORT_RANGES.linux).toEqual(r(32768, 60999));
    expect(EPHEMERAL_PORT_RANGES.natGateway).toEqual(r(1024, 65535));
    expect(EPHEMERAL_PORT_RANGES.elb).toEqual(r(1024, 65535));
    expect(EPHEMERAL_PORT_RANGES.windows).toEqual(r(49152, 65535));
    expect(portRangeContains(EPHEMERAL_PORT_RANGES.any, EPHEMERAL_PORT_RANGES.linux)).toBe(true);
    expect(Object.isFrozen(ALL_PORTS)).toBe(true);
  });
});
