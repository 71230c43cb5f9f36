/**
 * Security group ingress in Terraform: the CloudFormation `SecurityGroupIngress` entries a fix
 * edits by position, traced back to the HCL that wrote them. Terraform writes several peers in one
 * rule (`cidr_blocks = ["0.0.0.0/0", "10.0.0.0/8"]`) where CloudFormation has one entry per peer, so
 * the Terraform source expands each rule in a fixed order (src/sources/terraform/mappings/ec2-network.ts):
 * CIDRs, IPv6 CIDRs, prefix lists, security groups, then `self`. The same expansion, read from the
 * text, finds the list element behind an entry; a mismatch with what was loaded (a `dynamic` block,
 * a list held in a variable) is refused.
 *
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group_rule
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule
 */
import { afterLine, indentOf, lineEnding, lineStart, type Splice } from '../text.js';
import type { scanHcl } from './hcl-blocks.js';
import { findResourceBlock, type HclAttribute, type HclBlock } from './hcl-blocks.js';
import { hclString, listElements, literalString, renderArguments, type ListElement } from './hcl-values.js';

type Member = 'CidrIp' | 'CidrIpv6';
type Entry = Record<string, unknown>;

/** A change to one loaded entry, by its position among the entries the edited HCL gives. */
export type EntryChange =
  /** The entry's source becomes `value` (in `member`, which may be the other address family). */
  | { kind: 'set'; position: number; member: Member; value: string; was: Entry }
  | { kind: 'remove'; position: number; was: Entry };

/** Edits of the ingress rules written in one resource block. */
export interface RulesEdit {
  op: 'sg-rules';
  file: string;
  type: string;
  name: string;
  /** The group's inline `ingress` blocks; otherwise the block is one standalone rule. */
  inline: boolean;
  /** How many entries the loaded model has from this HCL (undefined: not known). */
  count?: number;
  changes: EntryChange[];
  /** New inline `ingress` blocks, as CloudFormation entries. */
  appends: Entry[];
}

interface Peer {
  attr?: HclAttribute;
  name: string;
  member?: Member;
  scalar: boolean;
  elements: ListElement[];
}

interface Rule {
  block: HclBlock;
  peers: Peer[];
  self: boolean;
  /** Entry positions this rule gives: `[peer index, element index]`, or `[-1, 0]` for `self` / no peer. */
  entries: Array<[number, number]>;
}

const PEERS: Record<'list' | 'vpc', Array<{ name: string; member?: Member; scalar: boolean }>> = {
  list: [
    { name: 'cidr_blocks', member: 'CidrIp', scalar: false },
    { name: 'ipv6_cidr_blocks', member: 'CidrIpv6', scalar: false },
    { name: 'prefix_list_ids', scalar: false },
    // Inline rules name groups in `security_groups`; aws_security_group_rule in `source_security_group_id`.
    { name: 'security_groups', scalar: false },
    { name: 'source_security_group_id', scalar: true },
  ],
  vpc: [
    { name: 'cidr_ipv4', member: 'CidrIp', scalar: true },
    { name: 'cidr_ipv6', member: 'CidrIpv6', scalar: true },
    { name: 'prefix_list_id', scalar: true },
    { name: 'referenced_security_group_id', scalar: true },
  ],
};

function readRule(text: string, block: HclBlock, kind: 'list' | 'vpc'): Rule | { reason: string } {
  const attrs = new Map(
    block.items.filter((i): i is HclAttribute => i.kind === 'attribute').map((a) => [a.name, a]),
  );
  const peers: Peer[] = [];
  const entries: Array<[number, number]> = [];
  for (const spec of PEERS[kind]) {
    const attr = attrs.get(spec.name);
    let elements: ListElement[] = [];
    if (attr) {
      if (spec.scalar)
        elements = [
          { start: attr.valueStart, end: attr.valueEnd, text: text.slice(attr.valueStart, attr.valueEnd) },
        ];
      else {
        const list = listElements(text, attr.valueStart, attr.valueEnd);
        if (!list) return { reason: `${spec.name} is an expression, not a list written out` };
        elements = list.elements;
      }
    }
    const p = peers.push({ ...(attr ? { attr } : {}), ...spec, elements }) - 1;
    elements.forEach((_, i) => entries.push([p, i]));
  }
  const selfAttr = attrs.get('self');
  const selfText = selfAttr && text.slice(selfAttr.valueStart, selfAttr.valueEnd);
  if (selfText !== undefined && selfText !== 'true' && selfText !== 'false')
    return { reason: 'self is an expression' };
  const self = selfText === 'true';
  if (self || entries.length === 0) entries.push([-1, 0]);
  return { block, peers, self, entries };
}

type Plan = { splices: Splice[] } | { status: 'refused'; reason: string };

/** The splices of one edit of ingress rules, against the current text. */
export function planRules(text: string, items: ReturnType<typeof scanHcl>, edit: RulesEdit): Plan {
  const refuse = (reason: string): Plan => ({ status: 'refused', reason });
  const resource = findResourceBlock(items, edit.type, edit.name);
  if (!resource) return refuse(`resource "${edit.type}" "${edit.name}" is not written in ${edit.file}`);
  const where = `${edit.type}.${edit.name}`;
  if (edit.inline && resource.items.some((b) => b.kind === 'block' && b.type === 'dynamic'))
    return refuse(`${where} writes ingress in a dynamic block; edit it by hand`);
  const blocks = edit.inline
    ? resource.items.filter((b): b is HclBlock => b.kind === 'block' && b.type === 'ingress')
    : [resource];
  const kind = edit.type === 'aws_vpc_security_group_ingress_rule' ? 'vpc' : 'list';
  const rules: Rule[] = [];
  for (const b of blocks) {
    const rule = readRule(text, b, kind);
    if ('reason' in rule) return refuse(`${where}: ${rule.reason}`);
    rules.push(rule);
  }
  const flat = rules.flatMap((rule) => rule.entries.map(([peer, element]) => ({ rule, peer, element })));
  if (edit.count !== undefined && flat.length !== edit.count)
    return refuse(
      `the ingress rules written in ${where} give ${flat.length} entries where ${edit.count} were loaded`,
    );

  // The new text of each changed element (null: removed), and elements moved to the other family.
  const replaced = new Map<ListElement, string | null>();
  const added = new Map<Rule, Map<number, string[]>>();
  for (const change of edit.changes) {
    const at = flat[change.position];
    if (!at || at.peer < 0) return refuse(`${where}: entry ${change.position} is not a written CIDR`);
    const peer = at.rule.peers[at.peer]!;
    const element = peer.elements[at.element]!;
    const wasMember = (['CidrIp', 'CidrIpv6'] as const).find((m) => typeof change.was[m] === 'string');
    if (!wasMember || peer.member !== wasMember || literalString(element.text) !== change.was[wasMember])
      return refuse(
        `${where}: ${element.text} is not the loaded ${String(wasMember && change.was[wasMember])}`,
      );
    if (change.kind === 'remove') {
      replaced.set(element, null);
      continue;
    }
    if (change.member === peer.member) {
      replaced.set(element, hclString(change.value));
      continue;
    }
    replaced.set(element, null);
    const target = at.rule.peers.findIndex((p) => p.member === change.member);
    const list = added.get(at.rule) ?? new Map<number, string[]>();
    list.set(target, [...(list.get(target) ?? []), hclString(change.value)]);
    added.set(at.rule, list);
  }

  const eol = lineEnding(text);
  const splices: Splice[] = [];
  for (const rule of rules) {
    const moved = added.get(rule);
    const left = rule.entries.filter(([p, e]) => p < 0 || replaced.get(rule.peers[p]!.elements[e]!) !== null);
    if (left.length === 0 && !moved) {
      const removal = removeLines(text, rule.block.start, rule.block.close + 1, true);
      if ('reason' in removal) return refuse(`${where}: ${removal.reason}`);
      splices.push(removal);
      continue;
    }
    const newAttrs: string[] = [];
    const renamed = new Set<Peer>();
    // A single-valued source moved to the other family (`cidr_ipv6` -> `cidr_ipv4`): renamed in place.
    for (const [t, texts] of [...(moved ?? [])]) {
      const source = rule.peers.find(
        (p) =>
          p.scalar && p.attr && p.elements.length > 0 && p.elements.every((e) => replaced.get(e) === null),
      );
      if (rule.peers[t]!.attr || !rule.peers[t]!.scalar || !source?.attr) continue;
      splices.push({
        start: source.attr.start,
        end: source.attr.valueEnd,
        text: `${rule.peers[t]!.name} = ${texts[0]!}`,
      });
      renamed.add(source);
      moved!.delete(t);
    }
    for (const [p, peer] of rule.peers.entries()) {
      const extra = moved?.get(p) ?? [];
      const changed = peer.elements.some((e) => replaced.has(e)) || extra.length > 0;
      if (!changed || renamed.has(peer)) continue;
      const kept = peer.elements.flatMap((e) => {
        const r = replaced.get(e);
        return r === undefined ? [e.text] : r === null ? [] : [r];
      });
      const values = [...kept, ...extra];
      if (peer.scalar && values.length > 1) return refuse(`${where}: ${peer.name} holds one value`);
      const rendered = peer.scalar ? values[0]! : listText(text, peer, values);
      if (!peer.attr) {
        if (values.length > 0) newAttrs.push(`${peer.name} = ${rendered}`);
      } else if (values.length === 0) {
        const removal = removeLines(text, peer.attr.start, peer.attr.valueEnd, false);
        if ('reason' in removal) return refuse(`${where}: ${removal.reason}`);
        splices.push(removal);
      } else splices.push({ start: peer.attr.valueStart, end: peer.attr.valueEnd, text: rendered });
    }
    if (newAttrs.length > 0) {
      const closeLine = lineStart(text, rule.block.close);
      if (text.slice(closeLine, rule.block.close).trim() !== '')
        return refuse(`${where}: the rule is written on one line; edit it by hand`);
      const first = rule.block.items[0];
      const indent = first ? indentOf(text, first.start) : `${indentOf(text, rule.block.start)}  `;
      splices.push({
        start: closeLine,
        end: closeLine,
        text: newAttrs.map((a) => indent + a + eol).join(''),
      });
    }
  }

  if (edit.appends.length > 0) {
    const last = blocks[blocks.length - 1];
    const indent = last ? indentOf(text, last.start) : `${indentOf(text, resource.start)}  `;
    const lines: string[] = [];
    for (const entry of edit.appends) {
      const body = ingressBlock(entry, `${indent}  `);
      if ('reason' in body) return refuse(`${where}: ${body.reason}`);
      lines.push('', `${indent}ingress {`, ...body, `${indent}}`);
    }
    const at = last ? afterLine(text, last.close) : lineStart(text, resource.close);
    if (!last && text.slice(at, resource.close).trim() !== '')
      return refuse(`${where} is written on one line; edit it by hand`);
    // After the last ingress block; in a group without one, at the end of its body.
    const body = last ? lines : resource.items.length > 0 ? lines : lines.slice(1);
    splices.push({ start: at, end: at, text: body.join(eol) + eol });
  }
  return { splices };
}

/** A list's new text: one line if it was written on one line, else one element per line. */
function listText(text: string, peer: Peer, values: readonly string[]): string {
  const attr = peer.attr;
  const written = attr ? text.slice(attr.valueStart, attr.valueEnd) : '';
  if (!written.includes('\n')) return `[${values.join(', ')}]`;
  const first = peer.elements[0];
  const indent = first ? indentOf(text, first.start) : `${indentOf(text, attr!.start)}  `;
  const eol = lineEnding(text);
  return `[${eol}${values.map((v) => `${indent}${v},${eol}`).join('')}${indentOf(text, attr!.start)}]`;
}

/** Removes whole lines from the one holding `start` to the one holding `end` (a block: and a blank line before). */
function removeLines(text: string, start: number, end: number, block: boolean): Splice | { reason: string } {
  const from = lineStart(text, start);
  const to = afterLine(text, end);
  if (text.slice(from, start).trim() !== '' || !/^\s*(?:(?:#|\/\/).*)?$/.test(text.slice(end, to)))
    return { reason: 'the rule shares its lines with other text; edit it by hand' };
  // The blank line that separated a removed block from the one before goes with it.
  const before = lineStart(text, Math.max(0, from - 1));
  const blankBefore = block && from > 0 && text.slice(before, from).trim() === '';
  return { start: blankBefore ? before : from, end: to, text: '' };
}

/** An inline `ingress` block's body for a CloudFormation entry. */
function ingressBlock(entry: Entry, indent: string): string[] | { reason: string } {
  const protocol = String(entry.IpProtocol);
  const all = protocol === '-1' || protocol === 'all';
  const from = all ? 0 : entry.FromPort;
  const to = all ? 0 : entry.ToPort;
  if (typeof from !== 'number' || typeof to !== 'number')
    return { reason: 'the new rule’s ports are not numbers' };
  const args: Array<[string, unknown]> = [];
  if (typeof entry.Description === 'string') args.push(['description', entry.Description]);
  args.push(['from_port', from], ['to_port', to], ['protocol', all ? '-1' : protocol]);
  if (typeof entry.CidrIp === 'string') args.push(['cidr_blocks', [entry.CidrIp]]);
  else if (typeof entry.CidrIpv6 === 'string') args.push(['ipv6_cidr_blocks', [entry.CidrIpv6]]);
  else return { reason: 'the new rule has no CIDR' };
  const known = ['IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'CidrIpv6', 'Description'];
  const extra = Object.keys(entry).filter((k) => !known.includes(k));
  if (extra.length > 0) return { reason: `the new rule’s ${extra.join(', ')} has no mapping here` };
  return renderArguments(args, indent);
}
