/** CloudTrail, CloudWatch, messaging, DNS, certificates and detective services. */
import { isUnresolved, unresolved } from '../../../model/index.js';
import { setProp } from './fold.js';
import {
  compact,
  configuredValue,
  copy,
  isSet,
  mapBlock,
  mapBlocks,
  policyDocument,
  put,
  type Props,
} from './helpers.js';
import type { FoldMapping, TypeMapping } from './types.js';

const trail: TypeMapping = {
  cfnType: 'AWS::CloudTrail::Trail',
  nameProp: 'TrailName',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      name: 'TrailName',
      s3_bucket_name: 'S3BucketName',
      s3_key_prefix: 'S3KeyPrefix',
      include_global_service_events: 'IncludeGlobalServiceEvents',
      is_multi_region_trail: 'IsMultiRegionTrail',
      is_organization_trail: 'IsOrganizationTrail',
      enable_log_file_validation: 'EnableLogFileValidation',
      kms_key_id: 'KMSKeyId',
      cloud_watch_logs_group_arn: 'CloudWatchLogsLogGroupArn',
      cloud_watch_logs_role_arn: 'CloudWatchLogsRoleArn',
      sns_topic_name: 'SnsTopicName',
    });
    // `enable_logging` defaults to true in Terraform; CloudFormation requires IsLogging.
    props.IsLogging = v.enable_logging ?? true;
    put(
      props,
      'EventSelectors',
      mapBlocks(v.event_selector, (s) =>
        compact({
          ReadWriteType: s.read_write_type,
          IncludeManagementEvents: s.include_management_events,
          ExcludeManagementEventSources: s.exclude_management_event_sources,
          DataResources: mapBlocks(s.data_resource, (d) => compact({ Type: d.type, Values: d.values })),
        }),
      ),
    );
    put(
      props,
      'AdvancedEventSelectors',
      mapBlocks(v.advanced_event_selector, (s) =>
        compact({
          Name: s.name,
          FieldSelectors: mapBlocks(s.field_selector, (f) =>
            compact({
              Field: f.field,
              Equals: f.equals,
              NotEquals: f.not_equals,
              StartsWith: f.starts_with,
              NotStartsWith: f.not_starts_with,
              EndsWith: f.ends_with,
              NotEndsWith: f.not_ends_with,
            }),
          ),
        }),
      ),
    );
    put(
      props,
      'InsightSelectors',
      mapBlocks(v.insight_selector, (s) => compact({ InsightType: s.insight_type })),
    );
    return props;
  },
};

const logGroup: TypeMapping = {
  cfnType: 'AWS::Logs::LogGroup',
  nameProp: 'LogGroupName',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { kms_key_id: 'KmsKeyId', log_group_class: 'LogGroupClass' });
    put(props, 'LogGroupName', configuredValue(inst, 'name'));
    // 0 is Terraform's "never expire"; CloudFormation leaves RetentionInDays out for that.
    if (typeof v.retention_in_days === 'number' && v.retention_in_days > 0)
      props.RetentionInDays = v.retention_in_days;
    else if (isUnresolved(v.retention_in_days)) props.RetentionInDays = v.retention_in_days;
    return props;
  },
};

const logResourcePolicy: TypeMapping = {
  cfnType: 'AWS::Logs::ResourcePolicy',
  tags: 'none',
  props: (inst) =>
    put(
      copy(inst.values, { policy_name: 'PolicyName' }),
      'PolicyDocument',
      policyDocument(inst.values.policy_document),
    ),
};

const metricAlarm: TypeMapping = {
  cfnType: 'AWS::CloudWatch::Alarm',
  nameProp: 'AlarmName',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      alarm_name: 'AlarmName',
      alarm_description: 'AlarmDescription',
      metric_name: 'MetricName',
      namespace: 'Namespace',
      statistic: 'Statistic',
      extended_statistic: 'ExtendedStatistic',
      period: 'Period',
      evaluation_periods: 'EvaluationPeriods',
      datapoints_to_alarm: 'DatapointsToAlarm',
      threshold: 'Threshold',
      comparison_operator: 'ComparisonOperator',
      treat_missing_data: 'TreatMissingData',
      actions_enabled: 'ActionsEnabled',
      alarm_actions: 'AlarmActions',
      ok_actions: 'OKActions',
      insufficient_data_actions: 'InsufficientDataActions',
      unit: 'Unit',
    });
    const dims = v.dimensions;
    if (dims && typeof dims === 'object' && !Array.isArray(dims) && !isUnresolved(dims)) {
      const list = Object.entries(dims).map(([Name, Value]) => ({ Name, Value }));
      if (list.length > 0) props.Dimensions = list;
    }
    return props;
  },
};

const snsTopic: TypeMapping = {
  cfnType: 'AWS::SNS::Topic',
  nameProp: 'TopicName',
  props: (inst) => {
    const props = copy(inst.values, {
      display_name: 'DisplayName',
      kms_master_key_id: 'KmsMasterKeyId',
      fifo_topic: 'FifoTopic',
    });
    put(props, 'TopicName', configuredValue(inst, 'name'));
    put(props, 'PolicyDocument', policyDocument(configuredValue(inst, 'policy')));
    return props;
  },
};

const sqsQueue: TypeMapping = {
  cfnType: 'AWS::SQS::Queue',
  nameProp: 'QueueName',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      kms_master_key_id: 'KmsMasterKeyId',
      kms_data_key_reuse_period_seconds: 'KmsDataKeyReusePeriodSeconds',
      sqs_managed_sse_enabled: 'SqsManagedSseEnabled',
      visibility_timeout_seconds: 'VisibilityTimeout',
      message_retention_seconds: 'MessageRetentionPeriod',
      max_message_size: 'MaximumMessageSize',
      delay_seconds: 'DelaySeconds',
      receive_wait_time_seconds: 'ReceiveMessageWaitTimeSeconds',
      fifo_queue: 'FifoQueue',
      content_based_deduplication: 'ContentBasedDeduplication',
    });
    put(props, 'QueueName', configuredValue(inst, 'name'));
    put(props, 'RedrivePolicy', policyDocument(configuredValue(inst, 'redrive_policy')));
    put(props, 'PolicyDocument', policyDocument(configuredValue(inst, 'policy')));
    return props;
  },
};

/** `aws_sqs_queue_policy` / `aws_sns_topic_policy`: the queue's or topic's `PolicyDocument`. */
function policyFold(attribute: string, types: readonly string[], standalone: string): FoldMapping {
  return {
    standaloneType: () => standalone,
    targets: [{ attribute, types }],
    apply: (target, inst, record) =>
      setProp(target.resource.props, 'PolicyDocument', policyDocument(inst.values.policy), record),
  };
}

const hostedZone: TypeMapping = {
  cfnType: 'AWS::Route53::HostedZone',
  global: true,
  nameProp: 'Name',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { name: 'Name' });
    if (isSet(v.comment)) props.HostedZoneConfig = { Comment: v.comment };
    put(
      props,
      'VPCs',
      mapBlocks(v.vpc, (z) =>
        compact({ VPCId: z.vpc_id, VPCRegion: isUnresolved(z.vpc_region) ? undefined : z.vpc_region }),
      ),
    );
    return props;
  },
};

const certificate: TypeMapping = {
  cfnType: 'AWS::CertificateManager::Certificate',
  nameProp: 'DomainName',
  props: (inst) => {
    const props = copy(inst.values, {
      domain_name: 'DomainName',
      subject_alternative_names: 'SubjectAlternativeNames',
      validation_method: 'ValidationMethod',
      key_algorithm: 'KeyAlgorithm',
      certificate_authority_arn: 'CertificateAuthorityArn',
    });
    // An imported certificate (its own body and key) has its key's algorithm, not ACM's default for
    // requested certificates (RSA_2048); `key_algorithm` is then only known once ACM has read it.
    // https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-prerequisites.html
    const imported = inst.values.certificate_body != null || inst.values.private_key != null;
    if (imported && props.KeyAlgorithm === undefined) {
      props.KeyAlgorithm = unresolved(
        `${inst.address}.key_algorithm`,
        'an imported certificate has the algorithm of its own key, which the configuration does not state',
      );
    }
    return props;
  },
};

const guardDutyDetector: TypeMapping = {
  cfnType: 'AWS::GuardDuty::Detector',
  props: (inst) => {
    const props: Props = { Enable: inst.values.enable ?? true };
    put(props, 'FindingPublishingFrequency', configuredValue(inst, 'finding_publishing_frequency'));
    return props;
  },
};

const configRecorder: TypeMapping = {
  cfnType: 'AWS::Config::ConfigurationRecorder',
  tags: 'none',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { name: 'Name', role_arn: 'RoleARN' });
    put(
      props,
      'RecordingGroup',
      // The nested blocks carry the strategy: an exclusion list leaves AllSupported false.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-config-configurationrecorder-recordinggroup.html
      mapBlock(v.recording_group, (g) =>
        compact({
          AllSupported: g.all_supported,
          IncludeGlobalResourceTypes: g.include_global_resource_types,
          ResourceTypes: g.resource_types,
          ExclusionByResourceTypes: mapBlock(g.exclusion_by_resource_types, (e) =>
            compact({ ResourceTypes: e.resource_types }),
          ),
          RecordingStrategy: mapBlock(g.recording_strategy, (r) => compact({ UseOnly: r.use_only })),
        }),
      ),
    );
    put(
      props,
      'RecordingMode',
      mapBlock(v.recording_mode, (m) =>
        compact({
          RecordingFrequency: m.recording_frequency,
          RecordingModeOverrides: mapBlocks(m.recording_mode_override, (o) =>
            compact({
              Description: o.description,
              RecordingFrequency: o.recording_frequency,
              ResourceTypes: o.resource_types,
            }),
          ),
        }),
      ),
    );
    return props;
  },
};

/** The recorder rule looks for a channel beside a planned recorder: one cannot start without it. */
const configDeliveryChannel: TypeMapping = {
  cfnType: 'AWS::Config::DeliveryChannel',
  tags: 'none',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      name: 'Name',
      s3_bucket_name: 'S3BucketName',
      s3_key_prefix: 'S3KeyPrefix',
      s3_kms_key_arn: 'S3KmsKeyArn',
      sns_topic_arn: 'SnsTopicARN',
    });
    put(
      props,
      'ConfigSnapshotDeliveryProperties',
      mapBlock(v.snapshot_delivery_properties, (d) => compact({ DeliveryFrequency: d.delivery_frequency })),
    );
    return props;
  },
};

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_cloudtrail: trail,
  aws_cloudwatch_log_group: logGroup,
  aws_cloudwatch_log_resource_policy: logResourcePolicy,
  aws_cloudwatch_metric_alarm: metricAlarm,
  aws_sns_topic: snsTopic,
  aws_sqs_queue: sqsQueue,
  aws_route53_zone: hostedZone,
  aws_acm_certificate: certificate,
  aws_guardduty_detector: guardDutyDetector,
  aws_config_configuration_recorder: configRecorder,
  aws_config_delivery_channel: configDeliveryChannel,
};

export const foldMappings: Readonly<Record<string, FoldMapping>> = {
  aws_sqs_queue_policy: policyFold('queue_url', ['aws_sqs_queue'], 'AWS::SQS::QueuePolicy'),
  aws_sns_topic_policy: policyFold('arn', ['aws_sns_topic'], 'AWS::SNS::TopicPolicy'),
};
