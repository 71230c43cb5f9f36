import { isUnresolved } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';

/**
 * Compliant: the Auto Scaling group launches from an EC2 launch template (`LaunchTemplate`, or
 * one in `MixedInstancesPolicy`), not from a launch configuration. Groups created from an
 * instance name neither and are not applicable.
 */
export default defineRule({
  id: 'autoscaling-group-launch-template-used',
  title: 'Auto Scaling group uses a launch template',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  rationale:
    'Launch configurations are deprecated: new instance types and EC2 features (IMDSv2 defaults, newer volume types, Spot and multiple instance types, capacity reservations) are only available through launch templates, and accounts created since 2023 cannot create launch configurations at all. Launch templates are also versioned, so a change can be rolled out and rolled back.',
  remediation: {
    text: 'Copy the launch configuration to a launch template (the console can do it) and point the group at the template version.',
    cli: "aws autoscaling update-auto-scaling-group --auto-scaling-group-name <asg-name> --launch-template LaunchTemplateId=<lt-id>,Version='$Latest'",
    cloudformation:
      'LaunchTemplate:\n  LaunchTemplateId: !Ref LaunchTemplate\n  Version: !GetAtt LaunchTemplate.LatestVersionNumber',
    terraform:
      'resource "aws_autoscaling_group" "this" {\n  launch_template {\n    id      = aws_launch_template.this.id\n    version = aws_launch_template.this.latest_version\n  }\n}',
  },
  controls: ['aws-fsbp:AutoScaling.9'],
  references: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/migrate-to-launch-templates.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-9',
  ],
  evaluate(group) {
    const who = `Auto Scaling group ${label(group)}`;
    const props = group.props;
    for (const key of ['LaunchTemplate', 'MixedInstancesPolicy', 'LaunchConfigurationName'] as const) {
      if (isUnresolved(props[key])) return error(`${who}: ${describeUnresolved(key, props[key])}.`);
    }
    const mixed = (props.MixedInstancesPolicy as { LaunchTemplate?: unknown } | undefined)?.LaunchTemplate;
    if (props.LaunchTemplate !== undefined || mixed !== undefined) {
      return pass(
        () =>
          `${who} launches from a launch template${mixed !== undefined ? ' (mixed instances policy)' : ''}.`,
      );
    }
    if (typeof props.LaunchConfigurationName === 'string') {
      return fail(`${who} launches from launch configuration ${props.LaunchConfigurationName}.`);
    }
    return notApplicable(() => `${who} names neither a launch template nor a launch configuration.`);
  },
});
