import {
  GetDetectorCommand,
  GetFindingsStatisticsCommand,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import type { Collector } from '../../collector.js';
import { detailOf, str } from '../helpers.js';

/** Open finding counts of a detector, by GuardDuty's severity bands, as `observed.FindingCounts`. */
interface GuardDutyFindingCounts {
  Critical: number;
  High: number;
  Medium: number;
  Low: number;
  Total: number;
  /** GetFindingsStatistics' `CountBySeverity` as read: severity value (`"8.0"`) → count. */
  BySeverity: Record<string, number>;
}

/**
 * Counts by severity value to counts by band: Critical 9.0–10.0, High 7.0–8.9, Medium 4.0–6.9,
 * Low 1.0–3.9. https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html
 */
function findingCounts(countBySeverity: unknown): GuardDutyFindingCounts {
  const out: GuardDutyFindingCounts = { Critical: 0, High: 0, Medium: 0, Low: 0, Total: 0, BySeverity: {} };
  if (typeof countBySeverity !== 'object' || countBySeverity === null) return out;
  for (const [key, value] of Object.entries(countBySeverity)) {
    const severity = Number(key);
    if (typeof value !== 'number' || !Number.isFinite(severity)) continue;
    out.BySeverity[key] = value;
    out.Total += value;
    if (severity >= 9) out.Critical += value;
    else if (severity >= 7) out.High += value;
    else if (severity >= 4) out.Medium += value;
    else out.Low += value;
  }
  return out;
}

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
