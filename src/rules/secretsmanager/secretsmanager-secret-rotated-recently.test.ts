import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './secretsmanager-secret-rotated-recently.js';

const SECRET = 'AWS::SecretsManager::Secret';

describe('secretsmanager-secret-rotated-recently', () => {
  it('compares the last rotation (or creation) with the run time (2026-06-01)', () => {
    expectResources(rule, [
      resource(
        SECRET,
        'PassRotatedLastWeek',
        {},
        { observed: { RotationEnabled: true, LastRotatedDate: '2026-05-25T00:00:00Z' } },
      ),
      resource(
        SECRET,
        'FailRotationStalled',
        {},
        { observed: { RotationEnabled: true, LastRotatedDate: '2025-12-01T00:00:00Z' } },
      ),
      resource(
        SECRET,
        'FailNeverRotated',
        {},
        { observed: { RotationEnabled: false, CreatedDate: '2024-02-01T00:00:00Z' } },
      ),
      resource(
        SECRET,
        'PassNewSecret',
        {},
        { observed: { RotationEnabled: false, CreatedDate: '2026-05-01T00:00:00Z' } },
      ),
      resource(SECRET, 'ErrorNoDates', {}, { observed: { RotationEnabled: false } }),
      resource(SECRET, 'NotApplicableTemplate', { Name: 'x' }),
    ]);
  });

  it('takes the window from its parameter', () => {
    expectResources(
      rule,
      [
        resource(
          SECRET,
          'FailOlderThanThirtyDays',
          {},
          { observed: { LastRotatedDate: '2026-04-01T00:00:00Z' } },
        ),
      ],
      { params: { maxDaysSinceRotation: 30 } },
    );
  });
});
