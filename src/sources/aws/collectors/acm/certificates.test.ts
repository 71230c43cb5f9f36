/**
 * The ACM collector driven through the real SDK against the local endpoint with recorded responses,
 * and every rule on ACM certificates run on what it collected: the key types asked for, the details
 * each certificate gives, and a certificate whose details could not be read, which no rule judges.
 */
import { KeyAlgorithm } from '@aws-sdk/client-acm';
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Snapshot } from '../../../../model/index.js';
import { allRules } from '../../../../rules/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { ACM_KEY_TYPES, certificates } from './certificates.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [certificates],
  now: NOW,
});

/** An older listing whose summaries give only the ARN and domain name. */
const collectBare = useRecordedCollection({
  recorded: new URL('./recorded-bare', import.meta.url),
  collectors: [certificates],
  now: NOW,
});

const CERT = 'AWS::CertificateManager::Certificate';
const ARN = 'arn:aws:acm:us-east-1:111122223333:certificate/6f1d2a3b-';
/** Amazon-issued RSA_2048, valid until mid-2027, DNS-validated, behind a load balancer. */
const WEB = `${ARN}1111-4c5d-8e9f-0a1b2c3d4e01`;
/** Imported RSA_1024, expiring on 2026-12-01: nine days after the run. */
const LEGACY = `${ARN}2222-4c5d-8e9f-0a1b2c3d4e02`;
/** Amazon-issued EC_prime256v1. */
const API = `${ARN}3333-4c5d-8e9f-0a1b2c3d4e03`;
/** Amazon-issued, EXPIRED on 2026-10-01 (e-mail validation never answered). */
const OLD = `${ARN}4444-4c5d-8e9f-0a1b2c3d4e04`;
/** Requested yesterday, still PENDING_VALIDATION: no validity dates yet. */
const PENDING = `${ARN}5555-4c5d-8e9f-0a1b2c3d4e05`;

/** Every rule that judges ACM certificates, so a new one is run here too. */
const RULES = allRules.filter((r) => r.resourceTypes.includes(CERT)).map((r) => r.id);

function run(snapshot: Snapshot) {
  return statusesByRule(snapshot, RULES, NOW);
}

const certificate = (snapshot: Snapshot, arn: string) =>
  snapshot.resources.find((r) => r.type === CERT && r.id === arn)!;

describe('acm/certificates', () => {
  it('asks for every key type ACM has', () => {
    // ListCertificates filters on these names; the SDK's enum is the list of what the API accepts.
    expect([...ACM_KEY_TYPES].sort()).toEqual(Object.values(KeyAlgorithm).sort());
  });

  it('lists certificates of every key type, page by page, with the filter on every page', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const lists = endpoint.log.filter((r) => r.operation === 'ListCertificates');
    // One certificate per page: five pages, the first without a token and each later one with it.
    expect(lists).toHaveLength(5);
    expect(lists[0]!.params.NextToken).toBeUndefined();
    expect(lists.slice(1).every((r) => typeof r.params.NextToken === 'string')).toBe(true);
    for (const request of lists) {
      expect(request.params).toMatchObject({ MaxItems: 1000 });
      expect(request.params.Includes).toEqual({
        keyTypes: [
          'RSA_1024',
          'RSA_2048',
          'RSA_3072',
          'RSA_4096',
          'EC_prime256v1',
          'EC_secp384r1',
          'EC_secp521r1',
        ],
      });
    }
    expect(endpoint.log.filter((r) => r.operation === 'DescribeCertificate')).toHaveLength(5);
    expect(snapshot.resources.map((r) => r.id).sort()).toEqual([WEB, LEGACY, API, OLD, PENDING].sort());
  });

  it('maps the details to CloudFormation’s properties and the run-time facts to observed', async () => {
    const { snapshot } = await collect();
    const web = certificate(snapshot, WEB);
    expect(web).toMatchObject({ arn: WEB, name: 'www.example.com', region: 'us-east-1' });
    // The API's `RSA-2048` in CloudFormation's spelling; the domain name is not repeated among the SANs.
    expect(web.props).toEqual({
      DomainName: 'www.example.com',
      SubjectAlternativeNames: ['example.com'],
      KeyAlgorithm: 'RSA_2048',
      ValidationMethod: 'DNS',
      CertificateTransparencyLoggingPreference: 'ENABLED',
    });
    expect(web.observed).toMatchObject({
      Status: 'ISSUED',
      Type: 'AMAZON_ISSUED',
      NotBefore: '2026-06-01T00:00:00.000Z',
      NotAfter: '2027-06-30T23:59:59.000Z',
      InUseBy: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188'],
      RenewalEligibility: 'ELIGIBLE',
      RenewalSummary: { RenewalStatus: 'SUCCESS' },
    });

    const legacy = certificate(snapshot, LEGACY);
    expect(legacy.props).toEqual({
      DomainName: 'legacy.example.com',
      KeyAlgorithm: 'RSA_1024',
      CertificateTransparencyLoggingPreference: 'DISABLED',
    });
    expect(legacy.observed).toMatchObject({ Type: 'IMPORTED', RenewalEligibility: 'INELIGIBLE' });
    expect(certificate(snapshot, API).props.KeyAlgorithm).toBe('EC_prime256v1');
    expect(certificate(snapshot, OLD).props.ValidationMethod).toBe('EMAIL');
    expect(certificate(snapshot, PENDING).observed).not.toHaveProperty('NotAfter');
  });

  it('judges weak, imported, elliptic-curve, expired and pending certificates as collected', async () => {
    const { snapshot } = await collect();
    const { statuses, findings } = run(snapshot);
    expect(statuses).toEqual({
      'acm-certificate-not-expiring': {
        [WEB]: 'pass',
        [LEGACY]: 'fail',
        [API]: 'pass',
        [OLD]: 'fail',
        [PENDING]: 'not_applicable',
      },
      'acm-certificate-rsa-key-length-sufficient': {
        [WEB]: 'pass',
        [LEGACY]: 'fail',
        [API]: 'not_applicable',
        [OLD]: 'pass',
        [PENDING]: 'pass',
      },
    });
    const reason = (rule: string, id: string) =>
      findings.find((f) => f.ruleId === rule && f.resource.id === id)?.reason ?? '';
    // Imported: ACM will not renew it, and the reason says so.
    expect(reason('acm-certificate-not-expiring', LEGACY)).toContain(
      'expires on 2026-12-01, in 9 days (imported: ACM does not renew it)',
    );
    expect(reason('acm-certificate-not-expiring', OLD)).toContain('expired on 2026-10-01');
    expect(reason('acm-certificate-rsa-key-length-sufficient', LEGACY)).toContain('1024-bit RSA key');
  });

  it('judges a certificate whose details were denied on its listing summary, and leaves the rest unresolved', async () => {
    const { snapshot } = await collect({ deny: [`acm:DescribeCertificate/${LEGACY}`] });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({ kind: 'access-denied', resourceType: CERT, resourceId: LEGACY }),
    );
    const legacy = certificate(snapshot, LEGACY);
    // The listing's summary gives the key algorithm, status, type and dates.
    expect(legacy.props.DomainName).toBe('legacy.example.com');
    expect(legacy.props.KeyAlgorithm).toBe('RSA_1024');
    expect(legacy.observed).toMatchObject({
      Status: 'ISSUED',
      Type: 'IMPORTED',
      RenewalEligibility: 'INELIGIBLE',
    });
    // What only DescribeCertificate gives is not taken as known.
    for (const key of [
      'SubjectAlternativeNames',
      'ValidationMethod',
      'CertificateTransparencyLoggingPreference',
    ])
      expect(isUnresolved(legacy.props[key]), key).toBe(true);
    expect(isUnresolved(legacy.observed?.InUseBy)).toBe(true);

    const { statuses, findings } = run(snapshot);
    const reason = (rule: string) =>
      findings.find((f) => f.ruleId === rule && f.resource.id === LEGACY)?.reason ?? '';
    expect(statuses['acm-certificate-not-expiring']?.[LEGACY]).toBe('fail');
    expect(reason('acm-certificate-not-expiring')).toContain('in 9 days (imported: ACM does not renew it)');
    expect(statuses['acm-certificate-rsa-key-length-sufficient']?.[LEGACY]).toBe('fail');
    // The other certificates are read and judged as before.
    expect(statuses['acm-certificate-not-expiring']?.[WEB]).toBe('pass');
    expect(statuses['acm-certificate-rsa-key-length-sufficient']?.[API]).toBe('not_applicable');
  });

  it('gives errors for a denied certificate whose summary lacks the facts', async () => {
    const { snapshot } = await collectBare({ deny: [`acm:DescribeCertificate/${LEGACY}`] });
    const { statuses, findings } = run(snapshot);
    expect(statuses['acm-certificate-not-expiring']?.[LEGACY]).toBe('error');
    expect(statuses['acm-certificate-rsa-key-length-sufficient']?.[LEGACY]).toBe('error');
    for (const f of findings.filter((x) => x.resource.id === LEGACY))
      expect(f.reason).toContain('could not be read');
  });

  it('records a denied listing as a gap for the type, with no certificates', async () => {
    const { snapshot } = await collect({ deny: ['acm:ListCertificates'] });
    expect(snapshot.resources).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: CERT }),
    ]);
  });
});
