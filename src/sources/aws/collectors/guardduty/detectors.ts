import {
  GetDetectorCommand,
  GetFindingsStatisticsCommand,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import type { Collector } from '../../collector.js';
import { detailOf, str } from '../helpers.js';
import { findingCounts } from './severity.js';

/**
 * `guardduty list-detectors` + `get-detector` + `get-findings-statistics` → `AWS::GuardDuty::Detector`
 * (id = detector id), `observed.Status`, and `observed.FindingCounts` (open, i.e. unarchived,
 * findings by severity band: `{ Critical, High, Medium, Low, Total, BySeverity }`): a summary, not
 * every finding.
 * https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetFindingsStatistics.html
 */
export const detectors: Collector = {
  id: 'guardduty/detectors',
  service: 'guardduty',
  resourceTypes: ['AWS::GuardDuty::Detector'],
  list: [
    {
      command: ListDetectorsCommand,
      action: 'guardduty:ListDetectors',
      items: ['DetectorIds'],
      wrap: 'DetectorId',
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxResults', 50] },
    },
  ],
  details: [
    {
      name: 'detector',
      command: GetDetectorCommand,
      action: 'guardduty:GetDetector',
      input: (d) => (typeof d.DetectorId === 'string' ? { DetectorId: d.DetectorId } : undefined),
    },
    {
      name: 'statistics',
      command: GetFindingsStatisticsCommand,
      action: 'guardduty:GetFindingsStatistics',
      input: (d) =>
        typeof d.DetectorId === 'string'
          ? {
              DetectorId: d.DetectorId,
              FindingStatisticTypes: ['COUNT_BY_SEVERITY'],
              FindingCriteria: { Criterion: { 'service.archived': { Eq: ['false'] } } },
            }
          : undefined,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.DetectorIds ?? []).flatMap((d) => {
        const id = str(d.DetectorId);
        const detector = detailOf(d, 'detector');
        if (!id || !detector) return [];
        const statistics = detailOf(d, 'statistics');
        const bySeverity = statistics?.FindingStatistics as { CountBySeverity?: unknown } | undefined;
        return [
          {
            type: 'AWS::GuardDuty::Detector',
            id,
            arn: `arn:${ctx.partition}:guardduty:${ctx.region}:${ctx.account}:detector/${id}`,
            name: `guardduty ${ctx.region}`,
            props: {
              Enable: detector.Status === 'ENABLED',
              FindingPublishingFrequency: detector.FindingPublishingFrequency,
              Features: detector.Features,
            },
            observed: {
              Status: detector.Status,
              UpdatedAt: detector.UpdatedAt,
              // Absent when the statistics were not read (the runner recorded a gap).
              ...(statistics ? { FindingCounts: findingCounts(bySeverity?.CountBySeverity) } : {}),
            },
          },
        ];
      }),
  },
};
