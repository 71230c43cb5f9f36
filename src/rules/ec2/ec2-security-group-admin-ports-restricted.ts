import { z } from 'zod';
import {
  isAnyAddress,
  parseCidr,
  portRangeContains,
  sgRuleTraffic,
  type Resource,
} from '../../model/index.js';
import { asNumber, defineRule, error, fail, known, label, pass, prop, type Known } from '../rule.js';

const SOURCES = ['CidrIp', 'CidrIpv6'] as const;

/** `SecurityGroupIngress[2].CidrIp`, or `CidrIp` for a standalone ingress rule (where = ''). */
function at(where: string, name: string): string {
  return where ? `${where}.${name}` : name;
}

/** A value, or why it cannot be had (unresolved, missing or malformed). */
type Maybe<T> = { known: true; value: T } | { known: false; reason: string };

/** What one ingress entry does to the administration ports. */
type Verdict = { open: true; text: string } | { open: false; unknown?: string };
const CLOSED: Verdict = { open: false };

/** The entry's source when it is the whole address space (`0.0.0.0/0`, `::/0`, any /0). */
function worldSource(rule: Record<string, unknown>, where: string): Known<string | undefined> {
  let unknown: Known<never> | undefined;
  for (const name of SOURCES) {
    const cidr = known(rule[name], at(where, name));
    if (!cidr.known) unknown ??= cidr;
    else if (typeof cidr.value === 'string') {
      const parsed = parseCidr(cidr.value);
      if (parsed.ok && isAnyAddress(parsed.value)) return { known: true, value: cidr.value };
    }
  }
  return unknown ?? { known: true, value: undefined };
}

/** Whether the entry's protocol and ports reach any of `ports`, described for the reason. */
function reachesPorts(
  rule: Record<string, unknown>,
  where: string,
  ports: readonly number[],
): Maybe<string | undefined> {
  const protocol = known(rule.IpProtocol, at(where, 'IpProtocol'));
  const from = known(rule.FromPort, at(where, 'FromPort'));
  const to = known(rule.ToPort, at(where, 'ToPort'));
  if (!protocol.known) return protocol;
  if (!from.known) return from;
  if (!to.known) return to;
  if (typeof protocol.value !== 'string' && typeof protocol.value !== 'number') {
    return { known: false, reason: `${at(where, 'IpProtocol')} is missing` };
  }
  const traffic = sgRuleTraffic(protocol.value, asNumber(from.value), asNumber(to.value));
  if (!traffic.ok) return { known: false, reason: where ? `${where}: ${traffic.message}` : traffic.message };
  const t = traffic.value;
  // Protocol -1 is every protocol on every port; other protocols than TCP and UDP have no ports.
  if (t.protocol === 'all') return { known: true, value: 'all traffic' };
  if (t.protocol !== 'tcp' && t.protocol !== 'udp') return { known: true, value: undefined };
  const range = t.ports;
  const hit = ports.some((port) => portRangeContains(range, port));
  const span = range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;
  return { known: true, value: hit ? `${t.protocol} ${span}` : undefined };
}

/** Does one ingress entry (the CloudFormation `Ingress` shape) open an administration port to anywhere? */
function verdict(entry: unknown, where: string, ports: readonly number[]): Verdict {
  const e = known(entry, where || 'the rule');
  if (!e.known) return { open: false, unknown: e.reason };
  if (e.value === null || typeof e.value !== 'object') return CLOSED;
  const rule = e.value as Record<string, unknown>;
  const source = worldSource(rule, where);
  if (source.known && source.value === undefined) return CLOSED;
  const traffic = reachesPorts(rule, where, ports);
  if (traffic.known && traffic.value === undefined) return CLOSED;
  if (!source.known) return { open: false, unknown: source.reason };
  if (!traffic.known) return { open: false, unknown: traffic.reason };
  const text = `${traffic.value} from ${source.value}`;
  return { open: true, text: where ? `${where}: ${text}` : text };
}

/** The ingress entries of a group, or of a standalone ingress rule whose group is not in the snapshot. */
function ingress(resource: Resource): Known {
  if (resource.type === 'AWS::EC2::SecurityGroupIngress') return { known: true, value: [resource.props] };
  return prop(resource.props, 'SecurityGroupIngress');
}

/** The group a standalone ingress rule modifies, as its reason names it. */
function groupOf(rule: Resource): string {
  const id = rule.props.GroupId ?? rule.props.GroupName;
  return typeof id === 'string' ? `security group ${id}` : 'a security group not in the snapshot';
}

/**
 * Compliant: no ingress rule allows TCP or UDP to the administration ports (22 and 3389 by
 * default; protocol -1 and port ranges covering them count) from 0.0.0.0/0 or ::/0.
 */
export default defineRule({
  id: 'ec2-security-group-admin-ports-restricted',
  title: 'Security group does not open administration ports to the internet',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  rationale:
    'SSH (22) and RDP (3389) open to 0.0.0.0/0 or ::/0 are scanned and brute-forced within minutes of exposure, and a single weak or leaked credential then gives a shell on the instance. Administration should come through Session Manager, a VPN or a bastion with a narrow source range. A rule for all protocols, or a port range that includes these ports, exposes them just the same.',
  remediation: {
    text: 'Remove the rule, or narrow its source to the administrators’ network; prefer AWS Systems Manager Session Manager, which needs no inbound port at all.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port 22 --cidr 0.0.0.0/0',
    cloudformation:
      'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    CidrIp: 203.0.113.0/24  # the administrators’ network',
    terraform:
      'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = aws_security_group.this.id\n  ip_protocol       = "tcp"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = "203.0.113.0/24"\n}',
  },
  controls: [
    'cis-aws-v5.0:5.3',
    'cis-aws-v5.0:5.4',
    'aws-fsbp:EC2.13',
    'aws-fsbp:EC2.14',
    'pci-dss-v4.0:1.3.1',
    'pci-dss-v4.0:1.4.2',
  ],
  params: z.object({
    ports: z
      .array(z.number().int().min(0).max(65535))
      .default([22, 3389])
      .describe('Ports that must not be reachable from anywhere (TCP or UDP).'),
  }),
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html',
  ],
  evaluate(group, ctx) {
    const standalone = group.type === 'AWS::EC2::SecurityGroupIngress';
    const who = standalone
      ? `Ingress rule ${label(group)} of ${groupOf(group)}`
      : `Security group ${label(group)}`;
    const entries = ingress(group);
    if (!entries.known) return error(`${who}: ${entries.reason}.`);
    if (entries.value === undefined) return pass(`${who} has no ingress rules.`);
    if (!Array.isArray(entries.value)) return error(`${who} has SecurityGroupIngress that is not a list.`);

    const open: string[] = [];
    let unknown: string | undefined;
    const list = entries.value as unknown[];
    for (let i = 0; i < list.length; i++) {
      const where = standalone ? '' : `SecurityGroupIngress[${i}]`;
      const v = verdict(list[i], where, ctx.params.ports);
      if (v.open) open.push(v.text);
      else unknown ??= v.unknown;
    }
    const ports = ctx.params.ports.join(', ');
    if (open.length > 0)
      return fail(`${who} opens administration ports (${ports}) to anywhere: ${open.join('; ')}.`);
    if (unknown) return error(`${who}: ${unknown}.`);
    return pass(`${who} opens none of ports ${ports} to anywhere.`);
  },
});
