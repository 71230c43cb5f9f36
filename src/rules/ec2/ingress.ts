/**
 * The inbound rules of a security group that are open to the whole internet (`0.0.0.0/0`, `::/0`,
 * any `/0`), with what traffic each admits. Shared by the security group rules that ask "which
 * ports does the world reach"; not a rule. Sources fold `AWS::EC2::SecurityGroupIngress` into
 * `SecurityGroupIngress[]`; a standalone ingress rule (its group not in the snapshot) is one entry.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
import {
  isAnyAddress,
  isUnresolved,
  parseCidr,
  portRangeContains,
  portRangeToString,
  sgRuleTraffic,
  type Resource,
  type TrafficMatch,
} from '../../model/index.js';
import { asNumber, describeUnresolved, prop } from '../rule.js';

export const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';
export const STANDALONE_INGRESS = 'AWS::EC2::SecurityGroupIngress';

/** One inbound rule open to anywhere. */
export interface WorldIngress {
  /** `SecurityGroupIngress[2]`, or `the rule` for a standalone ingress resource. */
  readonly at: string;
  /** The /0 it admits (`0.0.0.0/0`). */
  readonly source: string;
  readonly traffic: TrafficMatch;
}

/** The world-open rules, and the first thing that could not be read (which might hide one more). */
export interface WorldIngressScan {
  readonly open: WorldIngress[];
  readonly unknown?: string;
}

const SOURCES = ['CidrIp', 'CidrIpv6'] as const;
const PORT_FIELDS = ['IpProtocol', 'FromPort', 'ToPort'] as const;

/**
 * Where an entry sits, for reasons: `SecurityGroupIngress[2]` in a group, `the rule` for a
 * standalone ingress rule (index undefined). Built only when a reason or an open entry needs it.
 */
function entryAt(index: number | undefined): string {
  return index === undefined ? 'the rule' : `SecurityGroupIngress[${index}]`;
}

function scanEntry(entry: unknown, index: number | undefined, open: WorldIngress[]): string | undefined {
  if (isUnresolved(entry)) return describeUnresolved(entryAt(index), entry);
  if (entry === null || typeof entry !== 'object') return undefined;
  const rule = entry as Record<string, unknown>;
  let source: string | undefined;
  let unknown: string | undefined;
  for (let i = 0; i < SOURCES.length; i++) {
    const name = SOURCES[i]!;
    const cidr = rule[name];
    if (isUnresolved(cidr)) unknown ??= describeUnresolved(`${entryAt(index)}.${name}`, cidr);
    else if (typeof cidr === 'string' && cidr.endsWith('/0')) {
      const parsed = parseCidr(cidr);
      if (parsed.ok && isAnyAddress(parsed.value)) source ??= cidr;
    }
  }
  if (source === undefined) return unknown;
  for (let i = 0; i < PORT_FIELDS.length; i++) {
    const name = PORT_FIELDS[i]!;
    const v = rule[name];
    if (isUnresolved(v)) return describeUnresolved(`${entryAt(index)}.${name}`, v);
  }
  const protocol = rule.IpProtocol;
  if (typeof protocol !== 'string' && typeof protocol !== 'number')
    return `${entryAt(index)}.IpProtocol is missing`;
  const traffic = sgRuleTraffic(protocol, asNumber(rule.FromPort), asNumber(rule.ToPort));
  if (!traffic.ok) return `${entryAt(index)}: ${traffic.message}`;
  open.push({ at: entryAt(index), source, traffic: traffic.value });
  return undefined;
}

/** Scans a security group's `SecurityGroupIngress`, or a standalone ingress rule's own props. */
export function worldIngress(group: Resource): WorldIngressScan | { readonly malformed: string } {
  const open: WorldIngress[] = [];
  if (group.type === STANDALONE_INGRESS) {
    const unknown = scanEntry(group.props, undefined, open);
    return unknown ? { open, unknown } : { open };
  }
  const entries = prop(group.props, 'SecurityGroupIngress');
  if (!entries.known) return { open, unknown: entries.reason };
  if (entries.value === undefined) return { open };
  if (!Array.isArray(entries.value)) return { malformed: 'SecurityGroupIngress is not a list' };
  let unknown: string | undefined;
  for (let i = 0; i < entries.value.length; i++) {
    const u = scanEntry(entries.value[i], i, open);
    unknown ??= u;
  }
  return unknown ? { open, unknown } : { open };
}

/** Does the traffic include `port` of one of `protocols` (protocol -1 includes every port)? */
export function reachesPort(traffic: TrafficMatch, port: number, protocols: readonly string[]): boolean {
  if (traffic.protocol === 'all') return true;
  if (traffic.protocol !== 'tcp' && traffic.protocol !== 'udp') return false;
  return protocols.includes(traffic.protocol) && portRangeContains(traffic.ports, port);
}

/** `tcp 22`, `udp 1000-2000`, `all traffic`, `icmp`, `protocol 50` for reasons. */
export function describeTraffic(traffic: TrafficMatch): string {
  if (traffic.protocol === 'all') return 'all traffic';
  if (traffic.protocol === 'tcp' || traffic.protocol === 'udp') {
    return `${traffic.protocol} ${portRangeToString(traffic.ports)}`;
  }
  return typeof traffic.protocol === 'number' ? `protocol ${traffic.protocol}` : traffic.protocol;
}

/** The group a standalone ingress rule modifies, for reasons. */
export function groupOfStandalone(rule: Resource): string {
  const id = rule.props.GroupId ?? rule.props.GroupName;
  return typeof id === 'string' ? `security group ${id}` : 'a security group not in the snapshot';
}
