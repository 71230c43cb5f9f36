/**
 * The CloudFront distribution collector driven through the real SDK against the local endpoint with
 * recorded responses (a listing served one distribution per page, each configuration on its own),
 * and the CloudFront rules run on what it collected: the compliant distribution passes all of them,
 * the legacy one fails them, and a configuration that could not be read is an error for the rules
 * that need it, never a pass.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { runRules } from '../../../../engine/index.js';
import { cloudfrontRules } from '../../../../rules/cloudfront/index.js';
import { distributions } from './distributions.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [distributions],
  now: NOW,
});
/** A listing whose one distribution has no configuration left: CloudFront answers NoSuchDistribution. */
const collectDeleted = useRecordedCollection({
  recorded: new URL('./recorded-deleted', import.meta.url),
  collectors: [distributions],
  now: NOW,
});

const WWW = 'E1WWWEXAMPLE01';
const LEGACY = 'E2LEGACYSITE02';
/** The origin-verify header value in the recordings, which must never reach the snapshot. */
const HEADER_SECRET = 'vF9q2xLr7TcW4nZp8sKd3mHb';

const RULE = (name: string) => `cloudfront-distribution-${name}`;
const ALL_RULES = cloudfrontRules.map((r) => r.id).sort();

/** Status of every CloudFront rule on one distribution, by rule id. */
function statuses(snapshot: Snapshot, id: string): Record<string, string> {
  const { findings } = runRules(snapshot, { rules: cloudfrontRules, now: NOW });
  return Object.fromEntries(
    findings.filter((f) => f.resource.id === id).map((f) => [f.ruleId, f.status] as const),
  );
}

function reason(snapshot: Snapshot, id: string, rule: string): string {
  const { findings } = runRules(snapshot, { rules: cloudfrontRules, now: NOW });
  return findings.find((f) => f.resource.id === id && f.ruleId === rule)?.reason ?? '';
}

describe('cloudfront/distributions', () => {
  it('lists page by page, reads each configuration, and stores it in CloudFormation’s shape', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);

    // One distribution per page: the second page is asked for after the first one's id.
    const pages = endpoint.log.filter((r) => r.operation === 'ListDistributions').map((r) => r.params);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.Marker).toBeUndefined();
    expect(pages[1]!.Marker).toBe(WWW);
    // One configuration call per distribution (what each read shows in the props below).
    expect(endpoint.log.filter((r) => r.operation === 'GetDistributionConfig')).toHaveLength(2);

    expect(snapshot.resources.map((r) => r.id).sort()).toEqual([WWW, LEGACY]);
    const www = snapshot.resources.find((r) => r.id === WWW)!;
    expect(www).toMatchObject({
      type: 'AWS::CloudFront::Distribution',
      account: '111122223333',
      region: 'global',
      arn: `arn:aws:cloudfront::111122223333:distribution/${WWW}`,
      name: 'www.example.com',
      observed: { Status: 'Deployed', DomainName: 'd111111abcdef8.cloudfront.net' },
    });
    const config = www.props.DistributionConfig as Record<string, unknown>;
    expect(config).toMatchObject({
      Aliases: ['www.example.com'],
      DefaultRootObject: 'index.html',
      Enabled: true,
      IPV6Enabled: true,
      Logging: {
        Bucket: 'shop-cf-logs-111122223333.s3.amazonaws.com',
        Prefix: 'www/',
        IncludeCookies: false,
      },
      WebACLId: expect.stringContaining(':global/webacl/shop-edge/'),
      ViewerCertificate: {
        CloudFrontDefaultCertificate: false,
        AcmCertificateArn: expect.stringMatching(/^arn:aws:acm:us-east-1:/),
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      },
      DefaultCacheBehavior: {
        TargetOriginId: 'assets',
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['HEAD', 'GET'],
        CachedMethods: ['GET', 'HEAD'],
        FunctionAssociations: [],
      },
      CacheBehaviors: [{ PathPattern: '/api/*', TargetOriginId: 'api-failover' }],
      CustomErrorResponses: [{ ErrorCode: 404, ResponsePagePath: '/404.html', ResponseCode: 404 }],
      Restrictions: { GeoRestriction: { RestrictionType: 'none', Locations: [] } },
    });
    const origins = config.Origins as Array<Record<string, unknown>>;
    expect(origins.map((o) => o.Id)).toEqual(['assets', 'api-use1', 'api-usw2']);
    expect(origins[0]).toMatchObject({
      OriginAccessControlId: 'E3OACSHOPASSET',
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    expect(origins[1]).toMatchObject({
      CustomOriginConfig: {
        OriginProtocolPolicy: 'https-only',
        OriginSSLProtocols: ['TLSv1.2'],
        HTTPSPort: 443,
      },
      OriginCustomHeaders: [{ HeaderName: 'X-Origin-Verify', HeaderValue: '********' }],
    });
    // Origin groups keep CloudFormation's own { Quantity, Items } nesting.
    expect(config.OriginGroups).toMatchObject({
      Quantity: 1,
      Items: [
        {
          Id: 'api-failover',
          Members: { Quantity: 2, Items: [{ OriginId: 'api-use1' }, { OriginId: 'api-usw2' }] },
        },
      ],
    });
    // Logging that is off is absent, as CloudFormation states it; empty strings stay what they are.
    const legacy = snapshot.resources.find((r) => r.id === LEGACY)!.props.DistributionConfig as Record<
      string,
      unknown
    >;
    expect(legacy.Logging).toBeUndefined();
    expect(legacy).toMatchObject({ DefaultRootObject: '', WebACLId: '' });

    // The secret origin header value is kept nowhere: not in the snapshot, not from the summary.
    expect(JSON.stringify(snapshot)).not.toContain(HEADER_SECRET);
  });

  it('judges the compliant distribution a pass and the legacy one a fail on every CloudFront rule', async () => {
    const { snapshot } = await collect();
    const www = statuses(snapshot, WWW);
    expect(Object.keys(www).sort()).toEqual(ALL_RULES);
    expect(Object.entries(www).filter(([, s]) => s !== 'pass')).toEqual([]);

    expect(statuses(snapshot, LEGACY)).toEqual({
      [RULE('access-logging-enabled')]: 'fail',
      // An ACM certificate, but served from dedicated IPs with the TLSv1 policy.
      [RULE('custom-certificate-used')]: 'pass',
      [RULE('sni-enabled')]: 'fail',
      [RULE('viewer-tls-current')]: 'fail',
      [RULE('default-root-object-configured')]: 'fail',
      [RULE('origin-failover-configured')]: 'fail',
      [RULE('origin-https-required')]: 'fail',
      [RULE('origin-tls-current')]: 'fail',
      [RULE('s3-origin-access-control')]: 'fail',
      [RULE('viewer-https-required')]: 'fail',
      [RULE('waf-enabled')]: 'fail',
    });
    expect(reason(snapshot, LEGACY, RULE('viewer-https-required'))).toContain('default, /app/*');
    expect(reason(snapshot, LEGACY, RULE('origin-tls-current'))).toContain('TLSv1, TLSv1.1');
    expect(reason(snapshot, LEGACY, RULE('s3-origin-access-control'))).toContain(
      'neither origin access control nor an origin access identity',
    );
  });

  it('a denied GetDistributionConfig leaves what only the configuration has unknown: error, not pass', async () => {
    const { snapshot } = await collect({ deny: [`cloudfront:GetDistributionConfig/${WWW}`] });
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        account: '111122223333',
        resourceType: 'AWS::CloudFront::Distribution',
        resourceId: WWW,
      }),
    ]);
    const config = snapshot.resources.find((r) => r.id === WWW)!.props.DistributionConfig as Record<
      string,
      unknown
    >;
    expect(isUnresolved(config.DefaultRootObject)).toBe(true);
    expect(isUnresolved(config.Logging)).toBe(true);

    const www = statuses(snapshot, WWW);
    expect(www[RULE('access-logging-enabled')]).toBe('error');
    expect(www[RULE('default-root-object-configured')]).toBe('error');
    expect(reason(snapshot, WWW, RULE('access-logging-enabled'))).toContain('could not be read');
    // The summary still gives origins, behaviors, certificate and web ACL: those rules judge.
    const judged = Object.entries(www).filter(
      ([rule]) => !rule.endsWith('logging-enabled') && !rule.includes('root-object'),
    );
    expect(judged.every(([, s]) => s === 'pass')).toBe(true);
    expect(judged).toHaveLength(ALL_RULES.length - 2);
    // The other distribution's configuration was read as usual.
    expect(statuses(snapshot, LEGACY)[RULE('access-logging-enabled')]).toBe('fail');
    expect(JSON.stringify(snapshot)).not.toContain(HEADER_SECRET);
  });

  it('a denied ListDistributions is a gap and no distribution is reported', async () => {
    const { snapshot } = await collect({ deny: ['cloudfront:ListDistributions'] });
    expect(snapshot.resources.filter((r) => r.type === 'AWS::CloudFront::Distribution')).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: 'AWS::CloudFront::Distribution' }),
    ]);
  });

  it('a distribution deleted between the listing and its configuration call is left out, without a gap', async () => {
    const { snapshot, endpoint } = await collectDeleted();
    expect(endpoint.log.filter((r) => r.operation === 'GetDistributionConfig').map((r) => r.status)).toEqual([
      404,
    ]);
    expect(snapshot.resources).toEqual([]);
    expect(snapshot.coverage).toEqual([]);
  });
});
