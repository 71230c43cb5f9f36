import { defineRule, error, fail, label, pass } from '../rule.js';
import { unreadReason } from '../unread.js';
import { listText, memberRegions, ORG_ACCOUNT } from './accounts.js';
import { coverage, notRecording, RECORDER, statusUnknown } from './recorders.js';

/**
 * Compliant: in every region where the snapshot holds resources of the member account, a
 * configuration recorder records all supported resource types and is not stopped, and at least
 * one of them records the global IAM resource types.
 */
export default defineRule({
  id: 'config-account-recording-all-regions',
  title: 'Account records its configuration with AWS Config in every region it uses',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [ORG_ACCOUNT],
  rationale:
    'Configuration history and Config rules exist only where a recorder runs. A region without one, typically the DR region or one used once for a test, has no record of what was created there and when, and Security Hub controls backed by Config report nothing for it. IAM users, roles and policies are recorded only by a recorder that includes the global resource types.',
  remediation: {
    text: 'Deploy a recorder and delivery channel to every region of every account (AWS Config through a CloudFormation StackSet, or Control Tower), recording all supported types; include the global IAM types in one region.',
    cli: 'aws configservice put-configuration-recorder --region <region> --configuration-recorder name=default,roleARN=<role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=<true-in-one-region>\naws configservice put-delivery-channel --region <region> --delivery-channel name=default,s3BucketName=<config-bucket>\naws configservice start-configuration-recorder --region <region> --configuration-recorder-name default',
    cloudformation:
      '# Deploy through a StackSet to every account and region\nType: AWS::Config::ConfigurationRecorder\nProperties:\n  RoleARN: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig\n  RecordingGroup:\n    AllSupported: true\n    IncludeGlobalResourceTypes: !Equals [!Ref AWS::Region, us-east-1]',
    terraform:
      'resource "aws_config_configuration_recorder" "this" {\n  for_each = toset(var.regions)  # one provider per region in practice\n  role_arn = aws_iam_service_linked_role.config.arn\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = each.key == "us-east-1"\n  }\n}',
  },
  controls: ['cis-aws-v5.0:3.3', 'aws-fsbp:Config.1'],
  references: [
    'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html',
  ],
  evaluate(account, ctx) {
    const member = memberRegions(account, ctx.graph);
    if (!('id' in member)) return member;
    const { id, who, regions } = member;
    const recorders = ctx.graph.inAccount(RECORDER, id);
    const missing: string[] = [];
    const partial: string[] = [];
    const unknown: string[] = [];
    let global = false;
    for (const region of regions) {
      const here = recorders.filter((r) => r.region === region);
      if (here.length === 0) {
        // A region whose recorders could not be listed may have one: not known, not missing.
        const unread = unreadReason(ctx.graph, RECORDER, id, region);
        if (unread) unknown.push(`${region}: whether a recorder runs there is not known (${unread})`);
        else missing.push(region);
        continue;
      }
      const problems: string[] = [];
      let ok = false;
      for (const r of here) {
        const c = coverage(r);
        if (!c.known) {
          unknown.push(`${region}: ${c.reason}`);
          continue;
        }
        global ||= c.global;
        const status = c.gap ? undefined : statusUnknown(r);
        if (status) {
          unknown.push(`${region}: ${label(r)} ${status}`);
          continue;
        }
        const shortfall = c.gap ?? notRecording(r);
        if (shortfall) problems.push(`${region}: ${label(r)} ${shortfall}`);
        else ok = true;
      }
      if (!ok) partial.push(...problems);
    }
    const gaps: string[] = [];
    if (missing.length > 0) gaps.push(`no recorder in ${listText(missing)}`);
    gaps.push(...partial);
    if (gaps.length > 0)
      return fail(`${who} is not recorded by AWS Config everywhere it has resources: ${gaps.join('; ')}.`);
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    if (!global) {
      return fail(
        `${who} has recorders in ${listText(regions)}, but none records the global IAM resource types (IncludeGlobalResourceTypes).`,
      );
    }
    return pass(
      () =>
        `${who} records all resource types with AWS Config in ${listText(regions)}, including global IAM types.`,
    );
  },
});
