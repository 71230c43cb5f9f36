import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './iam-account-support-role-exists.js';

const ROOT = 'AWS::IAM::RootAccount';
const ROLE = 'AWS::IAM::Role';
const roleIn = (account: string, name: string, managed: unknown) =>
  resource(ROLE, name, { RoleName: name, ManagedPolicyArns: managed }, { account, region: 'global' });

describe('iam-account-support-role-exists', () => {
  it('looks for a role of the same account with AWSSupportAccess', () => {
    expectResources(rule, [
      resource(ROOT, 'PassHasSupportRole', {}, { account: '111111111111', region: 'global' }),
      roleIn('111111111111', 'support', ['arn:aws:iam::aws:policy/AWSSupportAccess']),
      resource(ROOT, 'FailNoSupportRole', {}, { account: '222222222222', region: 'global' }),
      roleIn('222222222222', 'app', ['arn:aws:iam::aws:policy/ReadOnlyAccess']),
      // A user with the policy does not count: CIS asks for a role.
      resource(
        'AWS::IAM::User',
        'someone',
        { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSSupportAccess'] },
        { account: '222222222222' },
      ),
      resource(ROOT, 'ErrorNoRolesInSnapshot', {}, { account: '333333333333', region: 'global' }),
      resource(ROOT, 'ErrorUnresolvedAttachments', {}, { account: '444444444444', region: 'global' }),
      roleIn('444444444444', 'maybe', {
        $unresolved: true,
        expression: { 'Fn::ImportValue': 'x' },
        reason: 'exported by another stack',
      }),
    ]);
  });
  it('does not fail an account whose role listing failed part way', () => {
    const findings = expectResources(
      rule,
      [
        resource(ROOT, 'ErrorRolesNotAllRead', {}, { account: '222222222222', region: 'global' }),
        roleIn('222222222222', 'app', ['arn:aws:iam::aws:policy/ReadOnlyAccess']),
      ],
      { coverage: [deniedListing(ROLE, '222222222222', 'global')] },
    );
    expect(findings[0]?.reason).toContain('its roles were not all read (AWS::IAM::Role not collected');
  });
});
