/**
 * Places a diagram with ELK's layered algorithm: compound nodes (account > region > VPC > subnet
 * > resource) laid out together so that edges between VPCs of different accounts are routed
 * orthogonally around the boxes. The bundled build runs in-process (no web worker).
 * https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html
 */
import elkModule from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import {
  CONTAINER_KINDS,
  type Diagram,
  type DiagramEdge,
  type DiagramNode,
} from '../../questions/diagram.js';

/** Size of a resource's box: the icon on top and two lines of label below. */
export const LEAF = { width: 150, height: 86, icon: 48 } as const;
/** Room above a container's children for its title. */
const TITLE = 44;

export interface Point {
  x: number;
  y: number;
}

/** One placed box; x/y relative to its parent, absX/absY from the drawing's origin. */
export interface PlacedNode {
  node: DiagramNode;
  x: number;
  y: number;
  absX: number;
  absY: number;
  width: number;
  height: number;
  children: PlacedNode[];
}

export interface PlacedEdge {
  edge: DiagramEdge;
  /** The orthogonal route, absolute coordinates, first point on the source's border. */
  points: Point[];
}

export interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

function isContainer(node: DiagramNode): boolean {
  return CONTAINER_KINDS.has(node.kind) || node.children.length > 0;
}

function toElk(node: DiagramNode): ElkNode {
  if (!isContainer(node)) return { id: node.id, width: LEAF.width, height: LEAF.height };
  return {
    id: node.id,
    // An empty container still needs room for its title.
    ...(node.children.length === 0 ? { width: 220, height: 90 } : {}),
    layoutOptions: {
      'elk.padding': `[top=${TITLE},left=16,bottom=16,right=16]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': '(220,90)',
    },
    children: node.children.map(toElk),
  };
}

/**
 * The bundle is CommonJS: Node's ESM loader hands over `module.exports` (the constructor, which
 * also carries itself as `.default`), which is what the NodeNext types describe as the module.
 */
function newElk(): ElkApi {
  const m = elkModule as unknown as { default?: new () => ElkApi } & (new () => ElkApi);
  const Ctor = m.default ?? m;
  return new Ctor();
}

/** Lays the diagram out; deterministic for a given diagram (ELK's layered algorithm is). */
export async function layoutDiagram(diagram: Diagram): Promise<Layout> {
  const elk = newElk();
  const edges: ElkExtendedEdge[] = diagram.edges.map((e) => ({
    id: `edge:${e.id}`,
    sources: [e.source],
    targets: [e.target],
  }));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.spacing.edgeNode': '20',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: diagram.roots.map(toElk),
    edges,
  };
  const out = await elk.layout(graph);

  const byId = new Map<string, DiagramNode>();
  const index = (nodes: DiagramNode[]) => {
    for (const n of nodes) {
      byId.set(n.id, n);
      index(n.children);
    }
  };
  index(diagram.roots);
  const abs = new Map<string, Point>([['root', { x: 0, y: 0 }]]);
  const place = (elkNode: ElkNode, ox: number, oy: number): PlacedNode => {
    const x = elkNode.x ?? 0;
    const y = elkNode.y ?? 0;
    abs.set(elkNode.id, { x: ox + x, y: oy + y });
    return {
      node: byId.get(elkNode.id) as DiagramNode,
      x,
      y,
      absX: ox + x,
      absY: oy + y,
      width: elkNode.width ?? LEAF.width,
      height: elkNode.height ?? LEAF.height,
      children: (elkNode.children ?? []).map((c: ElkNode) => place(c, ox + x, oy + y)),
    };
  };
  const nodes = (out.children ?? []).map((c) => place(c, 0, 0));

  const edgeById = new Map(diagram.edges.map((e) => [`edge:${e.id}`, e]));
  const placedEdges: PlacedEdge[] = [];
  const collectEdges = (elkNode: ElkNode) => {
    for (const e of (elkNode.edges ?? []) as Array<ElkExtendedEdge & { container?: string }>) {
      const edge = edgeById.get(e.id);
      if (!edge) continue;
      // Edge coordinates are relative to the edge's container (ELK JSON format).
      const origin = abs.get(e.container ?? elkNode.id) ?? { x: 0, y: 0 };
      const points: Point[] = [];
      for (const s of e.sections ?? []) {
        for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) {
          points.push({ x: origin.x + p.x, y: origin.y + p.y });
        }
      }
      placedEdges.push({ edge, points });
    }
    for (const c of elkNode.children ?? []) collectEdges(c);
  };
  collectEdges(out);
  placedEdges.sort((a, b) => (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0));
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges: placedEdges };
}

/** Every placed box, depth first. */
export function* walkLayout(nodes: readonly PlacedNode[]): Generator<PlacedNode> {
  for (const n of nodes) {
    yield n;
    yield* walkLayout(n.children);
  }
}
