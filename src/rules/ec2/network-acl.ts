/**
 * Network ACL entries as the rules read them: the folded `Entries[]` of `AWS::EC2::NetworkAcl`
 * (`{RuleNumber, Protocol, RuleAction, Egress, CidrBlock | Ipv6CidrBlock, PortRange, Icmp}`),
 * parsed into CIDRs and traffic matches, in evaluation order. Not a rule.
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
 */
import {
  isUnresolved,
  naclRuleTraffic,
  parseCidr,
  portRangeContains,
  cidrContains,
  type Cidr,
  type Resource,
  type TrafficMatch,
} from '../../model/index.js';
import { asBoolean, asNumber, describeUnresolved } from '../rule.js';

/** The `*` rule AWS lists as 32767: it denies what no numbered rule matched. */
export const DEFAULT_RULE_NUMBER = 32767;

export interface AclEntry {
  readonly index: number;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly allow: boolean;
  readonly cidr: Cidr;
  readonly cidrText: string;
  readonly traffic: TrafficMatch;
}

export type AclEntries =
  { readonly entries: AclEntry[] } | { readonly unknown: string } | { readonly malformed: string };

/** `Entries[2]`, for reasons; built only when one needs it. */
function entryAt(index: number): string {
  return `Entries[${index}]`;
}

function parseEntry(raw: unknown, index: number): AclEntry | { unknown: string } | { malformed: string } {
  if (isUnresolved(raw)) return { unknown: describeUnresolved(entryAt(index), raw) };
  if (raw === null || typeof raw !== 'object') return { malformed: `${entryAt(index)} is not an object` };
  const e = raw as Record<string, unknown>;
  for (const key in e) {
    const value = e[key];
    if (Object.hasOwn(e, key) && isUnresolved(value))
      return { unknown: describeUnresolved(`${entryAt(index)}.${key}`, value) };
  }
  const ruleNumber = asNumber(e.RuleNumber);
  if (ruleNumber === undefined) return { malformed: `${entryAt(index)} has no RuleNumber` };
  const action = typeof e.RuleAction === 'string' ? e.RuleAction.toLowerCase() : undefined;
  if (action !== 'allow' && action !== 'deny')
    return { malformed: `${entryAt(index)} has RuleAction ${String(e.RuleAction)}` };
  const cidrText =
    typeof e.CidrBlock === 'string'
      ? e.CidrBlock
      : typeof e.Ipv6CidrBlock === 'string'
        ? e.Ipv6CidrBlock
        : undefined;
  if (cidrText === undefined) return { malformed: `${entryAt(index)} has no CidrBlock or Ipv6CidrBlock` };
  const cidr = parseCidr(cidrText);
  if (!cidr.ok) return { malformed: `${entryAt(index)}: ${cidr.message}` };
  const protocol = typeof e.Protocol === 'number' || typeof e.Protocol === 'string' ? e.Protocol : undefined;
  if (protocol === undefined) return { malformed: `${entryAt(index)} has no Protocol` };
  const range = e.PortRange as { From?: unknown; To?: unknown } | undefined;
  const icmp = (e.Icmp ?? e.IcmpTypeCode) as { Type?: unknown; Code?: unknown } | undefined;
  const traffic = naclRuleTraffic({
    protocol,
    portRange: range ? { From: asNumber(range.From), To: asNumber(range.To) } : undefined,
    icmpTypeCode: icmp ? { Type: asNumber(icmp.Type), Code: asNumber(icmp.Code) } : undefined,
    ipv6: cidr.value.version === 6,
  });
  if (!traffic.ok) return { malformed: `${entryAt(index)}: ${traffic.message}` };
  return {
    index,
    ruleNumber,
    egress: asBoolean(e.Egress) ?? false,
    allow: action === 'allow',
    cidr: cidr.value,
    cidrText,
    traffic: traffic.value,
  };
}

/** The ACL's entries sorted by rule number (the order AWS evaluates them in). */
export function aclEntries(acl: Resource): AclEntries {
  // Parsed once per ACL for the rules that read it; the entries are not modified after.
  const raw = acl.props.Entries;
  const cached = parsedEntries.get(acl);
  if (cached && cached.raw === raw) return cached.entries;
  const entries = readEntries(raw);
  parsedEntries.set(acl, { raw, entries });
  return entries;
}

const parsedEntries = new WeakMap<Resource, { readonly raw: unknown; readonly entries: AclEntries }>();

function readEntries(raw: unknown): AclEntries {
  if (isUnresolved(raw)) return { unknown: describeUnresolved('Entries', raw) };
  if (raw === undefined) return { entries: [] };
  if (!Array.isArray(raw)) return { malformed: 'Entries is not a list' };
  const entries: AclEntry[] = [];
  for (let i = 0; i < raw.length; i++) {
    const parsed = parseEntry(raw[i], i);
    if (!('ruleNumber' in parsed)) return parsed;
    entries.push(parsed);
  }
  entries.sort((a, b) => a.ruleNumber - b.ruleNumber);
  return { entries };
}

/** Does `outer` match every packet `inner` matches (protocol, ports, ICMP type and code)? */
export function trafficCovers(outer: TrafficMatch, inner: TrafficMatch): boolean {
  if (outer.protocol === 'all') return true;
  if (inner.protocol === 'all' || outer.protocol !== inner.protocol) return false;
  if ('ports' in outer && 'ports' in inner) return portRangeContains(outer.ports, inner.ports);
  if ('icmpType' in outer && 'icmpType' in inner) {
    if (outer.icmpType !== 'all' && outer.icmpType !== inner.icmpType) return false;
    return outer.icmpCode === 'all' || outer.icmpCode === inner.icmpCode;
  }
  return true;
}

/** Does the entry match every packet the other one matches (same direction, address family, traffic)? */
export function entryCovers(outer: AclEntry, inner: AclEntry): boolean {
  return (
    outer.egress === inner.egress &&
    cidrContains(outer.cidr, inner.cidr) &&
    trafficCovers(outer.traffic, inner.traffic)
  );
}
