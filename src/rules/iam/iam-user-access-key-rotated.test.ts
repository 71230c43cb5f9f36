import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-user-access-key-rotated.js';

const USER = 'AWS::IAM::User';

describe('iam-user-access-key-rotated', () => {
  it('fails active keys older than 90 days at the run time (2026-06-01)', () => {
    const findings = expectResources(rule, [
      resource(
        USER,
        'FailOldKey',
        {},
        {
          observed: {
            AccessKeys: [
              {
                AccessKeyId: 'AKIAOLD',
                Status: 'Active',
                CreateDate: '2025-04-15T00:00:00Z',
                LastUsedDate: '2026-05-31T00:00:00Z',
              },
            ],
          },
        },
      ),
      resource(
        USER,
        'PassRecentKey',
        {},
        {
          observed: {
            AccessKeys: [{ AccessKeyId: 'AKIANEW', Status: 'Active', CreateDate: '2026-05-01T00:00:00Z' }],
          },
        },
      ),
      resource(
        USER,
        'PassOldKeyInactive',
        {},
        {
          observed: {
            AccessKeys: [
              { AccessKeyId: 'AKIAOLD', Status: 'Inactive', CreateDate: '2024-01-01T00:00:00Z' },
              { AccessKeyId: 'AKIANEW', Status: 'Active', CreateDate: '2026-05-01T00:00:00Z' },
            ],
          },
        },
      ),
      resource(USER, 'NotApplicableNoKeys', {}, { observed: { AccessKeys: [] } }),
      resource(USER, 'NotApplicableTemplate', { UserName: 'x' }),
      resource(
        USER,
        'ErrorNoCreateDate',
        {},
        { observed: { AccessKeys: [{ AccessKeyId: 'AKIAX', Status: 'Active' }] } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOldKey')?.reason).toContain(
      '412 days old, last used 2026-05-31',
    );
  });
});
