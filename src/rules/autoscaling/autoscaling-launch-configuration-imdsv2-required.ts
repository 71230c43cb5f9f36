import type { Resource } from '../../model/index.js';
import { defineRule, fail, label } from '../rule.js';
import { judgeMetadataOptions } from '../ec2/metadata-options.js';

/** How reasons name the launch configuration: `Launch configuration <id>`. */
function who(config: Resource): string {
  return `Launch configuration ${label(config)}`;
}

/**
 * Compliant: the launch configuration sets `MetadataOptions.HttpTokens: required` (or disables
 * the metadata endpoint), so the instances of its Auto Scaling groups require IMDSv2.
 */
export default defineRule({
  id: 'autoscaling-launch-configuration-imdsv2-required',
  title: 'Auto Scaling launch configuration requires IMDSv2',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::AutoScaling::LaunchConfiguration'],
  rationale:
    "Every instance an Auto Scaling group launches from a launch configuration takes its metadata options from it. Without HttpTokens required, the whole group answers IMDSv1 requests, so a server-side request forgery in the application exposes the instance role's credentials on every instance, and instances fixed by hand are replaced by vulnerable ones at the next scale-out. Launch configurations cannot be edited: a new one (or, better, a launch template) is needed.",
  remediation: {
    text: 'Create a launch template (or a new launch configuration) with HttpTokens required and switch the group to it.',
    cli: 'aws autoscaling create-launch-configuration --launch-configuration-name <name> --image-id <ami-id> --instance-type <type> --metadata-options "HttpTokens=required,HttpEndpoint=enabled"',
    cloudformation: 'MetadataOptions:\n  HttpTokens: required\n  HttpEndpoint: enabled',
    terraform:
      'resource "aws_launch_configuration" "this" {\n  metadata_options {\n    http_tokens   = "required"\n    http_endpoint = "enabled"\n  }\n}',
  },
  controls: ['aws-fsbp:AutoScaling.3'],
  references: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/create-launch-config.html#launch-configurations-imds',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-3',
  ],
  evaluate(config) {
    const judged = judgeMetadataOptions(config.props.MetadataOptions, config, who, '');
    if (judged) return judged;
    return fail(`${who(config)} does not require IMDSv2: MetadataOptions.HttpTokens is not set.`);
  },
});
