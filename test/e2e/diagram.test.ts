/**
 * The evening task "document a new VPC peering setup for a cross-account project", through the
 * built `cloudrounds` executable on the demo organisation: the draw.io diagram shows the dev and
 * prod VPCs in their accounts and the cross-account peering between them, routed on both sides.
 * Opening the files in a browser (diagrams.net, Mermaid) belongs to the browser test setup.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkDrawio,
  checkMermaid,
  checkSvg,
  parseXml,
  type XmlElement,
} from '../../src/report/diagram/testing.js';
import { aws4NamesUsed } from '../../src/report/diagram/aws4-shapes.js';
import { cloudroundsInProcess } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-diagram-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function* cells(el: XmlElement): Generator<XmlElement> {
  if (el.name === 'mxCell') yield el;
  for (const c of el.children) yield* cells(c);
}

describe('cloudrounds diagram on the demo organisation', () => {
  it('draw.io: the cross-account peering between dev-vpc and prod-vpc, inside their accounts', async () => {
    const out = join(dir, 'peering.drawio');
    const r = await cloudroundsInProcess(['diagram', '--format', 'drawio', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const xml = readFileSync(out, 'utf8');
    expect(checkDrawio(xml, new Set(aws4NamesUsed()))).toEqual([]);
    const all = [...cells(parseXml(xml).root as XmlElement)];
    const byId = new Map(all.map((c) => [c.attrs.id, c]));
    const vertex = (prefix: string) => {
      const hit = all.filter(
        (c) => c.attrs.vertex === '1' && (c.attrs.value ?? '').split('\n')[0] === prefix,
      );
      expect(hit, prefix).toHaveLength(1);
      return hit[0] as XmlElement;
    };
    const dev = vertex('dev-vpc');
    const prod = vertex('prod-vpc');
    expect(dev.attrs.style).toContain('grIcon=mxgraph.aws4.group_vpc');
    // VPC > region > account.
    const accountOf = (c: XmlElement) =>
      byId.get(byId.get(c.attrs.parent)?.attrs.parent)?.attrs.value?.split('\n')[0];
    expect(accountOf(dev)).toBe('companya-dev');
    expect(accountOf(prod)).toBe('companya-prod');
    const peering = all.filter((c) => c.attrs.edge === '1' && (c.attrs.value ?? '').includes('dev-to-prod'));
    expect(peering).toHaveLength(1);
    const edge = peering[0] as XmlElement;
    expect([edge.attrs.source, edge.attrs.target].sort()).toEqual([dev.attrs.id, prod.attrs.id].sort());
    expect(edge.attrs.value).toMatch(/pcx-[0-9a-f]+ \(cross-account\); routes on both sides/);
  });

  it('the same diagram twice is byte-identical', async () => {
    const a = await cloudroundsInProcess(['diagram', '--format', 'drawio']);
    const b = await cloudroundsInProcess(['diagram', '--format', 'drawio']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('SVG and Mermaid to stdout', async () => {
    const svg = await cloudroundsInProcess(['diagram', '--format', 'svg']);
    expect(svg.code).toBe(0);
    expect(checkSvg(svg.stdout)).toEqual([]);
    expect(svg.stdout).toContain('dev-to-prod');
    const mmd = await cloudroundsInProcess(['diagram', '--format', 'mermaid', '--account', 'companya-dev']);
    expect(mmd.code).toBe(0);
    expect(checkMermaid(mmd.stdout)).toEqual([]);
    // The prod side is outside the selection: drawn as an outside VPC, the link kept.
    expect(mmd.stdout).toMatch(/n_outside_vpc_[0-9a-f]+\[\["VPC prod-vpc/);
  });

  it('unknown --vpc or --account: exit 2 with the candidates', async () => {
    const vpc = await cloudroundsInProcess(['diagram', '--format', 'mermaid', '--vpc', 'no-such-vpc']);
    expect(vpc.code).toBe(2);
    expect(vpc.stderr).toContain('candidates:');
    expect(vpc.stderr).toContain('dev-vpc');
    const account = await cloudroundsInProcess([
      'diagram',
      '--format',
      'mermaid',
      '--account',
      '000000000000',
    ]);
    expect(account.code).toBe(2);
    expect(account.stderr).toContain('companya-prod');
  });
});
