import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-role-recently-used.js';

const ROLE = 'AWS::IAM::Role';

describe('iam-role-recently-used', () => {
  it('compares RoleLastUsed with the run time (2026-06-01)', () => {
    expectResources(rule, [
      resource(
        ROLE,
        'PassUsedYesterday',
        {},
        {
          observed: {
            CreateDate: '2024-01-01T00:00:00Z',
            RoleLastUsed: { LastUsedDate: '2026-05-31T00:00:00Z', Region: 'us-east-1' },
          },
        },
      ),
      resource(
        ROLE,
        'FailUsedLastYear',
        {},
        {
          observed: {
            CreateDate: '2024-01-01T00:00:00Z',
            RoleLastUsed: { LastUsedDate: '2025-09-01T00:00:00Z' },
          },
        },
      ),
      resource(
        ROLE,
        'FailNeverUsedOld',
        {},
        { observed: { CreateDate: '2025-01-01T00:00:00Z', RoleLastUsed: {} } },
      ),
      resource(
        ROLE,
        'PassNeverUsedNew',
        {},
        { observed: { CreateDate: '2026-05-20T00:00:00Z', RoleLastUsed: {} } },
      ),
      resource(
        ROLE,
        'NotApplicableServiceLinked',
        { Path: '/aws-service-role/backup.amazonaws.com/' },
        {
          observed: { CreateDate: '2020-01-01T00:00:00Z', RoleLastUsed: {} },
        },
      ),
      resource(ROLE, 'NotApplicableTemplate', { RoleName: 'x' }),
      resource(ROLE, 'ErrorGarbledDate', {}, { observed: { RoleLastUsed: { LastUsedDate: 'soon' } } }),
    ]);
  });
});
