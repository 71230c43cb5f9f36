import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass, prop } from '../rule.js';

/** `RSA_2048` (API enum) or `RSA-2048` (CLI and console); `EC_prime256v1` / `EC-prime256v1`. */
const RSA = /^RSA[_-](\d+)$/i;

/**
 * Compliant: an RSA certificate uses a key of at least `minBits` bits (`KeyAlgorithm`, from the
 * template or `DescribeCertificate`; ACM's default for requested certificates is RSA_2048).
 * Elliptic-curve certificates are not applicable.
 */
export default defineRule({
  id: 'acm-certificate-rsa-key-length-sufficient',
  title: 'ACM RSA certificate uses a key of at least 2048 bits',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::CertificateManager::Certificate'],
  rationale:
    'RSA keys shorter than 2048 bits are within reach of well-resourced attackers and are rejected by current browsers and compliance regimes; traffic protected by them can be decrypted or impersonated. ACM issues 2048-bit keys or stronger, so a short key means an old imported certificate.',
  remediation: {
    text: 'Request a new certificate (RSA 2048 or stronger, or ECDSA P-256), switch the load balancer or distribution to it, and delete the weak one.',
    cli: 'aws acm request-certificate --domain-name <domain> --validation-method DNS --key-algorithm RSA_2048',
    cloudformation: 'KeyAlgorithm: RSA_2048',
    terraform: 'key_algorithm = "RSA_2048"',
  },
  controls: ['aws-fsbp:ACM.2', 'pci-dss-v4.0:4.2.1'],
  params: z.object({
    minBits: z.number().int().min(1024).default(2048).describe('Smallest acceptable RSA key size, in bits.'),
  }),
  references: [
    'https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#algorithms',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-2',
  ],
  evaluate(cert, ctx) {
    const who = `Certificate ${label(cert)}`;
    const fromProps = prop(cert.props, 'KeyAlgorithm');
    if (!fromProps.known) return error(`${who}: ${fromProps.reason}.`);
    const value = fromProps.value ?? cert.observed?.KeyAlgorithm;
    if (value === undefined) {
      if (cert.observed && cert.origin.source !== 'cloudformation' && cert.origin.source !== 'terraform') {
        return error(`${who}: the snapshot does not give its key algorithm.`);
      }
      return pass(() => `${who} uses ACM's default key algorithm, RSA_2048.`);
    }
    if (typeof value !== 'string') return error(`${who}: KeyAlgorithm is not a string.`);
    const rsa = RSA.exec(value);
    if (!rsa) return notApplicable(() => `${who} uses ${value}, not RSA.`);
    const bits = Number(rsa[1]);
    return bits < ctx.params.minBits
      ? fail(`${who} uses a ${bits}-bit RSA key, shorter than ${ctx.params.minBits} bits.`)
      : pass(() => `${who} uses a ${bits}-bit RSA key.`);
  },
});
