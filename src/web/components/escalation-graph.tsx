/**
 * Privilege-escalation paths as a graph: principal → what it acts on → what it becomes. Each path of
 * the answer is a chain of at most three nodes, so a three-column layered layout is exact (no layout
 * library needed); shared targets and outcomes are drawn once, so fan-in is visible.
 */
import type { EscalationResponse } from '../../server/api';

type Path = EscalationResponse['paths'][number];

interface GNode {
  id: string;
  label: string;
  column: 0 | 1 | 2;
  admin?: boolean;
}

const COLUMN_X = [10, 330, 650];
const NODE_W = 280;
const NODE_H = 30;
const GAP = 12;

const shortArn = (arn: string) => arn.replace(/^arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:\d*:/, '');

export function EscalationGraph({ paths }: { paths: readonly Path[] }) {
  const nodes = new Map<string, GNode>();
  const edges = new Map<string, { from: string; to: string; label: string }>();
  const add = (n: GNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    return n.id;
  };
  for (const p of paths) {
    const from = add({
      id: `p:${p.principal.arn}`,
      label: `${p.principal.kind} ${p.principal.name}`,
      column: 0,
    });
    const outcome =
      p.outcome === 'admin'
        ? add({ id: 'admin', label: 'administrator', column: 2, admin: true })
        : add({
            id: `b:${p.becomes ?? p.target?.arn ?? p.technique}`,
            label: shortArn(p.becomes ?? p.target?.arn ?? 'another principal'),
            column: 2,
          });
    if (p.target) {
      const via = add({
        id: `t:${p.target.arn}`,
        label: `${p.target.kind} ${shortArn(p.target.arn)}`,
        column: 1,
      });
      edges.set(`${from}>${via}`, { from, to: via, label: p.technique });
      edges.set(`${via}>${outcome}`, { from: via, to: outcome, label: p.technique });
    } else {
      edges.set(`${from}>${outcome}`, { from, to: outcome, label: p.technique });
    }
  }
  const rows = [0, 0, 0];
  const place = new Map<string, { x: number; y: number }>();
  for (const n of nodes.values()) {
    place.set(n.id, { x: COLUMN_X[n.column]!, y: 10 + rows[n.column]! * (NODE_H + GAP) });
    rows[n.column]!++;
  }
  const height = 20 + Math.max(...rows, 1) * (NODE_H + GAP);
  const width = COLUMN_X[2]! + NODE_W + 10;
  return (
    <div className="map-scroll" role="region" aria-label="Escalation graph (scrollable)" tabIndex={0}>
      <svg
        className="escalation"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={`${paths.length} escalation paths from ${rows[0]} principals; listed below as text`}
      >
        {[...edges.values()].map((e) => {
          const a = place.get(e.from)!;
          const b = place.get(e.to)!;
          return (
            <g key={`${e.from}>${e.to}`} className="edge">
              <title>{e.label}</title>
              <line x1={a.x + NODE_W} y1={a.y + NODE_H / 2} x2={b.x} y2={b.y + NODE_H / 2} />
            </g>
          );
        })}
        {[...nodes.values()].map((n) => {
          const p = place.get(n.id)!;
          return (
            <g key={n.id} className={`node${n.admin ? ' admin' : ''}`}>
              <title>{n.label}</title>
              <rect x={p.x} y={p.y} width={NODE_W} height={NODE_H} rx={4} />
              <text x={p.x + 8} y={p.y + 19}>
                {n.label.length > 40 ? `${n.label.slice(0, 39)}…` : n.label}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
