import { UNKNOWN_ACCOUNT, type Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import { coverage, notRecording, RECORDER, statusUnknown } from './recorders.js';

const CHANNEL = 'AWS::Config::DeliveryChannel';

/**
 * Compliant: the configuration recorder records all supported resource types of its region
 * (no inclusion list, no exclusions) and, where its status is known, is recording. In a
 * template, a delivery channel must be declared beside it, because a recorder without one cannot start.
 */
export default defineRule({
  id: 'config-recorder-records-all-resources',
  title: 'AWS Config recorder records all supported resource types',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [RECORDER],
  rationale:
    'AWS Config is the point-in-time record of every resource configuration: what a security group allowed last Tuesday, when a bucket became public. A recorder limited to a list of types, or one that has stopped, leaves the rest unrecorded, and Config rules and Security Hub controls on those types report nothing instead of a failure.',
  remediation: {
    text: 'Record all current and future supported resource types (ALL_SUPPORTED_RESOURCE_TYPES), and start the recorder after its delivery channel exists.',
    cli: 'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=true\naws configservice start-configuration-recorder --configuration-recorder-name default',
    cloudformation:
      'RecordingGroup:\n  AllSupported: true\n  IncludeGlobalResourceTypes: true  # in one region only\n  RecordingStrategy:\n    UseOnly: ALL_SUPPORTED_RESOURCE_TYPES',
    terraform:
      'resource "aws_config_configuration_recorder" "this" {\n  role_arn = aws_iam_role.config.arn\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true\n  }\n}\n\nresource "aws_config_configuration_recorder_status" "this" {\n  name       = aws_config_configuration_recorder.this.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.this]\n}',
  },
  controls: ['aws-fsbp:Config.1'],
  references: [
    'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-config-configurationrecorder-recordinggroup.html',
  ],
  evaluate(recorder, ctx) {
    const who = `AWS Config recorder ${label(recorder)}`;
    const c = coverage(recorder);
    if (!c.known) return error(`${who}: ${c.reason}.`);
    if (c.gap) return fail(`${who} ${c.gap}, so other resource types are not recorded.`);
    const unknown = statusUnknown(recorder);
    if (unknown) return error(`${who} records all supported types, but ${unknown}.`);
    const stopped = notRecording(recorder);
    if (stopped) return fail(`${who} records all supported types but ${stopped}.`);
    // A recorder cannot start without a delivery channel; a template that creates one must create both.
    if (recorder.origin.source === 'cloudformation' || recorder.origin.source === 'terraform') {
      const sameStack = (d: Resource) =>
        d.origin.file === recorder.origin.file ||
        (recorder.account !== UNKNOWN_ACCOUNT &&
          d.account === recorder.account &&
          d.region === recorder.region);
      if (!ctx.graph.find(CHANNEL, sameStack)) {
        return fail(`${who} has no delivery channel beside it, so it cannot start recording.`);
      }
    }
    return pass(
      () => `${who} records all supported resource types${c.global ? ', including global IAM types' : ''}.`,
    );
  },
});
