import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-root-not-used-recently.js';

const ROOT = 'AWS::IAM::RootAccount';

describe('iam-root-not-used-recently', () => {
  it('compares every credential report last-use date with the run time (2026-06-01)', () => {
    const findings = expectResources(rule, [
      resource(ROOT, 'FailConsoleLastWeek', {}, { observed: { PasswordLastUsed: '2026-05-25T10:00:00Z' } }),
      resource(
        ROOT,
        'FailKeyYesterday',
        {},
        {
          observed: {
            PasswordLastUsed: '2025-01-01T00:00:00Z',
            AccessKey1LastUsedDate: '2026-05-31T00:00:00Z',
          },
        },
      ),
      resource(ROOT, 'PassLongAgo', {}, { observed: { PasswordLastUsed: '2026-02-01T00:00:00Z' } }),
      resource(
        ROOT,
        'PassNeverUsed',
        {},
        {
          observed: { PasswordLastUsed: 'N/A', AccessKey1LastUsedDate: 'N/A', AccessKey2LastUsedDate: 'N/A' },
        },
      ),
      resource(ROOT, 'ErrorNoFacts', {}, { observed: { MfaActive: true } }),
      resource(ROOT, 'ErrorGarbled', {}, { observed: { PasswordLastUsed: 'yesterday' } }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailKeyYesterday')?.reason).toContain(
      'access key 1 on 2026-05-31',
    );
  });

  it('takes the window from its parameter', () => {
    expectResources(
      rule,
      [
        resource(
          ROOT,
          'PassOutsideShortWindow',
          {},
          { observed: { PasswordLastUsed: '2026-05-25T10:00:00Z' } },
        ),
      ],
      { params: { days: 3 } },
    );
  });
});
