import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-network-acl-deny-rule-effective.js';

const ACL = 'AWS::EC2::NetworkAcl';
const entry = (ruleNumber: number, action: string, cidr: string, egress = false) => ({
  RuleNumber: ruleNumber,
  Protocol: -1,
  RuleAction: action,
  Egress: egress,
  CidrBlock: cidr,
});

describe('ec2-network-acl-deny-rule-effective', () => {
  it('fails a deny rule that a lower-numbered allow rule covers', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-network-acl-deny-rule-effective.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailAllowAllFirst')?.reason).toBe(
      'Network ACL FailAllowAllFirst has shadowed deny rules: rule 200 (deny all traffic from 192.0.2.66/32) never matches: rule 100 (allow all traffic from 0.0.0.0/0) is evaluated first.',
    );
    expect(findings.find((f) => f.resource.id === 'FailSshDenyAfterSshAllow')?.reason).toContain(
      'allow tcp 0-1023 from 203.0.113.0/24',
    );
  });

  it('ignores the default * rule of live ACLs (32767)', () => {
    expectResources(rule, [
      resource(ACL, 'NotApplicableDefaultAcl', {
        Entries: [
          entry(100, 'allow', '0.0.0.0/0'),
          entry(32767, 'deny', '0.0.0.0/0'),
          entry(100, 'allow', '0.0.0.0/0', true),
          entry(32767, 'deny', '0.0.0.0/0', true),
        ],
      }),
      resource(ACL, 'PassIpv6AllowDoesNotShadowIpv4Deny', {
        Entries: [
          { RuleNumber: 100, Protocol: -1, RuleAction: 'allow', Egress: false, Ipv6CidrBlock: '::/0' },
          entry(110, 'deny', '192.0.2.66/32'),
        ],
      }),
    ]);
  });
});
