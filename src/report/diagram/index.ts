import type { Diagram } from '../../questions/diagram.js';
import { renderDrawio } from './drawio.js';
import { layoutDiagram } from './layout.js';
import { renderMermaid } from './mermaid.js';
import { renderSvg } from './svg.js';

export { renderDrawio, xmlEscape } from './drawio.js';
export { layoutDiagram, walkLayout, type Layout, type PlacedNode, type PlacedEdge } from './layout.js';
export { renderMermaid, mermaidIds, mermaidText } from './mermaid.js';
export { renderSvg } from './svg.js';
export { AWS4_SHAPES, aws4NamesUsed } from './aws4-shapes.js';

export const DIAGRAM_FORMATS = ['drawio', 'svg', 'mermaid'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** One diagram in one format; draw.io and SVG are laid out with ELK first. */
export async function renderDiagram(diagram: Diagram, format: DiagramFormat): Promise<string> {
  if (format === 'mermaid') return renderMermaid(diagram);
  const layout = await layoutDiagram(diagram);
  return format === 'drawio' ? renderDrawio(diagram, layout) : renderSvg(diagram, layout);
}
