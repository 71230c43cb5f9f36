import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { str } from '../helpers.js';

/** The entries of `entries` that are defined. */
function defined(entries: Json): Json {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

/**
 * The Config API's `recordingGroup` (camelCase) under CloudFormation's names, which the model and
 * the rules use: `AllSupported`, `IncludeGlobalResourceTypes`, `ResourceTypes`,
 * `ExclusionByResourceTypes.ResourceTypes`, `RecordingStrategy.UseOnly`.
 * https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-config-configurationrecorder-recordinggroup.html
 */
function recordingGroup(group: unknown): Json | undefined {
  if (!isJson(group)) return undefined;
  const exclusion = group.exclusionByResourceTypes;
  const strategy = group.recordingStrategy;
  return defined({
    AllSupported: group.allSupported,
    IncludeGlobalResourceTypes: group.includeGlobalResourceTypes,
    ResourceTypes: group.resourceTypes,
    ExclusionByResourceTypes: isJson(exclusion)
      ? defined({ ResourceTypes: exclusion.resourceTypes })
      : undefined,
    RecordingStrategy: isJson(strategy) ? defined({ UseOnly: strategy.useOnly }) : undefined,
  });
}

/** The API's `recordingMode` under CloudFormation's names (`RecordingFrequency`, `RecordingModeOverrides`). */
function recordingMode(mode: unknown): Json | undefined {
  if (!isJson(mode)) return undefined;
  const overrides = Array.isArray(mode.recordingModeOverrides)
    ? mode.recordingModeOverrides.filter(isJson).map((o) =>
        defined({
          Description: o.description,
          RecordingFrequency: o.recordingFrequency,
          ResourceTypes: o.resourceTypes,
        }),
      )
    : undefined;
  return defined({ RecordingFrequency: mode.recordingFrequency, RecordingModeOverrides: overrides });
}

/**
 * AWS Config in the region: `describe-configuration-recorders` (+ status) →
 * `AWS::Config::ConfigurationRecorder` (id = name, `observed.Recording`, `LastStatus`) and
 * `describe-delivery-channels` → `AWS::Config::DeliveryChannel`. The recording group and mode
 * are renamed to CloudFormation's property names.
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
      // Undefined when the status call failed (the runner recorded the gap): then it is not known.
      const statuses = data.items.ConfigurationRecordersStatus;
      const status = new Map((statuses ?? []).map((s) => [s.name, s]));
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
            RecordingGroup: recordingGroup(r.recordingGroup),
            RecordingMode: recordingMode(r.recordingMode),
          },
          observed: {
            Recording:
              statuses === undefined
                ? unresolved(
                    'configservice describe-configuration-recorder-status',
                    'the recorder status was not read',
                  )
                : s?.recording,
            LastStatus: s?.lastStatus,
            LastErrorMessage: s?.lastErrorMessage,
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
