import { describe, expect, it } from 'vitest';
import { buildIamModel } from '../iam/index.js';
import { InputError } from '../model/index.js';
import { buildDemoOrganisation } from '../sources/demo/index.js';
import { iamSimulate, iamWhoCan, simulateAnswerSchema, whoCanAnswerSchema } from './iam.js';

const snapshot = buildDemoOrganisation();
const model = buildIamModel(snapshot);
const DEV = '333344445555';
const PROD = '444455556666';

describe('iamSimulate', () => {
  it('answers in the documented schema, resolving VPC names in context values', () => {
    const a = iamSimulate(
      snapshot,
      {
        principal: 'alice.dev',
        action: 'lambda:CreateFunction',
        resource: `arn:aws:lambda:us-east-1:${DEV}:function:x`,
        context: { 'lambda:VpcIds': 'prod-vpc' },
      },
      model,
    );
    expect(simulateAnswerSchema.parse(a)).toEqual(a);
    expect(a.decision).toBe('ExplicitDeny');
    expect(a.decidingStatements).toEqual([
      {
        policy: 'lambda-vpc-guardrail',
        policyType: 'identity',
        sid: 'DenyLambdaOutsideTestVpcs',
        effect: 'Deny',
        index: 0,
        attachedTo: 'group dev-team',
      },
    ]);
    expect(a.context['lambda:VpcIds']).toMatch(/^vpc-/);
  });
  it('an ambiguous principal is an input error listing the candidates', () => {
    expect(() =>
      iamSimulate(
        snapshot,
        { principal: 'OrganizationAccountAccessRole', action: 's3:GetObject', resource: '*' },
        model,
      ),
    ).toThrow(InputError);
    expect(() =>
      iamSimulate(
        snapshot,
        { principal: 'OrganizationAccountAccessRole', action: 's3:GetObject', resource: '*' },
        model,
      ),
    ).toThrow(/arn:aws:iam::222233334444:role\/OrganizationAccountAccessRole/);
  });
  it('the SCP guardrail: dev may stop CloudTrail, prod may not', () => {
    const dev = iamSimulate(
      snapshot,
      {
        principal: 'ci-deployer',
        action: 'cloudtrail:StopLogging',
        resource: `arn:aws:cloudtrail:us-east-1:${DEV}:trail/t`,
      },
      model,
    );
    expect(dev.decision).toBe('Allowed');
    const prod = iamSimulate(
      snapshot,
      {
        principal: 'prod-deploy-legacy',
        action: 'cloudtrail:StopLogging',
        resource: `arn:aws:cloudtrail:us-east-1:${PROD}:trail/t`,
      },
      model,
    );
    expect(prod).toMatchObject({
      decision: 'ExplicitDeny',
      decidingStatements: [{ policy: 'deny-security-tampering', policyType: 'scp' }],
    });
  });
  it('requests outside the approved regions are denied by the region SCP', () => {
    const a = iamSimulate(
      snapshot,
      {
        principal: 'ci-deployer',
        action: 'ec2:RunInstances',
        resource: `arn:aws:ec2:eu-west-1:${DEV}:instance/*`,
      },
      model,
    );
    expect(a).toMatchObject({
      decision: 'ExplicitDeny',
      decidingStatements: [{ policy: 'deny-unapproved-regions' }],
    });
  });
  it('reports the session-duration check of an AssumeRole', () => {
    const a = iamSimulate(
      snapshot,
      {
        principal: 'dev-ci-runner-role',
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${PROD}:role/deploy-from-dev`,
        durationSeconds: 900,
      },
      model,
    );
    expect(a.sessionDuration).toMatchObject({ ok: true, max: 3600 });
  });
});

describe('iamWhoCan', () => {
  it('lists the dev principals that can assume the legacy prod admin role', () => {
    const a = iamWhoCan(
      snapshot,
      { action: 'sts:AssumeRole', resource: `arn:aws:iam::${PROD}:role/prod-deploy-legacy` },
      model,
    );
    expect(whoCanAnswerSchema.parse(a)).toEqual(a);
    expect(a.principals.map((p) => `${p.account} ${p.name}`)).toEqual([
      `${DEV} ci-deployer`,
      `${DEV} OrganizationAccountAccessRole`,
    ]);
    expect(a.principals[0]).toMatchObject({ kind: 'user', via: ['dev-admins'], conditional: false });
  });
  it('lists a third-party account, conditional on the ExternalId', () => {
    const a = iamWhoCan(
      snapshot,
      { action: 'sts:AssumeRole', resource: `arn:aws:iam::${PROD}:role/consultant-s3-read` },
      model,
    );
    expect(a.principals).toEqual([
      expect.objectContaining({
        kind: 'account',
        principal: '999988887777',
        conditional: true,
        conditionKeys: ['sts:ExternalId'],
        external: true,
      }),
    ]);
  });
  it('lists the SAML provider and services named by trust policies', () => {
    const saml = iamWhoCan(
      snapshot,
      { action: 'sts:AssumeRoleWithSAML', resource: `arn:aws:iam::${PROD}:role/ADFS-ReadOnly` },
      model,
    );
    expect(saml.principals).toEqual([
      expect.objectContaining({ kind: 'federated', name: 'CompanyA-ADFS', conditional: true }),
    ]);
    const ec2 = iamWhoCan(
      snapshot,
      { action: 'sts:AssumeRole', resource: `arn:aws:iam::${PROD}:role/prod-web-instance-role` },
      model,
    );
    expect(ec2.principals).toEqual([
      expect.objectContaining({ kind: 'service', principal: 'ec2.amazonaws.com', conditional: false }),
    ]);
  });
  it('lists who can read a prod bucket object', () => {
    const a = iamWhoCan(
      snapshot,
      { action: 's3:GetObject', resource: 'arn:aws:s3:::companya-prod-documents/a.pdf' },
      model,
    );
    const names = a.principals.map((p) => p.name);
    expect(names).toContain('svc-backup-reader');
    expect(names).toContain('prod-api-instance-role');
    expect(names).not.toContain('alice.dev');
  });
});
