import { DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { detailOf, str } from '../helpers.js';

const CERTIFICATE = 'AWS::CertificateManager::Certificate';

/**
 * Every key type ACM knows. Without `Includes.keyTypes`, ListCertificates returns only RSA_1024 and
 * RSA_2048 certificates (older documentation says RSA_2048 alone), so weak RSA_1024 keys are easy to
 * miss and RSA_3072/4096 and elliptic-curve certificates are never listed.
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_ListCertificates.html
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_Filters.html
 */
export const ACM_KEY_TYPES = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const;

/**
 * DescribeCertificate writes the algorithm with a hyphen (`RSA-2048`, `EC-prime256v1`) although the
 * API's enum and CloudFormation write `RSA_2048`; props take CloudFormation's spelling, as the template
 * and Terraform sources give it.
 */
function keyAlgorithm(value: unknown): string | undefined {
  const text = str(value);
  return text?.replace(/^(RSA|EC)-/i, '$1_');
}

/**
 * How the certificate's ownership was validated, for ACM-issued certificates: the method of the entry
 * for its own domain name (CloudFormation has one `ValidationMethod` for the whole request).
 */
function validationMethod(cert: Json): string | undefined {
  const options = objectsOf(cert.DomainValidationOptions);
  const own = options.find((o) => o.DomainName === cert.DomainName) ?? options[0];
  return str(own?.ValidationMethod);
}

/**
 * DescribeCertificate's `SubjectAlternativeNames` include the domain name itself; CloudFormation's
 * (and Terraform's) are the additional names only.
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html
 */
function additionalNames(cert: Json): string[] | undefined {
  if (!Array.isArray(cert.SubjectAlternativeNames)) return undefined;
  const names = cert.SubjectAlternativeNames.filter(
    (n): n is string => typeof n === 'string' && n !== cert.DomainName,
  );
  return names.length > 0 ? names : undefined;
}

/**
 * A certificate whose DescribeCertificate failed (the runner records the gap). The listing's summary
 * still gives its key algorithm, status, type, validity dates and renewal eligibility, so the rules
 * that need only those still judge it; what only the description gives (the full list of names, the
 * validation method, the transparency logging preference, the resources using it) is unresolved.
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateSummary.html
 */
function unreadable(arn: string, summary: Json): ResourceDraft {
  const unknown = unresolved(
    `acm describe-certificate --certificate-arn ${arn}`,
    'the details of this certificate could not be read',
  );
  const known = (value: unknown) => (value === undefined || value === null ? unknown : value);
  return {
    type: CERTIFICATE,
    id: arn,
    arn,
    name: str(summary.DomainName),
    props: {
      DomainName: str(summary.DomainName),
      SubjectAlternativeNames: unknown,
      KeyAlgorithm: known(keyAlgorithm(summary.KeyAlgorithm)),
      ValidationMethod: unknown,
      CertificateTransparencyLoggingPreference: unknown,
    },
    observed: {
      Status: known(str(summary.Status)),
      Type: known(str(summary.Type)),
      NotBefore: known(summary.NotBefore),
      NotAfter: known(summary.NotAfter),
      InUseBy: unknown,
      RenewalEligibility: known(str(summary.RenewalEligibility)),
    },
  };
}

/**
 * `acm list-certificates` (every key type) + per certificate `describe-certificate` →
 * `AWS::CertificateManager::Certificate` (id = ARN, as `Ref` gives it) with CloudFormation's
 * `DomainName`, `SubjectAlternativeNames`, `KeyAlgorithm`, `ValidationMethod`,
 * `CertificateTransparencyLoggingPreference` and `CertificateAuthorityArn`; the run-time facts
 * (`Status`, `Type` AMAZON_ISSUED / IMPORTED / PRIVATE, `NotBefore`, `NotAfter`, `InUseBy`,
 * `RenewalEligibility`, `RenewalSummary`) in `observed`. When describe-certificate fails, the
 * listing's summary gives what it holds and the rest is unresolved, so no rule judges the
 * certificate on facts that were not read.
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html
 */
export const certificates: Collector = {
  id: 'acm/certificates',
  service: 'acm',
  resourceTypes: [CERTIFICATE],
  list: [
    {
      command: ListCertificatesCommand,
      action: 'acm:ListCertificates',
      input: () => ({ Includes: { keyTypes: [...ACM_KEY_TYPES] } }),
      items: ['CertificateSummaryList'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxItems', 1000] },
    },
  ],
  details: [
    {
      name: 'certificate',
      command: DescribeCertificateCommand,
      action: 'acm:DescribeCertificate',
      input: (c) => (typeof c.CertificateArn === 'string' ? { CertificateArn: c.CertificateArn } : undefined),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.CertificateSummaryList ?? []).flatMap((summary): ResourceDraft[] => {
        const arn = str(summary.CertificateArn);
        if (!arn) return [];
        const cert = detailOf(summary, 'certificate')?.Certificate;
        if (!isJson(cert)) return [unreadable(arn, summary)];
        const options = isJson(cert.Options) ? cert.Options : {};
        const renewal = isJson(cert.RenewalSummary) ? cert.RenewalSummary : undefined;
        return [
          {
            type: CERTIFICATE,
            id: arn,
            arn,
            name: str(cert.DomainName),
            props: {
              DomainName: str(cert.DomainName),
              SubjectAlternativeNames: additionalNames(cert),
              KeyAlgorithm: keyAlgorithm(cert.KeyAlgorithm),
              ValidationMethod: validationMethod(cert),
              CertificateTransparencyLoggingPreference: str(options.CertificateTransparencyLoggingPreference),
              CertificateAuthorityArn: str(cert.CertificateAuthorityArn),
            },
            observed: {
              Status: str(cert.Status),
              Type: str(cert.Type),
              NotBefore: cert.NotBefore,
              NotAfter: cert.NotAfter,
              InUseBy: Array.isArray(cert.InUseBy) ? cert.InUseBy : [],
              RenewalEligibility: str(cert.RenewalEligibility),
              RenewalSummary: renewal && {
                RenewalStatus: renewal.RenewalStatus,
                RenewalStatusReason: renewal.RenewalStatusReason,
                UpdatedAt: renewal.UpdatedAt,
              },
            },
          },
        ];
      }),
  },
};
