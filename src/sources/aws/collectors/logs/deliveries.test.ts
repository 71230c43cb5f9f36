/**
 * The CloudWatch Logs delivery collector driven through the real SDK against the local endpoint with
 * recorded responses: the listing page by page, CloudFormation's properties (the API's S3
 * configuration flattened as the template writes it), and a denied listing as a gap for the type.
 * What a delivery means for the CloudFront access logging rule on a live account is tested with the
 * delivery sources, in delivery-sources.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../../../model/index.js';
import { resourceIn, useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { deliveries } from './deliveries.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [deliveries],
  now: NOW,
});

const DELIVERY = 'AWS::Logs::Delivery';
const ACCOUNT = '111122223333';
/** The CloudFront source's delivery to S3, with record fields, a delimiter and a suffix path. */
const SITE = 'Xk7cL2mQ9rTzB4vN';
/** A delivery to a log group, with nothing but the pairing. */
const WORKMAIL = 'Pq3wE8rT1yUi6oP0';

const delivery = (snapshot: Snapshot, id: string): Resource => resourceIn(snapshot, DELIVERY, id);

describe('logs/deliveries', () => {
  it('lists the deliveries page by page', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const lists = endpoint.log.filter((r) => r.operation === 'DescribeDeliveries');
    // One delivery per page: the second page asks with the token of the first.
    expect(lists.map((r) => r.params)).toEqual([{ limit: 50 }, { limit: 50, nextToken: expect.any(String) }]);
    expect(snapshot.resources.map((r) => `${r.type} ${r.id}`).sort()).toEqual([
      `${DELIVERY} ${WORKMAIL}`,
      `${DELIVERY} ${SITE}`,
    ]);
  });

  it('maps a delivery to CloudFormation’s properties, the destination type observed', async () => {
    const { snapshot } = await collect();
    const site = delivery(snapshot, SITE);
    expect(site).toMatchObject({
      account: ACCOUNT,
      region: 'us-east-1',
      arn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery:${SITE}`,
      tags: { team: 'web' },
    });
    expect(site.props).toEqual({
      DeliverySourceName: 'cf-legacy-site-access',
      DeliveryDestinationArn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-destination:cf-access-logs-s3`,
      RecordFields: ['date', 'time', 'x-edge-location', 'c-ip', 'cs-method', 'cs-uri-stem', 'sc-status'],
      FieldDelimiter: '\t',
      S3SuffixPath: 'AWSLogs/{account-id}/CloudFront/{DistributionId}/{yyyy}/{MM}/{dd}/{HH}',
      S3EnableHiveCompatiblePath: false,
    });
    expect(site.observed).toEqual({ DeliveryDestinationType: 'S3' });
    // Settings the API leaves out stay out.
    const workmail = delivery(snapshot, WORKMAIL);
    expect(workmail.props).toEqual({
      DeliverySourceName: 'workmail-access-control',
      DeliveryDestinationArn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-destination:workmail-audit`,
    });
    expect(workmail.tags).toEqual({});
    expect(workmail.observed).toEqual({ DeliveryDestinationType: 'CWL' });
  });

  it('records a gap for the type when the listing is denied, and produces no deliveries', async () => {
    const { snapshot } = await collect({ deny: ['logs:DescribeDeliveries'] });
    expect(snapshot.resources.filter((r) => r.type === DELIVERY)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: DELIVERY,
        account: ACCOUNT,
        region: 'us-east-1',
      }),
    ]);
  });
});
