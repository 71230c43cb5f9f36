import type { Resource } from '../../../model/index.js';
import type { MetricSeries } from '../builder.js';
import { AccountContext, SERVICES } from './context.js';
import { privateIp, publicIp, type SubnetInfo, type VpcInfo } from './network.js';

/*
 * Regional services, each resource in the CloudFormation shape of its type; runtime facts (state,
 * addresses, metrics, attachments) in `observed`, as a live collector records them.
 */

const ENCRYPT_ALL = 'aws:kms';

/** KMS keys of a region; their ARNs are added to `keys`. */
export function* kmsKeys(
  ctx: AccountContext,
  region: string,
  count: number,
  keys: string[],
): Generator<Resource> {
  const { rng } = ctx;
  for (let i = 0; i < count; i++) {
    const serial = ctx.next();
    // Key ids are UUIDs; this one is built from the account and serial, so it is unique and stable.
    const id = `${ctx.id.slice(0, 8)}-${ctx.id.slice(8, 12)}-4${(serial % 4096).toString(16).padStart(3, '0')}-8${region.length.toString(16).padStart(3, '0')}-${serial.toString(16).padStart(12, '0')}`;
    const arn = ctx.arn('kms', region, `key/${id}`);
    keys.push(arn);
    const service = rng.pick(SERVICES);
    yield ctx.resource(
      'AWS::KMS::Key',
      id,
      region,
      {
        Description: `${service} data key`,
        Enabled: true,
        EnableKeyRotation: rng.chance(0.8),
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Enable IAM User Permissions',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ctx.id}:root` },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        },
      },
      { arn, name: `${service}-key-${serial}`, service, observed: { KeyState: 'Enabled' } },
    );
  }
}

/** Buckets (the first is the account's log bucket) and a trail writing to it. Returns the log bucket's name. */
export function* storage(
  ctx: AccountContext,
  region: string,
  count: number,
  keys: readonly string[],
  replicationRole: string,
): Generator<Resource, string> {
  const { rng } = ctx;
  const logBucket = `${ctx.env}-logs-${ctx.id}-${region}`;
  for (let i = 0; i < count; i++) {
    const isLog = i === 0;
    const service = isLog ? 'logging' : rng.pick(SERVICES);
    const name = isLog ? logBucket : `${ctx.env}-${service}-${ctx.id}-${ctx.next()}`;
    const publicSite = !isLog && rng.chance(0.03);
    const props: Record<string, unknown> = {
      BucketName: name,
      // Since January 2023 every bucket has SSE-S3 at least.
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          keys.length > 0 && rng.chance(0.4)
            ? {
                ServerSideEncryptionByDefault: { SSEAlgorithm: ENCRYPT_ALL, KMSMasterKeyID: rng.pick(keys) },
                BucketKeyEnabled: true,
              }
            : { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: !publicSite,
        IgnorePublicAcls: !publicSite,
        BlockPublicPolicy: !publicSite,
        RestrictPublicBuckets: !publicSite,
      },
      OwnershipControls: {
        Rules: [{ ObjectOwnership: isLog ? 'BucketOwnerPreferred' : 'BucketOwnerEnforced' }],
      },
    };
    const versioning = rng.weighted([
      ['Enabled', 6],
      ['Suspended', 1],
      [undefined, 3],
    ] as const);
    if (versioning) props.VersioningConfiguration = { Status: versioning };
    if (!isLog && rng.chance(0.5)) {
      props.LoggingConfiguration = { DestinationBucketName: logBucket, LogFilePrefix: `s3/${name}/` };
    }
    if (isLog || rng.chance(0.35)) {
      props.LifecycleConfiguration = {
        Rules: [
          {
            Id: 'expire-old',
            Status: 'Enabled',
            ExpirationInDays: isLog ? 400 : rng.pick([30, 90, 365]),
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          },
        ],
      };
    }
    if (!isLog && replicationRole !== '' && rng.chance(0.05)) {
      props.ReplicationConfiguration = {
        Role: replicationRole,
        // The replica lives in the disaster-recovery account, outside this organisation's snapshot.
        Rules: [
          {
            Status: 'Enabled',
            Destination: { Bucket: `arn:aws:s3:::${name}-replica` },
          },
        ],
      };
    }
    if (publicSite) {
      props.WebsiteConfiguration = { IndexDocument: 'index.html', ErrorDocument: 'error.html' };
      props.PolicyDocument = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` },
        ],
      };
    } else if (rng.chance(0.3)) {
      // Deny plain HTTP, as AWS FSBP S3.5 asks.
      props.PolicyDocument = {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      };
    }
    yield ctx.resource('AWS::S3::Bucket', name, region, props, {
      arn: `arn:aws:s3:::${name}`,
      name,
      service,
      observed: { CreationDate: ctx.daysAgo(30, 2000), ObjectCount: rng.int(0, 5_000_000) },
    });
  }
  const trail = `${ctx.env}-audit-trail`;
  yield ctx.resource(
    'AWS::CloudTrail::Trail',
    trail,
    region,
    {
      TrailName: trail,
      S3BucketName: logBucket,
      IsLogging: rng.chance(0.95),
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: rng.chance(0.7),
    },
    {
      arn: ctx.arn('cloudtrail', region, `trail/${trail}`),
      name: trail,
      service: 'security',
      observed: { LatestDeliveryTime: ctx.daysAgo(0, 1) },
    },
  );
  return logBucket;
}

/** SNS topics (returns their ARNs), SQS queues and DynamoDB tables. */
export function* messagingAndData(
  ctx: AccountContext,
  region: string,
  counts: { topics: number; queues: number; tables: number },
  keys: readonly string[],
  topics: string[],
  tables: string[],
): Generator<Resource> {
  const { rng } = ctx;
  for (let i = 0; i < counts.topics; i++) {
    const service = rng.pick(SERVICES);
    const name = `${ctx.env}-${service}-${i === 0 ? 'alerts' : `events-${ctx.next()}`}`;
    const arn = ctx.arn('sns', region, name);
    topics.push(arn);
    const props: Record<string, unknown> = { TopicName: name };
    if (rng.chance(0.6)) props.KmsMasterKeyId = 'alias/aws/sns';
    yield ctx.resource('AWS::SNS::Topic', arn, region, props, { arn, name, service });
  }
  for (let i = 0; i < counts.queues; i++) {
    const service = rng.pick(SERVICES);
    const name = `${ctx.env}-${service}-jobs-${ctx.next()}`;
    const url = `https://sqs.${region}.amazonaws.com/${ctx.id}/${name}`;
    yield ctx.resource(
      'AWS::SQS::Queue',
      url,
      region,
      {
        QueueName: name,
        SqsManagedSseEnabled: rng.chance(0.85),
        MessageRetentionPeriod: rng.pick([345600, 1209600]),
        VisibilityTimeout: rng.pick([30, 60, 300]),
      },
      {
        arn: ctx.arn('sqs', region, name),
        name,
        service,
        observed: { ApproximateNumberOfMessages: rng.chance(0.9) ? rng.int(0, 50) : rng.int(1000, 90000) },
      },
    );
  }
  for (let i = 0; i < counts.tables; i++) {
    const service = rng.pick(SERVICES);
    const name = `${ctx.env}-${service}-${ctx.next()}`;
    tables.push(name);
    const provisioned = rng.chance(0.4);
    const props: Record<string, unknown> = {
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: rng.chance(0.6) },
      DeletionProtectionEnabled: ctx.env === 'prod' && rng.chance(0.7),
    };
    if (provisioned)
      props.ProvisionedThroughput = {
        ReadCapacityUnits: rng.pick([5, 25, 100]),
        WriteCapacityUnits: rng.pick([5, 25, 50]),
      };
    if (keys.length > 0 && rng.chance(0.3))
      props.SSESpecification = { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: rng.pick(keys) };
    yield ctx.resource('AWS::DynamoDB::Table', name, region, props, {
      arn: ctx.arn('dynamodb', region, `table/${name}`),
      name,
      service,
      observed: {
        TableStatus: 'ACTIVE',
        ItemCount: rng.int(0, 20_000_000),
        TableSizeBytes: rng.int(0, 8_000_000_000),
        Metrics: {
          // A few tables throttle.
          ThrottledRequests: ctx.daily(
            'AWS/DynamoDB',
            'Sum',
            'Count',
            0,
            rng.chance(0.05) ? rng.int(10, 5000) : 0,
          ),
        },
      },
    });
  }
}

const INSTANCE_TYPES = [
  ['t3.micro', 3],
  ['t3.medium', 4],
  ['m5.large', 4],
  ['m6i.xlarge', 2],
  ['c6g.large', 2],
  ['r6i.2xlarge', 1],
] as const;

/** Public Amazon Linux and Ubuntu AMI ids, as instances launched from them show. */
const AMIS = [
  'ami-0c101f26f147fa7fd',
  'ami-0e731c8a588258d0d',
  'ami-04b70fa74e45c3917',
  'ami-0a0e5d9c7acc336f1',
];

export interface ComputeInfo {
  instances: string[];
  volumes: string[];
}

/** Instances of one region's VPCs, each followed by its EBS volumes; then unattached volumes, snapshots and AMIs. */
export function* compute(
  ctx: AccountContext,
  vpcs: readonly VpcInfo[],
  counts: { instances: number; spareVolumes: number; snapshots: number; images: number },
  keys: readonly string[],
  instanceProfiles: readonly string[],
): Generator<Resource, ComputeInfo> {
  const { rng } = ctx;
  const info: ComputeInfo = { instances: [], volumes: [] };
  const volume = (region: string, az: string, size: number, attachedTo?: [string, string]): Resource => {
    const id = ctx.physicalId('vol');
    info.volumes.push(id);
    const encrypted = rng.chance(0.8);
    const props: Record<string, unknown> = {
      AvailabilityZone: az,
      Size: size,
      VolumeType: rng.weighted([
        ['gp3', 7],
        ['gp2', 3],
        ['io2', 1],
      ] as const),
      Encrypted: encrypted,
    };
    if (encrypted && keys.length > 0 && rng.chance(0.5)) props.KmsKeyId = rng.pick(keys);
    if (props.VolumeType === 'io2') props.Iops = rng.pick([3000, 8000, 16000]);
    return ctx.resource('AWS::EC2::Volume', id, region, props, {
      arn: ctx.arn('ec2', region, `volume/${id}`),
      observed: attachedTo
        ? {
            State: 'in-use',
            CreateTime: ctx.daysAgo(10, 900),
            Attachments: [
              {
                InstanceId: attachedTo[0],
                Device: attachedTo[1],
                State: 'attached',
                DeleteOnTermination: attachedTo[1] === '/dev/xvda',
              },
            ],
          }
        : { State: 'available', CreateTime: ctx.daysAgo(30, 900), Attachments: [] },
    });
  };

  for (let i = 0; i < counts.instances; i++) {
    const vpc = vpcs[i % vpcs.length] as VpcInfo;
    const region = vpc.region;
    // Most instances sit in private subnets; web and bastion hosts in public ones.
    const role = rng.weighted([
      ['app', 14],
      ['worker', 4],
      ['web', 1],
      ['bastion', 0.3],
    ] as const);
    const isPublic = role === 'web' || role === 'bastion';
    const subnet = rng.pick(isPublic ? vpc.publicSubnets : vpc.privateSubnets) as SubnetInfo;
    const groups =
      role === 'bastion'
        ? [vpc.groups.bastion]
        : role === 'web'
          ? [vpc.groups.web]
          : [vpc.groups.app, rng.pick(vpc.groups.all)];
    const service = rng.pick(SERVICES);
    const id = ctx.physicalId('i');
    info.instances.push(id);
    const state = rng.weighted([
      ['running', 85],
      ['stopped', 13],
      ['stopping', 1],
      ['pending', 1],
    ] as const);
    const props: Record<string, unknown> = {
      ImageId: rng.pick(AMIS),
      InstanceType: rng.weighted(INSTANCE_TYPES),
      SubnetId: subnet.id,
      AvailabilityZone: subnet.az,
      SecurityGroupIds: [...new Set(groups)],
      Monitoring: rng.chance(0.3),
      EbsOptimized: true,
      MetadataOptions: { HttpTokens: rng.chance(0.75) ? 'required' : 'optional', HttpEndpoint: 'enabled' },
    };
    if (instanceProfiles.length > 0 && rng.chance(0.85))
      props.IamInstanceProfile = rng.pick(instanceProfiles);
    if (role === 'bastion' || rng.chance(0.2)) props.KeyName = `${ctx.env}-ops`;
    const observed: Record<string, unknown> = {
      State: state,
      LaunchTime: ctx.daysAgo(1, 700),
      PrivateIpAddress: privateIp(ctx, subnet),
    };
    if (isPublic && state === 'running') observed.PublicIpAddress = publicIp(ctx);
    // Most instances idle along below 10 % CPU, as in real estates: cost findings.
    if (state === 'running') {
      const cpu = rng.next() * rng.next() * 90;
      observed.Metrics = { CPUUtilization: ctx.daily('AWS/EC2', 'Average', 'Percent', cpu, cpu / 3) };
    }
    const name = `${ctx.env}-${service}-${role}-${ctx.next()}`;
    yield ctx.resource('AWS::EC2::Instance', id, region, props, {
      arn: ctx.arn('ec2', region, `instance/${id}`),
      name,
      service,
      observed,
    });
    yield volume(region, subnet.az, rng.pick([8, 20, 30, 50]), [id, '/dev/xvda']);
    if (rng.chance(0.35)) yield volume(region, subnet.az, rng.pick([100, 200, 500, 1000]), [id, '/dev/sdf']);
  }

  // Volumes left behind by terminated instances: a cost finding.
  for (let i = 0; i < counts.spareVolumes; i++) {
    const vpc = vpcs[i % vpcs.length] as VpcInfo;
    yield volume(vpc.region, rng.pick(vpc.privateSubnets).az, rng.pick([20, 100, 500]));
  }

  const snapshots: Array<[string, string]> = [];
  for (let i = 0; i < counts.snapshots; i++) {
    const vpc = vpcs[i % vpcs.length] as VpcInfo;
    const id = ctx.physicalId('snap');
    snapshots.push([id, vpc.region]);
    // Snapshots copied between regions or made by CreateImage carry this placeholder volume id.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Snapshot.html (VolumeId)
    const volumeId = rng.chance(0.85) && info.volumes.length > 0 ? rng.pick(info.volumes) : 'vol-ffffffff';
    yield ctx.resource(
      'AWS::EC2::Snapshot',
      id,
      vpc.region,
      {
        VolumeId: volumeId,
        VolumeSize: rng.pick([8, 20, 100, 500]),
        Encrypted: rng.chance(0.8),
        Description: 'Created by AWS Backup',
      },
      {
        arn: ctx.arn('ec2', vpc.region, `snapshot/${id}`),
        observed: { State: 'completed', StartTime: ctx.daysAgo(1, 800), OwnerId: ctx.id },
      },
    );
  }

  for (let i = 0; i < counts.images && snapshots.length > 0; i++) {
    const [snapshot, region] = snapshots[i % snapshots.length] as [string, string];
    const id = ctx.physicalId('ami');
    const name = `${ctx.env}-golden-${ctx.next()}`;
    yield ctx.resource(
      'AWS::EC2::Image',
      id,
      region,
      {
        Name: name,
        Architecture: 'x86_64',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot } }],
        Public: rng.chance(0.01),
      },
      {
        arn: ctx.arn('ec2', region, `image/${id}`),
        name,
        observed: { State: 'available', CreationDate: ctx.daysAgo(1, 900) },
      },
    );
  }
  return info;
}

/** RDS subnet groups, instances and their snapshots. */
export function* databases(
  ctx: AccountContext,
  vpcs: readonly VpcInfo[],
  counts: { instances: number; snapshots: number },
  keys: readonly string[],
): Generator<Resource> {
  const { rng } = ctx;
  if (counts.instances === 0) return;
  const subnetGroups = new Map<string, string>();
  const dbs: Array<[string, string]> = [];
  for (let i = 0; i < counts.instances; i++) {
    const vpc = vpcs[i % vpcs.length] as VpcInfo;
    let group = subnetGroups.get(vpc.id);
    if (group === undefined) {
      group = `${vpc.id}-db-subnets`;
      subnetGroups.set(vpc.id, group);
      yield ctx.resource(
        'AWS::RDS::DBSubnetGroup',
        group,
        vpc.region,
        {
          DBSubnetGroupName: group,
          DBSubnetGroupDescription: 'Private subnets for databases',
          SubnetIds: vpc.privateSubnets.map((s) => s.id),
        },
        { arn: ctx.arn('rds', vpc.region, `subgrp:${group}`), name: group },
      );
    }
    const service = rng.pick(SERVICES);
    const name = `${ctx.env}-${service}-db-${ctx.next()}`;
    dbs.push([name, vpc.region]);
    const engine = rng.weighted([
      ['postgres', 5],
      ['mysql', 3],
      ['mariadb', 1],
    ] as const);
    const encrypted = rng.chance(0.85);
    const props: Record<string, unknown> = {
      DBInstanceIdentifier: name,
      Engine: engine,
      EngineVersion:
        engine === 'postgres' ? rng.pick(['16.4', '15.8', '12.19']) : rng.pick(['8.0.39', '10.11.9']),
      DBInstanceClass: rng.pick(['db.t3.medium', 'db.r6g.large', 'db.m6g.xlarge']),
      AllocatedStorage: String(rng.pick([20, 100, 500])),
      StorageType: 'gp3',
      MultiAZ: ctx.env === 'prod' ? rng.chance(0.8) : rng.chance(0.1),
      StorageEncrypted: encrypted,
      BackupRetentionPeriod: rng.pick([0, 1, 7, 7, 14, 35]),
      PubliclyAccessible: rng.chance(0.02),
      DBSubnetGroupName: group,
      VPCSecurityGroups: [vpc.groups.db],
      DeletionProtection: ctx.env === 'prod' && rng.chance(0.6),
      EnableIAMDatabaseAuthentication: rng.chance(0.3),
      AutoMinorVersionUpgrade: rng.chance(0.8),
    };
    if (encrypted && keys.length > 0) props.KmsKeyId = rng.pick(keys);
    yield ctx.resource('AWS::RDS::DBInstance', name, vpc.region, props, {
      arn: ctx.arn('rds', vpc.region, `db:${name}`),
      name,
      service,
      observed: {
        DBInstanceStatus: rng.chance(0.95) ? 'available' : 'stopped',
        Endpoint: {
          Address: `${name}.c${ctx.id.slice(0, 8)}.${vpc.region}.rds.amazonaws.com`,
          Port: engine === 'postgres' ? 5432 : 3306,
        },
        InstanceCreateTime: ctx.daysAgo(30, 1200),
        Metrics: { CPUUtilization: ctx.daily('AWS/RDS', 'Average', 'Percent', rng.int(2, 60), 8) },
      },
    });
  }
  for (let i = 0; i < counts.snapshots; i++) {
    const [db, region] = dbs[i % dbs.length] as [string, string];
    const manual = rng.chance(0.3);
    const taken = rng.int(0, manual ? 900 : 35);
    const stamp = AccountContext.daysBefore(taken).slice(0, 10);
    const id = manual ? `${db}-manual-${ctx.next()}` : `rds:${db}-${stamp}-${ctx.next()}`;
    yield ctx.resource(
      'AWS::RDS::DBSnapshot',
      id,
      region,
      {
        DBInstanceIdentifier: db,
        SnapshotType: manual ? 'manual' : 'automated',
        Encrypted: rng.chance(0.85),
      },
      {
        arn: ctx.arn('rds', region, `snapshot:${id}`),
        observed: { Status: 'available', SnapshotCreateTime: AccountContext.daysBefore(taken) },
      },
    );
  }
}

/** Application load balancers with an HTTPS listener and a target group of instances. */
export function* loadBalancers(
  ctx: AccountContext,
  vpcs: readonly VpcInfo[],
  count: number,
  instances: readonly string[],
): Generator<Resource> {
  const { rng } = ctx;
  for (let i = 0; i < count; i++) {
    const vpc = vpcs[i % vpcs.length] as VpcInfo;
    const region = vpc.region;
    const service = rng.pick(SERVICES);
    const serial = ctx.next();
    const name = `${ctx.env}-${service}-${serial}`.slice(0, 32);
    const suffix = `${ctx.id.slice(-4)}${serial.toString(16).padStart(12, '0')}`;
    const lbArn = ctx.arn('elasticloadbalancing', region, `loadbalancer/app/${name}/${suffix}`);
    const internal = rng.chance(0.3);
    yield ctx.resource(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      lbArn,
      region,
      {
        Name: name,
        Type: 'application',
        Scheme: internal ? 'internal' : 'internet-facing',
        Subnets: (internal ? vpc.privateSubnets : vpc.publicSubnets).map((s) => s.id),
        SecurityGroups: [internal ? vpc.groups.app : vpc.groups.web],
        LoadBalancerAttributes: [
          { Key: 'access_logs.s3.enabled', Value: String(rng.chance(0.6)) },
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: String(rng.chance(0.5)) },
        ],
      },
      {
        arn: lbArn,
        name,
        service,
        observed: { State: 'active', DNSName: `${name}-${serial}.${region}.elb.amazonaws.com` },
      },
    );
    const tgArn = ctx.arn('elasticloadbalancing', region, `targetgroup/${name}/${suffix}`);
    const targets = instances.length > 0 ? [rng.pick(instances), rng.pick(instances)] : [];
    const unique = [...new Set(targets)];
    yield ctx.resource(
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      tgArn,
      region,
      {
        Name: name,
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: vpc.id,
        TargetType: 'instance',
        HealthCheckPath: '/health',
        Targets: unique.map((id) => ({ Id: id, Port: 8080 })),
      },
      {
        arn: tgArn,
        name,
        service,
        observed: {
          TargetHealth: unique.map((id) => ({ Id: id, State: rng.chance(0.9) ? 'healthy' : 'unhealthy' })),
        },
      },
    );
    const listenerArn = ctx.arn(
      'elasticloadbalancing',
      region,
      `listener/app/${name}/${suffix}/${serial.toString(16)}`,
    );
    yield ctx.resource(
      'AWS::ElasticLoadBalancingV2::Listener',
      listenerArn,
      region,
      {
        LoadBalancerArn: lbArn,
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: rng.chance(0.8) ? 'ELBSecurityPolicy-TLS13-1-2-2021-06' : 'ELBSecurityPolicy-2016-08',
        Certificates: [{ CertificateArn: ctx.arn('acm', region, `certificate/${suffix}`) }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      },
      { arn: listenerArn },
    );
  }
}

/** Lambda functions, each followed by its log group. */
export function* functions(
  ctx: AccountContext,
  vpcs: readonly VpcInfo[],
  count: number,
  roles: readonly string[],
  tables: readonly string[],
  functionNames: string[],
): Generator<Resource> {
  const { rng } = ctx;
  for (let i = 0; i < count && roles.length > 0; i++) {
    const vpc = vpcs[i % vpcs.length] as VpcInfo;
    const region = vpc.region;
    const service = rng.pick(SERVICES);
    const name = `${ctx.env}-${service}-${rng.pick(['handler', 'worker', 'api', 'cron'])}-${ctx.next()}`;
    functionNames.push(name);
    const runtime = rng.weighted([
      ['nodejs20.x', 4],
      ['python3.12', 4],
      ['java21', 1],
      ['python3.8', 1],
      ['nodejs16.x', 1],
    ] as const);
    const props: Record<string, unknown> = {
      FunctionName: name,
      Runtime: runtime,
      Handler: runtime.startsWith('java') ? 'com.example.Handler::handleRequest' : 'index.handler',
      Role: rng.pick(roles),
      MemorySize: rng.pick([128, 256, 512, 1024]),
      Timeout: rng.pick([3, 15, 30, 300]),
      Architectures: [rng.chance(0.4) ? 'arm64' : 'x86_64'],
      TracingConfig: { Mode: rng.chance(0.3) ? 'Active' : 'PassThrough' },
      Code: { S3Bucket: `${ctx.env}-artifacts-${ctx.id}`, S3Key: `${service}/${name}.zip` },
    };
    if (tables.length > 0)
      props.Environment = { Variables: { TABLE_NAME: rng.pick(tables), LOG_LEVEL: 'info' } };
    if (rng.chance(0.3)) {
      props.VpcConfig = {
        SubnetIds: vpc.privateSubnets.slice(0, 2).map((s) => s.id),
        SecurityGroupIds: [vpc.groups.app],
      };
    }
    const arn = ctx.arn('lambda', region, `function:${name}`);
    yield ctx.resource('AWS::Lambda::Function', name, region, props, {
      arn,
      name,
      service,
      observed: {
        LastModified: ctx.daysAgo(1, 600),
        Metrics: invocations(ctx),
      },
    });
    yield logGroup(ctx, region, `/aws/lambda/${name}`, service);
  }
}

/** Daily Lambda invocations and errors; some functions are never called, a few fail. */
function invocations(ctx: AccountContext): Record<string, MetricSeries> {
  const { rng } = ctx;
  const calls = rng.chance(0.15) ? 0 : rng.int(10, 150_000);
  const errors = rng.chance(0.1) ? calls * rng.next() * 0.05 : 0;
  return {
    Invocations: ctx.daily('AWS/Lambda', 'Sum', 'Count', calls, calls / 3),
    Errors: ctx.daily('AWS/Lambda', 'Sum', 'Count', errors, errors / 2),
  };
}

/** A CloudWatch Logs group; some never expire (a cost finding). */
export function logGroup(ctx: AccountContext, region: string, name: string, service: string): Resource {
  const props: Record<string, unknown> = { LogGroupName: name };
  const retention = ctx.rng.weighted([
    [14, 2],
    [30, 3],
    [90, 2],
    [365, 1],
    [0, 2],
  ] as const);
  if (retention > 0) props.RetentionInDays = retention;
  return ctx.resource('AWS::Logs::LogGroup', name, region, props, {
    arn: ctx.arn('logs', region, `log-group:${name}:*`),
    name,
    service,
    observed: { StoredBytes: ctx.rng.int(0, 50_000_000_000) },
  });
}

/** An application log group, to fill an account up to its resource count. */
export function appLogGroup(ctx: AccountContext, region: string): Resource {
  const service = ctx.rng.pick(SERVICES);
  return logGroup(ctx, region, `/app/${ctx.env}/${service}/${ctx.next()}`, service);
}

/** CloudWatch alarms on instances, tables and functions, notifying a topic. */
export function* alarms(
  ctx: AccountContext,
  region: string,
  count: number,
  targets: {
    instances: readonly string[];
    tables: readonly string[];
    functions: readonly string[];
    topics: readonly string[];
  },
): Generator<Resource> {
  const { rng } = ctx;
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted([
      ['instance', targets.instances.length > 0 ? 5 : 0],
      ['table', targets.tables.length > 0 ? 2 : 0],
      ['function', targets.functions.length > 0 ? 3 : 0],
      ['billing', 0.2],
    ] as const);
    let props: Record<string, unknown>;
    let label: string;
    if (kind === 'instance') {
      const id = rng.pick(targets.instances);
      label = `${id}-cpu-high`;
      props = metricAlarm('AWS/EC2', 'CPUUtilization', 'InstanceId', id, 'Average', 80);
    } else if (kind === 'table') {
      const table = rng.pick(targets.tables);
      label = `${table}-throttles`;
      props = metricAlarm('AWS/DynamoDB', 'ThrottledRequests', 'TableName', table, 'Sum', 0);
    } else if (kind === 'function') {
      const fn = rng.pick(targets.functions);
      label = `${fn}-errors`;
      props = metricAlarm('AWS/Lambda', 'Errors', 'FunctionName', fn, 'Sum', 5);
    } else {
      label = 'estimated-charges';
      props = metricAlarm('AWS/Billing', 'EstimatedCharges', 'Currency', 'USD', 'Maximum', 10000);
    }
    const name = `${label}-${ctx.next()}`;
    props.AlarmName = name;
    if (targets.topics.length > 0 && rng.chance(0.85)) props.AlarmActions = [rng.pick(targets.topics)];
    const state = rng.weighted([
      ['OK', 88],
      ['ALARM', 6],
      ['INSUFFICIENT_DATA', 6],
    ] as const);
    yield ctx.resource('AWS::CloudWatch::Alarm', name, region, props, {
      arn: ctx.arn('cloudwatch', region, `alarm:${name}`),
      name,
      service: 'monitoring',
      observed: { StateValue: state, StateUpdatedTimestamp: ctx.daysAgo(0, 60) },
    });
  }
}

function metricAlarm(
  namespace: string,
  metric: string,
  dimension: string,
  value: string,
  statistic: string,
  threshold: number,
): Record<string, unknown> {
  return {
    Namespace: namespace,
    MetricName: metric,
    Dimensions: [{ Name: dimension, Value: value }],
    Statistic: statistic,
    Period: 300,
    EvaluationPeriods: 3,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
  };
}
