import { describe, expect, it } from 'vitest';
import { InputError, makeSnapshot, type Resource } from '../model/index.js';
import { buildDemoOrganisation } from '../sources/demo/index.js';
import { exposureAnswerSchema, reachAnswerSchema } from '../network/index.js';
import { exposureQuestion, reachParamsSchema, reachQuestion } from './reach.js';

const demo = buildDemoOrganisation();

function fails(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('reach question', () => {
  it('resolves Name tags, ids and ARNs to the same answer', () => {
    const byName = reachQuestion(demo, { from: 'dev-bastion', to: 'dev-app-mysql', port: 3306 });
    const bastion = demo.resources.find((r) => r.name === 'dev-bastion' && r.type === 'AWS::EC2::Instance')!;
    const db = demo.resources.find((r) => r.name === 'dev-app-mysql' && r.type === 'AWS::RDS::DBInstance')!;
    const byId = reachQuestion(demo, { from: bastion.id, to: db.arn!, port: 3306 });
    reachAnswerSchema.parse(byName);
    expect(byId).toEqual(byName);
  });

  it('takes internet and IP addresses as endpoints', () => {
    expect(reachQuestion(demo, { from: 'internet', to: 'dev-bastion', port: 22 }).reachable).toBe(true);
    expect(reachQuestion(demo, { from: '203.0.113.10', to: 'dev-bastion', port: 22 }).reachable).toBe(true);
  });

  it('resolves CloudFormation logical ids', () => {
    const res = (type: string, id: string, props: Record<string, unknown>): Resource => ({
      type,
      id: `stack.yaml#${id}`,
      account: 'unknown',
      region: 'unknown',
      tags: {},
      props,
      origin: { source: 'cloudformation', logicalId: id },
    });
    const snapshot = makeSnapshot([
      res('AWS::EC2::VPC', 'Vpc', { CidrBlock: '10.0.0.0/16' }),
      res('AWS::EC2::Subnet', 'Subnet', { VpcId: 'stack.yaml#Vpc', CidrBlock: '10.0.1.0/24' }),
      res('AWS::EC2::SecurityGroup', 'Sg', {
        VpcId: 'stack.yaml#Vpc',
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/16' }],
      }),
      res('AWS::EC2::Instance', 'A', { SubnetId: 'stack.yaml#Subnet', SecurityGroupIds: ['stack.yaml#Sg'] }),
      res('AWS::EC2::Instance', 'B', { SubnetId: 'stack.yaml#Subnet', SecurityGroupIds: ['stack.yaml#Sg'] }),
    ]);
    expect(reachQuestion(snapshot, { from: 'A', to: 'B', port: 22 }).reachable).toBe(true);
  });

  it('rejects an ambiguous REF with its candidates, and an unknown one', () => {
    const ambiguous = fails(() => reachQuestion(demo, { from: 'default', to: 'internet', port: 443 }));
    expect(ambiguous.message).toContain('ambiguous');
    expect(ambiguous.message).toContain('AWS::EC2::SecurityGroup');
    expect(fails(() => reachQuestion(demo, { from: 'nope', to: 'internet', port: 1 })).message).toContain(
      'nope',
    );
  });

  it('validates parameters with one zod schema', () => {
    expect(fails(() => reachQuestion(demo, { from: 'dev-bastion', to: 'internet' })).path).toBe('port');
    expect(reachParamsSchema.safeParse({ from: 'a', to: 'b', protocol: 'icmp' }).success).toBe(true);
    expect(reachParamsSchema.safeParse({ from: 'a', to: 'b', port: 70000 }).success).toBe(false);
    expect(reachParamsSchema.parse({ from: 'a', to: 'b', port: '443' }).port).toBe(443);
  });
});

describe('exposure question', () => {
  it('answers with the versioned schema', () => {
    const e = exposureQuestion(demo);
    exposureAnswerSchema.parse(e);
    expect(e.exposures.length).toBeGreaterThan(0);
  });
});
