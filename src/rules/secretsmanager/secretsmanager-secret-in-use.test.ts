import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './secretsmanager-secret-in-use.js';

const SECRET = 'AWS::SecretsManager::Secret';

describe('secretsmanager-secret-in-use', () => {
  it('compares the last access (or creation) with the run time (2026-06-01)', () => {
    expectResources(rule, [
      resource(SECRET, 'PassReadToday', {}, { observed: { LastAccessedDate: '2026-06-01T00:00:00Z' } }),
      resource(
        SECRET,
        'FailUnreadSinceLastYear',
        {},
        { observed: { LastAccessedDate: '2025-10-01T00:00:00Z' } },
      ),
      resource(SECRET, 'FailNeverRead', {}, { observed: { CreatedDate: '2025-01-01T00:00:00Z' } }),
      resource(SECRET, 'PassNewUnread', {}, { observed: { CreatedDate: '2026-05-30T00:00:00Z' } }),
      resource(SECRET, 'NotApplicableNoDates', {}, { observed: { RotationEnabled: true } }),
      resource(SECRET, 'ErrorGarbled', {}, { observed: { LastAccessedDate: 'recently' } }),
    ]);
  });
});
