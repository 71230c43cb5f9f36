/**
 * EC2 security group rules, edited inside the recorded `DescribeSecurityGroups` listing (what the
 * collector reads), so the next describe and collection see the change:
 *
 * - AuthorizeSecurityGroupIngress adds each source to the permission of the same protocol and
 *   ports (or a new permission), refusing the whole request with `InvalidPermission.Duplicate`
 *   when one rule exists already.
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html
 * - RevokeSecurityGroupIngress removes each source (by properties or `SecurityGroupRuleId`), and a
 *   permission left with no source. A rule that does not exist fails the request with
 *   `InvalidPermission.NotFound` in a non-default VPC; in a default VPC the request succeeds and
 *   answers it in `unknownIpPermissionSet`.
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html
 * - DescribeSecurityGroupRules (the fix's capture) answers the same listing rule by rule, with
 *   rule ids derived from the group and the rule, so they stay the same across calls.
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroupRules.html
 */
import { createHash, randomUUID } from 'node:crypto';
import { EC2_NAMESPACE } from '../protocols.js';
import { children, escapeXml, text, unescapeXml, type XmlElement } from '../xml.js';
import type { WriteHandler, WriteHandlers, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const LISTING = 'ec2/DescribeSecurityGroups';

/** The sets of a permission, the request member each comes from, and its value element. */
const SOURCES = [
  { set: 'ipRanges', param: 'IpRanges', field: 'CidrIp', element: 'cidrIp', rule: 'cidrIpv4' },
  { set: 'ipv6Ranges', param: 'Ipv6Ranges', field: 'CidrIpv6', element: 'cidrIpv6', rule: 'cidrIpv6' },
  {
    set: 'prefixListIds',
    param: 'PrefixListIds',
    field: 'PrefixListId',
    element: 'prefixListId',
    rule: 'prefixListId',
  },
  { set: 'groups', param: 'Groups', field: 'GroupId', element: 'groupId', rule: 'referencedGroupInfo' },
] as const;
type SourceKind = (typeof SOURCES)[number];

/** One rule: a protocol, ports and one source, as the API compares them. */
interface Rule {
  protocol: string;
  /** Absent for protocol -1 (all traffic has no ports). */
  from?: number;
  to?: number;
  kind: SourceKind;
  source: string;
  description?: string;
  /** The owner of a referenced group (`Groups.N.UserId`). */
  userId?: string;
}

function response(operation: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_NAMESPACE}"><requestId>${randomUUID()}</requestId>${inner}</${operation}Response>`;
}

function child(xml: string, parent: XmlElement, name: string): XmlElement | undefined {
  return children(xml, parent.innerStart, parent.innerEnd).find((c) => c.name === name);
}

function childText(xml: string, parent: XmlElement, name: string): string | undefined {
  const e = child(xml, parent, name);
  return e ? unescapeXml(text(xml, e)) : undefined;
}

/** EC2 keeps protocols by name when it has one (`6` is stored as `tcp`). */
function normalProtocol(value: string): string {
  const p = value.toLowerCase();
  return { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' }[p] ?? p;
}

const samePorts = (a: Omit<Rule, 'kind' | 'source'>, b: Omit<Rule, 'kind' | 'source'>) =>
  a.protocol === b.protocol && (a.protocol === '-1' || (a.from === b.from && a.to === b.to));

/** `Prefix.1.…`, `Prefix.2.…`: the numbered members of a flattened query list, in order. */
function members(params: Record<string, unknown>, prefix: string): Array<Record<string, string>> {
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(params)) {
    const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.(.+))?$`).exec(key);
    if (!m) continue;
    const entry = byIndex.get(Number(m[1])) ?? {};
    entry[m[2] ?? ''] = String(value);
    byIndex.set(Number(m[1]), entry);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
}

/** The rules a request names: `IpPermissions.N` (one rule per source), or the legacy top-level form. */
function requestedRules(params: Record<string, unknown>): Rule[] | { error: string } {
  const rules: Rule[] = [];
  // Each permission keeps its own members flat (`IpRanges.1.CidrIp`).
  const perms = members(params, 'IpPermissions');
  if (perms.length === 0 && typeof params.IpProtocol === 'string') {
    perms.push(
      Object.fromEntries(
        ['IpProtocol', 'FromPort', 'ToPort']
          .filter((k) => params[k] !== undefined)
          .map((k) => [k, String(params[k])])
          .concat(params.CidrIp !== undefined ? [['IpRanges.1.CidrIp', String(params.CidrIp)]] : []),
      ),
    );
  }
  for (const perm of perms) {
    if (perm.IpProtocol === undefined) return { error: 'The request must contain the parameter ipProtocol' };
    const protocol = normalProtocol(perm.IpProtocol);
    const ports = protocol === '-1' ? {} : { from: Number(perm.FromPort), to: Number(perm.ToPort) };
    if (
      (protocol === 'tcp' || protocol === 'udp') &&
      (perm.FromPort === undefined || perm.ToPort === undefined)
    ) {
      return { error: "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange." };
    }
    for (const kind of SOURCES) {
      for (const source of members(perm, kind.param)) {
        const value = source[kind.field];
        if (value === undefined) continue;
        rules.push({
          protocol,
          ...ports,
          kind,
          source: value,
          ...(source.Description !== undefined ? { description: source.Description } : {}),
          ...(source.UserId !== undefined ? { userId: source.UserId } : {}),
        });
      }
    }
  }
  return rules;
}

/** The group's `<item>` in the listing. */
function findGroup(xml: string, groupId: string): XmlElement | undefined {
  const top = children(xml)[0];
  const info = top && child(xml, top, 'securityGroupInfo');
  if (!info) return undefined;
  return children(xml, info.innerStart, info.innerEnd).find((g) => childText(xml, g, 'groupId') === groupId);
}

/** The permission's protocol and ports as the listing holds them. */
function permissionOf(xml: string, perm: XmlElement): Omit<Rule, 'kind' | 'source'> {
  const protocol = normalProtocol(childText(xml, perm, 'ipProtocol') ?? '');
  const from = childText(xml, perm, 'fromPort');
  const to = childText(xml, perm, 'toPort');
  return protocol === '-1' ? { protocol } : { protocol, from: Number(from), to: Number(to) };
}

/** Every rule of a group's `ipPermissions` (or `ipPermissionsEgress`), with where it sits. */
function rulesOf(
  xml: string,
  group: XmlElement,
  setName: 'ipPermissions' | 'ipPermissionsEgress',
): Array<{ rule: Rule; perm: XmlElement; item: XmlElement }> {
  const set = child(xml, group, setName);
  if (!set) return [];
  const out: Array<{ rule: Rule; perm: XmlElement; item: XmlElement }> = [];
  for (const perm of children(xml, set.innerStart, set.innerEnd)) {
    const base = permissionOf(xml, perm);
    for (const kind of SOURCES) {
      const sources = child(xml, perm, kind.set);
      for (const item of sources ? children(xml, sources.innerStart, sources.innerEnd) : []) {
        const source = childText(xml, item, kind.element);
        if (source === undefined) continue;
        const description = childText(xml, item, 'description');
        const userId = childText(xml, item, 'userId');
        out.push({
          rule: {
            ...base,
            kind,
            source,
            ...(description !== undefined ? { description } : {}),
            ...(userId !== undefined ? { userId } : {}),
          },
          perm,
          item,
        });
      }
    }
  }
  return out;
}

const sameRule = (a: Rule, b: Rule) => samePorts(a, b) && a.kind.set === b.kind.set && a.source === b.source;

/** A stable `sgr-` id: EC2 gives each rule one; here it follows from the group and the rule. */
function ruleId(groupId: string, egress: boolean, rule: Rule): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([groupId, egress, rule.protocol, rule.from, rule.to, rule.kind.set, rule.source]))
    .digest('hex');
  return `sgr-${hash.slice(0, 17)}`;
}

/** A rule as the `SecurityGroupRule` structure answers it. */
function securityGroupRule(groupId: string, ownerId: string, egress: boolean, rule: Rule): string {
  const source =
    rule.kind.rule === 'referencedGroupInfo'
      ? `<referencedGroupInfo><groupId>${escapeXml(rule.source)}</groupId>${rule.userId ? `<userId>${escapeXml(rule.userId)}</userId>` : ''}</referencedGroupInfo>`
      : `<${rule.kind.rule}>${escapeXml(rule.source)}</${rule.kind.rule}>`;
  return `<item><securityGroupRuleId>${ruleId(groupId, egress, rule)}</securityGroupRuleId><groupId>${escapeXml(groupId)}</groupId><groupOwnerId>${escapeXml(ownerId)}</groupOwnerId><isEgress>${egress}</isEgress><ipProtocol>${escapeXml(rule.protocol)}</ipProtocol><fromPort>${rule.from ?? -1}</fromPort><toPort>${rule.to ?? -1}</toPort>${source}${rule.description !== undefined ? `<description>${escapeXml(rule.description)}</description>` : ''}<tagSet/></item>`;
}

/** A rule as an `IpPermission` of a response (`unknownIpPermissionSet`). */
function ipPermission(rule: Rule): string {
  const ports = rule.protocol === '-1' ? '' : `<fromPort>${rule.from}</fromPort><toPort>${rule.to}</toPort>`;
  const sets = SOURCES.map((k) =>
    k === rule.kind
      ? `<${k.set}><item><${k.element}>${escapeXml(rule.source)}</${k.element}></item></${k.set}>`
      : `<${k.set}/>`,
  ).join('');
  return `<item><ipProtocol>${escapeXml(rule.protocol)}</ipProtocol>${ports}${sets}</item>`;
}

/** The source's `<item>` in a permission's set. */
function sourceItem(rule: Rule): string {
  const owner = rule.kind.set === 'groups' && rule.userId ? `<userId>${escapeXml(rule.userId)}</userId>` : '';
  const description =
    rule.description !== undefined ? `<description>${escapeXml(rule.description)}</description>` : '';
  return `<item>${owner}<${rule.kind.element}>${escapeXml(rule.source)}</${rule.kind.element}>${description}</item>`;
}

/** Inserts `content` at the end of `element`, opening it when it is self-closing (`<ipRanges/>`). */
function appendInside(xml: string, element: XmlElement, content: string): string {
  if (element.innerStart === element.end) {
    return `${xml.slice(0, element.start)}<${element.name}>${content}</${element.name}>${xml.slice(element.end)}`;
  }
  return xml.slice(0, element.innerEnd) + content + xml.slice(element.innerEnd);
}

function authorize(xml: string, groupId: string, rule: Rule): string {
  const group = findGroup(xml, groupId)!;
  const set = child(xml, group, 'ipPermissions');
  const perm =
    set && children(xml, set.innerStart, set.innerEnd).find((p) => samePorts(permissionOf(xml, p), rule));
  if (perm) {
    const sources = child(xml, perm, rule.kind.set);
    if (sources) return appendInside(xml, sources, sourceItem(rule));
    return (
      xml.slice(0, perm.innerEnd) +
      `<${rule.kind.set}>${sourceItem(rule)}</${rule.kind.set}>` +
      xml.slice(perm.innerEnd)
    );
  }
  const ports = rule.protocol === '-1' ? '' : `<fromPort>${rule.from}</fromPort><toPort>${rule.to}</toPort>`;
  const sets = SOURCES.map((k) =>
    k === rule.kind ? `<${k.set}>${sourceItem(rule)}</${k.set}>` : `<${k.set}/>`,
  ).join('');
  const item = `<item><ipProtocol>${escapeXml(rule.protocol)}</ipProtocol>${ports}${sets}</item>`;
  if (set) return appendInside(xml, set, item);
  return xml.slice(0, group.innerEnd) + `<ipPermissions>${item}</ipPermissions>` + xml.slice(group.innerEnd);
}

/** Removes the rule's source, and its permission when no source is left. */
function revoke(xml: string, groupId: string, rule: Rule): string {
  const group = findGroup(xml, groupId)!;
  const found = rulesOf(xml, group, 'ipPermissions').find((r) => sameRule(r.rule, rule))!;
  const remaining = rulesOf(xml, group, 'ipPermissions').filter((r) => r.perm.start === found.perm.start);
  if (remaining.length === 1) return xml.slice(0, found.perm.start) + xml.slice(found.perm.end);
  return xml.slice(0, found.item.start) + xml.slice(found.item.end);
}

function isDefaultVpc(state: WriteState, vpcId: string | undefined): boolean {
  const vpcs = state.get('ec2/DescribeVpcs');
  if (!vpcs || !vpcId) return false;
  const set = child(vpcs, children(vpcs)[0]!, 'vpcSet');
  const vpc =
    set && children(vpcs, set.innerStart, set.innerEnd).find((v) => childText(vpcs, v, 'vpcId') === vpcId);
  return vpc !== undefined && childText(vpcs, vpc, 'isDefault') === 'true';
}

/** The listing and the group, or the error EC2 answers when the group does not exist. */
function groupOf(
  request: Parameters<WriteHandler>[0],
  state: WriteState,
): { xml: string; group: XmlElement; groupId: string } | { error: ReturnType<WriteHandler> } {
  const groupId = String(request.params.GroupId ?? '');
  const xml = state.get(LISTING);
  const group = xml === undefined ? undefined : findGroup(xml, groupId);
  if (xml === undefined || !group) {
    return {
      error: state.error(400, 'InvalidGroup.NotFound', `The security group '${groupId}' does not exist`),
    };
  }
  return { xml, group, groupId };
}

function peer(rule: Rule): string {
  const ports =
    rule.protocol === '-1'
      ? 'ALL'
      : `${rule.protocol.toUpperCase()}, from port: ${rule.from}, to port: ${rule.to}`;
  return `peer: ${rule.source}, ${ports}, ALLOW`;
}

const authorizeSecurityGroupIngress: WriteHandler = (request, state) => {
  const found = groupOf(request, state);
  if ('error' in found) return found.error;
  const { groupId } = found;
  const rules = requestedRules(request.params);
  if (!Array.isArray(rules)) return state.error(400, 'InvalidParameterValue', rules.error);
  if (rules.length === 0) return state.error(400, 'MissingParameter', 'No ip permissions given.');
  const existing = rulesOf(found.xml, found.group, 'ipPermissions').map((r) => r.rule);
  // All or nothing: a duplicate (already there, or twice in the request) refuses the whole request.
  for (const [i, rule] of rules.entries()) {
    if (existing.some((e) => sameRule(e, rule)) || rules.slice(0, i).some((r) => sameRule(r, rule))) {
      return state.error(
        400,
        'InvalidPermission.Duplicate',
        `the specified rule "${peer(rule)}" already exists`,
      );
    }
  }
  let xml = found.xml;
  for (const rule of rules) xml = authorize(xml, groupId, rule);
  state.set(LISTING, xml);
  const owner = childText(found.xml, found.group, 'ownerId') ?? '';
  return ok(
    response(
      'AuthorizeSecurityGroupIngress',
      `<return>true</return><securityGroupRuleSet>${rules.map((r) => securityGroupRule(groupId, owner, false, r)).join('')}</securityGroupRuleSet>`,
    ),
  );
};

const revokeSecurityGroupIngress: WriteHandler = (request, state) => {
  const found = groupOf(request, state);
  if ('error' in found) return found.error;
  const { groupId } = found;
  const existing = rulesOf(found.xml, found.group, 'ipPermissions').map((r) => r.rule);
  const byId = members(request.params, 'SecurityGroupRuleId').map((m) => m['']!);
  const asked = requestedRules(request.params);
  if (!Array.isArray(asked)) return state.error(400, 'InvalidParameterValue', asked.error);
  const unknownIds = byId.filter((id) => !existing.some((e) => ruleId(groupId, false, e) === id));
  if (unknownIds.length > 0) {
    return state.error(
      400,
      'InvalidSecurityGroupRuleId.NotFound',
      `The security group rule ID '${unknownIds[0]}' does not exist`,
    );
  }
  const rules = [...asked, ...existing.filter((e) => byId.includes(ruleId(groupId, false, e)))];
  if (rules.length === 0) return state.error(400, 'MissingParameter', 'No ip permissions given.');
  const known = rules.filter((r) => existing.some((e) => sameRule(e, r)));
  const unknown = rules.filter((r) => !existing.some((e) => sameRule(e, r)));
  if (unknown.length > 0 && !isDefaultVpc(state, childText(found.xml, found.group, 'vpcId'))) {
    return state.error(
      400,
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    );
  }
  let xml = found.xml;
  const revoked: Rule[] = [];
  for (const rule of known) {
    const current = existing.find((e) => sameRule(e, rule))!;
    if (revoked.some((r) => sameRule(r, current))) continue;
    xml = revoke(xml, groupId, current);
    revoked.push(current);
  }
  state.set(LISTING, xml);
  const owner = childText(found.xml, found.group, 'ownerId') ?? '';
  return ok(
    response(
      'RevokeSecurityGroupIngress',
      `<return>true</return>${unknown.length > 0 ? `<unknownIpPermissionSet>${unknown.map(ipPermission).join('')}</unknownIpPermissionSet>` : ''}<revokedSecurityGroupRuleSet>${revoked
        .map((r) => securityGroupRule(groupId, owner, false, r).replace(/<tagSet\/>/, ''))
        .join('')}</revokedSecurityGroupRuleSet>`,
    ),
  );
};

/** Filters `group-id` and `security-group-rule-id`, and `SecurityGroupRuleId.N`; one page. */
const describeSecurityGroupRules: WriteHandler = (request, state) => {
  const xml = state.get(LISTING) ?? '';
  const filters = members(request.params, 'Filter').map((f) => ({
    name: f.Name ?? '',
    values: Object.entries(f)
      .filter(([k]) => /^Value\.\d+$/.test(k))
      .map(([, v]) => v),
  }));
  const unsupported = filters.find((f) => !['group-id', 'security-group-rule-id'].includes(f.name));
  if (unsupported) {
    return state.error(400, 'InvalidParameterValue', `The filter '${unsupported.name}' is invalid`);
  }
  const ids = members(request.params, 'SecurityGroupRuleId').map((m) => m['']!);
  const top = xml ? children(xml)[0] : undefined;
  const info = top && child(xml, top, 'securityGroupInfo');
  const items: string[] = [];
  for (const group of info ? children(xml, info.innerStart, info.innerEnd) : []) {
    const groupId = childText(xml, group, 'groupId') ?? '';
    const owner = childText(xml, group, 'ownerId') ?? '';
    for (const egress of [false, true]) {
      for (const { rule } of rulesOf(xml, group, egress ? 'ipPermissionsEgress' : 'ipPermissions')) {
        const id = ruleId(groupId, egress, rule);
        const matches = filters.every((f) => f.values.includes(f.name === 'group-id' ? groupId : id));
        if (matches && (ids.length === 0 || ids.includes(id)))
          items.push(securityGroupRule(groupId, owner, egress, rule));
      }
    }
  }
  return ok(
    response('DescribeSecurityGroupRules', `<securityGroupRuleSet>${items.join('')}</securityGroupRuleSet>`),
  );
};

export const ec2SecurityGroupWrites: WriteHandlers = {
  'ec2:AuthorizeSecurityGroupIngress': authorizeSecurityGroupIngress,
  'ec2:RevokeSecurityGroupIngress': revokeSecurityGroupIngress,
  'ec2:DescribeSecurityGroupRules': describeSecurityGroupRules,
};
