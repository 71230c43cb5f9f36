import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './ec2-subnet-no-auto-assign-public-ip.js';

describe('ec2-subnet-no-auto-assign-public-ip', () => {
  it('fails subnets that map public IPv4 or assign IPv6 addresses on launch', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-subnet-no-auto-assign-public-ip.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailAssignsIpv6')?.reason).toBe(
      'Subnet FailAssignsIpv6 assigns an IPv6 address to every instance launched in it.',
    );
  });
});
