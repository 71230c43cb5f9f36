/**
 * The IAM answers the demo organisation's problems state (`iam simulate …`, `iam who-can …` in
 * src/sources/demo/problems.ts), asked through the CLI's command path as a user would (in-process, see `cloudroundsInProcess`).
 */
import { describe, expect, it } from 'vitest';
import { simulateAnswerSchema, whoCanAnswerSchema } from '../../src/questions/iam.js';
import { DEMO_PROBLEMS } from '../../src/sources/demo/index.js';
import { cloudroundsInProcess } from './cli.js';

const DEV = '333344445555';
const PROD = '444455556666';
const fnDev = `arn:aws:lambda:us-east-1:${DEV}:function:orders-api-preview`;

async function simulate(principal: string, action: string, resource: string, ...context: string[]) {
  const args = [
    'iam',
    'simulate',
    '--principal',
    principal,
    '--action',
    action,
    '--resource',
    resource,
    '--json',
  ];
  for (const c of context) args.push('--context', c);
  const run = await cloudroundsInProcess(args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return simulateAnswerSchema.parse(JSON.parse(run.stdout));
}

async function whoCan(action: string, resource: string) {
  const run = await cloudroundsInProcess([
    'iam',
    'who-can',
    '--action',
    action,
    '--resource',
    resource,
    '--json',
  ]);
  expect(run.code).toBe(0);
  return whoCanAnswerSchema.parse(JSON.parse(run.stdout));
}

const expectOf = (id: string) => DEMO_PROBLEMS.find((p) => p.id === id)!.expect;

describe('demo IAM answers through the CLI', () => {
  it('iam-lambda-vpc-guardrail-inverted', async () => {
    expect(expectOf('iam-lambda-vpc-guardrail-inverted')).toMatch(/iam simulate carol\.contractor/);
    expect(
      (await simulate('carol.contractor', 'lambda:CreateFunction', fnDev, 'lambda:VpcIds=prod-vpc')).decision,
    ).toBe('Allowed');
    expect(
      (await simulate('carol.contractor', 'lambda:CreateFunction', fnDev, 'lambda:VpcIds=dev-vpc')).decision,
    ).toBe('ExplicitDeny');
    const alice = await simulate('alice.dev', 'lambda:CreateFunction', fnDev, 'lambda:VpcIds=prod-vpc');
    expect(alice.decision).toBe('ExplicitDeny');
    expect(alice.decidingStatements.map((s) => s.sid)).toEqual(['DenyLambdaOutsideTestVpcs']);
    expect(
      (await simulate('alice.dev', 'lambda:CreateFunction', fnDev, 'lambda:VpcIds=dev-vpc')).decision,
    ).toBe('Allowed');
  });

  it('iam-role-cross-account-admin', async () => {
    expect(expectOf('iam-role-cross-account-admin')).toMatch(/iam who-can/);
    const legacy = await whoCan('sts:AssumeRole', `arn:aws:iam::${PROD}:role/prod-deploy-legacy`);
    expect(legacy.principals.every((p) => p.account === DEV)).toBe(true);
    expect(legacy.principals.map((p) => p.name).sort()).toEqual([
      'OrganizationAccountAccessRole',
      'ci-deployer',
    ]);
    // The twin trusts exactly the dev CI role.
    const twin = await whoCan('sts:AssumeRole', `arn:aws:iam::${PROD}:role/deploy-from-dev`);
    expect(twin.principals.map((p) => p.name)).toEqual(['dev-ci-runner-role']);
  });

  it('organizations-ou-without-guardrail-scp', async () => {
    expect(expectOf('organizations-ou-without-guardrail-scp')).toMatch(/iam simulate ci-deployer/);
    const dev = await simulate(
      'ci-deployer',
      'cloudtrail:StopLogging',
      `arn:aws:cloudtrail:us-east-1:${DEV}:trail/dev-trail`,
    );
    expect(dev.decision).toBe('Allowed');
    const prod = await simulate(
      'prod-deploy-legacy',
      'cloudtrail:StopLogging',
      `arn:aws:cloudtrail:us-east-1:${PROD}:trail/prod-trail`,
    );
    expect(prod.decision).toBe('ExplicitDeny');
    expect(prod.decidingStatements).toEqual([
      expect.objectContaining({ policy: 'deny-security-tampering', policyType: 'scp' }),
    ]);
  });

  it('iam-role-third-party-long-session: the consultant asks for 900 seconds', async () => {
    expect(expectOf('iam-role-third-party-long-session')).toMatch(/DurationSeconds 900/);
    const consultant = (externalId: string, seconds: string) =>
      cloudroundsInProcess([
        'iam',
        'simulate',
        '--principal',
        'arn:aws:iam::999988887777:user/jane',
        '--action',
        'sts:AssumeRole',
        '--resource',
        `arn:aws:iam::${PROD}:role/consultant-s3-read`,
        '--context',
        `sts:ExternalId=${externalId}`,
        '--duration-seconds',
        seconds,
        '--json',
      ]);
    const ok = simulateAnswerSchema.parse(
      JSON.parse((await consultant('companya-consultant-7f3e2c', '900')).stdout),
    );
    expect(ok).toMatchObject({
      decision: 'Allowed',
      sessionDuration: { ok: true, requested: 900, max: 3600 },
    });
    const wrong = simulateAnswerSchema.parse(JSON.parse((await consultant('guess', '900')).stdout));
    expect(wrong.decision).toBe('ImplicitDeny');
    const long = simulateAnswerSchema.parse(
      JSON.parse((await consultant('companya-consultant-7f3e2c', '7200')).stdout),
    );
    expect(long.sessionDuration).toMatchObject({ ok: false, max: 3600 });
    const who = await whoCan('sts:AssumeRole', `arn:aws:iam::${PROD}:role/consultant-s3-read`);
    expect(who.principals).toEqual([
      expect.objectContaining({ principal: '999988887777', conditionKeys: ['sts:ExternalId'] }),
    ]);
  });

  it('an ambiguous principal exits 2 listing the candidates', async () => {
    const run = await cloudroundsInProcess([
      'iam',
      'simulate',
      '--principal',
      'OrganizationAccountAccessRole',
      '--action',
      's3:ListBucket',
      '--resource',
      'arn:aws:s3:::x',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ambiguous.*arn:aws:iam::333344445555:role\/OrganizationAccountAccessRole/);
  });

  it('prints a readable answer without --json', async () => {
    const run = await cloudroundsInProcess([
      'iam',
      'simulate',
      '--principal',
      'alice.dev',
      '--action',
      'lambda:CreateFunction',
      '--resource',
      fnDev,
      '--context',
      'lambda:VpcIds=prod-vpc',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ExplicitDeny: arn:aws:iam::333344445555:user\/alice\.dev/);
    expect(run.stdout).toMatch(/DenyLambdaOutsideTestVpcs/);
  });
});
