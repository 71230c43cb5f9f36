/**
 * Self-contained SVG of a laid-out diagram: no external references (no images, fonts or links),
 * built-in glyphs per kind (a coloured badge with a short tag), every text escaped.
 */
import { type Diagram, type DiagramKind, isHealthyEdge } from '../../questions/diagram.js';
import { xmlEscape } from './drawio.js';
import { LEAF, type Layout, type PlacedNode } from './layout.js';
import { KIND_TAG } from './mermaid.js';

/** Container frame colours, after the AWS architecture icons' group colours. */
const FRAME: Partial<Record<DiagramKind, { stroke: string; fill: string; dash?: string }>> = {
  account: { stroke: '#232F3E', fill: '#ffffff' },
  region: { stroke: '#147EBA', fill: 'none', dash: '6 4' },
  vpc: { stroke: '#248814', fill: 'none' },
  'external-vpc': { stroke: '#879196', fill: '#ffffff', dash: '6 4' },
};

/** Badge colours by AWS service category (compute orange, database blue, networking purple). */
function badgeColour(kind: DiagramKind): string {
  if (kind === 'instance' || kind === 'lambda') return '#D05C17';
  if (kind === 'database') return '#2E27AD';
  return '#5A30B5';
}

const num = (n: number) => String(Math.round(n * 10) / 10);

/** Shortens a line to fit a box; SVG text does not wrap. */
function fit(s: string, width: number, px = 6.2): string {
  const max = Math.max(4, Math.floor(width / px));
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function text(
  x: number,
  y: number,
  s: string,
  opts: { size?: number; anchor?: string; weight?: string; fill?: string } = {},
) {
  return `<text x="${num(x)}" y="${num(y)}" font-size="${opts.size ?? 11}"${opts.anchor ? ` text-anchor="${opts.anchor}"` : ''}${
    opts.weight ? ` font-weight="${opts.weight}"` : ''
  } fill="${opts.fill ?? '#232F3E'}">${xmlEscape(s)}</text>`;
}

function container(p: PlacedNode): string {
  const n = p.node;
  const frame =
    n.kind === 'subnet'
      ? n.public
        ? { stroke: '#248814', fill: '#E9F3E6' }
        : { stroke: '#147EBA', fill: '#E6F2F8' }
      : (FRAME[n.kind] ?? { stroke: '#545B64', fill: 'none' });
  const out: string[] = [];
  out.push(
    `<rect x="${num(p.absX)}" y="${num(p.absY)}" width="${num(p.width)}" height="${num(p.height)}" fill="${frame.fill}" stroke="${frame.stroke}"${
      'dash' in frame && frame.dash ? ` stroke-dasharray="${frame.dash}"` : ''
    }/>`,
  );
  // The corner tag stands in for the AWS group icon.
  const tag = n.kind === 'subnet' ? (n.public ? 'Public subnet' : 'Private subnet') : KIND_TAG[n.kind];
  out.push(
    `<rect x="${num(p.absX)}" y="${num(p.absY)}" width="${num(Math.min(p.width, tag.length * 7 + 10))}" height="16" fill="${frame.stroke}"/>`,
  );
  out.push(text(p.absX + 5, p.absY + 12, tag, { size: 10, fill: '#ffffff', weight: 'bold' }));
  out.push(
    text(p.absX + 6, p.absY + 29, fit(n.label, p.width - 12, 7), {
      size: 12,
      weight: 'bold',
      fill: frame.stroke,
    }),
  );
  if (n.detail)
    out.push(text(p.absX + 6, p.absY + 41, fit(n.detail, p.width - 12), { size: 10, fill: '#545B64' }));
  return out.join('');
}

function leaf(p: PlacedNode): string {
  const n = p.node;
  const cx = p.absX + p.width / 2;
  const top = p.absY + 6;
  const tag = KIND_TAG[n.kind];
  const out: string[] = [];
  const colour = badgeColour(n.kind);
  const x = cx - LEAF.icon / 2;
  if (n.kind === 'database' || n.kind === 'redshift') {
    // A cylinder for data stores.
    out.push(
      `<path d="M${num(x)} ${num(top + 6)} v${LEAF.icon - 12} a${LEAF.icon / 2} 6 0 0 0 ${LEAF.icon} 0 v-${LEAF.icon - 12} a${LEAF.icon / 2} 6 0 0 0 -${LEAF.icon} 0 a${LEAF.icon / 2} 6 0 0 0 ${LEAF.icon} 0" fill="${colour}" stroke="#ffffff"/>`,
    );
  } else if (n.kind.endsWith('gateway') || n.kind.endsWith('endpoint')) {
    out.push(
      `<circle cx="${num(cx)}" cy="${num(top + LEAF.icon / 2)}" r="${LEAF.icon / 2}" fill="${colour}"/>`,
    );
  } else {
    out.push(
      `<rect x="${num(x)}" y="${num(top)}" width="${LEAF.icon}" height="${LEAF.icon}" rx="6" fill="${colour}"/>`,
    );
  }
  out.push(
    text(cx, top + LEAF.icon / 2 + 4, fit(tag, LEAF.icon, 5.5), {
      size: 9,
      anchor: 'middle',
      fill: '#ffffff',
      weight: 'bold',
    }),
  );
  out.push(text(cx, top + LEAF.icon + 14, fit(n.label, p.width), { anchor: 'middle' }));
  if (n.detail)
    out.push(
      text(cx, top + LEAF.icon + 27, fit(n.detail, p.width, 5.6), {
        size: 10,
        anchor: 'middle',
        fill: '#545B64',
      }),
    );
  return out.join('');
}

function isContainerBox(p: PlacedNode): boolean {
  return (
    p.children.length > 0 || ['account', 'region', 'vpc', 'subnet', 'external-vpc'].includes(p.node.kind)
  );
}

export function renderSvg(diagram: Diagram, layout: Layout): string {
  const width = Math.max(1, Math.ceil(layout.width));
  const height = Math.max(1, Math.ceil(layout.height));
  const body: string[] = [];
  const draw = (p: PlacedNode) => {
    body.push(`<g data-id="${xmlEscape(p.node.id)}">${isContainerBox(p) ? container(p) : leaf(p)}</g>`);
    for (const c of p.children) draw(c);
  };
  for (const n of layout.nodes) draw(n);
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const bothRoutes = isHealthyEdge(e.edge);
    const colour = bothRoutes ? '#545B64' : '#D13212';
    const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join(' ');
    const marker = e.edge.kind === 'peering' ? ' marker-start="url(#arrow)" marker-end="url(#arrow)"' : '';
    body.push(
      `<g data-edge="${xmlEscape(e.edge.id)}"><path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${
        bothRoutes ? '' : ' stroke-dasharray="6 4"'
      }${marker}/>`,
    );
    // Label at the middle of the longest segment.
    let best = 0;
    let bestLen = -1;
    for (let i = 0; i + 1 < e.points.length; i++) {
      const a = e.points[i] as { x: number; y: number };
      const b = e.points[i + 1] as { x: number; y: number };
      const len = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
      if (len > bestLen) {
        bestLen = len;
        best = i;
      }
    }
    const a = e.points[best] as { x: number; y: number };
    const b = e.points[best + 1] as { x: number; y: number };
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const w = e.edge.label.length * 6 + 8;
    body.push(
      `<rect x="${num(mx + 4)}" y="${num(my - 9)}" width="${num(w)}" height="16" fill="#ffffff" opacity="0.9"/>`,
    );
    body.push(text(mx + 8, my + 3, e.edge.label, { size: 10, fill: colour }) + '</g>');
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">\n` +
    `<title>${xmlEscape(`Network diagram: ${diagram.roots.length} top-level group(s), ${diagram.edges.length} connection(s)`)}</title>\n` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#545B64"/></marker></defs>\n` +
    `<rect width="100%" height="100%" fill="#ffffff"/>\n` +
    body.join('\n') +
    '\n</svg>\n'
  );
}
