/**
 * The OpenSearch domain collector driven through the real SDK against the local endpoint with
 * recorded responses (DescribeDomains answers only the names asked, and refuses more than five),
 * and every OpenSearch rule run on what it collected. A DescribeDomains call that fails leaves the
 * domains it named unresolved, so the rules give `error` for them, never a pass.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Snapshot } from '../../../../model/index.js';
import { allRules } from '../../../../rules/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { domains } from './domains.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [domains],
  now: NOW,
});

const DOMAIN = 'AWS::OpenSearchService::Domain';
/** Every rule on OpenSearch domains, so a new one is run here too. */
const RULES = allRules.filter((r) => r.resourceTypes.includes(DOMAIN)).map((r) => r.id);

/** What each rule gives the six domains DescribeDomains answers for. */
const JUDGED = {
  'opensearch-domain-audit-logging-enabled': {
    logs: 'pass',
    'search-public': 'fail',
    'legacy-es': 'fail',
    catalog: 'fail',
    'orders-search': 'pass',
    analytics: 'fail',
  },
  'opensearch-domain-encrypted-at-rest': {
    logs: 'pass',
    'search-public': 'fail',
    'legacy-es': 'pass',
    catalog: 'pass',
    'orders-search': 'pass',
    analytics: 'pass',
  },
  'opensearch-domain-fine-grained-access-control-enabled': {
    logs: 'pass',
    'search-public': 'fail',
    'legacy-es': 'fail',
    catalog: 'pass',
    'orders-search': 'pass',
    analytics: 'pass',
  },
  'opensearch-domain-in-vpc': {
    logs: 'pass',
    'search-public': 'fail',
    'legacy-es': 'pass',
    catalog: 'pass',
    'orders-search': 'pass',
    analytics: 'fail',
  },
  'opensearch-domain-node-to-node-encryption-enabled': {
    logs: 'pass',
    'search-public': 'fail',
    'legacy-es': 'fail',
    catalog: 'pass',
    'orders-search': 'pass',
    analytics: 'pass',
  },
  'opensearch-domain-tls-enforced': {
    logs: 'pass',
    'search-public': 'fail',
    'legacy-es': 'fail',
    catalog: 'pass',
    'orders-search': 'pass',
    analytics: 'pass',
  },
};

const domain = (snapshot: Snapshot, name: string) =>
  snapshot.resources.find((r) => r.type === DOMAIN && r.id === name)!;
const names = (snapshot: Snapshot) =>
  snapshot.resources
    .filter((r) => r.type === DOMAIN)
    .map((r) => r.id)
    .sort();

describe('opensearch/domains', () => {
  it('lists the domain names, then describes them five at a time', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    expect(endpoint.log.filter((r) => r.operation === 'ListDomainNames')).toHaveLength(1);
    const batches = endpoint.log
      .filter((r) => r.operation === 'DescribeDomains')
      .map((r) => r.params.DomainNames as string[])
      .sort((a, b) => b.length - a.length);
    expect(batches).toEqual([
      ['logs', 'search-public', 'legacy-es', 'catalog', 'retired'],
      ['orders-search', 'analytics', 'staging-search'],
    ]);
    expect(endpoint.log.filter((r) => r.service === 'es').every((r) => r.status === 200)).toBe(true);
    // `retired` was deleted between the listing and the description, and `staging-search` is being
    // deleted (`Deleted: true`): both left out, without a gap.
    expect(names(snapshot)).toEqual([
      'analytics',
      'catalog',
      'legacy-es',
      'logs',
      'orders-search',
      'search-public',
    ]);
  });

  it('maps DescribeDomains to CloudFormation’s shape, as the describe-JSON source does', async () => {
    const { snapshot } = await collect();
    const logs = domain(snapshot, 'logs');
    expect(logs).toMatchObject({
      arn: 'arn:aws:es:us-east-1:111122223333:domain/logs',
      name: 'logs',
      account: '111122223333',
      region: 'us-east-1',
    });
    expect(logs.props).toMatchObject({
      DomainName: 'logs',
      EngineVersion: 'OpenSearch_2.13',
      // The API's VPCDerivedInfo less what CloudFormation does not declare.
      VPCOptions: { SecurityGroupIds: ['sg-0search00000001'], SubnetIds: ['subnet-0a1', 'subnet-0b1'] },
      EncryptionAtRestOptions: {
        Enabled: true,
        KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: {
        EnforceHTTPS: true,
        TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10',
        CustomEndpointEnabled: false,
      },
      AdvancedSecurityOptions: {
        Enabled: true,
        InternalUserDatabaseEnabled: false,
        AnonymousAuthEnabled: false,
      },
      LogPublishingOptions: {
        AUDIT_LOGS: {
          CloudWatchLogsLogGroupArn:
            'arn:aws:logs:us-east-1:111122223333:log-group:/aws/opensearch/logs/audit',
          Enabled: true,
        },
      },
      // The policy's JSON string as a document.
      AccessPolicies: {
        Version: '2012-10-17',
        Statement: [
          expect.objectContaining({ Principal: { AWS: 'arn:aws:iam::111122223333:role/log-shipper' } }),
        ],
      },
    });
    expect(logs.observed).toMatchObject({ DomainId: '111122223333/logs', VpcId: 'vpc-0search000000001' });
    // Elasticsearch domains read through the OpenSearch API are OpenSearch Service domains too.
    expect(domain(snapshot, 'legacy-es')).toMatchObject({
      type: DOMAIN,
      props: { EngineVersion: 'Elasticsearch_7.10' },
    });
    expect(domain(snapshot, 'search-public').props).not.toHaveProperty('VPCOptions');
  });

  it('judges every domain as collected', async () => {
    const { snapshot } = await collect();
    const { statuses, findings } = statusesByRule(snapshot, RULES, NOW);
    expect(statuses).toEqual(JUDGED);
    const reason = (rule: string, id: string) =>
      findings.find((f) => f.ruleId === rule && f.resource.id === id)?.reason ?? '';
    expect(reason('opensearch-domain-tls-enforced', 'legacy-es')).toContain('Policy-Min-TLS-1-0-2019-07');
    expect(reason('opensearch-domain-audit-logging-enabled', 'legacy-es')).toContain('disabled');
  });

  it('leaves every domain of a denied DescribeDomains call unresolved, with a gap naming each', async () => {
    // A policy that denies one domain denies the whole call that names it; whether a domain of that
    // call is being deleted is not known either.
    const { snapshot } = await collect({ deny: ['es:DescribeDomains/orders-search'] });
    for (const name of ['orders-search', 'analytics', 'staging-search']) {
      expect(snapshot.coverage).toContainEqual(
        expect.objectContaining({ kind: 'access-denied', resourceType: DOMAIN, resourceId: name }),
      );
      const unread = domain(snapshot, name);
      expect(unread.props.DomainName).toBe(name);
      for (const key of [
        'EncryptionAtRestOptions',
        'VPCOptions',
        'DomainEndpointOptions',
        'LogPublishingOptions',
      ])
        expect(isUnresolved(unread.props[key]), `${name} ${key}`).toBe(true);
    }
    const { statuses, findings } = statusesByRule(snapshot, RULES, NOW);
    for (const rule of RULES) {
      expect(statuses[rule]).toEqual({
        ...JUDGED[rule as keyof typeof JUDGED],
        'orders-search': 'error',
        analytics: 'error',
        'staging-search': 'error',
      });
    }
    for (const f of findings.filter((x) => x.resource.id === 'analytics'))
      expect(f.reason).toContain('could not be read');
  });

  it('records a denied listing as a gap for the type, with no domains', async () => {
    const { snapshot, endpoint } = await collect({ deny: ['es:ListDomainNames'] });
    expect(snapshot.resources).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: DOMAIN }),
    ]);
    expect(endpoint.log.filter((r) => r.operation === 'DescribeDomains')).toEqual([]);
  });
});
