import { describe, expect, it } from 'vitest';
import type { Resource } from '../../model/index.js';
import { PUBLIC_AMI_IDS } from './ec2.js';
import { DEMO_ACCOUNTS, buildDemoOrganisation } from './index.js';
import { TERMINATED_INSTANCE_ID } from './observability.js';

/*
 * Referential integrity: everything a resource points at exists in the snapshot. Two passes: every
 * string shaped like an EC2 physical id or an ARN of a demo account, wherever it appears (props,
 * observed, policy documents); then the references made by name (bucket names, IAM names, subnet
 * groups, clusters...), field by field.
 */

const accountIds = new Set(DEMO_ACCOUNTS.map((a) => a.id));

/** Prefixes of EC2 ids the demo models as resources (network interfaces are not modelled). */
const EC2_ID = /^(vpc|subnet|sg|igw|nat|rtb|acl|pcx|eipalloc|i|lt|vol|snap|ami|vpce|fl)-0[0-9a-f]{16}$/;

/** References that are deliberately to things that no longer exist, and why. */
function allowedDangling(resource: Resource, path: string, value: string): boolean {
  // AWS keeps a snapshot's source volume id after the volume is deleted (and uses vol-ffffffff for copies).
  if (resource.type === 'AWS::EC2::Snapshot' && path === 'props.VolumeId') return true;
  // Public Amazon images are not owned by any demo account.
  if (PUBLIC_AMI_IDS.has(value)) return true;
  // The stale alarm's point: its instance was terminated.
  return value === TERMINATED_INSTANCE_ID && resource.id === 'legacy-worker-status-check';
}

function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

/** The ARN of the resource an ARN string designates: objects → bucket, `:*` log streams → group, and so on. */
function normaliseArn(arn: string): string {
  const parts = arn.split(':');
  if (parts[2] === 's3') return arn.split('/')[0]!;
  return arn.replace(/:\*$/, '').replace(/\/\*$/, '');
}

function checkIdsAndArns(resources: readonly Resource[]): string[] {
  const ids = new Set(resources.map((r) => r.id));
  const arns = new Set(resources.flatMap((r) => (r.arn ? [r.arn] : [])));
  const missing: string[] = [];
  for (const r of resources) {
    for (const [path, value] of [...strings(r.props, 'props'), ...strings(r.observed, 'observed')]) {
      if (EC2_ID.test(value)) {
        if (!ids.has(value) && !allowedDangling(r, path, value)) missing.push(`${r.id} ${path} → ${value}`);
        continue;
      }
      if (!value.startsWith('arn:aws:')) continue;
      const account = value.split(':')[4] ?? '';
      const ours = accountIds.has(account) || (value.startsWith('arn:aws:s3:::') && account === '');
      if (!ours) continue;
      const target = normaliseArn(value);
      if (target.includes('*')) continue;
      // An account principal (`arn:aws:iam::<id>:root`) designates the account itself.
      if (/^arn:aws:iam::\d{12}:root$/.test(target)) continue;
      if (!arns.has(target)) missing.push(`${r.id} ${path} → ${value}`);
    }
  }
  return missing;
}

/** The value at a path of nested objects, or undefined. */
function dig(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    value,
  );
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function checkNames(resources: readonly Resource[]): string[] {
  const ids = new Set(resources.map((r) => r.id));
  const arns = new Set(resources.flatMap((r) => (r.arn ? [r.arn] : [])));
  // Resources by `account|type|id`, for references by name inside one account.
  const byAccountTypeId = new Set(resources.map((r) => `${r.account}|${r.type}|${r.id}`));
  const missing: string[] = [];
  const expectIn = (from: Resource, path: string, type: string, id: unknown, account = from.account) => {
    if (typeof id !== 'string' || !byAccountTypeId.has(`${account}|${type}|${id}`)) {
      missing.push(`${from.type} ${from.id} ${path} → ${type} ${String(id)}`);
    }
  };
  const org = resources.find((r) => r.type === 'AWS::Organizations::Organization')!;
  const rootId = (org.observed as { RootId: string }).RootId;

  for (const r of resources) {
    const props = r.props;
    switch (r.type) {
      case 'AWS::S3::Bucket': {
        const target = dig(props, 'LoggingConfiguration', 'DestinationBucketName');
        // Server access logs need a target bucket of the same account.
        if (target !== undefined)
          expectIn(r, 'LoggingConfiguration.DestinationBucketName', 'AWS::S3::Bucket', target);
        break;
      }
      case 'AWS::IAM::User':
        for (const g of list(props.Groups)) expectIn(r, 'Groups', 'AWS::IAM::Group', g);
        break;
      case 'AWS::IAM::InstanceProfile':
        for (const role of list(props.Roles)) expectIn(r, 'Roles', 'AWS::IAM::Role', role);
        break;
      case 'AWS::EC2::Instance':
        if (props.IamInstanceProfile)
          expectIn(r, 'IamInstanceProfile', 'AWS::IAM::InstanceProfile', props.IamInstanceProfile);
        break;
      case 'AWS::EC2::LaunchTemplate':
        expectIn(
          r,
          'LaunchTemplateData.IamInstanceProfile.Name',
          'AWS::IAM::InstanceProfile',
          dig(props, 'LaunchTemplateData', 'IamInstanceProfile', 'Name'),
        );
        break;
      case 'AWS::RDS::DBInstance':
        expectIn(r, 'DBSubnetGroupName', 'AWS::RDS::DBSubnetGroup', props.DBSubnetGroupName);
        break;
      case 'AWS::RDS::EventSubscription':
        for (const id of list(props.SourceIds)) expectIn(r, 'SourceIds', 'AWS::RDS::DBInstance', id);
        break;
      case 'AWS::RDS::DBSnapshot':
        expectIn(r, 'DBInstanceIdentifier', 'AWS::RDS::DBInstance', props.DBInstanceIdentifier);
        break;
      case 'AWS::Redshift::Cluster':
        expectIn(
          r,
          'ClusterSubnetGroupName',
          'AWS::Redshift::ClusterSubnetGroup',
          props.ClusterSubnetGroupName,
        );
        break;
      case 'AWS::ECS::Service':
        expectIn(r, 'Cluster', 'AWS::ECS::Cluster', props.Cluster);
        break;
      case 'AWS::ApplicationAutoScaling::ScalableTarget':
        expectIn(r, 'ResourceId', 'AWS::DynamoDB::Table', String(props.ResourceId).replace(/^table\//, ''));
        break;
      case 'AWS::ApplicationAutoScaling::ScalingPolicy':
        expectIn(r, 'ScalingTargetId', 'AWS::ApplicationAutoScaling::ScalableTarget', props.ScalingTargetId);
        break;
      case 'AWS::Backup::BackupPlan':
        for (const rule of list(dig(props, 'BackupPlan', 'BackupPlanRule'))) {
          expectIn(r, 'TargetBackupVault', 'AWS::Backup::BackupVault', dig(rule, 'TargetBackupVault'));
        }
        break;
      case 'AWS::Backup::BackupSelection':
        expectIn(r, 'BackupPlanId', 'AWS::Backup::BackupPlan', props.BackupPlanId);
        break;
      case 'AWS::Route53::RecordSet':
        expectIn(r, 'HostedZoneId', 'AWS::Route53::HostedZone', props.HostedZoneId);
        if (props.HealthCheckId)
          expectIn(r, 'HealthCheckId', 'AWS::Route53::HealthCheck', props.HealthCheckId);
        break;
      case 'AWS::CloudFront::Distribution':
        for (const origin of list(dig(props, 'DistributionConfig', 'Origins'))) {
          expectIn(
            r,
            'Origins.DomainName',
            'AWS::S3::Bucket',
            String(dig(origin, 'DomainName')).split('.s3.')[0],
          );
          const oac = dig(origin, 'OriginAccessControlId');
          if (oac) expectIn(r, 'Origins.OriginAccessControlId', 'AWS::CloudFront::OriginAccessControl', oac);
        }
        break;
      case 'AWS::Events::Rule':
        if (props.EventBusName) expectIn(r, 'EventBusName', 'AWS::Events::EventBus', props.EventBusName);
        break;
      case 'AWS::KMS::Alias':
        expectIn(r, 'TargetKeyId', 'AWS::KMS::Key', props.TargetKeyId);
        break;
      case 'AWS::CodePipeline::Pipeline':
        for (const stage of list(props.Stages)) {
          for (const action of list(dig(stage, 'Actions'))) {
            const where = String(dig(stage, 'Name'));
            const project = dig(action, 'Configuration', 'ProjectName');
            const cluster = dig(action, 'Configuration', 'ClusterName');
            const bucket = dig(action, 'Configuration', 'BucketName');
            if (project) expectIn(r, `${where}.ProjectName`, 'AWS::CodeBuild::Project', project);
            if (cluster) expectIn(r, `${where}.ClusterName`, 'AWS::ECS::Cluster', cluster);
            if (bucket) expectIn(r, `${where}.BucketName`, 'AWS::S3::Bucket', bucket);
          }
        }
        break;
      case 'AWS::CloudWatch::Alarm':
        for (const dimension of list(props.Dimensions)) {
          const name = dig(dimension, 'Name');
          const value = String(dig(dimension, 'Value'));
          if (name === 'TableName') expectIn(r, 'Dimensions.TableName', 'AWS::DynamoDB::Table', value);
          if (name === 'DBInstanceIdentifier')
            expectIn(r, 'Dimensions.DBInstanceIdentifier', 'AWS::RDS::DBInstance', value);
          if (
            (name === 'LoadBalancer' || name === 'TargetGroup') &&
            ![...arns].some((arn) => arn.endsWith(`/${value}`) || arn.endsWith(`:${value}`))
          ) {
            missing.push(`${r.id} Dimensions.${String(name)} → ${value}`);
          }
        }
        break;
      case 'AWS::Organizations::OrganizationalUnit':
        if (props.ParentId !== rootId)
          expectIn(r, 'ParentId', 'AWS::Organizations::OrganizationalUnit', props.ParentId);
        break;
      case 'AWS::Organizations::Account':
        for (const parent of list(props.ParentIds)) {
          if (parent !== rootId) expectIn(r, 'ParentIds', 'AWS::Organizations::OrganizationalUnit', parent);
        }
        break;
      case 'AWS::Organizations::Policy':
        for (const target of list(props.TargetIds)) {
          if (target !== rootId && !ids.has(String(target)))
            missing.push(`${r.id} TargetIds → ${String(target)}`);
        }
        break;
    }
  }
  return missing;
}

/** Every reference that does not resolve. */
function dangling(resources: readonly Resource[]): string[] {
  return [...checkIdsAndArns(resources), ...checkNames(resources)];
}

describe('demo organisation references', () => {
  const resources = buildDemoOrganisation().resources;

  it('resolves every EC2 id and every ARN of a demo account to a resource', () => {
    expect(checkIdsAndArns(resources)).toEqual([]);
  });

  it('resolves references by name within the account', () => {
    expect(checkNames(resources)).toEqual([]);
  });

  it('reports a broken reference (the check itself works)', () => {
    const broken = structuredClone(resources);
    const subnet = broken.find((r) => r.type === 'AWS::EC2::Subnet')!;
    subnet.props.VpcId = 'vpc-0123456789abcdef0';
    const bucket = broken.find((r) => r.id === 'companya-prod-contracts')!;
    bucket.props.LoggingConfiguration = { DestinationBucketName: 'no-such-bucket', LogFilePrefix: 'x/' };
    const role = broken.find((r) => r.id === 'deploy-from-dev')!;
    role.props.AssumeRolePolicyDocument = {
      Statement: [{ Principal: { AWS: 'arn:aws:iam::333344445555:role/gone' } }],
    };
    expect(dangling(broken)).toEqual([
      `${subnet.id} props.VpcId → vpc-0123456789abcdef0`,
      'deploy-from-dev props.AssumeRolePolicyDocument.Statement[0].Principal.AWS → arn:aws:iam::333344445555:role/gone',
      'AWS::S3::Bucket companya-prod-contracts LoggingConfiguration.DestinationBucketName → AWS::S3::Bucket no-such-bucket',
    ]);
  });

  it('has the network references the engines walk', () => {
    // Spot-check that the scan above really looks at these fields.
    const fields = new Set<string>();
    for (const r of resources)
      for (const [path, value] of strings(r.props, 'props'))
        if (EC2_ID.test(value)) fields.add(`${r.type} ${path.replace(/\[\d+\]/g, '[]')}`);
    for (const expected of [
      'AWS::EC2::Subnet props.VpcId',
      'AWS::EC2::SecurityGroup props.VpcId',
      'AWS::EC2::SecurityGroup props.SecurityGroupIngress[].SourceSecurityGroupId',
      'AWS::EC2::SecurityGroup props.SecurityGroupEgress[].DestinationSecurityGroupId',
      'AWS::EC2::RouteTable props.Routes[].GatewayId',
      'AWS::EC2::RouteTable props.Routes[].NatGatewayId',
      'AWS::EC2::RouteTable props.Routes[].InstanceId',
      'AWS::EC2::RouteTable props.Routes[].VpcPeeringConnectionId',
      'AWS::EC2::RouteTable props.Routes[].VpcEndpointId',
      'AWS::EC2::RouteTable props.Associations[].SubnetId',
      'AWS::EC2::NetworkAcl props.Associations[].SubnetId',
      'AWS::EC2::Instance props.SubnetId',
      'AWS::EC2::Instance props.SecurityGroupIds[]',
      'AWS::EC2::NatGateway props.AllocationId',
      'AWS::EC2::InternetGateway props.VpcId',
      'AWS::ElasticLoadBalancingV2::TargetGroup props.VpcId',
      'AWS::AutoScaling::AutoScalingGroup props.VPCZoneIdentifier[]',
      'AWS::RDS::DBInstance props.VPCSecurityGroups[]',
      'AWS::IAM::Group props.Policies[].PolicyDocument.Statement[].Condition.StringNotEquals.lambda:VpcIds[]',
    ]) {
      expect(fields).toContain(expected);
    }
  });
});
