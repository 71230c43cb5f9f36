/**
 * The CloudWatch Logs delivery source collector driven through the real SDK against the local
 * endpoint with recorded responses: the listing page by page, CloudFormation's properties with the
 * API's ARN list kept beside `ResourceArn`, and a denied listing as a gap for the type. Then, with
 * the CloudFront distribution collector's recordings and the deliveries, the access logging rule on
 * all three: a global distribution that logs only through a us-east-1 delivery source with a delivery
 * passes, and one whose sources or deliveries could not be listed is an error, not a failure.
 */
import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { distributions } from '../cloudfront/distributions.js';
import { deliveries } from './deliveries.js';
import { deliverySources } from './delivery-sources.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const RECORDED = new URL('./recorded', import.meta.url);
const collect = useRecordedCollection({ recorded: RECORDED, collectors: [deliverySources], now: NOW });
/**
 * Distributions, delivery sources and deliveries as a live collection reads them, the home region
 * elsewhere: the distributions are global, CloudFront's delivery sources and their deliveries are in
 * us-east-1.
 */
const collectWithDistributions = useRecordedCollection({
  recorded: [new URL('../cloudfront/recorded', import.meta.url), RECORDED],
  collectors: [distributions, deliverySources, deliveries],
  regions: ['eu-west-1', 'us-east-1'],
  now: NOW,
});

const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';
const DELIVERY = 'AWS::Logs::Delivery';
const ACCOUNT = '111122223333';
/** Logs only through standard logging v2 (its legacy logging is off). */
const LEGACY = 'E2LEGACYSITE02';
/** Legacy logging to an S3 bucket. */
const WWW = 'E1WWWEXAMPLE01';
const RULE = 'cloudfront-distribution-access-logging-enabled';

const source = (snapshot: Snapshot, name: string): Resource =>
  snapshot.resources.find((r) => r.type === DELIVERY_SOURCE && r.id === name)!;

describe('logs/delivery-sources', () => {
  it('lists the delivery sources page by page', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const lists = endpoint.log.filter((r) => r.operation === 'DescribeDeliverySources');
    // One source per page: each later page asks with the token of the one before.
    expect(lists.map((r) => r.params)).toEqual([
      { limit: 50 },
      { limit: 50, nextToken: expect.any(String) },
      { limit: 50, nextToken: expect.any(String) },
    ]);
    expect(snapshot.resources.map((r) => `${r.type} ${r.id}`).sort()).toEqual([
      `${DELIVERY_SOURCE} cf-legacy-site-access`,
      `${DELIVERY_SOURCE} cf-spring-campaign-access`,
      `${DELIVERY_SOURCE} workmail-access-control`,
    ]);
  });

  it('maps a source to CloudFormation’s Name, LogType and ResourceArn, the ARN list and service observed', async () => {
    const { snapshot } = await collect();
    const site = source(snapshot, 'cf-legacy-site-access');
    expect(site).toMatchObject({
      name: 'cf-legacy-site-access',
      account: ACCOUNT,
      region: 'us-east-1',
      arn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:cf-legacy-site-access`,
      tags: { team: 'web' },
    });
    expect(site.props).toEqual({
      Name: 'cf-legacy-site-access',
      LogType: 'ACCESS_LOGS',
      ResourceArn: `arn:aws:cloudfront::${ACCOUNT}:distribution/${LEGACY}`,
    });
    expect(site.observed).toEqual({
      Service: 'cloudfront',
      ResourceArns: [`arn:aws:cloudfront::${ACCOUNT}:distribution/${LEGACY}`],
    });
    // Status is given for some log types only; the source of a deleted resource is INACTIVE.
    expect(source(snapshot, 'cf-spring-campaign-access').observed).toMatchObject({
      Status: 'INACTIVE',
      StatusReason: 'RESOURCE_DELETED',
    });
    const workmail = source(snapshot, 'workmail-access-control');
    expect(workmail.props.LogType).toBe('ACCESS_CONTROL_LOGS');
    expect(workmail.tags).toEqual({});
    expect(workmail.observed).not.toHaveProperty('Status');
  });

  it('records a gap for the type when the listing is denied, and produces no delivery sources', async () => {
    const { snapshot } = await collect({ deny: ['logs:DescribeDeliverySources'] });
    expect(snapshot.resources.filter((r) => r.type === DELIVERY_SOURCE)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: DELIVERY_SOURCE,
        account: ACCOUNT,
        region: 'us-east-1',
      }),
    ]);
  });

  it('lets a global distribution that logs only through standard logging v2 and a delivery pass on a live account', async () => {
    const { snapshot, endpoint } = await collectWithDistributions();
    expect(snapshot.coverage).toEqual([]);
    // Listed in both regions; only us-east-1 has sources.
    expect(
      endpoint.log.filter((r) => r.operation === 'DescribeDeliverySources').map((r) => r.region),
    ).toEqual(expect.arrayContaining(['eu-west-1', 'us-east-1']));
    expect(snapshot.resources.find((r) => r.id === LEGACY)?.region).toBe('global');
    const { statuses, findings } = statusesByRule(snapshot, [RULE], NOW);
    expect(statuses[RULE]).toEqual({ [WWW]: 'pass', [LEGACY]: 'pass' });
    expect(findings.find((f) => f.resource.id === LEGACY)?.reason).toContain(
      'delivery source cf-legacy-site-access and delivery Xk7cL2mQ9rTzB4vN',
    );
  });

  it('gives error, not fail, for a distribution whose delivery source’s deliveries could not be listed', async () => {
    const { snapshot } = await collectWithDistributions({ deny: ['logs:DescribeDeliveries'] });
    const { statuses, findings } = statusesByRule(snapshot, [RULE], NOW);
    expect(statuses[RULE]).toEqual({ [WWW]: 'pass', [LEGACY]: 'error' });
    expect(findings.find((f) => f.resource.id === LEGACY)?.reason).toContain(
      `delivery source cf-legacy-site-access for its access logs, and whether a delivery sends them to a destination is not known: ${DELIVERY} not collected in ${ACCOUNT} us-east-1`,
    );
  });

  it('gives error, not fail, for a distribution without legacy logging when the sources could not be listed', async () => {
    const { snapshot } = await collectWithDistributions({ deny: ['logs:DescribeDeliverySources'] });
    const { statuses, findings } = statusesByRule(snapshot, [RULE], NOW);
    expect(statuses[RULE]).toEqual({ [WWW]: 'pass', [LEGACY]: 'error' });
    expect(findings.find((f) => f.resource.id === LEGACY)?.reason).toContain(
      `${DELIVERY_SOURCE} not collected in ${ACCOUNT} us-east-1`,
    );
  });
});
