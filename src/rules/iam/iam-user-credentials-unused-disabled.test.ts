import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-user-credentials-unused-disabled.js';

const USER = 'AWS::IAM::User';
// The harness clock is 2026-06-01.
const key = (id: string, created: string, lastUsed?: string, status = 'Active') => ({
  AccessKeyId: id,
  Status: status,
  CreateDate: created,
  ...(lastUsed ? { LastUsedDate: lastUsed } : {}),
});

describe('iam-user-credentials-unused-disabled', () => {
  it('fails idle passwords and keys, counting never-used ones from creation', () => {
    const findings = expectResources(rule, [
      resource(
        USER,
        'PassActiveUser',
        {},
        {
          observed: {
            PasswordEnabled: true,
            PasswordLastUsed: '2026-05-30T08:00:00Z',
            CreateDate: '2024-01-01T00:00:00Z',
            AccessKeys: [key('AKIAPASS', '2026-01-01T00:00:00Z', '2026-05-31T00:00:00Z')],
          },
        },
      ),
      resource(
        USER,
        'FailKeyIdle63Days',
        {},
        {
          observed: {
            PasswordEnabled: false,
            AccessKeys: [key('AKIAIDLE', '2026-03-01T00:00:00Z', '2026-03-30T00:00:00Z')],
          },
        },
      ),
      resource(
        USER,
        'FailPasswordNeverUsed',
        {},
        {
          observed: { PasswordEnabled: true, PasswordLastUsed: 'N/A', CreateDate: '2026-01-01T00:00:00Z' },
        },
      ),
      resource(
        USER,
        'PassNewKeyNeverUsed',
        {},
        {
          observed: { PasswordEnabled: false, AccessKeys: [key('AKIANEW', '2026-05-20T00:00:00Z')] },
        },
      ),
      resource(
        USER,
        'NotApplicableIdleKeyAlreadyInactive',
        {},
        {
          observed: {
            PasswordEnabled: false,
            AccessKeys: [key('AKIAOLD', '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z', 'Inactive')],
          },
        },
      ),
      resource(
        USER,
        'NotApplicableNoCredentials',
        {},
        { observed: { PasswordEnabled: false, AccessKeys: [] } },
      ),
      resource(USER, 'NotApplicableTemplateUser', { UserName: 'x' }),
      resource(USER, 'ErrorNoCreateDate', {}, { observed: { PasswordEnabled: true, AccessKeys: [] } }),
      // No credential report: whether the user has a password is not known.
      resource(
        USER,
        'ErrorPasswordNotReported',
        {},
        {
          observed: {
            CreateDate: '2020-01-01T00:00:00Z',
            AccessKeys: [key('AKIA1', '2026-01-01T00:00:00Z', '2026-05-30T00:00:00Z')],
          },
        },
      ),
      // The credential report without ListAccessKeys: the keys are not known.
      resource(
        USER,
        'ErrorKeysNotListed',
        {},
        { observed: { PasswordEnabled: false, CreateDate: '2020-01-01T00:00:00Z' } },
      ),
      // A known idle credential fails whatever the unknown one is.
      resource(
        USER,
        'FailIdleKeyPasswordNotReported',
        {},
        { observed: { AccessKeys: [key('AKIAIDLE2', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')] } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailKeyIdle63Days')?.reason).toContain(
      'access key AKIAIDLE last used 2026-03-30 (63 days ago)',
    );
    expect(findings.find((f) => f.resource.id === 'ErrorPasswordNotReported')?.reason).toContain(
      'does not say whether it has a console password',
    );
  });
});
