import { describe, expect, it } from 'vitest';
import { applyTfEdits } from './edit.js';
import type { RulesEdit } from './ingress.js';

const edit = (over: Partial<RulesEdit>): RulesEdit => ({
  op: 'sg-rules',
  file: 'main.tf',
  type: 'aws_security_group',
  name: 'g',
  inline: true,
  changes: [],
  appends: [],
  ...over,
});

const open = (member: 'CidrIp' | 'CidrIpv6', cidr: string) => ({
  IpProtocol: 'tcp',
  FromPort: 22,
  ToPort: 22,
  [member]: cidr,
});

describe('ingress rules in HCL', () => {
  it('removes one CIDR of a list and keeps the rest of the rule', () => {
    const text = [
      'resource "aws_security_group" "g" {',
      '  ingress {',
      '    from_port        = 22',
      '    to_port          = 22',
      '    protocol         = "tcp"',
      '    cidr_blocks      = ["10.0.0.0/8", "0.0.0.0/0"]',
      '    ipv6_cidr_blocks = ["::/0"]',
      '  }',
      '}',
      '',
    ].join('\n');
    const { text: after, outcomes } = applyTfEdits(text, [
      edit({
        count: 3,
        changes: [
          { kind: 'remove', position: 1, was: open('CidrIp', '0.0.0.0/0') },
          { kind: 'remove', position: 2, was: open('CidrIpv6', '::/0') },
        ],
      }),
    ]);
    expect(outcomes).toEqual([{ status: 'applied' }]);
    expect(after).toBe(
      text
        .replace('["10.0.0.0/8", "0.0.0.0/0"]', '["10.0.0.0/8"]')
        .replace('    ipv6_cidr_blocks = ["::/0"]\n', ''),
    );
  });

  it('moves a single-valued rule to the other address family by renaming its argument', () => {
    const text = [
      'resource "aws_vpc_security_group_ingress_rule" "r" {',
      '  security_group_id = aws_security_group.g.id',
      '  ip_protocol       = "tcp"',
      '  from_port         = 22',
      '  to_port           = 22',
      '  cidr_ipv6         = "::/0" # everyone',
      '}',
    ].join('\n');
    const { text: after } = applyTfEdits(text, [
      edit({
        type: 'aws_vpc_security_group_ingress_rule',
        name: 'r',
        inline: false,
        count: 1,
        changes: [
          {
            kind: 'set',
            position: 0,
            member: 'CidrIp',
            value: '203.0.113.0/24',
            was: open('CidrIpv6', '::/0'),
          },
        ],
      }),
    ]);
    expect(after).toBe(text.replace('cidr_ipv6         = "::/0"', 'cidr_ipv4 = "203.0.113.0/24"'));
  });

  it('refuses when the text does not give the entries that were loaded, or names another CIDR', () => {
    const text =
      'resource "aws_security_group" "g" {\n  ingress {\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n';
    const change = { kind: 'remove' as const, position: 0, was: open('CidrIp', '0.0.0.0/0') };
    expect(applyTfEdits(text, [edit({ count: 2, changes: [change] })]).outcomes[0]).toEqual({
      status: 'refused',
      reason: 'the ingress rules written in aws_security_group.g give 1 entries where 2 were loaded',
    });
    const other = { ...change, was: open('CidrIp', '10.0.0.0/8') };
    expect(applyTfEdits(text, [edit({ count: 1, changes: [other] })]).outcomes[0]).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('is not the loaded 10.0.0.0/8'),
    });
  });
});
