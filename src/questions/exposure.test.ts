import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding, RunConfig } from '../engine/index.js';
import { makeSnapshot } from '../model/index.js';
import { plainResult } from '../rules/result.js';
import { buildNetwork, exposure } from '../network/index.js';
import { buildDemoOrganisation } from '../sources/demo/index.js';
import { cloudFormationSource } from '../sources/cloudformation/index.js';
import { evaluateDaily, isExposure } from './daily.js';
import {
  ADMIN_PORTS,
  adminPortsRule,
  dataPortsRule,
  exposureEngine,
  exposureRules,
  exposureVerdict,
  indexExposure,
} from './exposure.js';

const NO_CONFIG: RunConfig = { suppressions: [], params: {} };
const fixture = fileURLToPath(new URL('./fixtures/exposure.yaml', import.meta.url));

async function run(config: RunConfig = NO_CONFIG) {
  const snapshot = await cloudFormationSource.load(fixture, {});
  return evaluateDaily(snapshot, config, [exposureEngine()]);
}

const failing = (findings: readonly Finding[], ruleId: string) =>
  findings
    .filter((f) => f.ruleId === ruleId && f.status === 'fail' && !f.suppressed)
    .map((f) => f.resource.id)
    .sort();

describe('exposureEngine', () => {
  it('reports the administration and data ports the internet reaches, per resource', async () => {
    const evaluation = await run();
    expect(failing(evaluation.findings, adminPortsRule.id)).toEqual([
      'ExposedAdminAndData',
      'ExposedAllTraffic',
    ]);
    expect(failing(evaluation.findings, dataPortsRule.id)).toEqual([
      'ExposedAdminAndData',
      'ExposedAllTraffic',
    ]);
    const ssh = evaluation.findings.find(
      (f) => f.ruleId === adminPortsRule.id && f.resource.id === 'ExposedAdminAndData',
    )!;
    expect(ssh.reason).toMatch(/tcp 22 \(SSH\) from 0\.0\.0\.0\/0/);
    expect(ssh.severity).toBe('high');
    const mysql = evaluation.findings.find(
      (f) => f.ruleId === dataPortsRule.id && f.resource.id === 'ExposedAdminAndData',
    )!;
    expect(mysql.reason).toMatch(/3306 \(MySQL\)/);
    expect(mysql.severity).toBe('critical');
    expect(mysql.controls.length).toBeGreaterThan(0);
  });

  it('does not report a world-open security group the internet cannot reach (private subnet, NACL deny)', async () => {
    const evaluation = await run();
    const ids = new Set(evaluation.findings.filter((f) => f.status === 'fail').map((f) => f.resource.id));
    expect(ids.has('ShieldedByPrivateSubnet')).toBe(false);
    expect(ids.has('ShieldedByNacl')).toBe(false);
    expect(ids.has('ExposedWebOnly')).toBe(false);
    // Five instances, two rules: every pair was checked and counted.
    expect(evaluation.counts.byStatus.fail + evaluation.counts.byStatus.pass).toBe(10);
    expect(evaluation.counts.byStatus.pass).toBe(6);
  });

  it('says what stops a world-open group when it passes', async () => {
    const snapshot = await cloudFormationSource.load(fixture, {});
    const index = indexExposure(exposure(buildNetwork(snapshot)));
    const verdict = (id: string) =>
      plainResult(
        exposureVerdict(
          adminPortsRule,
          snapshot.resources.find((r) => r.id === id)!,
          Object.keys(ADMIN_PORTS).map(Number),
          index,
        ),
      );
    expect(verdict('ShieldedByNacl')).toEqual({
      status: 'pass',
      reason: expect.stringMatching(
        /opens administration ports to 0\.0\.0\.0\/0, but no path .*SUBNET_ACL_RESTRICTION/,
      ),
    });
    expect(verdict('ShieldedByPrivateSubnet')).toEqual({
      status: 'pass',
      reason: expect.stringContaining('NO_PUBLIC_IP'),
    });
    expect(verdict('ExposedWebOnly').status).toBe('pass');
  });

  it('counts its findings as internet exposure for the daily ranking', async () => {
    const evaluation = await run();
    const failures = evaluation.findings.filter((f) => f.status === 'fail');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every(isExposure)).toBe(true);
  });

  it('finds the demo organisation’s world-reachable bastion on SSH (demo problem ec2-sg-ssh-open-to-internet)', () => {
    const evaluation = evaluateDaily(buildDemoOrganisation(), NO_CONFIG, [exposureEngine()]);
    const admin = evaluation.findings.filter((f) => f.ruleId === adminPortsRule.id && f.status === 'fail');
    const bastion = admin.find((f) => f.resource.name === 'dev-bastion');
    expect(bastion?.reason).toMatch(/tcp 22 \(SSH\) from 0\.0\.0\.0\/0/);
  });

  it('never passes a resource it cannot place, and judges an attached interface with its instance', () => {
    const at = { account: '123456789012', region: 'eu-west-1', tags: {} };
    const origin = { source: 'describe-json' as const };
    const snapshot = makeSnapshot([
      { ...at, type: 'AWS::EC2::VPC', id: 'vpc-1', props: { CidrBlock: '10.0.0.0/16' }, origin },
      {
        ...at,
        type: 'AWS::EC2::Subnet',
        id: 'subnet-1',
        props: { VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24' },
        origin,
      },
      {
        ...at,
        type: 'AWS::EC2::Instance',
        id: 'i-placed',
        props: { SubnetId: 'subnet-1' },
        observed: { State: { Name: 'running' } },
        origin,
      },
      {
        ...at,
        type: 'AWS::EC2::NetworkInterface',
        id: 'eni-1',
        props: { SubnetId: 'subnet-1', PrivateIpAddress: '10.0.1.10' },
        observed: { Attachment: { InstanceId: 'i-placed', Status: 'attached' } },
        origin,
      },
      // Terminated: no interface, nothing to reach.
      {
        ...at,
        type: 'AWS::EC2::Instance',
        id: 'i-gone',
        props: {},
        observed: { State: { Name: 'terminated' } },
        origin,
      },
      // Its subnet is not in the snapshot.
      {
        ...at,
        type: 'AWS::EC2::Instance',
        id: 'i-elsewhere',
        props: { SubnetId: 'subnet-missing' },
        observed: { State: { Name: 'running' } },
        origin,
      },
    ]);
    const evaluation = evaluateDaily(snapshot, NO_CONFIG, [exposureEngine()]);
    const status = (id: string) => [
      ...new Set(evaluation.findings.filter((f) => f.resource.id === id).map((f) => f.status)),
    ];
    expect(status('i-elsewhere')).toEqual(['error']);
    expect(evaluation.counts.byStatus).toEqual({ pass: 2, fail: 0, not_applicable: 4, error: 2 });
  });

  it('applies suppressions like the rules engine', async () => {
    const evaluation = await run({
      params: {},
      suppressions: [
        {
          rule: adminPortsRule.id,
          resource: 'ExposedAdminAndData',
          reason: 'bastion, replaced next sprint',
          expires: '2099-12-31',
        },
      ],
    });
    expect(failing(evaluation.findings, adminPortsRule.id)).toEqual(['ExposedAllTraffic']);
    expect(evaluation.counts.suppressed).toBe(1);
    expect(evaluation.unusedSuppressions).toEqual([]);
  });

  it('declares its rules with metadata but outside the rule registry', async () => {
    const { allRules } = await import('../rules/index.js');
    const registered = new Set(allRules.map((r) => r.id));
    for (const rule of exposureRules) {
      expect(registered.has(rule.id)).toBe(false);
      expect(rule.title).not.toMatch(/^Ensure/);
      expect(rule.remediation.text.length).toBeGreaterThan(0);
      // Outside the engine the rules cannot decide, and say so.
      expect(rule.evaluate({} as never, {} as never).status).toBe('error');
    }
  });
});
