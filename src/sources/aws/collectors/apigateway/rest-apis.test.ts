/**
 * The API Gateway collectors driven through the real SDK against the local endpoint with recorded
 * responses (one API or domain name a page, `position` paging), and every rule on REST stages and
 * custom domain names run on what they collected: execution logging from the stage's method
 * settings, the web ACL the stage itself reports, and the domains' TLS policies. Stage variables,
 * which often hold keys, never reach the snapshot.
 */
import { describe, expect, it } from 'vitest';
import { createGraph } from '../../../../engine/index.js';
import { isUnresolved } from '../../../../model/index.js';
import { allRules } from '../../../../rules/index.js';
import {
  idsIn,
  resourceIn,
  useRecordedCollection,
} from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { domainNames } from './domain-names.js';
import { methodKey, restApiPolicy, restApis } from './rest-apis.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [restApis, domainNames],
  now: NOW,
});

const ACCOUNT = '111122223333';
const STAGE = 'AWS::ApiGateway::Stage';
const REST_API = 'AWS::ApiGateway::RestApi';
const DOMAIN = 'AWS::ApiGateway::DomainName';
const PRIVATE_DOMAIN = 'AWS::ApiGateway::DomainNameV2';
/** Every rule on REST stages and custom domain names, so a new one is run here too. */
const RULES = allRules
  .filter((r) => r.resourceTypes.includes(STAGE) || r.resourceTypes.includes(DOMAIN))
  .map((r) => r.id);

/** Orders: production (INFO logs, WAFv2) and staging (ERROR, but off for POST /payments; no WAF). */
const ORDERS_PROD = 'a1b2c3d4e5|prod';
const ORDERS_STAGING = 'a1b2c3d4e5|staging';
/** Billing: no method settings at all; WAF Classic regional; stage variables holding a key. */
const BILLING_PROD = 'f6g7h8i9j0|prod';
/** Internal: ERROR logs, no WAF. */
const INTERNAL_DEV = 'k1l2m3n4o5|dev';
const PRIVATE_ARN = `arn:aws:apigateway:us-east-1:${ACCOUNT}:/domainnames/private.example.com+abcd1234`;

describe('apigateway/rest-apis and apigateway/domain-names', () => {
  it('lists APIs and domain names page by page with position, and the stages of each API', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    for (const [operation, pages] of [
      ['GetRestApis', 3],
      ['GetDomainNames', 4],
    ] as const) {
      const calls = endpoint.log.filter((r) => r.operation === operation);
      expect(calls.map((r) => r.service)).toEqual(Array(pages).fill('apigateway'));
      expect(calls.every((r) => r.params.limit === '500')).toBe(true);
      expect(calls[0]!.params.position).toBeUndefined();
      expect(calls.slice(1).every((r) => typeof r.params.position === 'string')).toBe(true);
    }
    const stageCalls = endpoint.log.filter((r) => r.operation === 'GetStages');
    expect(stageCalls.map((r) => r.params).length).toBe(3);
    expect(idsIn(snapshot, REST_API)).toEqual(['a1b2c3d4e5', 'f6g7h8i9j0', 'k1l2m3n4o5']);
    expect(idsIn(snapshot, STAGE)).toEqual([ORDERS_PROD, ORDERS_STAGING, BILLING_PROD, INTERNAL_DEV].sort());
    expect(idsIn(snapshot, DOMAIN)).toEqual(['api.example.com', 'legacy.example.com', 'mtls.example.com']);
    expect(idsIn(snapshot, PRIVATE_DOMAIN)).toEqual([PRIVATE_ARN]);
  });

  it('maps a stage to CloudFormation’s properties and its web ACL to observed', async () => {
    const { snapshot } = await collect();
    const prod = resourceIn(snapshot, STAGE, ORDERS_PROD);
    expect(prod).toMatchObject({
      arn: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod',
      name: 'orders/prod',
      tags: { stage: 'prod' },
    });
    expect(prod.props).toEqual({
      RestApiId: 'a1b2c3d4e5',
      StageName: 'prod',
      DeploymentId: 'dep0001',
      Description: 'Production',
      CacheClusterEnabled: false,
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:api-orders-access`,
        Format: '$context.requestId $context.status',
      },
      MethodSettings: [
        {
          ResourcePath: '/*',
          HttpMethod: '*',
          LoggingLevel: 'INFO',
          MetricsEnabled: true,
          DataTraceEnabled: false,
          ThrottlingBurstLimit: 5000,
          ThrottlingRateLimit: 10000,
          CachingEnabled: false,
          CacheTtlInSeconds: 300,
          CacheDataEncrypted: false,
        },
      ],
      Tags: [{ Key: 'stage', Value: 'prod' }],
    });
    expect(prod.observed).toMatchObject({
      WebAclArn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/api-protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
      CacheClusterStatus: 'NOT_AVAILABLE',
      CreatedDate: '2023-11-14T22:15:00.000Z',
    });
    // Method overrides keep CloudFormation's encoded paths; `~1` alone is the root resource.
    const staging = resourceIn(snapshot, STAGE, ORDERS_STAGING).props.MethodSettings as Array<
      Record<string, unknown>
    >;
    expect(staging.map((s) => [s.HttpMethod, s.ResourcePath, s.LoggingLevel])).toEqual([
      ['*', '/*', 'ERROR'],
      ['POST', '/~1payments', 'OFF'],
      ['GET', '/', 'ERROR'],
    ]);
    expect(resourceIn(snapshot, STAGE, ORDERS_STAGING).observed).not.toHaveProperty('WebAclArn');
  });

  it('keeps no stage variable, canary override or other secret of a stage', async () => {
    const { snapshot } = await collect();
    const text = JSON.stringify(snapshot);
    for (const secret of ['sk_live_51Hx9EXAMPLEdoNotKeep', 'sk_test_canaryEXAMPLEdoNotKeep', 'partnerApiKey'])
      expect(text).not.toContain(secret);
    expect(resourceIn(snapshot, STAGE, BILLING_PROD).props).toMatchObject({
      CacheClusterEnabled: true,
      CacheClusterSize: '0.5',
      CanarySetting: { DeploymentId: 'dep0102', PercentTraffic: 10, UseStageCache: false },
    });
  });

  it('maps a REST API, its resource policy unescaped', async () => {
    const { snapshot } = await collect();
    expect(resourceIn(snapshot, REST_API, 'a1b2c3d4e5')).toMatchObject({
      name: 'orders',
      tags: { team: 'payments' },
      props: {
        Name: 'orders',
        Description: 'Orders API',
        EndpointConfiguration: { Types: ['REGIONAL'], IpAddressType: 'ipv4' },
        ApiKeySourceType: 'HEADER',
        DisableExecuteApiEndpoint: true,
        Policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'execute-api:Invoke',
              Resource: `arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5/*`,
              Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
            },
          ],
        },
      },
    });
    expect(resourceIn(snapshot, REST_API, 'k1l2m3n4o5').props.EndpointConfiguration).toEqual({
      Types: ['PRIVATE'],
      IpAddressType: 'ipv4',
      VpcEndpointIds: ['vpce-0api000000000001'],
    });
    // A policy already plain JSON reads as it is; text that is no JSON at all is unknown.
    expect(restApiPolicy('x', '{"Version":"2012-10-17","Statement":[]}')).toEqual({
      Version: '2012-10-17',
      Statement: [],
    });
    expect(isUnresolved(restApiPolicy('x', 'not a policy'))).toBe(true);
    expect(restApiPolicy('x', undefined)).toBeUndefined();
  });

  it('reads method setting keys as CloudFormation writes the paths', () => {
    expect(methodKey('*/*')).toEqual({ ResourcePath: '/*', HttpMethod: '*' });
    expect(methodKey('~1orders~1{id}/GET')).toEqual({ ResourcePath: '/~1orders~1{id}', HttpMethod: 'GET' });
    expect(methodKey('~1/ANY')).toEqual({ ResourcePath: '/', HttpMethod: 'ANY' });
    expect(methodKey('GET')).toBeUndefined();
  });

  it('maps custom domain names, a private one as DomainNameV2', async () => {
    const { snapshot } = await collect();
    expect(resourceIn(snapshot, DOMAIN, 'mtls.example.com')).toMatchObject({
      name: 'mtls.example.com',
      props: {
        DomainName: 'mtls.example.com',
        RegionalCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/6f1d2a3b-3333-4c5d-8e9f-0a1b2c3d4e03`,
        EndpointConfiguration: { Types: ['REGIONAL'], IpAddressType: 'dualstack' },
        SecurityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
        MutualTlsAuthentication: {
          TruststoreUri: 's3://example-truststores/api.pem',
          TruststoreVersion: '3',
        },
        RoutingMode: 'ROUTING_RULE_THEN_BASE_PATH_MAPPING',
      },
      observed: {
        DomainNameStatus: 'AVAILABLE',
        RegionalDomainName: 'd-mtls12345.execute-api.us-east-1.amazonaws.com',
      },
    });
    expect(resourceIn(snapshot, DOMAIN, 'api.example.com').tags).toEqual({ team: 'platform' });
    expect(resourceIn(snapshot, PRIVATE_DOMAIN, PRIVATE_ARN)).toMatchObject({
      arn: PRIVATE_ARN,
      name: 'private.example.com',
      props: { DomainName: 'private.example.com', SecurityPolicy: 'TLS_1_2' },
    });
  });

  it('judges the stages and domain names as collected', async () => {
    const { snapshot } = await collect();
    const { statuses, findings } = statusesByRule(snapshot, RULES, NOW);
    expect(statuses).toEqual({
      'apigateway-stage-execution-logging-enabled': {
        [ORDERS_PROD]: 'pass',
        [ORDERS_STAGING]: 'fail',
        [BILLING_PROD]: 'fail',
        [INTERNAL_DEV]: 'pass',
      },
      'apigateway-stage-waf-associated': {
        [ORDERS_PROD]: 'pass',
        [ORDERS_STAGING]: 'fail',
        [BILLING_PROD]: 'pass',
        [INTERNAL_DEV]: 'fail',
      },
      'apigateway-domain-name-tls-1-2-required': {
        'api.example.com': 'pass',
        'legacy.example.com': 'fail',
        'mtls.example.com': 'pass',
        // The private custom domain name (DomainNameV2), by its ARN.
        'arn:aws:apigateway:us-east-1:111122223333:/domainnames/private.example.com+abcd1234': 'pass',
      },
    });
    const reason = (rule: string, id: string) =>
      findings.find((f) => f.ruleId === rule && f.resource.id === id)?.reason ?? '';
    expect(reason('apigateway-stage-execution-logging-enabled', ORDERS_STAGING)).toContain(
      'turns logging off for POST /~1payments',
    );
    expect(reason('apigateway-stage-waf-associated', BILLING_PROD)).toContain('arn:aws:waf-regional:');
    expect(reason('apigateway-domain-name-tls-1-2-required', 'legacy.example.com')).toContain(
      'SecurityPolicy is TLS_1_0',
    );
  });

  it('records a denied GetStages as a gap of the stage type naming the API', async () => {
    const { snapshot } = await collect({ deny: ['apigateway:GetStages/k1l2m3n4o5'] });
    const gap = expect.objectContaining({
      kind: 'access-denied',
      resourceType: STAGE,
      resourceId: 'k1l2m3n4o5',
    });
    expect(snapshot.coverage).toEqual([gap]);
    // The API is listed; its stages are not known, and the other APIs' are judged as before.
    expect(idsIn(snapshot, REST_API)).toContain('k1l2m3n4o5');
    expect(idsIn(snapshot, STAGE)).toEqual([ORDERS_PROD, ORDERS_STAGING, BILLING_PROD].sort());
    const graph = createGraph(snapshot.resources, snapshot.coverage);
    expect(graph.unread(STAGE, ACCOUNT, 'us-east-1', 'k1l2m3n4o5')).toEqual(gap);
    expect(graph.unread(STAGE, ACCOUNT, 'us-east-1', 'a1b2c3d4e5')).toBeUndefined();
    expect(statusesByRule(snapshot, RULES, NOW).statuses['apigateway-stage-waf-associated']).toEqual({
      [ORDERS_PROD]: 'pass',
      [ORDERS_STAGING]: 'fail',
      [BILLING_PROD]: 'pass',
    });
  });

  it('records denied listings as gaps of their types', async () => {
    const { snapshot } = await collect({ deny: ['apigateway:GetRestApis', 'apigateway:GetDomainNames'] });
    expect(snapshot.resources).toEqual([]);
    expect(snapshot.coverage.map((g) => [g.kind, g.resourceType]).sort()).toEqual(
      [
        ['access-denied', STAGE],
        ['access-denied', REST_API],
        ['access-denied', DOMAIN],
        ['access-denied', PRIVATE_DOMAIN],
      ].sort(),
    );
  });
});
