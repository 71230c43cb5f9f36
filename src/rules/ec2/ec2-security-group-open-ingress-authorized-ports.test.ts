import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-security-group-open-ingress-authorized-ports.js';

describe('ec2-security-group-open-ingress-authorized-ports', () => {
  it('allows only TCP 80 and 443 from anywhere by default', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-security-group-open-ingress-authorized-ports.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailRangeAroundHttps')?.reason).toContain(
      'tcp 81-442, 444-1024 from 0.0.0.0/0',
    );
  });

  it('takes the authorized ports from its parameters', () => {
    const dns = {
      SecurityGroupIngress: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, CidrIp: '0.0.0.0/0' }],
    };
    expectResources(rule, [resource('AWS::EC2::SecurityGroup', 'PassDnsAuthorized', dns)], {
      params: { authorizedUdpPorts: [53] },
    });
    expectResources(rule, [
      resource('AWS::EC2::SecurityGroup', 'FailAllProtocols', {
        SecurityGroupIngress: [{ IpProtocol: '-1', CidrIpv6: '::/0' }],
      }),
    ]);
  });
});
