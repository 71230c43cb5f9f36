import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-policy-lambda-vpc-guardrail-allow-list.js';

describe('iam-policy-lambda-vpc-guardrail-allow-list', () => {
  it('fails a Deny with StringEquals on the allowed VPCs and passes StringNotEquals', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-policy-lambda-vpc-guardrail-allow-list.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailContractorsDenyListAsWritten')?.reason).toContain(
      'statement 0 (Sid EnforceOutOfVPC) denies when StringEquals lambda:VpcIds is one of [vpc-1, vpc-2]',
    );
    // lambda:VpcIds is single-valued: ForAnyValue is false for a function outside any VPC.
    expect(findings.find((f) => f.resource.id === 'FailForAnyValueOnSingleValuedKey')?.reason).toContain(
      'functions outside any VPC stay allowed',
    );
  });

  it('names the VPCs from the snapshot', () => {
    const findings = expectResources(rule, [
      resource('AWS::EC2::VPC', 'vpc-0aaa', {}, { name: 'dev-vpc' }),
      resource('AWS::IAM::Group', 'FailDenyList', {
        Policies: [
          {
            PolicyName: 'g',
            PolicyDocument: JSON.stringify({
              Statement: [
                {
                  Effect: 'Deny',
                  Action: 'lambda:CreateFunction',
                  Resource: '*',
                  Condition: { StringEquals: { 'lambda:VpcIds': ['vpc-0aaa'] } },
                },
              ],
            }),
          },
        ],
      }),
    ]);
    expect(findings[0]?.reason).toContain('vpc-0aaa (dev-vpc)');
  });
});
