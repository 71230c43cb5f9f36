import { describe, expect, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './acm-certificate-not-expiring.js';

const CERT = 'AWS::CertificateManager::Certificate';

describe('acm-certificate-not-expiring', () => {
  it('compares NotAfter with the run time (2026-06-01)', () => {
    const findings = expectResources(rule, [
      resource(
        CERT,
        'PassSevenMonths',
        { DomainName: 'companya.com' },
        { observed: { Status: 'ISSUED', NotAfter: '2026-12-28T00:00:00Z' } },
      ),
      resource(
        CERT,
        'FailImportedInTwoWeeks',
        {},
        {
          observed: { Status: 'ISSUED', Type: 'IMPORTED', NotAfter: '2026-06-15T12:00:00Z' },
        },
      ),
      resource(
        CERT,
        'FailExpired',
        {},
        { observed: { Status: 'EXPIRED', NotAfter: '2026-05-01T00:00:00Z' } },
      ),
      resource(CERT, 'FailExpiredWithoutDate', {}, { observed: { Status: 'EXPIRED' } }),
      resource(CERT, 'NotApplicablePendingValidation', {}, { observed: { Status: 'PENDING_VALIDATION' } }),
      resource(CERT, 'NotApplicableTemplate', { DomainName: 'companya.com' }),
      resource(CERT, 'ErrorGarbled', {}, { observed: { NotAfter: 'next year' } }),
      resource(
        CERT,
        'ErrorNotRead',
        {},
        {
          observed: {
            Status: unresolved('describe-certificate', 'not read'),
            NotAfter: unresolved('describe-certificate', 'not read'),
          },
        },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailImportedInTwoWeeks')?.reason).toContain('imported');
    expect(findings.find((f) => f.resource.id === 'ErrorNotRead')?.reason).toContain(
      'Status is not known: not read',
    );
  });
});
