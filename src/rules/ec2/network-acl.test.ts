import { describe, expect, it } from 'vitest';
import { resource } from '../../../test/rule-fixtures.js';
import { aclEntries, entryCovers } from './network-acl.js';

describe('network ACL entries', () => {
  it('sorts by rule number and tells which entry covers another', () => {
    const parsed = aclEntries(
      resource('AWS::EC2::NetworkAcl', 'acl-1', {
        Entries: [
          {
            RuleNumber: 200,
            Protocol: 6,
            RuleAction: 'deny',
            Egress: false,
            CidrBlock: '192.0.2.66/32',
            PortRange: { From: 22, To: 22 },
          },
          {
            RuleNumber: 100,
            Protocol: 6,
            RuleAction: 'allow',
            Egress: false,
            CidrBlock: '0.0.0.0/0',
            PortRange: { From: 0, To: 1023 },
          },
          {
            RuleNumber: 110,
            Protocol: 17,
            RuleAction: 'allow',
            Egress: false,
            CidrBlock: '0.0.0.0/0',
            PortRange: { From: 0, To: 65535 },
          },
          {
            RuleNumber: 120,
            Protocol: 1,
            RuleAction: 'allow',
            Egress: false,
            CidrBlock: '0.0.0.0/0',
            Icmp: { Type: -1, Code: -1 },
          },
        ],
      }),
    );
    if (!('entries' in parsed)) throw new Error('not parsed');
    const [tcpLow, udpAll, icmpAll, denySsh] = parsed.entries;
    expect(parsed.entries.map((e) => e.ruleNumber)).toEqual([100, 110, 120, 200]);
    expect(entryCovers(tcpLow!, denySsh!)).toBe(true);
    expect(entryCovers(udpAll!, denySsh!)).toBe(false);
    expect(entryCovers(icmpAll!, denySsh!)).toBe(false);
    expect(entryCovers(denySsh!, tcpLow!)).toBe(false);
  });

  it('reports a malformed entry instead of skipping it', () => {
    const parsed = aclEntries(
      resource('AWS::EC2::NetworkAcl', 'acl-2', {
        Entries: [{ RuleNumber: 100, RuleAction: 'allow', CidrBlock: '0.0.0.0/0' }],
      }),
    );
    expect(parsed).toEqual({ malformed: 'Entries[0] has no Protocol' });
  });
});
