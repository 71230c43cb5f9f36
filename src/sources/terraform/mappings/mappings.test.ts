import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../../model/index.js';
import { loadPlan, makePlan, ref, type PlanResource } from '../fixtures/make-plan.js';
import { FOLD_MAPPINGS, TYPE_MAPPINGS } from './index.js';

const load = (resources: PlanResource[]) => loadPlan(makePlan(resources, { region: 'eu-west-1' }));
const byId = (s: Snapshot, id: string): Resource => {
  const r = s.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id} in ${s.resources.map((x) => x.id).join(', ')}`);
  return r;
};
const rule = (over: Record<string, unknown>) => ({
  cidr_blocks: [],
  description: '',
  from_port: 0,
  ipv6_cidr_blocks: [],
  prefix_list_ids: [],
  protocol: 'tcp',
  security_groups: [],
  self: false,
  to_port: 0,
  ...over,
});

describe('the mapping table', () => {
  it('maps each Terraform type once, to a CloudFormation or model-only type', () => {
    for (const type of TYPE_MAPPINGS.keys()) expect(FOLD_MAPPINGS.has(type)).toBe(false);
    for (const m of TYPE_MAPPINGS.values()) expect(m.cfnType).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
    expect(TYPE_MAPPINGS.size).toBeGreaterThan(60);
  });
});

describe('security groups', () => {
  it('splits Terraform rules into one CloudFormation rule per peer', () => {
    const s = load([
      {
        address: 'aws_security_group.web',
        after: {
          name: 'web',
          description: 'Web',
          vpc_id: 'vpc-0123456789abcdef0',
          ingress: [
            rule({
              from_port: 443,
              to_port: 443,
              cidr_blocks: ['0.0.0.0/0', '10.0.0.0/8'],
              ipv6_cidr_blocks: ['::/0'],
              description: 'https',
            }),
            rule({
              from_port: 22,
              to_port: 22,
              security_groups: ['sg-0aaaaaaaaaaaaaaaa'],
              prefix_list_ids: ['pl-12345678'],
              self: true,
            }),
          ],
          egress: [rule({ protocol: '-1', cidr_blocks: ['0.0.0.0/0'] })],
        },
      },
    ]);
    const sg = byId(s, 'aws_security_group.web');
    expect(sg.props.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'https' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8', Description: 'https' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0', Description: 'https' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourcePrefixListId: 'pl-12345678' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: 'sg-0aaaaaaaaaaaaaaaa' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: 'aws_security_group.web' },
    ]);
    expect(sg.props.SecurityGroupEgress).toEqual([
      { IpProtocol: '-1', FromPort: 0, ToPort: 0, CidrIp: '0.0.0.0/0' },
    ]);
  });

  it('folds standalone rules, and keeps one whose group is not in the plan, with a gap', () => {
    const s = load([
      {
        address: 'aws_security_group.db',
        after: { name: 'db', description: 'db' },
        unknown: { id: true, egress: true },
      },
      {
        address: 'aws_security_group_rule.from_app',
        after: {
          type: 'ingress',
          protocol: 'tcp',
          from_port: 5432,
          to_port: 5432,
          cidr_blocks: ['10.0.1.0/24', '10.0.2.0/24'],
        },
        unknown: { security_group_id: true },
        expressions: {
          type: { constant_value: 'ingress' },
          protocol: { constant_value: 'tcp' },
          from_port: { constant_value: 5432 },
          to_port: { constant_value: 5432 },
          cidr_blocks: { constant_value: ['10.0.1.0/24', '10.0.2.0/24'] },
          security_group_id: ref('aws_security_group.db.id', 'aws_security_group.db'),
        },
      },
      {
        address: 'aws_security_group_rule.elsewhere',
        after: {
          type: 'egress',
          protocol: '-1',
          from_port: 0,
          to_port: 0,
          cidr_blocks: ['0.0.0.0/0'],
          security_group_id: 'sg-0bbbbbbbbbbbbbbbb',
        },
      },
    ]);
    const db = byId(s, 'aws_security_group.db');
    expect(db.props.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '10.0.1.0/24' },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '10.0.2.0/24' },
    ]);
    expect(db.props.SecurityGroupEgress).toEqual([]);
    expect(db.props.$folds).toMatchObject([
      {
        property: 'SecurityGroupIngress',
        index: 0,
        logicalId: 'aws_security_group_rule.from_app',
        type: 'AWS::EC2::SecurityGroupIngress',
      },
      { property: 'SecurityGroupIngress', index: 1, logicalId: 'aws_security_group_rule.from_app' },
    ]);
    const kept = byId(s, 'aws_security_group_rule.elsewhere');
    expect(kept).toMatchObject({
      type: 'AWS::EC2::SecurityGroupEgress',
      props: { GroupId: 'sg-0bbbbbbbbbbbbbbbb', IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
    });
    expect(s.coverage).toMatchObject([
      { kind: 'missing-reference', resourceId: 'aws_security_group_rule.elsewhere' },
    ]);
    expect(s.resources.map((r) => r.id)).not.toContain('aws_security_group_rule.from_app');
  });
});

describe('network ACLs and route tables', () => {
  it('writes NACL entries with numeric protocols, port ranges only for TCP/UDP and ICMP codes', () => {
    const s = load([
      {
        address: 'aws_network_acl.public',
        after: {
          vpc_id: 'vpc-0123456789abcdef0',
          subnet_ids: ['subnet-0123456789abcdef0'],
          ingress: [
            {
              rule_no: 100,
              action: 'allow',
              protocol: 'tcp',
              cidr_block: '0.0.0.0/0',
              from_port: 443,
              to_port: 443,
              icmp_code: 0,
              icmp_type: 0,
            },
            {
              rule_no: 200,
              action: 'deny',
              protocol: '-1',
              cidr_block: '0.0.0.0/0',
              from_port: 0,
              to_port: 0,
            },
          ],
          egress: [
            {
              rule_no: 100,
              action: 'allow',
              protocol: 'icmp',
              cidr_block: '0.0.0.0/0',
              from_port: 0,
              to_port: 0,
              icmp_code: -1,
              icmp_type: 8,
            },
          ],
        },
      },
      {
        address: 'aws_network_acl_rule.udp',
        after: {
          network_acl_id: 'aws_network_acl.public',
          rule_number: 300,
          egress: false,
          protocol: '17',
          rule_action: 'ALLOW',
          cidr_block: '10.0.0.0/8',
          from_port: 53,
          to_port: 53,
        },
      },
    ]);
    expect(byId(s, 'aws_network_acl.public').props).toMatchObject({
      Entries: [
        {
          RuleNumber: 100,
          Protocol: 6,
          RuleAction: 'allow',
          Egress: false,
          CidrBlock: '0.0.0.0/0',
          PortRange: { From: 443, To: 443 },
        },
        { RuleNumber: 200, Protocol: -1, RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
        {
          RuleNumber: 100,
          Protocol: 1,
          RuleAction: 'allow',
          Egress: true,
          CidrBlock: '0.0.0.0/0',
          Icmp: { Code: -1, Type: 8 },
        },
        {
          RuleNumber: 300,
          Protocol: 17,
          RuleAction: 'allow',
          Egress: false,
          CidrBlock: '10.0.0.0/8',
          PortRange: { From: 53, To: 53 },
        },
      ],
      Associations: [{ SubnetId: 'subnet-0123456789abcdef0' }],
    });
    expect((byId(s, 'aws_network_acl.public').props.Entries as object[])[1]).not.toHaveProperty('PortRange');
  });

  it('keeps inline routes with only the keys that are set, and marks the main association', () => {
    const s = load([
      {
        address: 'aws_route_table.private',
        after: {
          vpc_id: 'vpc-0123456789abcdef0',
          route: [
            {
              cidr_block: '0.0.0.0/0',
              nat_gateway_id: 'nat-0123456789abcdef0',
              gateway_id: '',
              ipv6_cidr_block: null,
            },
          ],
        },
      },
      {
        address: 'aws_main_route_table_association.m',
        after: { vpc_id: 'vpc-0123456789abcdef0', route_table_id: 'aws_route_table.private' },
      },
    ]);
    expect(byId(s, 'aws_route_table.private').props).toMatchObject({
      Routes: [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123456789abcdef0' }],
      Associations: [{ Main: true }],
    });
  });
});

describe('S3', () => {
  it('maps the pre-4.0 inline blocks to the bucket props', () => {
    const s = load([
      {
        address: 'aws_s3_bucket.legacy',
        after: {
          bucket: 'legacy',
          acl: 'log-delivery-write',
          versioning: [{ enabled: true, mfa_delete: false }],
          logging: [{ target_bucket: 'logs', target_prefix: 'legacy/' }],
          server_side_encryption_configuration: [
            {
              rule: [
                {
                  apply_server_side_encryption_by_default: [
                    { sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/s3' },
                  ],
                  bucket_key_enabled: true,
                },
              ],
            },
          ],
          lifecycle_rule: [
            {
              id: 'expire',
              enabled: true,
              prefix: 'tmp/',
              expiration: [{ days: 7 }],
              noncurrent_version_expiration: [{ days: 30 }],
            },
          ],
          website: [{ index_document: 'index.html', error_document: 'error.html' }],
          policy: '{"Version":"2012-10-17","Statement":[]}',
        },
      },
    ]);
    expect(byId(s, 'aws_s3_bucket.legacy').props).toEqual({
      BucketName: 'legacy',
      AccessControl: 'LogDeliveryWrite',
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: 'logs', LogFilePrefix: 'legacy/' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/s3' },
            BucketKeyEnabled: true,
          },
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'expire',
            Status: 'Enabled',
            Prefix: 'tmp/',
            ExpirationInDays: 7,
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          },
        ],
      },
      WebsiteConfiguration: { IndexDocument: 'index.html', ErrorDocument: 'error.html' },
      PolicyDocument: { Version: '2012-10-17', Statement: [] },
    });
  });

  it('folds split resources found by literal bucket name, and keeps those for buckets elsewhere', () => {
    const s = load([
      { address: 'aws_s3_bucket.b', after: { bucket: 'named' } },
      {
        address: 'aws_s3_bucket_versioning.b',
        after: { bucket: 'named', versioning_configuration: [{ status: 'Suspended' }] },
      },
      {
        address: 'aws_s3_bucket_policy.b',
        after: { bucket: 'named', policy: '{"Statement":[{"Effect":"Deny"}]}' },
      },
      {
        address: 'aws_s3_bucket_notification.b',
        after: {
          bucket: 'named',
          queue: [
            {
              queue_arn: 'arn:aws:sqs:eu-west-1:111122223333:q',
              events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'],
              filter_prefix: 'in/',
            },
          ],
        },
      },
      { address: 'aws_s3_bucket_policy.other', after: { bucket: 'not-here', policy: '{"Statement":[]}' } },
      {
        address: 'aws_s3_bucket_ownership_controls.other',
        after: { bucket: 'not-here', rule: [{ object_ownership: 'BucketOwnerEnforced' }] },
      },
    ]);
    const b = byId(s, 'aws_s3_bucket.b');
    expect(b.props.VersioningConfiguration).toEqual({ Status: 'Suspended' });
    expect(b.props.PolicyDocument).toEqual({ Statement: [{ Effect: 'Deny' }] });
    const filter = { S3Key: { Rules: [{ Name: 'prefix', Value: 'in/' }] } };
    expect(b.props.NotificationConfiguration).toEqual({
      QueueConfigurations: [
        { Event: 's3:ObjectCreated:*', Queue: 'arn:aws:sqs:eu-west-1:111122223333:q', Filter: filter },
        { Event: 's3:ObjectRemoved:*', Queue: 'arn:aws:sqs:eu-west-1:111122223333:q', Filter: filter },
      ],
    });
    expect(byId(s, 'aws_s3_bucket_policy.other')).toMatchObject({
      type: 'AWS::S3::BucketPolicy',
      props: { Bucket: 'not-here', PolicyDocument: { Statement: [] } },
    });
    expect(byId(s, 'aws_s3_bucket_ownership_controls.other').type).toBe(
      'Terraform::aws_s3_bucket_ownership_controls',
    );
    expect(s.coverage.filter((g) => g.kind === 'missing-reference')).toHaveLength(2);
  });

  it('maps the account-level public access block to its model-only type', () => {
    const s = load([
      {
        address: 'aws_s3_account_public_access_block.this',
        after: {
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: false,
          restrict_public_buckets: false,
        },
      },
    ]);
    expect(byId(s, 'aws_s3_account_public_access_block.this')).toMatchObject({
      type: 'AWS::S3::AccountPublicAccessBlock',
      region: 'global',
      props: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: false,
        RestrictPublicBuckets: false,
      },
    });
  });
});

describe('IAM', () => {
  it('folds inline policies and attachments; a customer managed policy attaches by its address', () => {
    const s = load([
      {
        address: 'aws_iam_role.app',
        after: {
          name: 'app',
          assume_role_policy: '{"Statement":[]}',
          inline_policy: [{ name: 'inline', policy: '{"Statement":[1]}' }],
        },
      },
      {
        address: 'aws_iam_policy.custom',
        after: { name: 'custom', policy: '{"Statement":[2]}' },
        unknown: { arn: true },
      },
      {
        address: 'aws_iam_role_policy.extra',
        after: { role: 'app', name: 'extra', policy: '{"Statement":[3]}' },
      },
      {
        address: 'aws_iam_role_policy_attachment.custom',
        after: { role: 'app' },
        unknown: { policy_arn: true },
        expressions: {
          role: { constant_value: 'app' },
          policy_arn: ref('aws_iam_policy.custom.arn', 'aws_iam_policy.custom'),
        },
      },
      {
        address: 'aws_iam_policy_attachment.shared',
        after: {
          name: 'shared',
          roles: ['app', 'external-role'],
          policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        },
      },
    ]);
    const role = byId(s, 'aws_iam_role.app');
    expect(role.props.Policies).toEqual([
      { PolicyName: 'inline', PolicyDocument: { Statement: [1] } },
      { PolicyName: 'extra', PolicyDocument: { Statement: [3] } },
    ]);
    expect(role.props.ManagedPolicyArns).toEqual([
      'aws_iam_policy.custom',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(byId(s, 'aws_iam_policy.custom')).toMatchObject({
      type: 'AWS::IAM::ManagedPolicy',
      region: 'global',
    });
    expect(s.coverage).toMatchObject([
      {
        kind: 'missing-reference',
        resourceId: 'aws_iam_policy_attachment.shared',
        message: expect.stringMatching(/external-role/),
      },
    ]);
    expect(s.resources.map((r) => r.id).sort()).toEqual(['aws_iam_policy.custom', 'aws_iam_role.app']);
  });
});

describe('other services', () => {
  it('maps DynamoDB keys, recovery and encryption', () => {
    const s = load([
      {
        address: 'aws_dynamodb_table.t',
        after: {
          name: 'orders',
          billing_mode: 'PAY_PER_REQUEST',
          hash_key: 'pk',
          range_key: 'sk',
          read_capacity: 0,
          attribute: [
            { name: 'pk', type: 'S' },
            { name: 'sk', type: 'S' },
          ],
          point_in_time_recovery: [{ enabled: true }],
          server_side_encryption: [
            { enabled: true, kms_key_arn: 'arn:aws:kms:eu-west-1:111122223333:key/k' },
          ],
        },
      },
    ]);
    expect(byId(s, 'aws_dynamodb_table.t').props).toEqual({
      TableName: 'orders',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k',
      },
    });
  });

  it('maps load balancer scheme and attributes, and listener actions', () => {
    const s = load([
      {
        address: 'aws_lb.web',
        after: {
          name: 'web',
          internal: false,
          load_balancer_type: 'application',
          drop_invalid_header_fields: true,
          access_logs: [{ bucket: 'logs', enabled: true, prefix: '' }],
        },
      },
      {
        address: 'aws_lb_listener.http',
        after: {
          load_balancer_arn: 'aws_lb.web',
          port: 80,
          protocol: 'HTTP',
          default_action: [
            { type: 'redirect', redirect: [{ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' }] },
          ],
        },
      },
    ]);
    expect(byId(s, 'aws_lb.web').props).toMatchObject({
      Name: 'web',
      Type: 'application',
      Scheme: 'internet-facing',
      LoadBalancerAttributes: [
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: 'logs' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
      ],
    });
    expect(byId(s, 'aws_lb_listener.http').props.DefaultActions).toEqual([
      { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
    ]);
  });

  it('keeps unmapped types with raw values and one gap per type', () => {
    const s = load([
      { address: 'google_compute_network.a', after: { name: 'a' } },
      { address: 'google_compute_network.b', after: { name: 'b' } },
      { address: 'aws_codebuild_project.p', after: { name: 'p' } },
    ]);
    expect(byId(s, 'google_compute_network.a')).toMatchObject({
      type: 'Terraform::google_compute_network',
      props: { name: 'a' },
      region: 'unknown',
    });
    expect(s.coverage.map((g) => [g.kind, g.resourceType])).toEqual([
      ['unsupported-type', 'Terraform::google_compute_network'],
      ['unsupported-type', 'Terraform::aws_codebuild_project'],
    ]);
    expect(s.coverage[0]?.message).toMatch(/not an AWS resource .*2 resources/);
  });
});
