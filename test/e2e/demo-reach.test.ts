/**
 * The reach answers the demo organisation's seeded problems state (DEMO_PROBLEMS `expect` texts
 * that start with `reach` or name `exposure`), asked through the `cloudrounds` command path (in-process, see `cloudroundsInProcess`).
 * The test also checks that every problem whose expectation mentions a reach answer is covered here,
 * so a new one cannot be added without its assertion.
 */
import { describe, expect, it } from 'vitest';
import { exposureAnswerSchema, reachAnswerSchema } from '../../src/network/index.js';
import type { ExposureAnswer, ReachAnswer } from '../../src/network/index.js';
import { DEMO_PROBLEMS } from '../../src/sources/demo/index.js';
import { cloudroundsInProcess } from './cli.js';

async function reachJson(from: string, to: string, port: number): Promise<ReachAnswer> {
  const r = await cloudroundsInProcess([
    'reach',
    '--from',
    from,
    '--to',
    to,
    '--port',
    String(port),
    '--json',
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return reachAnswerSchema.parse(JSON.parse(r.stdout)) as ReachAnswer;
}

const blocks = (a: ReachAnswer) =>
  a.explanations.map((e) => `${e.code} at ${e.component.name ?? e.component.id}`);

const COVERED = [
  'vpc-peering-return-route-missing',
  'ec2-nat-gateway-in-private-subnet',
  'ec2-nat-instance-sg-blocks-https',
  'ec2-nacl-deny-rule-shadowed',
  'ec2-nacl-blocks-ephemeral-return',
  'ec2-sg-ssh-open-to-internet',
];

describe('demo reach answers through the CLI', () => {
  it('covers every problem whose expectation states a reach or exposure answer', async () => {
    const stated = DEMO_PROBLEMS.filter((p) => /(^|; )reach |`exposure`/.test(p.expect)).map((p) => p.id);
    expect([...stated].sort()).toEqual([...COVERED].sort());
  });

  it('vpc-peering-return-route-missing: no return route in prod-analytics-rt; the main table twin works', async () => {
    for (const [to, port] of [
      ['prod-etl-1', 8080],
      ['analytics-dw', 5439],
    ] as const) {
      const a = await reachJson('dev-ci-runner', to, port);
      expect(a.reachable).toBe(false);
      expect(blocks(a)).toEqual(['NO_ROUTE_TO_DESTINATION at prod-analytics-rt']);
      expect(a.explanations[0]).toMatchObject({ path: 'return' });
      expect(a.explanations[0]!.detail).toContain('10.1.0.0/16');
    }
    const twin = await reachJson('dev-ci-runner', 'prod-api-1', 8080);
    expect(twin.reachable).toBe(true);
    expect(twin.return.some((h) => h.component.name === 'prod-main-rt')).toBe(true);
  });

  it('ec2-nat-gateway-in-private-subnet: the NAT subnet route table has no route to the internet gateway', async () => {
    const a = await reachJson('dr-app-standby', 'internet', 443);
    expect(a.reachable).toBe(false);
    expect(blocks(a)).toEqual(['NO_ROUTE_TO_DESTINATION at dr-main-rt']);
    expect(a.forward.some((h) => h.kind === 'nat-gateway' && h.component.name === 'dr-nat')).toBe(true);
  });

  it('ec2-nat-instance-sg-blocks-https: dev-nat-sg ingress; twin through sec-nat-instance', async () => {
    const a = await reachJson('dev-app-1', 'internet', 443);
    expect(a.reachable).toBe(false);
    expect(blocks(a)).toEqual(['ENI_SG_RULES_MISMATCH at dev-nat-sg']);
    expect(a.explanations[0]).toMatchObject({ direction: 'inbound' });
    const twin = await reachJson('sec-scanner', 'internet', 443);
    expect(twin.reachable).toBe(true);
    expect(twin.forward.some((h) => h.component.name === 'sec-nat-instance')).toBe(true);
  });

  it('ec2-nacl-deny-rule-shadowed: the /32 deny after allow-all does not block; prod rule 90 does', async () => {
    const a = await reachJson('192.0.2.66', 'dev-web', 80);
    expect(a.reachable).toBe(true);
    const acl = a.forward.find((h) => h.kind === 'network-acl');
    expect(acl?.component.name).toBe('dev-public-nacl');
    expect(acl?.matched).toMatch(/^rule 100 allow .*shadows rule 200 deny/);
    const twin = await reachJson('192.0.2.66', 'prod-web-alb', 443);
    expect(twin.reachable).toBe(false);
    expect(blocks(twin)).toEqual(['SUBNET_ACL_RESTRICTION at prod-public-nacl']);
    expect(twin.explanations[0]!.detail).toContain('rule 90');
  });

  it('ec2-nacl-blocks-ephemeral-return: dev-private-nacl egress to the bastion subnet; prod twin reachable', async () => {
    const a = await reachJson('dev-bastion', 'dev-app-mysql', 3306);
    expect(a.reachable).toBe(false);
    expect(blocks(a)).toEqual(['SUBNET_ACL_RESTRICTION at dev-private-nacl']);
    expect(a.explanations[0]).toMatchObject({ path: 'return', direction: 'outbound' });
    expect(a.explanations[0]!.fix).toContain('10.1.2.0/24');
    expect((await reachJson('prod-bastion', 'prod-app-mysql', 3306)).reachable).toBe(true);
  });

  it('ec2-sg-ssh-open-to-internet: exposure lists dev-bastion:22 from the internet', async () => {
    const r = await cloudroundsInProcess(['exposure', '--json']);
    expect(r.code).toBe(0);
    const e = exposureAnswerSchema.parse(JSON.parse(r.stdout)) as ExposureAnswer;
    expect(
      e.exposures.some(
        (x) =>
          x.component.name === 'dev-bastion' &&
          x.protocol === 'tcp' &&
          x.ports?.from === 22 &&
          x.from === '0.0.0.0/0',
      ),
    ).toBe(true);
    expect(e.exposures.some((x) => x.component.name === 'prod-bastion')).toBe(false);
  });

  it('prints a human verdict with the blocking rule and its fix', async () => {
    const r = await cloudroundsInProcess([
      'reach',
      '--from',
      'dev-bastion',
      '--to',
      'dev-app-mysql',
      '--port',
      '3306',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT REACHABLE');
    expect(r.stdout).toContain('SUBNET_ACL_RESTRICTION at dev-private-nacl');
    expect(r.stdout).toContain('fix: add an outbound rule');
  });

  it('an ambiguous or unknown REF exits 2 and lists the candidates', async () => {
    const unknown = await cloudroundsInProcess([
      'reach',
      '--from',
      'no-such-thing',
      '--to',
      'internet',
      '--port',
      '443',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no-such-thing');
    const ambiguous = await cloudroundsInProcess([
      'reach',
      '--from',
      'default',
      '--to',
      'internet',
      '--port',
      '443',
    ]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('ambiguous');
    expect(ambiguous.stderr).toContain('AWS::EC2::SecurityGroup');
  });
});
