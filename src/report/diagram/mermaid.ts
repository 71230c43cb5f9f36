/**
 * Mermaid flowchart of a diagram: one subgraph per account, region, VPC and subnet; resources as
 * nodes; peering and transit gateway attachments as labelled links between the VPC subgraphs.
 * GitHub renders it inside a ```mermaid fence.
 * https://mermaid.js.org/syntax/flowchart.html
 */
import type { Diagram, DiagramKind, DiagramNode } from '../../questions/diagram.js';

/** Short tag shown before a resource's name, so the kind reads without icons. */
export const KIND_TAG: Record<DiagramKind, string> = {
  account: 'Account',
  region: 'Region',
  vpc: 'VPC',
  'external-vpc': 'VPC',
  subnet: 'Subnet',
  instance: 'EC2',
  'nat-gateway': 'NAT',
  'load-balancer': 'ELB',
  database: 'RDS',
  redshift: 'Redshift',
  lambda: 'Lambda',
  'interface-endpoint': 'Endpoint',
  'network-interface': 'ENI',
  'gateway-endpoint': 'Gateway endpoint',
  'internet-gateway': 'IGW',
  'egress-only-internet-gateway': 'Egress-only IGW',
  'vpn-gateway': 'VGW',
  'transit-gateway': 'TGW',
};

/**
 * Mermaid ids: letters, digits and underscores only, never a keyword (`end`, `subgraph`...),
 * unique even when two source ids sanitise alike.
 */
export function mermaidIds(ids: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    if (out.has(id)) continue;
    const base = `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let i = 2; used.has(candidate); i++) candidate = `${base}_${i}`;
    used.add(candidate);
    out.set(id, candidate);
  }
  return out;
}

/** Label text inside `["..."]`: quotes and markup characters as Mermaid entity codes. */
export function mermaidText(s: string): string {
  return s
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/[\r\n]+/g, ' ');
}

function labelOf(node: DiagramNode): string {
  const tag = KIND_TAG[node.kind];
  const head = node.kind === 'account' || node.kind === 'region' ? node.label : `${tag} ${node.label}`;
  return node.detail ? `${mermaidText(head)}<br/>${mermaidText(node.detail)}` : mermaidText(head);
}

export function renderMermaid(diagram: Diagram): string {
  const all: DiagramNode[] = [];
  const collect = (nodes: DiagramNode[]) => {
    for (const n of nodes) {
      all.push(n);
      collect(n.children);
    }
  };
  collect(diagram.roots);
  const ids = mermaidIds(all.map((n) => n.id));
  const lines: string[] = ['flowchart TB'];
  const emit = (node: DiagramNode, depth: number) => {
    const pad = '  '.repeat(depth);
    const id = ids.get(node.id) as string;
    const isGroup = node.children.length > 0 || node.kind === 'vpc' || node.kind === 'subnet';
    if (isGroup) {
      lines.push(`${pad}subgraph ${id}["${labelOf(node)}"]`);
      if (node.kind === 'subnet' || node.kind === 'vpc') lines.push(`${pad}  direction TB`);
      for (const child of node.children) emit(child, depth + 1);
      lines.push(`${pad}end`);
    } else {
      const shape =
        node.kind === 'database' || node.kind === 'redshift'
          ? ['[("', '")]']
          : node.kind === 'external-vpc'
            ? ['[["', '"]]']
            : ['["', '"]'];
      lines.push(`${pad}${id}${shape[0]}${labelOf(node)}${shape[1]}`);
    }
  };
  for (const root of diagram.roots) emit(root, 1);
  for (const edge of diagram.edges) {
    const s = ids.get(edge.source);
    const t = ids.get(edge.target);
    if (!s || !t) continue;
    const link = edge.kind === 'peering' ? '<-->' : '---';
    lines.push(`  ${s} ${link}|"${mermaidText(edge.label)}"| ${t}`);
  }
  // Public subnets green, private blue, as in the AWS architecture icons' group colours.
  const pub = all.filter((n) => n.kind === 'subnet' && n.public).map((n) => ids.get(n.id) as string);
  const priv = all.filter((n) => n.kind === 'subnet' && !n.public).map((n) => ids.get(n.id) as string);
  lines.push('  classDef public fill:#E9F3E6,stroke:#248814');
  lines.push('  classDef private fill:#E6F2F8,stroke:#147EBA');
  if (pub.length) lines.push(`  class ${pub.join(',')} public`);
  if (priv.length) lines.push(`  class ${priv.join(',')} private`);
  return lines.join('\n') + '\n';
}
