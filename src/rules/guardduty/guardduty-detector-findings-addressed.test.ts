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

  it('is not applicable to a template detector', async () => {
    const findings = expectResources(rule, [
      resource(DETECTOR, 'NotApplicableNoFindingsData', { Enable: true }),
    ]);
    expect(findings[0]?.reason).toContain('live account');
  });
});
