import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-role-saml-session-duration-limited.js';

const samlRole = (seconds: number) => ({
  MaxSessionDuration: seconds,
  AssumeRolePolicyDocument: JSON.stringify({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' },
        Action: 'sts:AssumeRoleWithSAML',
      },
    ],
  }),
});

describe('iam-role-saml-session-duration-limited', () => {
  it('fails SAML roles whose sessions may last more than an hour', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/iam-role-saml-session-duration-limited.yaml', import.meta.url),
    );
  });

  it('accepts longer sessions up to the configured maximum', () => {
    expectResources(
      rule,
      [
        resource('AWS::IAM::Role', 'PassEightHours', samlRole(28800)),
        resource('AWS::IAM::Role', 'FailTwelveHours', samlRole(43200)),
      ],
      { params: { maxSessionSeconds: 28800 } },
    );
  });
});
