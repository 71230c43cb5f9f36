import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-role-saml-trust-audience-restricted.js';

describe('iam-role-saml-trust-audience-restricted', () => {
  it('requires SAML:aud on SAML trust statements', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-role-saml-trust-audience-restricted.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'PassReadOnly')?.reason).toContain(
      'https://signin.aws.amazon.com/saml',
    );
    expect(findings.find((f) => f.resource.id === 'FailOtherAudience')?.reason).toContain(
      'not a fixed AWS sign-in endpoint: trust policy statement 0 requires StringEquals https://intranet.example.com/saml',
    );
  });

  it('reads a SAML statement whose provider ARN is not known yet', () => {
    expectResources(rule, [
      resource('AWS::IAM::Role', 'FailProviderNotKnownNoAudience', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                Federated: {
                  $unresolved: true,
                  expression: { Ref: 'Adfs' },
                  reason: 'ARN known after deploy',
                },
              },
              Action: 'sts:AssumeRoleWithSAML',
            },
          ],
        },
      }),
    ]);
  });
});
