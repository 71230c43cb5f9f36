import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label } from '../rule.js';
import { judgeMetadataOptions } from './metadata-options.js';
import { LAUNCH_TEMPLATE } from './launch-template.js';

/** How reasons name the launch template: `Launch template <id>`. */
function who(template: Resource): string {
  return `Launch template ${label(template)}`;
}

/**
 * Compliant: the launch template sets `MetadataOptions.HttpTokens: required` (or disables the
 * metadata endpoint), so every instance launched from it requires IMDSv2.
 */
export default defineRule({
  id: 'ec2-launch-template-imdsv2-required',
  title: 'EC2 launch template requires IMDSv2',
  category: 'security',
  severity: 'medium',
  resourceTypes: [LAUNCH_TEMPLATE],
  rationale:
    'Auto Scaling groups, fleets and instances launched from a template inherit its metadata options. A template that leaves HttpTokens unset or optional launches every new instance with IMDSv1 available, so the role credentials of the whole group can be read through a single server-side request forgery; fixing instances one by one is undone at the next scale-out.',
  remediation: {
    text: 'Create a new template version with HttpTokens required, make it the default, and roll the groups that use it.',
    cli: 'aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <version> --launch-template-data \'{"MetadataOptions":{"HttpTokens":"required","HttpEndpoint":"enabled"}}\'',
    cloudformation:
      'LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: required\n    HttpEndpoint: enabled',
    terraform:
      'resource "aws_launch_template" "this" {\n  metadata_options {\n    http_tokens   = "required"\n    http_endpoint = "enabled"\n  }\n}',
  },
  controls: ['aws-fsbp:EC2.170'],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html#configure-IMDS-new-instances-lt',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-170',
  ],
  evaluate(template) {
    const data = template.props.LaunchTemplateData;
    if (isUnresolved(data))
      return error(`${who(template)}: ${describeUnresolved('LaunchTemplateData', data)}.`);
    const options = (data as Record<string, unknown> | undefined)?.MetadataOptions;
    const judged = judgeMetadataOptions(options, template, who, 'LaunchTemplateData.');
    if (judged) return judged;
    return fail(
      `${who(template)} does not require IMDSv2: LaunchTemplateData.MetadataOptions.HttpTokens is not set.`,
    );
  },
});
