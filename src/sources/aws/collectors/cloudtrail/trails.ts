import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json } from '../../collector.js';
import { detailOf, str } from '../helpers.js';

const byArn = (trail: Json): Json | undefined =>
  typeof trail.TrailARN === 'string' ? { Name: trail.TrailARN, TrailName: trail.TrailARN } : undefined;

/**
 * `cloudtrail describe-trails` (trails whose home is this region) + per trail `get-trail-status` and
 * `get-event-selectors` → `AWS::CloudTrail::Trail` (id = name) with `IsLogging` and the selectors;
 * delivery times and errors (S3 and CloudWatch Logs) in `observed`. A status or selectors call
 * that fails leaves those props unresolved (the runner records the gap), never absent: an absent
 * `EventSelectors` means CloudTrail's default, all management events.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
 */
export const trails: Collector = {
  id: 'cloudtrail/trails',
  service: 'cloudtrail',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  list: [
    {
      command: DescribeTrailsCommand,
      action: 'cloudtrail:DescribeTrails',
      // Shadow trails are the copies of multi-region trails in other regions; each trail once, at home.
      input: () => ({ includeShadowTrails: false }),
      items: ['trailList'],
    },
  ],
  details: [
    {
      name: 'status',
      command: GetTrailStatusCommand,
      action: 'cloudtrail:GetTrailStatus',
      input: (t) => (typeof t.TrailARN === 'string' ? { Name: t.TrailARN } : undefined),
    },
    {
      name: 'selectors',
      command: GetEventSelectorsCommand,
      action: 'cloudtrail:GetEventSelectors',
      input: (t) => {
        const arn = byArn(t);
        return arn ? { TrailName: arn.TrailName } : undefined;
      },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.trailList ?? []).flatMap((t) => {
        const name = str(t.Name);
        if (!name) return [];
        const status = detailOf(t, 'status');
        const selectors = detailOf(t, 'selectors');
        return [
          {
            type: 'AWS::CloudTrail::Trail',
            id: name,
            arn: str(t.TrailARN),
            name,
            region: str(t.HomeRegion),
            props: {
              TrailName: name,
              S3BucketName: t.S3BucketName,
              S3KeyPrefix: t.S3KeyPrefix,
              SnsTopicName: t.SnsTopicName,
              IncludeGlobalServiceEvents: t.IncludeGlobalServiceEvents,
              IsMultiRegionTrail: t.IsMultiRegionTrail,
              IsOrganizationTrail: t.IsOrganizationTrail,
              EnableLogFileValidation: t.LogFileValidationEnabled,
              CloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn,
              CloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn,
              KMSKeyId: t.KmsKeyId,
              IsLogging: status
                ? status.IsLogging === true
                : unresolved(`cloudtrail get-trail-status --name ${name}`, 'the trail status was not read'),
              ...(selectors
                ? {
                    EventSelectors: selectors.EventSelectors,
                    AdvancedEventSelectors: selectors.AdvancedEventSelectors,
                  }
                : {
                    EventSelectors: unresolved(
                      `cloudtrail get-event-selectors --trail-name ${name}`,
                      'the event selectors were not read',
                    ),
                    AdvancedEventSelectors: unresolved(
                      `cloudtrail get-event-selectors --trail-name ${name}`,
                      'the event selectors were not read',
                    ),
                  }),
            },
            observed: {
              HomeRegion: t.HomeRegion,
              LatestDeliveryTime: status?.LatestDeliveryTime,
              LatestDeliveryError: status ? (status.LatestDeliveryError ?? null) : undefined,
              LatestCloudWatchLogsDeliveryTime: status?.LatestCloudWatchLogsDeliveryTime,
              LatestCloudWatchLogsDeliveryError: status
                ? (status.LatestCloudWatchLogsDeliveryError ?? null)
                : undefined,
            },
          },
        ];
      }),
  },
};
