import { describe, expect, it } from 'vitest';
import { cidrSubnets } from './cidr.js';

describe('Fn::Cidr', () => {
  it('splits an IPv4 block from its network address', () => {
    expect(cidrSubnets('10.0.0.0/16', 4, 8)).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.2.0/24',
      '10.0.3.0/24',
    ]);
    // The example of the CloudFormation documentation.
    expect(cidrSubnets('192.168.0.0/24', 6, 5)).toEqual([
      '192.168.0.0/27',
      '192.168.0.32/27',
      '192.168.0.64/27',
      '192.168.0.96/27',
      '192.168.0.128/27',
      '192.168.0.160/27',
    ]);
    expect(cidrSubnets('10.1.2.3/16', 1, 12)).toEqual(['10.1.0.0/20']);
  });

  it('splits an IPv6 block and prints it compressed', () => {
    expect(cidrSubnets('2600:1f16:abc:de00::/56', 3, 64)).toEqual([
      '2600:1f16:abc:de00::/64',
      '2600:1f16:abc:de01::/64',
      '2600:1f16:abc:de02::/64',
    ]);
  });

  it('rejects blocks that do not fit or are malformed', () => {
    expect(cidrSubnets('10.0.0.0/24', 4, 7)).toHaveProperty('error');
    expect(cidrSubnets('10.0.0.0/24', 1, 9)).toHaveProperty('error');
    expect(cidrSubnets('10.0.0/24', 1, 4)).toHaveProperty('error');
    expect(cidrSubnets('10.0.0.0', 1, 4)).toHaveProperty('error');
    expect(cidrSubnets('10.0.0.0/16', 0, 4)).toHaveProperty('error');
  });
});
