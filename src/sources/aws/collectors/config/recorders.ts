import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import type { Collector, ResourceDraft } from '../../collector.js';
import { str } from '../helpers.js';

/**
 * AWS Config in the region: `describe-configuration-recorders` (+ status) →
 * `AWS::Config::ConfigurationRecorder` (id = name, `observed.Recording`, `LastStatus`) and
 * `describe-delivery-channels` → `AWS::Config::DeliveryChannel`.
 */
export const recorders: Collector = {
  id: 'config/recorders',
  service: 'config',
  resourceTypes: ['AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel'],
  list: [
    {
      command: DescribeConfigurationRecordersCommand,
      action: 'config:DescribeConfigurationRecorders',
      items: ['ConfigurationRecorders'],
    },
    {
      command: DescribeConfigurationRecorderStatusCommand,
      action: 'config:DescribeConfigurationRecorderStatus',
      items: ['ConfigurationRecordersStatus'],
    },
    {
      command: DescribeDeliveryChannelsCommand,
      action: 'config:DescribeDeliveryChannels',
      items: ['DeliveryChannels'],
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) => {
      const out: ResourceDraft[] = [];
      const status = new Map((data.items.ConfigurationRecordersStatus ?? []).map((s) => [s.name, s]));
      for (const r of data.items.ConfigurationRecorders ?? []) {
        const name = str(r.name);
        if (!name) continue;
        const s = status.get(name);
        out.push({
          type: 'AWS::Config::ConfigurationRecorder',
          id: name,
          arn: str(r.arn),
          name,
          props: {
            Name: name,
            RoleARN: r.roleARN,
            RecordingGroup: r.recordingGroup,
            RecordingMode: r.recordingMode,
          },
          observed: {
            Recording: s?.recording,
            LastStatus: s?.lastStatus,
            LastStatusChangeTime: s?.lastStatusChangeTime,
          },
        });
      }
      for (const c of data.items.DeliveryChannels ?? []) {
        const name = str(c.name);
        if (!name) continue;
        out.push({
          type: 'AWS::Config::DeliveryChannel',
          id: name,
          name,
          props: {
            Name: name,
            S3BucketName: c.s3BucketName,
            S3KeyPrefix: c.s3KeyPrefix,
            SnsTopicARN: c.snsTopicARN,
            ConfigSnapshotDeliveryProperties: c.configSnapshotDeliveryProperties,
          },
        });
      }
      return out;
    },
  },
};
