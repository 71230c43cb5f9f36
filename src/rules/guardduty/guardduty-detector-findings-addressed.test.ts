import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './guardduty-detector-findings-addressed.js';

const DETECTOR = 'AWS::GuardDuty::Detector';
const sshBruteForce = {
  Type: 'UnauthorizedAccess:EC2/SSHBruteForce',
  Severity: 5,
  ResourceType: 'Instance',
  ResourceId: 'i-0123456789abcdef0',
  Count: 1842,
  UpdatedAt: '2026-05-31T20:00:00Z',
};
const rootUsage = { Type: 'Policy:IAMUser/RootCredentialUsage', Severity: 2, ResourceType: 'AccessKey' };

describe('guardduty-detector-findings-addressed', () => {
  it('fails open findings at or above the threshold, in the flat and the GetFindings shape', () => {
    const findings = expectResources(rule, [
      resource(
        DETECTOR,
        'FailBruteForce',
        { Enable: true },
        { observed: { Findings: [sshBruteForce, rootUsage] } },
      ),
      resource(DETECTOR, 'PassOnlyLow', { Enable: true }, { observed: { Findings: [rootUsage] } }),
      resource(
        DETECTOR,
        'PassArchived',
        { Enable: true },
        {
          observed: {
            Findings: [
              {
                Type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS',
                Severity: 8,
                Service: { Archived: true, Count: 3 },
              },
            ],
          },
        },
      ),
      resource(
        DETECTOR,
        'FailNestedShape',
        { Enable: true },
        {
          observed: {
            Findings: [
              {
                Type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS',
                Severity: 8,
                Resource: { ResourceType: 'Instance' },
                Service: { Archived: false, Count: 3 },
              },
            ],
          },
        },
      ),
      resource(
        DETECTOR,
        'ErrorMalformedFinding',
        { Enable: true },
        { observed: { Findings: [{ Type: 'X' }] } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailBruteForce')?.reason).toContain(
      'UnauthorizedAccess:EC2/SSHBruteForce (Medium 5, Instance i-0123456789abcdef0, 1842 events, updated 2026-05-31)',
    );
    expect(findings.find((f) => f.resource.id === 'FailNestedShape')?.reason).toContain('High 8');
  });

  it('takes the threshold from its parameters', () => {
    expectResources(
      rule,
      [resource(DETECTOR, 'PassMediumBelowHighThreshold', {}, { observed: { Findings: [sshBruteForce] } })],
      {
        params: { minSeverity: 7 },
      },
    );
  });

  it('reads the live counts by severity: open findings at or above the threshold fail', () => {
    const counts = (bySeverity: Record<string, number>, bands: Record<string, number>) => ({
      FindingCounts: {
        ...bands,
        Total: Object.values(bySeverity).reduce((a, b) => a + b, 0),
        BySeverity: bySeverity,
      },
    });
    const findings = expectResources(rule, [
      resource(
        DETECTOR,
        'FailCriticalAndHigh',
        { Enable: true },
        {
          observed: {
            Status: 'ENABLED',
            ...counts(
              { '2.0': 5, '5.0': 3, '8.0': 2, '9.0': 1 },
              { Critical: 1, High: 2, Medium: 3, Low: 5 },
            ),
          },
        },
      ),
      resource(
        DETECTOR,
        'PassOnlyLowCounted',
        { Enable: true },
        {
          observed: {
            Status: 'ENABLED',
            ...counts({ '2.0': 4 }, { Critical: 0, High: 0, Medium: 0, Low: 4 }),
          },
        },
      ),
      resource(
        DETECTOR,
        'PassNoOpenFindings',
        { Enable: true },
        { observed: { Status: 'ENABLED', ...counts({}, { Critical: 0, High: 0, Medium: 0, Low: 0 }) } },
      ),
      // Statistics not read: the live detector's findings are unknown, not absent.
      resource(DETECTOR, 'ErrorStatisticsNotRead', { Enable: true }, { observed: { Status: 'ENABLED' } }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailCriticalAndHigh')?.reason).toContain(
      'has 6 open findings at or above Medium (4): 1 Critical, 2 High, 3 Medium',
    );
  });

  it('splits band totals only at band boundaries', () => {
    const bandsOnly = { FindingCounts: { Critical: 0, High: 0, Medium: 2, Low: 0, Total: 2 } };
    expectResources(rule, [
      resource(DETECTOR, 'FailMediumAtTheMediumThreshold', {}, { observed: bandsOnly }),
    ]);
    expectResources(
      rule,
      [resource(DETECTOR, 'ErrorMediumAroundTheThreshold', {}, { observed: bandsOnly })],
      {
        params: { minSeverity: 5 },
      },
    );
  });

  it('is not applicable to a template detector', async () => {
    const findings = expectResources(rule, [
      resource(DETECTOR, 'NotApplicableNoFindingsData', { Enable: true }),
    ]);
    expect(findings[0]?.reason).toContain('live account');
  });
});
