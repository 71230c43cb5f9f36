import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, MODEL_ONLY_RESOURCE_TYPES, countByType, type Resource } from '../../../model/index.js';
import { projectRoot } from '../../../../test/corpora.js';
import { generateScaledOrganisation, generateScaledResources, scaledOrganisationHeader } from './index.js';

const small = { accounts: 3, resourcesPerAccount: 500 };

describe('generateScaledOrganisation', () => {
  it('is deterministic: the same options give the same resources, byte for byte', () => {
    const a = JSON.stringify(generateScaledOrganisation(small));
    const b = JSON.stringify(generateScaledOrganisation(small));
    expect(a).toBe(b);
    expect(JSON.stringify([...generateScaledResources(small)])).toBe(
      JSON.stringify(generateScaledOrganisation(small).resources),
    );
  });

  it('gives each account exactly its resources, and ids unique in the organisation', () => {
    const snapshot = generateScaledOrganisation({ accounts: 5, resourcesPerAccount: 777 });
    expect(snapshot.resources).toHaveLength(5 * 777);
    const perAccount = new Map<string, number>();
    for (const r of snapshot.resources) perAccount.set(r.account, (perAccount.get(r.account) ?? 0) + 1);
    expect([...perAccount.values()]).toEqual([777, 777, 777, 777, 777]);
    expect(snapshot.accounts.map((a) => a.id)).toEqual([...perAccount.keys()]);
    expect(snapshot.accounts.map((a) => a.role)).toEqual([
      'management',
      'security',
      'log-archive',
      'workload',
      'sandbox',
    ]);
    const keys = snapshot.resources.map((r) => `${r.account} ${r.type} ${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const physical = snapshot.resources.filter((r) => /^[a-z]+-0[0-9a-f]{16}$/.test(r.id)).map((r) => r.id);
    expect(physical.length).toBeGreaterThan(1000);
    expect(new Set(physical).size).toBe(physical.length);
  });

  it('uses CloudFormation type names (or the model-only ones) only', () => {
    const known = new Set(
      readFileSync(join(projectRoot, 'src', 'frameworks', 'cloudformation-types.txt'), 'utf8').split('\n'),
    );
    const types = countByType(generateScaledOrganisation(small).resources).map(([type]) => type);
    expect(types.filter((t) => !known.has(t) && !(t in MODEL_ONLY_RESOURCE_TYPES))).toEqual([]);
  });

  it('has realistic proportions at the default size', () => {
    const resources = [...generateScaledResources({ accounts: 4, resourcesPerAccount: 1000 })];
    const share = new Map(countByType(resources).map(([type, n]) => [type, n / resources.length]));
    expect(share.get('AWS::EC2::Instance')).toBeGreaterThan(0.12);
    expect(share.get('AWS::EC2::Volume')).toBeGreaterThan(0.15);
    expect(share.get('AWS::IAM::Role')).toBeGreaterThan(0.04);
    expect(share.get('AWS::Lambda::Function')).toBeGreaterThan(0.03);
    expect(share.get('AWS::EC2::VPC')).toBeGreaterThan(0.002);
    expect(share.size).toBeGreaterThanOrEqual(30);
    // Some of everything a reviewer looks for: stopped instances, open SSH, public buckets, unused keys.
    const instances = resources.filter((r) => r.type === 'AWS::EC2::Instance');
    expect(instances.some((r) => r.observed?.State === 'stopped')).toBe(true);
    expect(resources.some((r) => r.type === 'AWS::EC2::Volume' && r.observed?.State === 'available')).toBe(
      true,
    );
    expect(
      resources.some(
        (r) =>
          r.type === 'AWS::EC2::SecurityGroup' &&
          (r.props.SecurityGroupIngress as Array<Record<string, unknown>>).some(
            (rule) => rule.CidrIp === '0.0.0.0/0' && rule.FromPort === 22,
          ),
      ),
    ).toBe(true);
  });

  it('describes every account and region in the header', () => {
    const header = scaledOrganisationHeader(small);
    const snapshot = generateScaledOrganisation(small);
    expect(header.accounts).toEqual(snapshot.accounts);
    expect(header.regions).toEqual(snapshot.regions);
    expect(header.takenAt).toBe(snapshot.takenAt);
  });

  it('rejects a scale it cannot produce', () => {
    expect(() => generateScaledOrganisation({ accounts: 0 })).toThrow(InputError);
    expect(() => generateScaledOrganisation({ resourcesPerAccount: 2.5 })).toThrow(/--resources-per-account/);
  });

  it('still produces exactly N resources when N is tiny', () => {
    for (const n of [1, 2, 7, 40]) {
      expect([...generateScaledResources({ accounts: 2, resourcesPerAccount: n })]).toHaveLength(2 * n);
    }
  });
});

/**
 * Every reference the generator writes, as `[source type, path to the value, target types, target
 * key]`. A path step `[]` walks an array. The target must be in the same account (and region, for
 * regional types): an instance's SubnetId is a subnet the snapshot holds.
 */
const REFERENCES: Array<[string, string, string[], keyof Resource | 'name']> = [
  ['AWS::EC2::Subnet', 'VpcId', ['AWS::EC2::VPC'], 'id'],
  ['AWS::EC2::InternetGateway', 'VpcId', ['AWS::EC2::VPC'], 'id'],
  ['AWS::EC2::NatGateway', 'SubnetId', ['AWS::EC2::Subnet'], 'id'],
  ['AWS::EC2::NatGateway', 'AllocationId', ['AWS::EC2::EIP'], 'id'],
  ['AWS::EC2::RouteTable', 'VpcId', ['AWS::EC2::VPC'], 'id'],
  ['AWS::EC2::RouteTable', 'Associations[].SubnetId', ['AWS::EC2::Subnet'], 'id'],
  ['AWS::EC2::RouteTable', 'Routes[].NatGatewayId', ['AWS::EC2::NatGateway'], 'id'],
  ['AWS::EC2::RouteTable', 'Routes[].GatewayId', ['AWS::EC2::InternetGateway'], 'id'],
  ['AWS::EC2::NetworkAcl', 'VpcId', ['AWS::EC2::VPC'], 'id'],
  ['AWS::EC2::NetworkAcl', 'Associations[].SubnetId', ['AWS::EC2::Subnet'], 'id'],
  ['AWS::EC2::FlowLog', 'ResourceId', ['AWS::EC2::VPC'], 'id'],
  ['AWS::EC2::SecurityGroup', 'VpcId', ['AWS::EC2::VPC'], 'id'],
  [
    'AWS::EC2::SecurityGroup',
    'SecurityGroupIngress[].SourceSecurityGroupId',
    ['AWS::EC2::SecurityGroup'],
    'id',
  ],
  ['AWS::EC2::Instance', 'SubnetId', ['AWS::EC2::Subnet'], 'id'],
  ['AWS::EC2::Instance', 'SecurityGroupIds[]', ['AWS::EC2::SecurityGroup'], 'id'],
  ['AWS::EC2::Instance', 'IamInstanceProfile', ['AWS::IAM::InstanceProfile'], 'id'],
  ['AWS::EC2::Volume', 'KmsKeyId', ['AWS::KMS::Key'], 'arn'],
  ['AWS::EC2::Volume', 'observed.Attachments[].InstanceId', ['AWS::EC2::Instance'], 'id'],
  ['AWS::EC2::Snapshot', 'VolumeId', ['AWS::EC2::Volume'], 'id'],
  ['AWS::EC2::Image', 'BlockDeviceMappings[].Ebs.SnapshotId', ['AWS::EC2::Snapshot'], 'id'],
  ['AWS::S3::Bucket', 'LoggingConfiguration.DestinationBucketName', ['AWS::S3::Bucket'], 'id'],
  [
    'AWS::S3::Bucket',
    'BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.KMSMasterKeyID',
    ['AWS::KMS::Key'],
    'arn',
  ],
  ['AWS::S3::Bucket', 'ReplicationConfiguration.Role', ['AWS::IAM::Role'], 'arn'],
  ['AWS::CloudTrail::Trail', 'S3BucketName', ['AWS::S3::Bucket'], 'id'],
  ['AWS::IAM::Role', 'ManagedPolicyArns[]', ['AWS::IAM::ManagedPolicy'], 'id'],
  ['AWS::IAM::User', 'ManagedPolicyArns[]', ['AWS::IAM::ManagedPolicy'], 'id'],
  ['AWS::IAM::InstanceProfile', 'Roles[]', ['AWS::IAM::Role'], 'id'],
  ['AWS::DynamoDB::Table', 'SSESpecification.KMSMasterKeyId', ['AWS::KMS::Key'], 'arn'],
  ['AWS::RDS::DBSubnetGroup', 'SubnetIds[]', ['AWS::EC2::Subnet'], 'id'],
  ['AWS::RDS::DBInstance', 'DBSubnetGroupName', ['AWS::RDS::DBSubnetGroup'], 'id'],
  ['AWS::RDS::DBInstance', 'VPCSecurityGroups[]', ['AWS::EC2::SecurityGroup'], 'id'],
  ['AWS::RDS::DBInstance', 'KmsKeyId', ['AWS::KMS::Key'], 'arn'],
  ['AWS::RDS::DBSnapshot', 'DBInstanceIdentifier', ['AWS::RDS::DBInstance'], 'id'],
  ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'Subnets[]', ['AWS::EC2::Subnet'], 'id'],
  ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'SecurityGroups[]', ['AWS::EC2::SecurityGroup'], 'id'],
  ['AWS::ElasticLoadBalancingV2::TargetGroup', 'VpcId', ['AWS::EC2::VPC'], 'id'],
  ['AWS::ElasticLoadBalancingV2::TargetGroup', 'Targets[].Id', ['AWS::EC2::Instance'], 'id'],
  [
    'AWS::ElasticLoadBalancingV2::Listener',
    'LoadBalancerArn',
    ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    'id',
  ],
  [
    'AWS::ElasticLoadBalancingV2::Listener',
    'DefaultActions[].TargetGroupArn',
    ['AWS::ElasticLoadBalancingV2::TargetGroup'],
    'id',
  ],
  ['AWS::Lambda::Function', 'Role', ['AWS::IAM::Role'], 'arn'],
  ['AWS::Lambda::Function', 'VpcConfig.SubnetIds[]', ['AWS::EC2::Subnet'], 'id'],
  ['AWS::Lambda::Function', 'VpcConfig.SecurityGroupIds[]', ['AWS::EC2::SecurityGroup'], 'id'],
  ['AWS::Lambda::Function', 'Environment.Variables.TABLE_NAME', ['AWS::DynamoDB::Table'], 'id'],
  ['AWS::CloudWatch::Alarm', 'AlarmActions[]', ['AWS::SNS::Topic'], 'id'],
  [
    'AWS::CloudWatch::Alarm',
    'Dimensions[].Value',
    ['AWS::EC2::Instance', 'AWS::DynamoDB::Table', 'AWS::Lambda::Function'],
    'id',
  ],
];

/** Values that name something outside the organisation's snapshot, by design. */
const EXTERNAL = [
  /^arn:aws:iam::aws:policy\//, // AWS managed policies
  /^local$/, // the VPC's implicit local route
  /^vol-ffffffff$/, // snapshots copied or made by CreateImage
  /^USD$/, // the billing alarm's currency dimension
];

function valuesAt(resource: Resource, path: string): unknown[] {
  let current: unknown[] = [path.startsWith('observed.') ? resource.observed : resource.props];
  for (const step of path.replace(/^observed\./, '').split('.')) {
    const many = step.endsWith('[]');
    const key = many ? step.slice(0, -2) : step;
    current = current.flatMap((v) => {
      const next = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      if (next === undefined) return [];
      return many ? (next as unknown[]) : [next];
    });
  }
  return current;
}

// Small (an account holds only its first kinds of resource) and larger (every kind, second regions).
describe.each([
  { accounts: 3, resourcesPerAccount: 500 },
  { accounts: 6, resourcesPerAccount: 1500 },
])('referential consistency of $accounts accounts × $resourcesPerAccount', (scale) => {
  const resources = [...generateScaledResources(scale)];
  const index = new Map<string, Resource[]>();
  for (const r of resources) {
    for (const key of new Set([r.id, r.arn])) {
      if (key === undefined) continue;
      const list = index.get(`${r.account} ${key}`) ?? [];
      list.push(r);
      index.set(`${r.account} ${key}`, list);
    }
  }

  it.each(REFERENCES)('%s %s names a %s of the same account and region', (type, path, targets) => {
    let checked = 0;
    const dangling: string[] = [];
    for (const r of resources) {
      if (r.type !== type) continue;
      for (const value of valuesAt(r, path)) {
        if (EXTERNAL.some((re) => re.test(String(value)))) continue;
        checked++;
        const found = (index.get(`${r.account} ${String(value)}`) ?? []).filter((t) =>
          targets.includes(t.type),
        );
        const sameRegion = found.filter(
          (t) => t.region === r.region || t.region === 'global' || r.region === 'global',
        );
        if (sameRegion.length !== 1) dangling.push(`${r.type} ${r.id} ${path} = ${String(value)}`);
      }
    }
    expect(dangling.slice(0, 5)).toEqual([]);
    if (scale.resourcesPerAccount >= 1500) expect(checked).toBeGreaterThan(0);
  });

  it('gives every Lambda function its log group, and trusts only organisation accounts across accounts', () => {
    const accounts = new Set(resources.map((r) => r.account));
    for (const fn of resources.filter((r) => r.type === 'AWS::Lambda::Function')) {
      expect(index.get(`${fn.account} /aws/lambda/${fn.id}`)?.[0]?.type).toBe('AWS::Logs::LogGroup');
    }
    const trusted = resources
      .filter((r) => r.type === 'AWS::IAM::Role')
      .flatMap((r) => valuesAt(r, 'AssumeRolePolicyDocument.Statement[].Principal.AWS'))
      .map((arn) => String(arn).split(':')[4]);
    expect(trusted.length).toBeGreaterThan(0);
    expect(trusted.filter((id) => !accounts.has(id!))).toEqual([]);
  });
});
