import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, TEST_ACCOUNT } from '../../../test/rule-fixtures.js';
import rule from './iam-role-third-party-session-short.js';

const ROLE = 'AWS::IAM::Role';
const trustedBy = (principal: string) => ({
  AssumeRolePolicyDocument: {
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  },
  MaxSessionDuration: 43200,
});

describe('iam-role-third-party-session-short', () => {
  it('checks MaxSessionDuration of roles trusted by outside accounts', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-role-third-party-session-short.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailVendorTwelveHours')?.reason).toContain(
      'up to 43200 s (12 h), more than 3600 s (1 h)',
    );
  });

  it('treats accounts of the organisation and trusted accounts as first parties', () => {
    const member = '210987654321';
    expectResources(
      rule,
      [
        resource('AWS::Organizations::Account', member, {}, { region: 'global' }),
        resource('AWS::Organizations::Account', TEST_ACCOUNT, {}, { region: 'global' }),
        resource(ROLE, 'NotApplicableMemberAccount', trustedBy(`arn:aws:iam::${member}:root`)),
        resource(ROLE, 'NotApplicableTrustedPartner', trustedBy('arn:aws:iam::111111111111:root')),
        resource(ROLE, 'FailOutsider', trustedBy('arn:aws:iam::222222222222:role/x')),
        resource(ROLE, 'NotApplicableSameAccount', trustedBy(`arn:aws:iam::${TEST_ACCOUNT}:role/ops`)),
      ],
      { params: { trustedAccounts: ['111111111111'] } },
    );
  });
});
