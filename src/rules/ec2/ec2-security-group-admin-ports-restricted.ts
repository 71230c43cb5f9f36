import { z } from 'zod';
import {
  isAnyAddress,
  isUnresolved,
  parseCidr,
  portRangeContains,
  sgRuleTraffic,
  type Resource,
} from '../../model/index.js';
import { asNumber, defineRule, describeUnresolved, error, fail, label, pass, prop } from '../rule.js';

const SOURCES = ['CidrIp', 'CidrIpv6'] as const;
const PORT_FIELDS = ['IpProtocol', 'FromPort', 'ToPort'] as const;
const STANDALONE = 'AWS::EC2::SecurityGroupIngress';

/**
 * Where an entry sits, for reasons: `SecurityGroupIngress[2].CidrIp` in a group, `CidrIp` for a
 * standalone ingress rule (index undefined). Built only when a reason needs it.
 */
function at(index: number | undefined, name?: string): string {
  const entry = index === undefined ? '' : `SecurityGroupIngress[${index}]`;
  if (!name) return entry || 'the rule';
  return entry ? `${entry}.${name}` : name;
}

/** What one ingress entry does to the administration ports. */
type Verdict = { open: true; text: string } | { open: false; unknown?: string };
const CLOSED: Verdict = { open: false };

/**
 * The entry's source when it is the whole address space (`0.0.0.0/0`, `::/0`, any /0);
 * `undefined` when it is not; a verdict when it is not known.
 */
function worldSource(rule: Record<string, unknown>, index: number | undefined): string | Verdict | undefined {
  let unknown: Verdict | undefined;
  for (const name of SOURCES) {
    const cidr = rule[name];
    if (isUnresolved(cidr)) unknown ??= { open: false, unknown: describeUnresolved(at(index, name), cidr) };
    // Only a /0 can be "anywhere"; parse just those.
    else if (typeof cidr === 'string' && cidr.endsWith('/0')) {
      const parsed = parseCidr(cidr);
      if (parsed.ok && isAnyAddress(parsed.value)) return cidr;
    }
  }
  return unknown;
}

/**
 * The entry's protocol and ports, as a reason says them, when they reach one of `ports`;
 * `undefined` when they do not; a verdict when they are not known or malformed.
 */
function reachedPorts(
  rule: Record<string, unknown>,
  index: number | undefined,
  ports: readonly number[],
): string | Verdict | undefined {
  for (const name of PORT_FIELDS) {
    const value = rule[name];
    if (isUnresolved(value)) return { open: false, unknown: describeUnresolved(at(index, name), value) };
  }
  const protocol = rule.IpProtocol;
  if (typeof protocol !== 'string' && typeof protocol !== 'number') {
    return { open: false, unknown: `${at(index, 'IpProtocol')} is missing` };
  }
  const traffic = sgRuleTraffic(protocol, asNumber(rule.FromPort), asNumber(rule.ToPort));
  if (!traffic.ok) return { open: false, unknown: `${at(index)}: ${traffic.message}` };
  const t = traffic.value;
  // Protocol -1 is every protocol on every port; protocols other than TCP and UDP have no ports.
  if (t.protocol === 'all') return 'all traffic';
  if (t.protocol !== 'tcp' && t.protocol !== 'udp') return undefined;
  const range = t.ports;
  if (!ports.some((port) => portRangeContains(range, port))) return undefined;
  return `${t.protocol} ${range.from === range.to ? range.from : `${range.from}-${range.to}`}`;
}

/** Does one ingress entry (the CloudFormation `Ingress` shape) open an administration port to anywhere? */
function verdict(entry: unknown, index: number | undefined, ports: readonly number[]): Verdict {
  if (isUnresolved(entry)) return { open: false, unknown: describeUnresolved(at(index), entry) };
  if (entry === null || typeof entry !== 'object') return CLOSED;
  const rule = entry as Record<string, unknown>;
  const source = worldSource(rule, index);
  if (source === undefined) return CLOSED;
  const traffic = reachedPorts(rule, index, ports);
  if (traffic === undefined) return CLOSED;
  if (typeof source !== 'string') return source;
  if (typeof traffic !== 'string') return traffic;
  const text = `${traffic} from ${source}`;
  return { open: true, text: index === undefined ? text : `${at(index)}: ${text}` };
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
  resourceTypes: ['AWS::EC2::SecurityGroup', STANDALONE],
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
    const ports = ctx.params.ports;
    // A standalone ingress rule stays a resource of its own only when its group is not in the
    // snapshot (otherwise sources fold it into the group); its props are one entry.
    if (group.type === STANDALONE) {
      const v = verdict(group.props, undefined, ports);
      const who = `Ingress rule ${label(group)} of ${groupOf(group)}`;
      if (v.open)
        return fail(`${who} opens administration ports (${ports.join(', ')}) to anywhere: ${v.text}.`);
      if (v.unknown) return error(`${who}: ${v.unknown}.`);
      return pass(() => `${who} opens none of ports ${ports.join(', ')} to anywhere.`);
    }

    const who = `Security group ${label(group)}`;
    const entries = prop(group.props, 'SecurityGroupIngress');
    if (!entries.known) return error(`${who}: ${entries.reason}.`);
    if (entries.value === undefined) return pass(() => `${who} has no ingress rules.`);
    if (!Array.isArray(entries.value)) return error(`${who} has SecurityGroupIngress that is not a list.`);
    let open: string[] | undefined;
    let unknown: string | undefined;
    for (let i = 0; i < entries.value.length; i++) {
      const v = verdict(entries.value[i], i, ports);
      if (v.open) (open ??= []).push(v.text);
      else unknown ??= v.unknown;
    }
    if (open)
      return fail(`${who} opens administration ports (${ports.join(', ')}) to anywhere: ${open.join('; ')}.`);
    if (unknown) return error(`${who}: ${unknown}.`);
    return pass(() => `${who} opens none of ports ${ports.join(', ')} to anywhere.`);
  },
});
