/**
 * draw.io / diagrams.net file of a laid-out diagram: an uncompressed `mxfile` whose
 * `mxGraphModel` holds one `mxCell` per box (containers are parents of their children, geometry
 * relative to the parent, as mxGraph expects) and one per edge, with the AWS 4 library's shapes.
 * https://www.drawio.com/doc/faq/save-file-formats
 */
import { type Diagram, type DiagramNode, isHealthyEdge } from '../../questions/diagram.js';
import { AWS4_SHAPES, aws4Style, NETWORK_LOAD_BALANCER, SUBNET_STYLE } from './aws4-shapes.js';
import { LEAF, type Layout, type PlacedNode } from './layout.js';
import { KIND_TAG } from './mermaid.js';

/** XML attribute text. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r?\n/g, '&#xa;');
}

function styleOf(node: DiagramNode): string {
  if (node.kind === 'subnet') {
    return aws4Style(AWS4_SHAPES.subnet, node.public ? SUBNET_STYLE.public : SUBNET_STYLE.private);
  }
  if (node.kind === 'load-balancer' && node.variant === 'network') return aws4Style(NETWORK_LOAD_BALANCER);
  return aws4Style(AWS4_SHAPES[node.kind]);
}

function valueOf(node: DiagramNode): string {
  const head =
    node.kind === 'account' || node.kind === 'region' || node.kind === 'subnet' || node.kind === 'vpc'
      ? node.label
      : `${KIND_TAG[node.kind]} ${node.label}`;
  return node.detail ? `${head}\n${node.detail}` : head;
}

const num = (n: number) => String(Math.round(n * 10) / 10);

/** Cell ids: the diagram's ids are unique but may hold any character; numbered cells stay short. */
export function renderDrawio(diagram: Diagram, layout: Layout, title = 'cloudrounds network'): string {
  const cellId = new Map<string, string>();
  const cells: string[] = ['<mxCell id="0" />', '<mxCell id="1" parent="0" />'];
  let next = 2;
  const emit = (p: PlacedNode, parent: string) => {
    const id = `c${next++}`;
    cellId.set(p.node.id, id);
    const leaf =
      p.children.length === 0 &&
      p.node.kind !== 'vpc' &&
      p.node.kind !== 'subnet' &&
      p.node.kind !== 'account' &&
      p.node.kind !== 'region' &&
      p.node.kind !== 'external-vpc';
    // A resource icon is drawn square at the top of its layout box; its label hangs below.
    const x = leaf ? p.x + (p.width - LEAF.icon) / 2 : p.x;
    const y = leaf ? p.y + 6 : p.y;
    const w = leaf ? LEAF.icon : p.width;
    const h = leaf ? LEAF.icon : p.height;
    cells.push(
      `<mxCell id="${id}" value="${xmlEscape(valueOf(p.node))}" style="${xmlEscape(styleOf(p.node))}" vertex="1" parent="${parent}">` +
        `<mxGeometry x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" as="geometry" /></mxCell>`,
    );
    for (const c of p.children) emit(c, id);
  };
  for (const n of layout.nodes) emit(n, '1');
  for (const placed of layout.edges) {
    const e = placed.edge;
    const source = cellId.get(e.source);
    const target = cellId.get(e.target);
    if (!source || !target) continue;
    const id = `c${next++}`;
    const bothRoutes = isHealthyEdge(e);
    const style =
      'edgeStyle=orthogonalEdgeStyle;rounded=0;orthogonalLoop=1;jettySize=auto;fontSize=11;labelBackgroundColor=#ffffff;' +
      (e.kind === 'peering' ? 'startArrow=block;endArrow=block;startFill=1;endFill=1;' : 'endArrow=none;') +
      (bothRoutes ? 'strokeColor=#545B64;' : 'strokeColor=#D13212;dashed=1;');
    // Waypoints from ELK's orthogonal route (absolute, since the edge's parent is the top layer).
    const inner = placed.points.slice(1, -1);
    const points = inner.length
      ? `<Array as="points">${inner.map((p) => `<mxPoint x="${num(p.x)}" y="${num(p.y)}" />`).join('')}</Array>`
      : '';
    cells.push(
      `<mxCell id="${id}" value="${xmlEscape(e.label)}" style="${xmlEscape(style)}" edge="1" parent="1" source="${source}" target="${target}">` +
        `<mxGeometry relative="1" as="geometry">${points}</mxGeometry></mxCell>`,
    );
  }
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<mxfile host="cloudrounds" type="device">\n` +
    `  <diagram id="network" name="${xmlEscape(title)}">\n` +
    `    <mxGraphModel dx="${width}" dy="${height}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" pageWidth="${width}" pageHeight="${height}" math="0" shadow="0">\n` +
    '      <root>\n' +
    cells.map((c) => `        ${c}\n`).join('') +
    '      </root>\n' +
    '    </mxGraphModel>\n' +
    '  </diagram>\n' +
    '</mxfile>\n'
  );
}
