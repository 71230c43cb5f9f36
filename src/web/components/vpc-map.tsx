/**
 * The VPC map, drawn as SVG from the boxes and edges the server laid out (elkjs on the server: the
 * page only draws). Nodes and edges named by a reach answer or the exposure answer are marked with
 * classes; colour is never the only cue (marked boxes also get a thicker or dashed outline and a
 * text marker, and the same facts are listed in text next to the map).
 */
import { useEffect, useRef } from 'react';
import type { DiagramResponse } from '../../server/api';

export type Mark = 'path' | 'blocked' | 'exposed' | 'endpoint';

type LayoutNode = DiagramResponse['layout']['nodes'][number];

const MARK_TEXT: Record<Mark, string> = { path: '→', blocked: '✕', exposed: '⚠', endpoint: '●' };

export function VpcMap({
  layout,
  marks,
  edgeMarks,
  onPick,
}: {
  layout: DiagramResponse['layout'];
  /** By resource id. */
  marks: ReadonlyMap<string, Mark>;
  /** By edge id (peering / attachment id). */
  edgeMarks: ReadonlyMap<string, Mark>;
  onPick?: (node: LayoutNode) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // Bring the first marked box into view: on a large map the path is rarely where the view is.
  useEffect(() => {
    const first = scroller.current?.querySelector('g.node[data-mark] rect');
    first?.scrollIntoView({ block: 'center', inline: 'center' });
  }, [marks]);
  const width = Math.max(layout.width, 200);
  const height = Math.max(layout.height, 100);
  return (
    <div ref={scroller} className="map-scroll" tabIndex={0} aria-label="VPC map (scrollable)" role="region">
      <svg
        className="vpc-map"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={`VPC map: ${layout.nodes.filter((n) => n.kind === 'vpc').length} VPCs`}
      >
        {layout.nodes.map((n) => {
          const mark = n.resourceId ? marks.get(n.resourceId) : undefined;
          const kind = n.kind.replace(/[^a-z-]/g, '');
          const cls = `node kind-${kind}${n.container ? ' container' : ''}${n.public ? ' public' : ''}${mark ? ` mark-${mark}` : ''}`;
          return (
            <g
              key={n.id}
              className={cls}
              data-node={n.id}
              data-resource={n.resourceId}
              data-mark={mark}
              onClick={onPick && n.resourceId && !n.container ? () => onPick(n) : undefined}
            >
              <title>{[n.label, n.detail, mark ? `(${mark})` : ''].filter(Boolean).join(' · ')}</title>
              <rect x={n.absX} y={n.absY} width={n.width} height={n.height} rx={n.container ? 6 : 4} />
              <text x={n.absX + 6} y={n.absY + 14} className="label">
                {mark ? `${MARK_TEXT[mark]} ` : ''}
                {clip(n.label, n.width)}
              </text>
              {n.detail && n.height >= 30 && (
                <text x={n.absX + 6} y={n.absY + 27} className="detail">
                  {clip(n.detail, n.width)}
                </text>
              )}
            </g>
          );
        })}
        {layout.edges.map((e) => {
          const mark = edgeMarks.get(e.id);
          const points = e.points.map((p) => `${p.x},${p.y}`).join(' ');
          const healthy = e.kind !== 'peering' || (e.routes?.source !== 'no' && e.routes?.target !== 'no');
          return (
            <g
              key={e.id}
              className={`edge kind-${e.kind}${healthy ? '' : ' broken'}${mark ? ` mark-${mark}` : ''}`}
            >
              <title>{e.label}</title>
              <polyline points={points} />
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Labels are drawn at 11px: about 6.5px a character. */
function clip(text: string, width: number): string {
  const max = Math.max(4, Math.floor((width - 10) / 6.5));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
