import { describe, expect, it } from 'vitest';
import {
  deniedListing,
  expectFixture,
  expectResources,
  resource,
  TEST_ACCOUNT,
} from '../../../test/rule-fixtures.js';
import type { Resource } from '../../model/index.js';
import rule from './cloudfront-distribution-access-logging-enabled.js';

const DISTRIBUTION = 'AWS::CloudFront::Distribution';
const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';
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

describe('cloudfront-distribution-access-logging-enabled', () => {
  it('accepts standard logging to S3 and logging v2 delivery sources', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-access-logging-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'PassLoggingV2')?.reason).toContain(
      'delivery source AccessLogSource',
    );
  });

  it('passes a live distribution named by a collected delivery source of us-east-1, anywhere in its ARN list', () => {
    const arn = (id: string) => `arn:aws:cloudfront::${TEST_ACCOUNT}:distribution/${id}`;
    const findings = expectResources(rule, [
      liveDistribution('PassSecondArnOfSource'),
      liveSource('site-access-logs', [arn('E9OTHERDIST99'), arn('PassSecondArnOfSource')]),
      liveDistribution('PassFirstArnOfSource'),
      liveSource('shop-access-logs', [arn('PassFirstArnOfSource')]),
      // The source of a deleted distribution delivers nothing.
      liveDistribution('FailSourceInactive'),
      liveSource('old-access-logs', [arn('FailSourceInactive')], {
        Status: 'INACTIVE',
        StatusReason: 'RESOURCE_DELETED',
      }),
      liveDistribution('FailNoSource'),
    ]);
    expect(findings.find((f) => f.resource.id === 'PassSecondArnOfSource')?.reason).toBe(
      'CloudFront distribution PassSecondArnOfSource delivers access logs through CloudWatch Logs delivery source site-access-logs.',
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
