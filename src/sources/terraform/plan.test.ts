import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError, isUnresolved, type Resource, type Snapshot } from '../../model/index.js';
import { loadPlan, makePlan, ref } from './fixtures/make-plan.js';
import { terraformSource } from './index.js';
import { readPlanText } from './plan.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const byId = (s: Snapshot, id: string): Resource => {
  const r = s.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id} in ${s.resources.map((x) => x.id).join(', ')}`);
  return r;
};

describe('state JSON', () => {
  it('links physical ids to addresses and takes account and region from ARNs', async () => {
    const s = await terraformSource.load(fixture('state.json'), {});
    expect(s.resources.map((r) => r.id)).toEqual([
      'aws_vpc.main',
      'aws_subnet.app[0]',
      'aws_security_group.app',
      'aws_instance.app',
      'aws_s3_bucket.logs',
      'aws_s3_bucket.data',
    ]);
    const subnet = byId(s, 'aws_subnet.app[0]');
    expect(subnet.props.VpcId).toBe('aws_vpc.main');
    expect(subnet.account).toBe('123456789012');
    expect(subnet.region).toBe('eu-west-1');
    expect(subnet.arn).toBe('arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0123456789abcdef0');
    const vpc = byId(s, 'aws_vpc.main');
    // tags_all includes the provider's default tags.
    expect(vpc.tags).toEqual({ Name: 'prod', team: 'net' });
    const sg = byId(s, 'aws_security_group.app');
    expect(sg.props.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: 'aws_security_group.app' },
    ]);
    expect(sg.props.SecurityGroupEgress).toEqual([]);
    const instance = byId(s, 'aws_instance.app');
    expect(instance.observed).toEqual({ State: 'running', PrivateIpAddress: '10.1.1.10' });
    expect(instance.props.NetworkInterfaces).toEqual([
      {
        DeviceIndex: '0',
        AssociatePublicIpAddress: false,
        SubnetId: 'aws_subnet.app[0]',
        GroupSet: ['aws_security_group.app'],
      },
    ]);
    expect(instance.props.MetadataOptions).toEqual({
      HttpTokens: 'required',
      HttpEndpoint: 'enabled',
      HttpPutResponseHopLimit: 1,
      InstanceMetadataTags: 'disabled',
    });
    expect(instance.props.BlockDeviceMappings).toMatchObject([
      { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 8 } },
    ]);
    // Versioning never enabled: no VersioningConfiguration (Suspended would mean it once was).
    expect(byId(s, 'aws_s3_bucket.logs').props).toEqual({ BucketName: 'prod-logs-123' });
    // A bucket named where an attribute names a bucket links to that bucket's address.
    expect(byId(s, 'aws_s3_bucket.data').props).toEqual({
      BucketName: 'prod-data-123',
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: 'aws_s3_bucket.logs', LogFilePrefix: 'data/' },
    });
    expect(s.coverage).toEqual([]);
  });
});

describe('plan references', () => {
  it('resolves unknown values through module variables and outputs', () => {
    const plan = makePlan([
      { address: 'aws_vpc.main', after: { cidr_block: '10.0.0.0/16' }, unknown: { id: true } },
      {
        address: 'module.net.aws_subnet.a',
        after: { cidr_block: '10.0.1.0/24' },
        unknown: { id: true, vpc_id: true },
      },
      {
        address: 'aws_security_group.web',
        after: { name: 'web', description: 'd' },
        unknown: { vpc_id: true },
        expressions: { name: { constant_value: 'web' }, vpc_id: ref('module.net.vpc_id') },
      },
    ]);
    (plan.configuration as { root_module: Record<string, unknown> }).root_module.module_calls = {
      net: {
        source: './net',
        expressions: { vpc: ref('aws_vpc.main.id', 'aws_vpc.main') },
        module: {
          resources: [
            {
              address: 'aws_subnet.a',
              mode: 'managed',
              type: 'aws_subnet',
              name: 'a',
              provider_config_key: 'net:aws',
              expressions: { cidr_block: { constant_value: '10.0.1.0/24' }, vpc_id: ref('var.vpc') },
            },
          ],
          outputs: { vpc_id: { expression: ref('var.vpc') } },
          variables: { vpc: {} },
        },
      },
    };
    const s = loadPlan(plan);
    expect(byId(s, 'module.net.aws_subnet.a').props.VpcId).toBe('aws_vpc.main');
    expect(byId(s, 'aws_security_group.web').props.VpcId).toBe('aws_vpc.main');
  });

  it('picks the instance with the same count index or for_each key', () => {
    const s = loadPlan(
      makePlan([
        { address: 'aws_vpc.v[0]', unknown: { id: true }, expressions: {} },
        { address: 'aws_vpc.v[1]', unknown: { id: true }, expressions: {} },
        {
          address: 'aws_subnet.s[0]',
          unknown: { vpc_id: true },
          expressions: { vpc_id: ref('aws_vpc.v', 'count.index') },
        },
        {
          address: 'aws_subnet.s[1]',
          unknown: { vpc_id: true },
          expressions: { vpc_id: ref('aws_vpc.v', 'count.index') },
        },
        { address: 'aws_subnet.t', unknown: { vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.v') } },
      ]),
    );
    expect(byId(s, 'aws_subnet.s[0]').props.VpcId).toBe('aws_vpc.v[0]');
    expect(byId(s, 'aws_subnet.s[1]').props.VpcId).toBe('aws_vpc.v[1]');
    // Both instances and no key to choose by: not a single value.
    expect(isUnresolved(byId(s, 'aws_subnet.t').props.VpcId)).toBe(false);
    expect(byId(s, 'aws_subnet.t').props.VpcId).toEqual(['aws_vpc.v[0]', 'aws_vpc.v[1]']);
  });

  it('maps list elements written as separate references, in order', () => {
    const s = loadPlan(
      makePlan([
        { address: 'aws_security_group.a', after: { name: 'a' }, unknown: { id: true } },
        { address: 'aws_security_group.b', after: { name: 'b' }, unknown: { id: true } },
        {
          address: 'aws_instance.x',
          after: { ami: 'ami-1', vpc_security_group_ids: [null, null] },
          unknown: { vpc_security_group_ids: [true, true] },
          expressions: {
            ami: { constant_value: 'ami-1' },
            vpc_security_group_ids: ref(
              'aws_security_group.a.id',
              'aws_security_group.a',
              'aws_security_group.b.id',
              'aws_security_group.b',
            ),
          },
        },
      ]),
    );
    expect(byId(s, 'aws_instance.x').props.SecurityGroupIds).toEqual([
      'aws_security_group.a',
      'aws_security_group.b',
    ]);
  });

  it('matches set elements to the blocks that wrote them, not by position', () => {
    const rule = (port: number, more: Record<string, unknown>) => ({
      from_port: port,
      to_port: port,
      protocol: 'tcp',
      cidr_blocks: [],
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      security_groups: [],
      self: false,
      description: '',
      ...more,
    });
    const s = loadPlan(
      makePlan([
        { address: 'aws_security_group.lb', after: { name: 'lb' }, unknown: { id: true } },
        {
          address: 'aws_security_group.app',
          // `ingress` is a set: the plan lists the 443 rule first though it is written second.
          after: {
            name: 'app',
            ingress: [rule(443, { security_groups: undefined }), rule(22, { cidr_blocks: ['10.0.0.0/8'] })],
          },
          unknown: { id: true, ingress: [{ security_groups: true }, {}] },
          expressions: {
            name: { constant_value: 'app' },
            ingress: [
              {
                from_port: { constant_value: 22 },
                to_port: { constant_value: 22 },
                protocol: { constant_value: 'tcp' },
                cidr_blocks: { constant_value: ['10.0.0.0/8'] },
              },
              {
                from_port: { constant_value: 443 },
                to_port: { constant_value: 443 },
                protocol: { constant_value: 'tcp' },
                security_groups: ref('aws_security_group.lb.id', 'aws_security_group.lb'),
              },
            ],
          },
        },
      ]),
    );
    expect(byId(s, 'aws_security_group.app').props.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: 'aws_security_group.lb' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' },
    ]);
  });

  it('keeps a non-identity attribute unresolved with the target in the expression, and gaps it once per resource', () => {
    const s = loadPlan(
      makePlan([
        { address: 'aws_iam_role.r', after: { name: 'r', assume_role_policy: '{}' }, unknown: { arn: true } },
        {
          address: 'aws_lambda_function.f',
          after: { function_name: 'f', runtime: 'python3.12' },
          unknown: { role: true, kms_key_arn: true },
          expressions: {
            function_name: { constant_value: 'f' },
            runtime: { constant_value: 'python3.12' },
            role: ref('aws_iam_role.r.arn', 'aws_iam_role.r'),
            kms_key_arn: ref('data.aws_kms_key.k.arn', 'data.aws_kms_key.k'),
          },
        },
      ]),
    );
    const f = byId(s, 'aws_lambda_function.f');
    expect(f.props.Role).toEqual({
      $unresolved: true,
      expression: 'aws_iam_role.r.arn',
      reason: 'known after apply',
    });
    expect(isUnresolved(f.props.KmsKeyArn)).toBe(true);
    const gaps = s.coverage.filter((g) => g.kind === 'unresolved-value');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ resourceId: 'aws_lambda_function.f', path: 'Role', file: 'plan.json' });
    expect(gaps[0]?.message).toMatch(/2 values not known .*Role, KmsKeyArn/);
  });

  it('never copies a sensitive value', () => {
    const plan = makePlan([
      { address: 'aws_db_instance.d', after: { identifier: 'd', username: 'admin', engine: 'postgres' } },
    ]);
    const change = (plan.resource_changes as Array<{ change: Record<string, unknown> }>)[0];
    if (change) change.change.after_sensitive = { username: true };
    const d = byId(loadPlan(plan), 'aws_db_instance.d');
    expect(d.props.MasterUsername).toMatchObject({
      $unresolved: true,
      reason: 'marked sensitive by Terraform; not read',
    });
    expect(JSON.stringify(d)).not.toContain('admin');
  });

  it('leaves deleted resources out and keeps replaced ones', () => {
    const s = loadPlan(
      makePlan([
        { address: 'aws_s3_bucket.gone', after: { bucket: 'gone' }, actions: ['delete'] },
        { address: 'aws_s3_bucket.replaced', after: { bucket: 'replaced' }, actions: ['delete', 'create'] },
        { address: 'aws_s3_bucket.kept', after: { bucket: 'kept' }, actions: ['no-op'] },
      ]),
    );
    expect(s.resources.map((r) => r.id)).toEqual(['aws_s3_bucket.replaced', 'aws_s3_bucket.kept']);
  });

  it('uses the provider region, else the options, else unknown', () => {
    const withRegion = loadPlan(
      makePlan([{ address: 'aws_vpc.v', after: { cidr_block: '10.0.0.0/16' } }], { region: 'ap-south-1' }),
      {
        region: 'eu-west-1',
        account: '111122223333',
      },
    );
    expect(byId(withRegion, 'aws_vpc.v')).toMatchObject({ region: 'ap-south-1', account: '111122223333' });
    const without = loadPlan(makePlan([{ address: 'aws_vpc.v', after: {} }]), { region: 'eu-west-1' });
    expect(byId(without, 'aws_vpc.v').region).toBe('eu-west-1');
    expect(byId(loadPlan(makePlan([{ address: 'aws_vpc.v', after: {} }])), 'aws_vpc.v')).toMatchObject({
      region: 'unknown',
      account: 'unknown',
    });
  });

  it('rejects a plan whose format version its Terraform version cannot write', () => {
    const text = '{\n  "format_version": "1.1",\n  "terraform_version": "0.13.7",\n  "planned_values": {}\n}';
    expect(() => readPlanText(text, 'p.json')).toThrow(InputError);
    expect(() => readPlanText(text.replace('"1.1"', '"0.1"'), 'p.json')).not.toThrow();
    expect(() => readPlanText(text.replace('"1.1"', '"2.0"'), 'p.json')).toThrow(
      /unsupported format_version/,
    );
  });
});
