import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './acm-certificate-rsa-key-length-sufficient.js';

const CERT = 'AWS::CertificateManager::Certificate';

describe('acm-certificate-rsa-key-length-sufficient', () => {
  it('fails RSA keys shorter than 2048 bits', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/acm-certificate-rsa-key-length-sufficient.yaml', import.meta.url),
    );
  });

  it('reads the algorithm of imported certificates as DescribeCertificate gives it', () => {
    expectResources(rule, [
      resource(CERT, 'FailImportedRsa1024', {}, { observed: { Type: 'IMPORTED', KeyAlgorithm: 'RSA-1024' } }),
      resource(CERT, 'PassImportedRsa2048', {}, { observed: { Type: 'IMPORTED', KeyAlgorithm: 'RSA-2048' } }),
      resource(CERT, 'ErrorAlgorithmNotGiven', {}, { observed: { Type: 'IMPORTED' } }),
    ]);
  });
});
