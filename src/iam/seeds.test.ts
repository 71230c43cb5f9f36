import { describe, expect, it } from 'vitest';
import { buildDemoOrganisation } from '../sources/demo/index.js';
import { evaluate } from './evaluate.js';
import { buildIamModel, policiesFor, principalInfo, resolvePrincipal } from './model.js';
import { simulate } from './simulate.js';
import { checkSessionDuration } from './sts.js';
import { policyOf, requestOf, userPrincipal } from './testing.js';
import type { PrincipalInfo } from './types.js';

/*
 * The IAM scenarios of the SysOps notebook (../shared/seeds), as decisions.
 */

const snapshot = buildDemoOrganisation();
const model = buildIamModel(snapshot);
const DEV = '333344445555';
const PROD = '444455556666';
const vpc = (name: string) =>
  snapshot.resources.find((r) => r.type === 'AWS::EC2::VPC' && r.name === name)!.id;

describe('"Dev team … ONLY use VPC 1 & 2 for Lambda" (lambda:VpcIds)', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions
  const dev = userPrincipal('123456789012', 'dev1');
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:web';
  const execRole = 'arn:aws:iam::123456789012:role/lambda-exec-web';
  const policy = policyOf('identity', 'dev-lambda', [
    {
      Sid: 'CreateInTestVpcs',
      Effect: 'Allow',
      Action: ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'],
      Resource: '*',
      // ForAllValues alone also matches a request without the key (a function outside any VPC):
      // the Null guard requires one.
      Condition: {
        'ForAllValues:StringEquals': { 'lambda:VpcIds': ['vpc-1', 'vpc-2'] },
        Null: { 'lambda:VpcIds': 'false' },
      },
    },
    {
      Sid: 'PassExecutionRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::123456789012:role/lambda-exec-*',
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    },
    {
      Sid: 'ReadNetwork',
      Effect: 'Allow',
      Action: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'],
      Resource: '*',
    },
  ]);
  /** Every authorisation CreateFunction with a VPC config needs from the caller. */
  const createFunction = (vpcId?: string) => [
    evaluate(requestOf(dev, 'lambda:CreateFunction', fn, vpcId ? { 'lambda:VpcIds': vpcId } : {}), {
      identity: [policy],
    }),
    evaluate(requestOf(dev, 'iam:PassRole', execRole, { 'iam:PassedToService': 'lambda.amazonaws.com' }), {
      identity: [policy],
    }),
    ...['ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'].map((a) =>
      evaluate(requestOf(dev, a, '*'), { identity: [policy] }),
    ),
  ];
  it('allows VPCs 1 and 2 with every permission the call needs', () => {
    for (const id of ['vpc-1', 'vpc-2'])
      expect(createFunction(id).map((d) => d.decision)).toEqual(Array(5).fill('Allowed'));
  });
  it('denies VPCs 3 and 4, and functions outside any VPC', () => {
    expect(createFunction('vpc-3')[0]!.decision).toBe('ImplicitDeny');
    expect(createFunction('vpc-4')[0]!.decision).toBe('ImplicitDeny');
    const none = createFunction(undefined)[0]!;
    expect(none.decision).toBe('ImplicitDeny');
    expect(none.missingContextKeys).toEqual(['lambda:VpcIds']);
  });
  it("the notebook's Deny + StringEquals on VPCs 1 & 2 blocks the test VPCs instead (demo: carol vs alice)", () => {
    const fnDev = `arn:aws:lambda:us-east-1:${DEV}:function:x`;
    const carol = (v: string) =>
      simulate(model, 'carol.contractor', 'lambda:CreateFunction', fnDev, { 'lambda:VpcIds': vpc(v) })
        .decision;
    const alice = (v: string) =>
      simulate(model, 'alice.dev', 'lambda:CreateFunction', fnDev, { 'lambda:VpcIds': vpc(v) }).decision;
    expect(carol('prod-vpc').decision).toBe('Allowed');
    expect(carol('dev-vpc').decision).toBe('ExplicitDeny');
    expect(alice('prod-vpc')).toMatchObject({
      decision: 'ExplicitDeny',
      decidingStatements: [{ sid: 'DenyLambdaOutsideTestVpcs' }],
    });
    expect(alice('dev-vpc').decision).toBe('Allowed');
    expect(alice('dev-apac-vpc').decision).toBe('Allowed');
  });
});

describe('"Allow consultant (3rd party) to assume role with Duration Seconds: 900"', () => {
  const role = `arn:aws:iam::${PROD}:role/consultant-s3-read`;
  const consultant = userPrincipal('999988887777', 'jane');
  const mayAssume = policyOf('identity', 'assume', [
    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role },
  ]);
  const assume = (who: PrincipalInfo, context: Record<string, string>) => {
    const set = policiesFor(model, resolvePrincipal(model, 'consultant-s3-read'), role, 'sts:AssumeRole');
    return evaluate(requestOf(who, 'sts:AssumeRole', role, context), { ...set, identity: [mayAssume] })
      .decision;
  };
  it('only principals of the consultant account, with the agreed ExternalId', () => {
    expect(assume(consultant, { 'sts:ExternalId': 'companya-consultant-7f3e2c' })).toBe('Allowed');
    expect(assume(consultant, {})).toBe('ImplicitDeny');
    expect(assume(consultant, { 'sts:ExternalId': 'guess' })).toBe('ImplicitDeny');
    expect(
      assume(userPrincipal('123412341234', 'mallory'), { 'sts:ExternalId': 'companya-consultant-7f3e2c' }),
    ).toBe('ImplicitDeny');
  });
  it('DurationSeconds between 900 and MaxSessionDuration; one hour at most when chained', () => {
    const max = resolvePrincipal(model, 'consultant-s3-read').maxSessionDuration!;
    expect(max).toBe(3600);
    expect(checkSessionDuration(max, 900).ok).toBe(true);
    expect(checkSessionDuration(max, 899).ok).toBe(false);
    expect(checkSessionDuration(max, 3601).ok).toBe(false);
    const vendor = resolvePrincipal(model, 'vendor-audit-readonly').maxSessionDuration!;
    expect(checkSessionDuration(vendor, 43200).ok).toBe(true);
    expect(checkSessionDuration(vendor, 7200, { chained: true })).toMatchObject({ ok: false, max: 3600 });
  });
});

describe('"IAM Role with required permissions … assigned to the EC2 instance" (DynamoDB)', () => {
  const table = (name: string) => `arn:aws:dynamodb:us-east-1:${PROD}:table/${name}`;
  it('the instance profile names the role; EC2 may assume it', () => {
    const role = resolvePrincipal(model, 'prod-web-profile');
    expect(role.name).toBe('prod-web-instance-role');
    const ec2: PrincipalInfo = { arn: 'ec2.amazonaws.com', account: '', type: 'service' };
    const d = evaluate(
      requestOf(ec2, 'sts:AssumeRole', role.arn),
      policiesFor(model, role, role.arn, 'sts:AssumeRole'),
    );
    expect(d.decision).toBe('Allowed');
  });
  it('the role session reaches its tables and no other', () => {
    expect(
      simulate(model, 'prod-web-profile', 'dynamodb:GetItem', table('social-feed')).decision.decision,
    ).toBe('Allowed');
    expect(
      simulate(model, 'prod-web-profile', 'dynamodb:Query', `${table('social-feed')}/index/by-user`).decision
        .decision,
    ).toBe('Allowed');
    expect(
      simulate(model, 'prod-web-profile', 'dynamodb:DeleteItem', table('social-feed')).decision.decision,
    ).toBe('ImplicitDeny');
    expect(simulate(model, 'prod-web-profile', 'dynamodb:GetItem', table('orders')).decision.decision).toBe(
      'ImplicitDeny',
    );
    expect(simulate(model, 'prod-api-profile', 'dynamodb:GetItem', table('orders')).decision.decision).toBe(
      'Allowed',
    );
  });
});

describe('"Developers push code from Dev to Prod … create a cross account role and share the ARN"', () => {
  const deployRole = `arn:aws:iam::${PROD}:role/deploy-from-dev`;
  it('the dev CI role may assume the prod deploy role; other dev principals may not', () => {
    const ci = simulate(model, `arn:aws:iam::${DEV}:role/dev-ci-runner-role`, 'sts:AssumeRole', deployRole);
    expect(ci.decision.decision).toBe('Allowed');
    expect(ci.decision.decidingStatements.map((s) => s.policyType).sort()).toEqual(['identity', 'trust']);
    // alice has no sts:AssumeRole; ci-deployer has "*" but the trust names only the CI role.
    expect(simulate(model, 'alice.dev', 'sts:AssumeRole', deployRole).decision.decision).toBe('ImplicitDeny');
    expect(simulate(model, 'ci-deployer', 'sts:AssumeRole', deployRole).decision.decision).toBe(
      'ImplicitDeny',
    );
  });
  it('the deploy role session can update ECS and pass only the task roles to ECS', () => {
    expect(
      simulate(model, deployRole, 'ecs:UpdateService', `arn:aws:ecs:us-east-1:${PROD}:service/prod/orders`)
        .decision.decision,
    ).toBe('Allowed');
    const pass = (role: string, service: string) =>
      simulate(model, deployRole, 'iam:PassRole', `arn:aws:iam::${PROD}:role/${role}`, {
        'iam:PassedToService': service,
      }).decision.decision;
    expect(pass('orders-worker-task', 'ecs-tasks.amazonaws.com')).toBe('Allowed');
    expect(pass('orders-worker-task', 'lambda.amazonaws.com')).toBe('ImplicitDeny');
    expect(pass('OrganizationAccountAccessRole', 'ecs-tasks.amazonaws.com')).toBe('ImplicitDeny');
  });
  it('the chained session (CI role → deploy role) lasts at most one hour', () => {
    const sim = simulate(
      model,
      `arn:aws:iam::${DEV}:role/dev-ci-runner-role`,
      'sts:AssumeRole',
      deployRole,
      {},
      { durationSeconds: 7200 },
    );
    expect(sim.sessionDuration).toMatchObject({ ok: false, max: 3600 });
  });
});

describe('"Existing AD to authenticate … STS AssumeRoleWithSAML"', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html
  const saml = `arn:aws:iam::${PROD}:saml-provider/CompanyA-ADFS`;
  const idp: PrincipalInfo = { arn: saml, account: '', type: 'federated' };
  const assume = (role: string, context: Record<string, string>) => {
    const r = resolvePrincipal(model, role);
    return evaluate(
      requestOf(idp, 'sts:AssumeRoleWithSAML', r.arn, context),
      policiesFor(model, r, r.arn, 'sts:AssumeRoleWithSAML'),
    );
  };
  it('the AD role trusts the IdP only for assertions addressed to AWS sign-in (SAML:aud)', () => {
    expect(assume('ADFS-ReadOnly', { 'SAML:aud': 'https://signin.aws.amazon.com/saml' }).decision).toBe(
      'Allowed',
    );
    expect(assume('ADFS-ReadOnly', { 'SAML:aud': 'https://evil.example.com/saml' }).decision).toBe(
      'ImplicitDeny',
    );
    const missing = assume('ADFS-ReadOnly', {});
    expect(missing.decision).toBe('ImplicitDeny');
    expect(missing.missingContextKeys).toEqual(['SAML:aud']);
  });
  it('the operators role without SAML:aud accepts any assertion from the IdP (the seeded problem)', () => {
    expect(assume('ADFS-Operators', { 'SAML:aud': 'https://evil.example.com/saml' }).decision).toBe(
      'Allowed',
    );
  });
  it('an IAM user cannot use the SAML trust, and the session lasts an hour by default', () => {
    const r = resolvePrincipal(model, 'ADFS-ReadOnly');
    const alice = principalInfo(model, resolvePrincipal(model, 'alice.dev'));
    expect(
      evaluate(
        requestOf(alice, 'sts:AssumeRoleWithSAML', r.arn),
        policiesFor(model, r, r.arn, 'sts:AssumeRoleWithSAML'),
      ).decision,
    ).toBe('ImplicitDeny');
    expect(checkSessionDuration(r.maxSessionDuration!).max).toBe(3600);
  });
});
