import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import recordsAll from '../../../rules/config/config-recorder-records-all-resources.js';
import rsaKeyLength from '../../../rules/acm/acm-certificate-rsa-key-length-sufficient.js';
import { byId, loadPlan, makePlan } from '../fixtures/make-plan.js';

/** A recorder with `recording_group` as the AWS provider plans it (empty nested blocks are lists). */
const recorder = (name: string, group: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  address: `aws_config_configuration_recorder.${name}`,
  after: {
    name,
    role_arn: 'arn:aws:iam::123456789012:role/config',
    recording_group: [
      {
        all_supported: false,
        include_global_resource_types: false,
        resource_types: [],
        exclusion_by_resource_types: [],
        recording_strategy: [],
        ...group,
      },
    ],
    ...more,
  },
});

describe('AWS Config recorders from a plan', () => {
  it('maps the recording strategy, the exclusion list and the recording mode', () => {
    const s = loadPlan(
      makePlan(
        [
          recorder(
            'excluding',
            {
              exclusion_by_resource_types: [{ resource_types: ['AWS::EC2::NetworkInterface'] }],
              recording_strategy: [{ use_only: 'EXCLUSION_BY_RESOURCE_TYPES' }],
            },
            {
              recording_mode: [
                {
                  recording_frequency: 'CONTINUOUS',
                  recording_mode_override: [
                    {
                      description: 'daily is enough',
                      recording_frequency: 'DAILY',
                      resource_types: ['AWS::EC2::Instance'],
                    },
                  ],
                },
              ],
            },
          ),
          recorder('everything', {
            all_supported: true,
            include_global_resource_types: true,
            recording_strategy: [{ use_only: 'ALL_SUPPORTED_RESOURCE_TYPES' }],
          }),
          { address: 'aws_config_delivery_channel.this', after: { s3_bucket_name: 'config-history' } },
        ],
        { region: 'eu-west-1' },
      ),
    );
    const excluding = byId(s, 'aws_config_configuration_recorder.excluding');
    expect(excluding.props.RecordingGroup).toEqual({
      AllSupported: false,
      IncludeGlobalResourceTypes: false,
      ExclusionByResourceTypes: { ResourceTypes: ['AWS::EC2::NetworkInterface'] },
      RecordingStrategy: { UseOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
    });
    expect(excluding.props.RecordingMode).toEqual({
      RecordingFrequency: 'CONTINUOUS',
      RecordingModeOverrides: [
        {
          Description: 'daily is enough',
          RecordingFrequency: 'DAILY',
          ResourceTypes: ['AWS::EC2::Instance'],
        },
      ],
    });

    expect(byId(s, 'aws_config_delivery_channel.this')).toMatchObject({
      type: 'AWS::Config::DeliveryChannel',
      props: { S3BucketName: 'config-history' },
    });

    const { findings } = runRules(s, { rules: [recordsAll] });
    const finding = (id: string) => findings.find((f) => f.resource.id === id);
    expect(finding('aws_config_configuration_recorder.excluding')?.status).toBe('fail');
    expect(finding('aws_config_configuration_recorder.excluding')?.reason).toContain(
      'excludes AWS::EC2::NetworkInterface',
    );
    expect(finding('aws_config_configuration_recorder.everything')?.status).toBe('pass');
  });
});

describe('ACM certificates from Terraform', () => {
  it('leaves the key algorithm of an imported certificate unknown, not ACM’s default', () => {
    const s = loadPlan(
      makePlan([
        {
          address: 'aws_acm_certificate.requested',
          after: { domain_name: 'a.example.com', validation_method: 'DNS' },
        },
        {
          address: 'aws_acm_certificate.imported',
          after: {
            certificate_body: '-----BEGIN CERTIFICATE-----',
            private_key: '-----BEGIN PRIVATE KEY-----',
          },
        },
        {
          address: 'aws_acm_certificate.imported_read',
          after: { certificate_body: '-----BEGIN CERTIFICATE-----', key_algorithm: 'RSA_1024' },
        },
      ]),
    );
    const statuses = Object.fromEntries(
      runRules(s, { rules: [rsaKeyLength] }).findings.map((f) => [f.resource.id, f.status]),
    );
    expect(statuses).toEqual({
      'aws_acm_certificate.requested': 'pass',
      'aws_acm_certificate.imported': 'error',
      'aws_acm_certificate.imported_read': 'fail',
    });
  });
});
