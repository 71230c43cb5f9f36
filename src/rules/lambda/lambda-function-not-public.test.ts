import { describe, expect, it } from 'vitest';
import {
  expectFixture,
  expectResources,
  expectTerraformFixture,
  resource,
} from '../../../test/rule-fixtures.js';
import rule from './lambda-function-not-public.js';

const FUNCTION = 'AWS::Lambda::Function';
const policy = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('lambda-function-not-public', () => {
  it('follows permissions to their function and fails public ones', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/lambda-function-not-public.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailPublicFunctionUrl')).toContain('public function URL');
    expect(reason('FailS3FromAnyAccount')).toContain('no SourceAccount');
  });

  it('reads the aws_lambda_permission resources of a Terraform configuration', async () => {
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/lambda-function-not-public-terraform', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('aws_lambda_function.FailPublicFunctionUrl')).toContain('public function URL');
    expect(reason('aws_lambda_function.FailS3FromAnyAccount')).toContain('no SourceAccount');
  });

  it('reads a live policy document, and does not pass a live function whose policy was not read', () => {
    expectResources(rule, [
      resource(
        FUNCTION,
        'FailPolicyAllowsEveryone',
        {},
        {
          observed: {
            Policy: policy({ Sid: 'open', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction' }),
          },
        },
      ),
      resource(
        FUNCTION,
        'PassScopedToOrganisation',
        {},
        {
          observed: {
            Policy: policy({
              Sid: 'org',
              Effect: 'Allow',
              Principal: '*',
              Action: 'lambda:InvokeFunction',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
            }),
          },
        },
      ),
      resource(
        FUNCTION,
        'FailConditionWithWildcard',
        {},
        {
          observed: {
            Policy: policy({
              Sid: 'any-account',
              Effect: 'Allow',
              Principal: '*',
              Action: 'lambda:InvokeFunction',
              Condition: { StringLike: { 'aws:SourceAccount': '*' } },
            }),
          },
        },
      ),
      resource(
        FUNCTION,
        'FailNegatedCondition',
        {},
        {
          observed: {
            Policy: policy({
              Sid: 'everyone-but-one-org',
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'lambda:InvokeFunction',
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
            }),
          },
        },
      ),
      resource(FUNCTION, 'PassNoPolicy', {}, { observed: { Policy: null } }),
      resource(FUNCTION, 'NotApplicablePolicyNotRead', {}, { observed: { State: 'Active' } }),
      resource(FUNCTION, 'ErrorPolicyNotADocument', {}, { observed: { Policy: '{not json' } }),
    ]);
  });
});
