import { z } from 'zod';
import {
  isAnyAddress,
  isUnresolved,
  parseCidr,
  portRangeContains,
  sgRuleTraffic,
  type Resource,
} from '../../model/index.js';
import { defineFix, type FixStep, type TemplatePatch } from '../fix.js';
import { callFor, foldSource, refuseNotLive } from '../fix-support.js';
import { asNumber } from '../rule.js';
import { STANDALONE_INGRESS } from './ingress.js';

const params = z.object({
  cidr: z
    .string()
    .optional()
    .refine((c) => c === undefined || (parseCidr(c).ok && !c.endsWith('/0')), {
      message: 'cidr must be an IPv4 or IPv6 CIDR narrower than /0 (203.0.113.0/24)',
    })
    .describe('The administrators’ network that replaces 0.0.0.0/0 and ::/0 on the administration ports.'),
  ports: z
    .array(z.number().int().min(0).max(65535))
    .default([22, 3389])
    .describe('Administration ports, as the rule’s `ports` parameter.'),
});

type Entry = Record<string, unknown>;

/** One ingress entry open to the world on an administration port. */
interface OpenEntry {
  /** Position in `SecurityGroupIngress`; undefined for a standalone ingress rule. */
  index?: number;
  entry: Entry;
  /** `CidrIp` or `CidrIpv6`: which source member holds the /0. */
  member: 'CidrIp' | 'CidrIpv6';
}

/** The entries to narrow, or why they cannot be read. */
function openEntries(group: Resource, ports: readonly number[]): OpenEntry[] | { unknown: string } {
  const list: Array<[number | undefined, unknown]> =
    group.type === STANDALONE_INGRESS
      ? [[undefined, group.props]]
      : (() => {
          const raw = group.props.SecurityGroupIngress;
          return Array.isArray(raw) ? raw.map((e, i): [number, unknown] => [i, e]) : [];
        })();
  if (isUnresolved(group.props.SecurityGroupIngress))
    return { unknown: 'SecurityGroupIngress is computed at deploy' };
  const open: OpenEntry[] = [];
  for (const [index, raw] of list) {
    if (raw === null || typeof raw !== 'object' || isUnresolved(raw)) continue;
    const entry = raw as Entry;
    const member = (['CidrIp', 'CidrIpv6'] as const).find((m) => {
      const c = entry[m];
      if (typeof c !== 'string' || !c.endsWith('/0')) return false;
      const parsed = parseCidr(c);
      return parsed.ok && isAnyAddress(parsed.value);
    });
    if (!member) continue;
    if (['IpProtocol', 'FromPort', 'ToPort'].some((k) => isUnresolved(entry[k]))) {
      return { unknown: `the protocol or ports of ingress entry ${index ?? ''} are computed at deploy` };
    }
    const protocol = entry.IpProtocol;
    if (typeof protocol !== 'string' && typeof protocol !== 'number') continue;
    const traffic = sgRuleTraffic(protocol, asNumber(entry.FromPort), asNumber(entry.ToPort));
    if (!traffic.ok) continue;
    const t = traffic.value;
    const reaches =
      t.protocol === 'all' ||
      ((t.protocol === 'tcp' || t.protocol === 'udp') && ports.some((p) => portRangeContains(t.ports, p)));
    if (reaches) open.push({ ...(index !== undefined ? { index } : {}), entry, member });
  }
  return open;
}

const isV6 = (cidr: string) => cidr.includes(':');

/** A value as a template writes it: unresolved values become their intrinsic again. */
function asWritten(value: unknown): unknown {
  if (isUnresolved(value)) return value.expression;
  if (Array.isArray(value)) return value.map(asWritten);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asWritten(v)]));
  }
  return value;
}

/** The EC2 `IpPermission` of an entry with `source` as its only range. */
function permission(entry: Entry, source: string, description?: unknown): Record<string, unknown> {
  const protocol = String(entry.IpProtocol);
  const range = {
    [isV6(source) ? 'CidrIpv6' : 'CidrIp']: source,
    ...(typeof description === 'string' && description !== '' ? { Description: description } : {}),
  };
  return {
    IpProtocol: protocol,
    // Protocol -1 has no ports; EC2 matches the rule on protocol and range alone.
    ...(protocol === '-1' || protocol === 'all'
      ? {}
      : { FromPort: asNumber(entry.FromPort), ToPort: asNumber(entry.ToPort) }),
    [isV6(source) ? 'Ipv6Ranges' : 'IpRanges']: [range],
  };
}

/** Protocol, ports and source of an entry, to find duplicates. */
function shape(entry: Entry, source: unknown): string {
  return JSON.stringify([String(entry.IpProtocol), asNumber(entry.FromPort), asNumber(entry.ToPort), source]);
}

function existingShapes(group: Resource): Set<string> {
  const raw = group.type === STANDALONE_INGRESS ? [group.props] : group.props.SecurityGroupIngress;
  const shapes = new Set<string>();
  for (const e of Array.isArray(raw) ? raw : []) {
    if (e === null || typeof e !== 'object' || isUnresolved(e)) continue;
    const entry = e as Entry;
    for (const m of ['CidrIp', 'CidrIpv6'])
      if (typeof entry[m] === 'string') shapes.add(shape(entry, entry[m]));
  }
  return shapes;
}

function missingCidr(ports: readonly number[]): string {
  return `give the administrators' network with --param cidr=<CIDR> (e.g. 203.0.113.0/24) to replace 0.0.0.0/0 and ::/0 on ports ${ports.join(', ')}; the caller's own IP is not guessed here`;
}

/**
 * Replaces 0.0.0.0/0 and ::/0 on the inbound rules that reach an administration port with the
 * given CIDR: the narrowed rule is authorised first and the open one revoked after, so an
 * administrator's session is never cut in between. A rule covering more than the administration
 * ports (protocol -1, a port range) is narrowed as a whole. Reversible: the undo authorises the
 * open rule again and revokes the narrowed one.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html
 */
export default defineFix({
  rule: 'ec2-security-group-admin-ports-restricted',
  title: 'Replace 0.0.0.0/0 and ::/0 on administration ports with the given network',
  actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
  params,
  plan(group, { params: { cidr, ports } }) {
    const refused = refuseNotLive(group);
    if (refused) return refused;
    if (!cidr) return { cannot: missingCidr(ports) };
    const GroupId = group.type === STANDALONE_INGRESS ? group.props.GroupId : group.id;
    if (typeof GroupId !== 'string') return { cannot: `the security group of ${group.id} is not known` };
    const open = openEntries(group, ports);
    if (!Array.isArray(open)) return { cannot: open.unknown };
    if (open.length === 0)
      return { cannot: `security group ${GroupId} opens none of ports ${ports.join(', ')} to anywhere` };

    const ec2 = (operation: string, perm: Record<string, unknown>) =>
      callFor(group, 'ec2', operation, `ec2:${operation}`, { GroupId, IpPermissions: [perm] });
    const capture = callFor(group, 'ec2', 'DescribeSecurityGroupRules', 'ec2:DescribeSecurityGroupRules', {
      Filters: [{ Name: 'group-id', Values: [GroupId] }],
    });
    const authorized = existingShapes(group);
    const steps: FixStep[] = [];
    const revokes: FixStep[] = [];
    for (const { entry, member } of open) {
      const narrowed = permission(entry, cidr, entry.Description);
      // The narrowed rule may exist already (or be added for a sibling entry): EC2 refuses duplicates.
      if (!authorized.has(shape(entry, cidr))) {
        authorized.add(shape(entry, cidr));
        steps.push({
          description: `Allow ${describe(entry)} from ${cidr} in security group ${GroupId}`,
          call: ec2('AuthorizeSecurityGroupIngress', narrowed),
          capture,
          undo: () => ({ call: ec2('RevokeSecurityGroupIngress', permission(entry, cidr)) }),
        });
      }
      const world = String(entry[member]);
      revokes.push({
        description: `Remove ${describe(entry)} from ${world} in security group ${GroupId}`,
        call: ec2('RevokeSecurityGroupIngress', permission(entry, world)),
        capture,
        undo: () => ({
          call: ec2('AuthorizeSecurityGroupIngress', permission(entry, world, entry.Description)),
        }),
      });
    }
    return { steps: [...steps, ...revokes] };
  },
  template(group, { params: { cidr, ports } }) {
    if (!cidr) return { cannot: missingCidr(ports) };
    const open = openEntries(group, ports);
    if (!Array.isArray(open)) return { cannot: open.unknown };
    const target = isV6(cidr) ? 'CidrIpv6' : 'CidrIp';
    const other = isV6(cidr) ? 'CidrIp' : 'CidrIpv6';
    const existing = existingShapes(group);
    const patches: TemplatePatch[] = [];
    const removals: number[] = [];
    const appended: TemplatePatch[] = [];
    for (const { index, entry } of open) {
      // Paths are the group's: an entry folded in from an AWS::EC2::SecurityGroupIngress is edited
      // in that resource by the template writer (props.$folds says which).
      const base = index === undefined ? [] : ['SecurityGroupIngress', index];
      const folded = index !== undefined && foldSource(group, 'SecurityGroupIngress', index) !== undefined;
      if (existing.has(shape(entry, cidr))) {
        // The narrowed rule is already there: drop the open one rather than write a duplicate.
        if (index === undefined)
          return { cannot: `${group.id} would duplicate a rule from ${cidr}; delete it instead` };
        removals.push(index);
        continue;
      }
      existing.add(shape(entry, cidr));
      if (entry[other] !== undefined && index !== undefined && !folded) {
        // Another address family: one edit of the inline entry's text, replacing it by the narrowed one.
        const narrowed = asWritten(entry) as Entry;
        delete narrowed[other];
        appended.push({
          op: 'append',
          path: ['SecurityGroupIngress'],
          value: { ...narrowed, [target]: cidr },
        });
        removals.push(index);
        continue;
      }
      patches.push({ op: 'set', path: [...base, target], value: cidr });
      if (entry[other] !== undefined) patches.push({ op: 'remove', path: [...base, other] });
    }
    // Later entries first, so the earlier indices stay valid; appends last, after every edit by index.
    for (const index of removals.sort((a, b) => b - a)) {
      patches.push({ op: 'remove', path: ['SecurityGroupIngress', index] });
    }
    patches.push(...appended);
    return { patches };
  },
});

function describe(entry: Entry): string {
  const protocol = String(entry.IpProtocol);
  if (protocol === '-1') return 'all traffic';
  const from = asNumber(entry.FromPort);
  const to = asNumber(entry.ToPort);
  return `${protocol} ${from === to ? String(from) : `${String(from)}-${String(to)}`}`;
}
