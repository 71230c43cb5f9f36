import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import type { AnyRule } from '../../../rules/rule.js';
import imdsv2 from '../../../rules/ec2/ec2-launch-template-imdsv2-required.js';
import noPublicIp from '../../../rules/ec2/ec2-instance-no-public-ip.js';
import lcImdsv2 from '../../../rules/autoscaling/autoscaling-launch-configuration-imdsv2-required.js';
import { byId, loadPlan, makePlan, ref } from '../fixtures/make-plan.js';

describe('instances', () => {
  it('keeps the existing interfaces and the launch template an instance launches with', () => {
    const s = loadPlan(
      makePlan([
        {
          address: 'aws_instance.eni',
          after: {
            ami: 'ami-0abcdef1234567890',
            network_interface: [{ device_index: 0, network_interface_id: 'eni-0123456789abcdef0' }],
          },
        },
        {
          address: 'aws_instance.lt',
          after: { launch_template: [{ id: 'lt-0123456789abcdef0', name: '', version: '$Latest' }] },
        },
      ]),
    );
    expect(byId(s, 'aws_instance.eni').props.NetworkInterfaces).toEqual([
      { DeviceIndex: '0', NetworkInterfaceId: 'eni-0123456789abcdef0' },
    ]);
    expect(byId(s, 'aws_instance.lt').props.LaunchTemplate).toEqual({
      LaunchTemplateId: 'lt-0123456789abcdef0',
      Version: '$Latest',
    });
  });
});

describe('launch templates', () => {
  it('maps aws_launch_template to LaunchTemplateData, which the IMDSv2 and public-IP rules read', () => {
    const s = loadPlan(
      makePlan(
        [
          {
            address: 'aws_launch_template.PassTokensRequired',
            after: {
              name: 'web',
              image_id: 'ami-0abcdef1234567890',
              metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled' }],
              network_interfaces: [{ device_index: 0, associate_public_ip_address: 'false' }],
            },
            unknown: { id: true },
          },
          {
            address: 'aws_launch_template.FailTokensOptional',
            after: {
              name: 'legacy',
              metadata_options: [{ http_tokens: 'optional' }],
              network_interfaces: [{ device_index: 0, associate_public_ip_address: 'true' }],
            },
            unknown: { id: true },
          },
          {
            address: 'aws_instance.from_legacy',
            after: { launch_template: [{ version: '$Latest' }] },
            unknown: { id: true, launch_template: [{ id: true }] },
            expressions: {
              launch_template: [
                {
                  id: ref(
                    'aws_launch_template.FailTokensOptional.id',
                    'aws_launch_template.FailTokensOptional',
                  ),
                  version: { constant_value: '$Latest' },
                },
              ],
            },
          },
        ],
        { region: 'eu-west-1' },
      ),
    );
    const template = byId(s, 'aws_launch_template.PassTokensRequired');
    expect(template.type).toBe('AWS::EC2::LaunchTemplate');
    expect(template.props.LaunchTemplateData).toMatchObject({
      ImageId: 'ami-0abcdef1234567890',
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      NetworkInterfaces: [{ DeviceIndex: '0', AssociatePublicIpAddress: false }],
    });
    const status = (rule: AnyRule) =>
      Object.fromEntries(runRules(s, { rules: [rule] }).findings.map((f) => [f.resource.id, f.status]));
    expect(status(imdsv2)).toEqual({
      'aws_launch_template.PassTokensRequired': 'pass',
      'aws_launch_template.FailTokensOptional': 'fail',
    });
    // The instance launches from the template whose primary interface asks for a public IP.
    expect(status(noPublicIp)).toEqual({ 'aws_instance.from_legacy': 'fail' });
  });
});

describe('launch configurations', () => {
  it('maps aws_launch_configuration, with its metadata options, for the IMDSv2 rule', () => {
    const lc = (name: string, extra: Record<string, unknown>) => ({
      address: `aws_launch_configuration.${name}`,
      after: { name, image_id: 'ami-0abcdef1234567890', instance_type: 'm5.large', ...extra },
      unknown: { id: true, arn: true },
    });
    const s = loadPlan(
      makePlan([
        lc('required', { metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled' }] }),
        lc('unset', {}),
      ]),
    );
    const required = byId(s, 'aws_launch_configuration.required');
    expect(required.type).toBe('AWS::AutoScaling::LaunchConfiguration');
    expect(required.props).toMatchObject({
      InstanceType: 'm5.large',
      MetadataOptions: { HttpTokens: 'required' },
    });
    const statuses = Object.fromEntries(
      runRules(s, { rules: [lcImdsv2] }).findings.map((f) => [f.resource.id, f.status]),
    );
    expect(statuses).toEqual({
      'aws_launch_configuration.required': 'pass',
      'aws_launch_configuration.unset': 'fail',
    });
  });
});
