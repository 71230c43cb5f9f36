import { GetDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import type { Collector } from '../../collector.js';
import { detailOf, str } from '../helpers.js';

/** `guardduty list-detectors` + `get-detector` → `AWS::GuardDuty::Detector` (id = detector id), `observed.Status`. */
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
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.DetectorIds ?? []).flatMap((d) => {
        const id = str(d.DetectorId);
        const detector = detailOf(d, 'detector');
        if (!id || !detector) return [];
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
            observed: { Status: detector.Status, UpdatedAt: detector.UpdatedAt },
          },
        ];
      }),
  },
};
