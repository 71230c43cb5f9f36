import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../model/index.js';
import { buildDemoOrganisation } from '../sources/demo/index.js';
import { buildNetwork, exposure, reach, reachAnswerSchema, exposureAnswerSchema } from './index.js';
import type { Endpoint, NetworkModel, ReachAnswer } from './index.js';

/** The demo organisation's seeded network problems (DEMO_PROBLEMS `expect` texts). */
let snapshot: Snapshot;
let model: NetworkModel;

beforeAll(() => {
  snapshot = buildDemoOrganisation();
  model = buildNetwork(snapshot);
});

function named(name: string): Endpoint {
  const hits = snapshot.resources.filter((r) => r.name === name);
  if (hits.length !== 1) throw new Error(`${name}: ${hits.length} resources`);
  return { kind: 'resource', id: hits[0]!.id };
}

function ask(from: Endpoint, to: Endpoint, port: number): ReachAnswer {
  const a = reach(model, { from, to, protocol: 'tcp', port });
  reachAnswerSchema.parse(a);
  return a;
}

const codes = (a: ReachAnswer) =>
  a.explanations.map((e) => `${e.code}@${e.component.name ?? e.component.id}`);

describe('demo reach answers', () => {
  it('peering return route missing: dev-ci-runner -> prod-etl-1:8080 and analytics-dw:5439', () => {
    const a = ask(named('dev-ci-runner'), named('prod-etl-1'), 8080);
    expect(a.reachable).toBe(false);
    expect(codes(a)).toEqual(['NO_ROUTE_TO_DESTINATION@prod-analytics-rt']);
    expect(a.explanations[0]!.path).toBe('return');
    expect(a.explanations[0]!.fix).toContain('10.1.0.0/16');
    const dw = ask(named('dev-ci-runner'), named('analytics-dw'), 5439);
    expect(codes(dw)).toEqual(['NO_ROUTE_TO_DESTINATION@prod-analytics-rt']);
    const twin = ask(named('dev-ci-runner'), named('prod-api-1'), 8080);
    expect(twin.explanations).toEqual([]);
    expect(twin.reachable).toBe(true);
  });

  it('NAT gateway in a private subnet: dr-app-standby -> internet:443', () => {
    const a = ask(named('dr-app-standby'), { kind: 'internet' }, 443);
    expect(a.reachable).toBe(false);
    expect(codes(a)).toEqual(['NO_ROUTE_TO_DESTINATION@dr-main-rt']);
  });

  it('NAT instance SG blocks HTTPS: dev-app-1 -> internet:443; twin sec-scanner', () => {
    const a = ask(named('dev-app-1'), { kind: 'internet' }, 443);
    expect(codes(a)).toEqual(['ENI_SG_RULES_MISMATCH@dev-nat-sg']);
    expect(a.explanations[0]!.direction).toBe('inbound');
    const twin = ask(named('sec-scanner'), { kind: 'internet' }, 443);
    expect(twin.explanations).toEqual([]);
    expect(twin.reachable).toBe(true);
    expect(twin.forward.some((h) => h.component.name === 'sec-nat-instance')).toBe(true);
  });

  it('shadowed NACL deny: 192.0.2.66 -> dev-web:80 reachable; -> prod-web-alb:443 blocked by rule 90', () => {
    const a = ask({ kind: 'ip', ip: '192.0.2.66' }, named('dev-web'), 80);
    expect(a.explanations).toEqual([]);
    expect(a.reachable).toBe(true);
    expect(a.forward.find((h) => h.kind === 'network-acl')?.matched).toContain('shadows rule 200');
    const twin = ask({ kind: 'ip', ip: '192.0.2.66' }, named('prod-web-alb'), 443);
    expect(twin.reachable).toBe(false);
    expect(codes(twin)).toEqual(['SUBNET_ACL_RESTRICTION@prod-public-nacl']);
    expect(twin.explanations[0]!.detail).toContain('rule 90');
  });

  it('NACL blocks the ephemeral return: dev-bastion -> dev-app-mysql:3306; twin prod', () => {
    const a = ask(named('dev-bastion'), named('dev-app-mysql'), 3306);
    expect(a.reachable).toBe(false);
    expect(codes(a)).toEqual(['SUBNET_ACL_RESTRICTION@dev-private-nacl']);
    expect(a.explanations[0]).toMatchObject({ path: 'return', direction: 'outbound' });
    expect(a.explanations[0]!.fix).toContain('10.1.2.0/24');
    const twin = ask(named('prod-bastion'), named('prod-app-mysql'), 3306);
    expect(twin.explanations).toEqual([]);
    expect(twin.reachable).toBe(true);
  });

  it('exposure lists dev-bastion:22 and not the admin-only prod bastion', () => {
    const e = exposure(model);
    exposureAnswerSchema.parse(e);
    const hit = e.exposures.find(
      (x) => x.component.name === 'dev-bastion' && x.protocol === 'tcp' && x.ports?.from === 22,
    );
    expect(hit).toBeDefined();
    expect(e.exposures.some((x) => x.component.name === 'prod-bastion')).toBe(false);
  });
});
