import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-policy-no-full-admin.js';

describe('iam-policy-no-full-admin', () => {
  it('fails Allow "*" on "*", as an object or a JSON string', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-policy-no-full-admin.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailStarOnStar')).toContain('attached to group Admins');
    expect(reason('FailStarColonStarAsJsonString')).toContain('(with a condition)');
    expect(reason('ErrorNotJson')).toContain('not valid JSON');
  });

  it('skips AWS managed policies and reads URL-encoded documents', () => {
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    expectResources(rule, [
      resource(
        'AWS::IAM::ManagedPolicy',
        admin,
        { PolicyDocument: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } },
        {
          arn: admin,
          observed: { AwsManaged: true },
          origin: { source: 'aws', logicalId: 'NotApplicableAwsManaged' },
        },
      ),
      resource('AWS::IAM::ManagedPolicy', 'FailUrlEncoded', {
        PolicyDocument: encodeURIComponent('{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'),
      }),
    ]);
  });
});
