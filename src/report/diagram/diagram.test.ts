import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Diagram, diagramQuestion } from '../../questions/diagram.js';
import { cloudFormationSource } from '../../sources/cloudformation/index.js';
import { buildDemoOrganisation } from '../../sources/demo/index.js';
import { AWS4_SHAPES, aws4NamesUsed } from './aws4-shapes.js';
import { renderDrawio } from './drawio.js';
import { type Layout, layoutDiagram, walkLayout } from './layout.js';
import { mermaidIds, renderMermaid } from './mermaid.js';
import { renderSvg } from './svg.js';
import { checkDrawio, checkMermaid, checkSvg, parseXml } from './testing.js';

const fixture = fileURLToPath(new URL('../../questions/fixtures/diagram.yaml', import.meta.url));
const docs = fileURLToPath(new URL('../../../docs/diagram.md', import.meta.url));

/**
 * The AWS 4 names used, checked against diagrams.net's library (Sidebar-AWS4.js in jgraph/drawio:
 * Groups, Compute, Database, Analytics, Network & Content Delivery palettes).
 */
const IN_DRAWIO_AWS4_LIBRARY = [
  'mxgraph.aws4.application_load_balancer',
  'mxgraph.aws4.ec2',
  'mxgraph.aws4.elastic_network_interface',
  'mxgraph.aws4.endpoints',
  'mxgraph.aws4.group',
  'mxgraph.aws4.group_aws_cloud_alt',
  'mxgraph.aws4.group_region',
  'mxgraph.aws4.group_security_group',
  'mxgraph.aws4.group_vpc',
  'mxgraph.aws4.internet_gateway',
  'mxgraph.aws4.lambda',
  'mxgraph.aws4.nat_gateway',
  'mxgraph.aws4.network_load_balancer',
  'mxgraph.aws4.rds',
  'mxgraph.aws4.redshift',
  'mxgraph.aws4.resourceIcon',
  'mxgraph.aws4.transit_gateway',
  'mxgraph.aws4.vpn_gateway',
];

describe('AWS 4 shape table', () => {
  it('uses only names of the diagrams.net AWS 4 library', () => {
    expect(aws4NamesUsed()).toEqual(IN_DRAWIO_AWS4_LIBRARY);
  });
  it('is the table docs/diagram.md shows', () => {
    const doc = readFileSync(docs, 'utf8');
    for (const [kind, s] of Object.entries(AWS4_SHAPES)) {
      expect(doc).toContain(`| ${kind} | \`${s.shape}\` | ${s.icon ? `\`${s.icon}\`` : ''} |`);
    }
  });
});

describe.each([
  ['CloudFormation fixture', async () => diagramQuestion(await cloudFormationSource.load(fixture, {}))],
  ['demo organisation', async () => diagramQuestion(buildDemoOrganisation())],
])('renderers on the %s', (_name, make) => {
  let diagram: Diagram;
  let layout: Layout;
  beforeAll(async () => {
    diagram = await make();
    layout = await layoutDiagram(diagram);
  });

  it('lays every box out inside its parent', () => {
    for (const p of walkLayout(layout.nodes)) {
      for (const c of p.children) {
        expect(c.x).toBeGreaterThanOrEqual(0);
        expect(c.y).toBeGreaterThanOrEqual(0);
        expect(c.x + c.width).toBeLessThanOrEqual(p.width + 0.5);
        expect(c.y + c.height).toBeLessThanOrEqual(p.height + 0.5);
      }
    }
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
  });

  it('draw.io: well-formed, parents and edge ends exist, AWS 4 shapes only', () => {
    const xml = renderDrawio(diagram, layout);
    const problems = checkDrawio(xml, new Set(IN_DRAWIO_AWS4_LIBRARY));
    expect(problems).toEqual([]);
    expect(xml).toContain('<mxfile');
    expect((xml.match(/edge="1"/g) ?? []).length).toBe(diagram.edges.length);
    expect(renderDrawio(diagram, layout)).toBe(xml);
  });

  it('SVG: well-formed, sized, no external references', () => {
    const svg = renderSvg(diagram, layout);
    expect(checkSvg(svg)).toEqual([]);
  });

  it('Mermaid: balanced subgraphs, unique ids, every link end declared', () => {
    expect(checkMermaid(renderMermaid(diagram))).toEqual([]);
  });
});

describe('escaping', () => {
  it('keeps markup in names as text in every format', async () => {
    const diagram = diagramQuestion(await cloudFormationSource.load(fixture, {}));
    const layout = await layoutDiagram(diagram);
    const drawio = renderDrawio(diagram, layout);
    expect(drawio).toContain('app &lt;1&gt; &amp; &quot;two&quot;');
    const svg = renderSvg(diagram, layout);
    expect(svg).toContain('app &lt;1&gt; &amp; &quot;two&quot;');
    expect(parseXml(svg).problems).toEqual([]);
    expect(renderMermaid(diagram)).toContain('app #lt;1#gt; #amp; #quot;two#quot;');
  });

  it('Mermaid ids are sanitised, never keywords, and unique', () => {
    const ids = mermaidIds(['end', 'a-b', 'a_b', 'arn:aws:x/y']);
    expect([...ids.values()]).toEqual(['n_end', 'n_a_b', 'n_a_b_2', 'n_arn_aws_x_y']);
  });
});

describe('the checks catch broken files', () => {
  it('draw.io: missing parent, dangling edge, unknown shape, bad XML', () => {
    const cell = (attrs: string) =>
      `<mxCell ${attrs}><mxGeometry x="0" y="0" width="1" height="1" as="geometry" /></mxCell>`;
    const file = (cells: string) =>
      `<mxfile><diagram><mxGraphModel><root><mxCell id="0" /><mxCell id="1" parent="0" />${cells}</root></mxGraphModel></diagram></mxfile>`;
    const allowed = new Set(IN_DRAWIO_AWS4_LIBRARY);
    expect(
      checkDrawio(file(cell('id="a" vertex="1" parent="zz" style="shape=mxgraph.aws4.group;"')), allowed),
    ).toEqual(['cell a: parent zz missing']);
    expect(checkDrawio(file(cell('id="e" edge="1" parent="1" source="1" target="q"')), allowed)).toContain(
      'edge e: target q missing',
    );
    expect(
      checkDrawio(file(cell('id="a" vertex="1" parent="1" style="shape=mxgraph.aws4.made_up;"')), allowed),
    ).toEqual(['cell a: shape=mxgraph.aws4.made_up is not in the allowed table']);
    expect(checkDrawio('<mxfile><diagram></mxfile>', allowed).length).toBeGreaterThan(0);
    expect(checkDrawio('<mxfile a="x & y"></mxfile>', allowed)[0]).toMatch(/bad entity/);
  });

  it('SVG: external references and zero size', () => {
    expect(checkSvg('<svg width="0" height="10"><image href="https://x/y.png"/></svg>')).toEqual([
      'svg width is 0',
      '<image> element',
      'href on <image>',
      'URL in href on <image>',
    ]);
  });

  it('Mermaid: unbalanced subgraphs and duplicate ids', () => {
    expect(checkMermaid('flowchart TB\nsubgraph a["x"]\nb["y"]\nb["z"]\n')).toEqual([
      'id b declared twice',
      '1 subgraph(s) not closed',
    ]);
  });
});
