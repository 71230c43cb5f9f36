import { X509Certificate } from 'node:crypto';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass, prop } from '../rule.js';
import { day, daysUntil, parseDate } from './time.js';

/**
 * The certificate's expiry: `observed.Expiration` (`ServerCertificateMetadata.Expiration`), or the
 * `notAfter` of the PEM certificate in `CertificateBody` (a template or plan that holds it).
 */
function expiry(cert: Resource): { date: Date } | { reason: string } {
  const observed = cert.observed?.Expiration;
  if (observed !== undefined) {
    const date = parseDate(observed);
    return date ? { date } : { reason: `Expiration is not a date (${JSON.stringify(observed)})` };
  }
  const body = prop(cert.props, 'CertificateBody');
  if (!body.known) return { reason: body.reason };
  if (typeof body.value !== 'string')
    return { reason: 'neither the expiration nor the certificate body is in the snapshot' };
  try {
    // Parsing is local and pure: no network, no clock.
    const date = new Date(new X509Certificate(body.value).validTo);
    return Number.isNaN(date.getTime()) ? { reason: 'the certificate has no readable notAfter' } : { date };
  } catch {
    return { reason: 'CertificateBody is not a PEM certificate' };
  }
}

/** Compliant: the server certificate stored in IAM has not expired. */
export default defineRule({
  id: 'iam-server-certificate-not-expired',
  title: 'IAM server certificate has not expired',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::ServerCertificate'],
  rationale:
    'An expired certificate left in IAM can still be selected for a load balancer or CloudFront distribution by mistake, and browsers then refuse the site. Removing expired certificates keeps only usable ones to choose from; ACM, which renews certificates itself, is the better home for new ones.',
  remediation: {
    text: 'Make sure nothing uses the certificate any more, then delete it from IAM; issue or import its replacement in ACM.',
    cli: 'aws iam list-server-certificates\naws iam delete-server-certificate --server-certificate-name <name>',
  },
  controls: ['cis-aws-v5.0:1.18', 'aws-fsbp:IAM.26'],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ServerCertificateMetadata.html',
  ],
  evaluate(cert, ctx) {
    const who = `IAM server certificate ${label(cert)}`;
    const found = expiry(cert);
    if ('reason' in found) return error(`${who}: ${found.reason}.`);
    const days = daysUntil(found.date, ctx.now);
    if (found.date.getTime() <= ctx.now.getTime()) {
      return fail(`${who} expired on ${day(found.date)} (${-days} days ago) and is still stored.`);
    }
    return pass(() => `${who} is valid until ${day(found.date)}.`);
  },
});
