import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass, prop } from '../rule.js';
import { day, daysUntil, parseDate } from '../iam/time.js';

/**
 * Compliant: the certificate is valid for more than `daysToExpiration` days after the run
 * (`observed.NotAfter` from `DescribeCertificate`). Expired certificates fail; certificates not
 * issued yet and templates (no `NotAfter`) are not applicable.
 */
export default defineRule({
  id: 'acm-certificate-not-expiring',
  title: 'ACM certificate is valid for more than 30 days',
  category: 'reliability',
  severity: 'high',
  resourceTypes: ['AWS::CertificateManager::Certificate'],
  rationale:
    'When a certificate expires, browsers and API clients refuse the connection: the site or API is down for everyone at once. ACM renews DNS-validated certificates on its own about 60 days ahead, so one still close to expiry means renewal is stuck (a removed validation record, an unanswered validation e-mail) or the certificate is imported and must be renewed by hand.',
  remediation: {
    text: 'For an ACM-issued certificate, restore its DNS validation record (or answer the validation e-mail) so managed renewal can complete; for an imported one, re-import a renewed certificate under the same ARN.',
    cli: 'aws acm describe-certificate --certificate-arn <arn> --query "Certificate.{NotAfter:NotAfter,Renewal:RenewalSummary}"\naws acm import-certificate --certificate-arn <arn> --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem',
  },
  controls: ['aws-fsbp:ACM.1', 'pci-dss-v4.0:4.2.1'],
  params: z.object({
    daysToExpiration: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(30)
      .describe('A certificate expiring within this many days fails (Security Hub default 30).'),
  }),
  references: [
    'https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-1',
  ],
  evaluate(cert, ctx) {
    const who = `Certificate ${label(cert)}`;
    const o = cert.observed;
    // A live certificate whose details could not be read has them unresolved: unknown, not absent.
    for (const key of ['Status', 'NotAfter']) {
      const value = prop(o, key);
      if (!value.known) return error(`${who}: ${value.reason}.`);
    }
    const status = typeof o?.Status === 'string' ? o.Status : undefined;
    if (!o || o.NotAfter === undefined) {
      if (status === 'EXPIRED') return fail(`${who} has expired.`);
      return notApplicable(
        status
          ? `${who} is ${status} and has no expiry date yet.`
          : `${who}: the snapshot has no expiry date (a template cannot know it).`,
      );
    }
    const notAfter = parseDate(o.NotAfter);
    if (!notAfter) return error(`${who}: NotAfter is not a date (${JSON.stringify(o.NotAfter)}).`);
    const days = daysUntil(notAfter, ctx.now);
    const kind = o.Type === 'IMPORTED' ? ' (imported: ACM does not renew it)' : '';
    if (notAfter.getTime() <= ctx.now.getTime()) return fail(`${who} expired on ${day(notAfter)}${kind}.`);
    if (days < ctx.params.daysToExpiration) {
      return fail(`${who} expires on ${day(notAfter)}, in ${days} days${kind}.`);
    }
    return pass(() => `${who} is valid until ${day(notAfter)} (${days} days).`);
  },
});
