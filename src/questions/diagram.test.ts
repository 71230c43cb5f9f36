import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/index.js';
import { cloudFormationSource } from '../sources/cloudformation/index.js';
import { buildDemoOrganisation } from '../sources/demo/index.js';
import { type Diagram, type DiagramNode, diagramQuestion, diagramSchema, walkDiagram } from './diagram.js';

const fixture = fileURLToPath(new URL('./fixtures/diagram.yaml', import.meta.url));
const load = () => cloudFormationSource.load(fixture, { account: '111122223333', region: 'us-east-1' });

const find = (d: Diagram, kind: string, label: string): DiagramNode => {
  const hit = [...walkDiagram(d.roots)].find(({ node }) => node.kind === kind && node.label === label);
  if (!hit) throw new Error(`no ${kind} ${label}`);
  return hit.node;
};
const parentOf = (d: Diagram, id: string) =>
  [...walkDiagram(d.roots)].find(({ node }) => node.id === id)?.parent?.id;

describe('diagram model from a CloudFormation template', () => {
  it('nests account > region > VPC > subnets and places resources in their subnets', async () => {
    const d = diagramQuestion(await load());
    expect(diagramSchema.parse(d)).toBeTruthy();
    const account = d.roots[0] as DiagramNode;
    expect(account).toMatchObject({ kind: 'account', id: 'account/111122223333' });
    const region = account.children[0] as DiagramNode;
    expect(region).toMatchObject({ kind: 'region', label: 'us-east-1' });
    const vpc = find(d, 'vpc', 'app-vpc');
    expect(vpc.detail).toContain('10.20.0.0/16');
    const pub = find(d, 'subnet', 'public-a');
    const priv = find(d, 'subnet', 'private-a');
    expect(pub.public).toBe(true);
    expect(priv.public).toBe(false);
    expect(pub.detail).toBe('10.20.1.0/24 · us-east-1a · public');
    expect(pub.children.map((c) => `${c.kind}:${c.label}`)).toEqual([
      'nat-gateway:NatGateway',
      'instance:web-1',
    ]);
    expect(priv.children.map((c) => c.kind)).toEqual(['instance']);
    expect(parentOf(d, find(d, 'internet-gateway', 'InternetGateway').id)).toBe(vpc.id);
    expect(find(d, 'gateway-endpoint', 'com.amazonaws.us-east-1.s3').detail).toBe('S3Endpoint (s3)');
  });

  it('draws a cross-account peering to a VPC outside the snapshot, with the routes of each side', async () => {
    const d = diagramQuestion(await load());
    expect(d.edges).toHaveLength(1);
    const edge = d.edges[0];
    expect(edge).toMatchObject({
      id: 'Peering',
      kind: 'peering',
      source: 'Vpc',
      target: 'outside/vpc-0abc0abc0abc0abc0',
      crossAccount: true,
      crossRegion: false,
      routes: { source: 'yes', target: 'unknown' },
    });
    expect(edge?.label).toContain('cross-account');
    const outside = d.roots.find((r) => r.kind === 'external-vpc');
    expect(outside?.detail).toContain('account 999988887777');
    expect(outside?.detail).toContain('not in the snapshot');
  });

  it('is deterministic', async () => {
    const snapshot = await load();
    expect(JSON.stringify(diagramQuestion(snapshot))).toBe(JSON.stringify(diagramQuestion(snapshot)));
  });

  it('rejects an unknown VPC, account or region with the candidates', async () => {
    const snapshot = await load();
    expect(() => diagramQuestion(snapshot, { vpc: 'nope' })).toThrow(InputError);
    expect(() => diagramQuestion(snapshot, { vpc: 'nope' })).toThrow(/candidates: Vpc \(app-vpc\)/);
    expect(() => diagramQuestion(snapshot, { account: '000000000000' })).toThrow(/111122223333/);
    expect(() => diagramQuestion(snapshot, { region: 'eu-west-9' })).toThrow(/us-east-1/);
    expect(diagramQuestion(snapshot, { vpc: 'app-vpc' }).roots[0]?.kind).toBe('account');
  });
});

describe('diagram model of the demo organisation', () => {
  const snapshot = buildDemoOrganisation();
  const d = diagramQuestion(snapshot);

  it('shows the dev-to-prod peering as a cross-account edge between the two VPCs, routed on both sides', () => {
    const dev = find(d, 'vpc', 'dev-vpc');
    const prod = find(d, 'vpc', 'prod-vpc');
    const pcx = d.edges.find((e) => e.kind === 'peering');
    expect(pcx).toMatchObject({
      source: dev.id,
      target: prod.id,
      crossAccount: true,
      routes: { source: 'yes', target: 'yes' },
    });
    expect(pcx?.label).toMatch(/^dev-to-prod pcx-[0-9a-f]+ \(cross-account\); routes on both sides$/);
  });

  it('has unique ids and every edge end in the tree', () => {
    const ids = [...walkDiagram(d.roots)].map(({ node }) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of d.edges) {
      expect(ids).toContain(e.source);
      expect(ids).toContain(e.target);
    }
  });

  it('with --vpc, draws the peer as an outside VPC', () => {
    const only = diagramQuestion(snapshot, { vpc: 'dev-vpc' });
    expect(only.roots.map((r) => r.kind)).toEqual(['account', 'external-vpc']);
    expect(only.roots[1]?.label).toBe('prod-vpc');
    expect(only.edges[0]?.target).toBe(only.roots[1]?.id);
  });
});
