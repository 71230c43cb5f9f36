import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-server-certificate-not-expired.js';

describe('iam-server-certificate-not-expired', () => {
  it('reads notAfter from the certificate body of a template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-server-certificate-not-expired.yaml', import.meta.url),
      { now: new Date('2027-01-01T00:00:00Z') },
    );
    expect(findings.find((f) => f.resource.id === 'FailExpired')?.reason).toContain('expired on 2026-11-23');
  });

  it('reads Expiration from the certificate metadata of a live account', () => {
    expectResources(rule, [
      resource(
        'AWS::IAM::ServerCertificate',
        'FailExpiredLastYear',
        {},
        { observed: { Expiration: '2025-06-01T00:00:00Z' } },
      ),
      resource(
        'AWS::IAM::ServerCertificate',
        'PassNextYear',
        {},
        { observed: { Expiration: '2027-06-01T00:00:00Z' } },
      ),
      resource('AWS::IAM::ServerCertificate', 'ErrorNoFacts', { ServerCertificateName: 'x' }),
    ]);
  });
});
