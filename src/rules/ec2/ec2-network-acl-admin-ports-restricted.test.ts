import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-network-acl-admin-ports-restricted.js';

describe('ec2-network-acl-admin-ports-restricted', () => {
  it('decides by the first entry from anywhere that matches the port', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-network-acl-admin-ports-restricted.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailAllowAll')).toContain(
      'tcp 22 from 0.0.0.0/0 (rule 100); tcp 3389 from 0.0.0.0/0 (rule 100)',
    );
    expect(reason('FailRdpRangeOverIpv6')).toContain('tcp 3389 from ::/0 (rule 100)');
  });

  it('fails the AWS default ACL as describe output shows it, and takes the port list as a parameter', () => {
    const defaultAcl = {
      Entries: [
        { RuleNumber: 100, Protocol: -1, RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 32767, Protocol: -1, RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      ],
    };
    expectResources(rule, [resource('AWS::EC2::NetworkAcl', 'FailDefaultAcl', defaultAcl)]);
    const winrm = {
      Entries: [
        {
          RuleNumber: 100,
          Protocol: 6,
          RuleAction: 'allow',
          Egress: false,
          CidrBlock: '0.0.0.0/0',
          PortRange: { From: 5985, To: 5986 },
        },
      ],
    };
    expectResources(rule, [resource('AWS::EC2::NetworkAcl', 'PassWinRmNotListed', winrm)]);
    expectResources(rule, [resource('AWS::EC2::NetworkAcl', 'FailWinRmListed', winrm)], {
      params: { ports: [5985] },
    });
  });
});
