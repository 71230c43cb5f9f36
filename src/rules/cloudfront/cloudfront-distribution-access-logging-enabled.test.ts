import { describe, expect, it } from 'vitest';
import {
  deniedListing,
  expectFixture,
  expectResources,
  resource,
  TEST_ACCOUNT,
} from '../../../test/rule-fixtures.js';
import { unresolved, type Resource } from '../../model/index.js';
import rule from './cloudfront-distribution-access-logging-enabled.js';

const DISTRIBUTION = 'AWS::CloudFront::Distribution';
const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';
const DELIVERY = 'AWS::Logs::Delivery';
const OTHER_ACCOUNT = '210987654321';

/** A live distribution without legacy logging, as the collector stores it (region `global`). */
function liveDistribution(id: string, account = TEST_ACCOUNT): Resource {
  return resource(
    DISTRIBUTION,
    id,
    { DistributionConfig: { Enabled: true } },
    { account, region: 'global', arn: `arn:aws:cloudfront::${account}:distribution/${id}` },
  );
}

/** A delivery source as `logs describe-delivery-sources` gives it, collected in us-east-1. */
function liveSource(name: string, arns: string[], more: Record<string, unknown> = {}): Resource {
  return resource(
    DELIVERY_SOURCE,
    name,
    { Name: name, LogType: 'ACCESS_LOGS', ResourceArn: arns[0] },
    {
      arn: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:delivery-source:${name}`,
      observed: { Service: 'cloudfront', ResourceArns: arns, ...more },
    },
  );
}

/** A delivery as `logs describe-deliveries` gives it, pairing a source with an S3 destination. */
function liveDelivery(id: string, sourceName: unknown, more: Partial<Resource> = {}): Resource {
  return resource(
    DELIVERY,
    id,
    {
      DeliverySourceName: sourceName,
      DeliveryDestinationArn: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:delivery-destination:access-logs-bucket`,
    },
    {
      arn: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:delivery:${id}`,
      observed: { DeliveryDestinationType: 'S3' },
      ...more,
    },
  );
}

describe('cloudfront-distribution-access-logging-enabled', () => {
  it('accepts standard logging to S3 and logging v2 delivery sources', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-access-logging-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'PassLoggingV2')?.reason).toContain(
      'delivery source AccessLogSource (site-access-logs) and delivery AccessLogDelivery',
    );
    expect(findings.find((f) => f.resource.id === 'FailSourceWithoutDelivery')?.reason).toBe(
      'CloudFront distribution FailSourceWithoutDelivery has CloudWatch Logs delivery source UndeliveredLogSource (undelivered-access-logs) for its access logs, but the source has no delivery to a destination, so no access logs are written.',
    );
  });

  it('passes a live distribution named by a collected delivery source of us-east-1, anywhere in its ARN list', () => {
    const arn = (id: string) => `arn:aws:cloudfront::${TEST_ACCOUNT}:distribution/${id}`;
    const findings = expectResources(rule, [
      liveDistribution('PassSecondArnOfSource'),
      liveSource('site-access-logs', [arn('E9OTHERDIST99'), arn('PassSecondArnOfSource')]),
      liveDelivery('a1b2c3d4e5f6a7b8', 'site-access-logs'),
      liveDistribution('PassFirstArnOfSource'),
      liveSource('shop-access-logs', [arn('PassFirstArnOfSource')]),
      liveDelivery('b2c3d4e5f6a7b8c9', 'shop-access-logs'),
      // A source without a delivery sends its logs nowhere; a delivery of the same name in another
      // region or account pairs another source.
      liveDistribution('FailSourceWithoutDelivery'),
      liveSource('blog-access-logs', [arn('FailSourceWithoutDelivery')]),
      liveDelivery('c3d4e5f6a7b8c9d0', 'blog-access-logs', { region: 'eu-west-1' }),
      liveDelivery('d4e5f6a7b8c9d0e1', 'blog-access-logs', { account: OTHER_ACCOUNT }),
      // The source of a deleted distribution delivers nothing.
      liveDistribution('FailSourceInactive'),
      liveSource('old-access-logs', [arn('FailSourceInactive')], {
        Status: 'INACTIVE',
        StatusReason: 'RESOURCE_DELETED',
      }),
      liveDistribution('FailNoSource'),
    ]);
    expect(findings.find((f) => f.resource.id === 'PassSecondArnOfSource')?.reason).toBe(
      'CloudFront distribution PassSecondArnOfSource delivers access logs through CloudWatch Logs delivery source site-access-logs and delivery a1b2c3d4e5f6a7b8.',
    );
    expect(findings.find((f) => f.resource.id === 'FailSourceWithoutDelivery')?.reason).toContain(
      'delivery source blog-access-logs for its access logs, but the source has no delivery to a destination',
    );
  });

  it('does not say a source has no delivery when the deliveries of its region were not listed', () => {
    const arn = (id: string) => `arn:aws:cloudfront::${TEST_ACCOUNT}:distribution/${id}`;
    const findings = expectResources(
      rule,
      [
        liveDistribution('ErrorDeliveriesNotListed'),
        liveSource('site-access-logs', [arn('ErrorDeliveriesNotListed')]),
        // A delivery that was listed still decides.
        liveDistribution('PassDeliveryListed', OTHER_ACCOUNT),
        resource(
          DELIVERY_SOURCE,
          'shop-access-logs',
          {
            Name: 'shop-access-logs',
            LogType: 'ACCESS_LOGS',
            ResourceArn: `arn:aws:cloudfront::${OTHER_ACCOUNT}:distribution/PassDeliveryListed`,
          },
          { account: OTHER_ACCOUNT },
        ),
        liveDelivery('e5f6a7b8c9d0e1f2', 'shop-access-logs', { account: OTHER_ACCOUNT }),
      ],
      { coverage: [deniedListing(DELIVERY), deniedListing(DELIVERY, OTHER_ACCOUNT)] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorDeliveriesNotListed')?.reason).toBe(
      `CloudFront distribution ErrorDeliveriesNotListed has CloudWatch Logs delivery source site-access-logs for its access logs, and whether a delivery sends them to a destination is not known: ${DELIVERY} not collected in ${TEST_ACCOUNT} us-east-1: the listing failed with AccessDenied: not authorized.`,
    );
  });

  it('gives error when a delivery names its source by a value not known before deploy', () => {
    const arn = (id: string) => `arn:aws:cloudfront::${TEST_ACCOUNT}:distribution/${id}`;
    const findings = expectResources(rule, [
      liveDistribution('ErrorDeliverySourceNameUnknown'),
      liveSource('site-access-logs', [arn('ErrorDeliverySourceNameUnknown')]),
      liveDelivery(
        'f6a7b8c9d0e1f2a3',
        unresolved({ 'Fn::ImportValue': 'shared-log-source' }, 'exported by another stack'),
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'ErrorDeliverySourceNameUnknown')?.reason).toContain(
      'CloudWatch Logs delivery f6a7b8c9d0e1f2a3: DeliverySourceName is not known: exported by another stack',
    );
  });

  it('does not say a live distribution writes no logs when the delivery sources of us-east-1 were not listed', () => {
    const findings = expectResources(
      rule,
      [
        liveDistribution('ErrorSourcesUnread'),
        // Another account whose listing failed only in eu-west-1, where no CloudFront source can be.
        liveDistribution('FailListedInUsEast1', OTHER_ACCOUNT),
      ],
      {
        coverage: [
          deniedListing(DELIVERY_SOURCE),
          deniedListing(DELIVERY_SOURCE, OTHER_ACCOUNT, 'eu-west-1'),
        ],
      },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorSourcesUnread')?.reason).toBe(
      `CloudFront distribution ErrorSourcesUnread has no standard logging to S3, and whether it logs through a CloudWatch Logs delivery source is not known: ${DELIVERY_SOURCE} not collected in ${TEST_ACCOUNT} us-east-1: the listing failed with AccessDenied: not authorized.`,
    );
  });
});
