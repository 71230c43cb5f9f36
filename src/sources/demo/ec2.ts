import { arnOf, type Inventory, type MetricSeries, type Place, type Spec } from './builder.js';
import { daysAgo, physicalId } from './ids.js';

/*
 * EC2 building blocks shared by the network and compute modules: ids, instances with their root
 * volumes, and standalone volumes.
 */

/** The physical id of an EC2 resource from its prefix, place and name; the same inputs give the same id. */
export function ec2Id(prefix: string, place: Place, name: string): string {
  return physicalId(prefix, `${place.account}/${place.region}/${name}`);
}

export function ec2Arn(place: Place, path: string): string {
  return arnOf('ec2', place, path);
}

/**
 * Public images owned by Amazon, referenced by instances but not owned by any demo account (so they
 * are not resources of the snapshot).
 */
export const PUBLIC_AMIS = {
  al2023: {
    'us-east-1': physicalId('ami', 'amazon/al2023/us-east-1'),
    'ap-southeast-1': physicalId('ami', 'amazon/al2023/ap-southeast-1'),
  },
  windows2022: { 'us-east-1': physicalId('ami', 'amazon/windows-2022/us-east-1') },
  natInstance: { 'us-east-1': physicalId('ami', 'amazon/al2023-nat/us-east-1') },
} as const;

/** Every public AMI id above, for reference checks. */
export const PUBLIC_AMI_IDS: ReadonlySet<string> = new Set(
  Object.values(PUBLIC_AMIS).flatMap((byRegion) => Object.values(byRegion) as string[]),
);

/** A subnet as other modules need it: where it is and what it is called. */
export interface SubnetRef {
  id: string;
  name: string;
  cidr: string;
  az: string;
  vpcId: string;
  place: Place;
}

export interface InstanceOptions {
  name: string;
  subnet: SubnetRef;
  securityGroups: string[];
  instanceType: string;
  imageId: string;
  privateIp: string;
  publicIp?: string;
  profile?: string;
  keyName?: string;
  /** NAT instances turn the check off to forward traffic. */
  sourceDestCheck?: boolean;
  credits?: 'standard' | 'unlimited';
  state?: 'running' | 'stopped';
  launchedDaysAgo: number;
  platform?: 'windows';
  imdsv2?: boolean;
  launchTemplate?: { LaunchTemplateId: string; Version: string };
  metrics?: Record<string, MetricSeries>;
  root?: {
    size: number;
    type: 'gp2' | 'gp3';
    problem?: Spec['problem'];
    twin?: Spec['twin'];
    tags?: Record<string, string>;
  };
  /** Extra EBS volumes attached at launch (`/dev/sdf`, `/dev/sdg`, ...). */
  dataVolumes?: Array<Omit<VolumeOptions, 'az' | 'createdDaysAgo' | 'attachedTo'>>;
  tags?: Record<string, string>;
  problem?: Spec['problem'];
  twin?: Spec['twin'];
  extraObserved?: Record<string, unknown>;
}

export interface InstanceRef {
  id: string;
  rootVolumeId: string;
  name: string;
  privateIp: string;
}

/** An EC2 instance and its root EBS volume. */
export function instance(inv: Inventory, o: InstanceOptions): InstanceRef {
  const place = o.subnet.place;
  const id = ec2Id('i', place, o.name);
  const rootVolumeId = ec2Id('vol', place, `${o.name}-root`);
  const root = o.root ?? { size: o.platform === 'windows' ? 50 : 16, type: 'gp3' as const };
  const device = o.platform === 'windows' ? '/dev/sda1' : '/dev/xvda';
  const state = o.state ?? 'running';
  const observed: Record<string, unknown> = {
    State: state,
    LaunchTime: daysAgo(o.launchedDaysAgo),
    VpcId: o.subnet.vpcId,
    Architecture: 'x86_64',
    // us-east-1 uses the legacy `ec2.internal` domain; other regions `<region>.compute.internal`.
    PrivateDnsName: `ip-${o.privateIp.replaceAll('.', '-')}.${place.region === 'us-east-1' ? 'ec2.internal' : `${place.region}.compute.internal`}`,
    BlockDeviceMappings: [
      { DeviceName: device, VolumeId: rootVolumeId, Status: 'attached' },
      ...(o.dataVolumes ?? []).map((v, index) => ({
        DeviceName: dataDevice(index),
        VolumeId: ec2Id('vol', place, v.name),
        Status: 'attached',
      })),
    ],
  };
  if (o.publicIp && state === 'running') observed.PublicIpAddress = o.publicIp;
  if (o.platform) observed.Platform = o.platform;
  if (o.profile)
    observed.IamInstanceProfileArn = `arn:aws:iam::${place.account}:instance-profile/${o.profile}`;
  if (o.metrics) observed.Metrics = o.metrics;
  Object.assign(observed, o.extraObserved);

  const props: Record<string, unknown> = {
    ImageId: o.imageId,
    InstanceType: o.instanceType,
    SubnetId: o.subnet.id,
    AvailabilityZone: o.subnet.az,
    SecurityGroupIds: o.securityGroups,
    PrivateIpAddress: o.privateIp,
    Monitoring: false,
    EbsOptimized: true,
    SourceDestCheck: o.sourceDestCheck ?? true,
    MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: o.imdsv2 === false ? 'optional' : 'required' },
    BlockDeviceMappings: [
      {
        DeviceName: device,
        Ebs: { VolumeSize: root.size, VolumeType: root.type, Encrypted: true, DeleteOnTermination: true },
      },
    ],
  };
  if (o.keyName) props.KeyName = o.keyName;
  if (o.profile) props.IamInstanceProfile = o.profile;
  if (o.credits) props.CreditSpecification = { CPUCredits: o.credits };
  if (o.launchTemplate) props.LaunchTemplate = o.launchTemplate;

  inv.add(place, {
    type: 'AWS::EC2::Instance',
    id,
    arn: ec2Arn(place, `instance/${id}`),
    name: o.name,
    tags: o.tags,
    props,
    observed,
    problem: o.problem,
    twin: o.twin,
  });
  volume(inv, place, {
    name: `${o.name}-root`,
    az: o.subnet.az,
    size: root.size,
    type: root.type,
    createdDaysAgo: o.launchedDaysAgo,
    attachedTo: { instanceId: id, device },
    tags: root.tags,
    problem: root.problem,
    twin: root.twin,
  });
  for (const [index, data] of (o.dataVolumes ?? []).entries()) {
    volume(inv, place, {
      ...data,
      az: o.subnet.az,
      createdDaysAgo: o.launchedDaysAgo,
      attachedTo: { instanceId: id, device: dataDevice(index) },
    });
  }
  return { id, rootVolumeId, name: o.name, privateIp: o.privateIp };
}

function dataDevice(index: number): string {
  return `/dev/sd${String.fromCharCode(102 + index)}`;
}

export interface VolumeOptions {
  name: string;
  az: string;
  size: number;
  type: 'gp2' | 'gp3';
  createdDaysAgo: number;
  attachedTo?: { instanceId: string; device: string };
  snapshotId?: string;
  kmsKeyId?: string;
  tags?: Record<string, string>;
  problem?: Spec['problem'];
  twin?: Spec['twin'];
  /** Days since it was detached, for orphaned volumes. */
  metrics?: Record<string, MetricSeries>;
}

/** An EBS volume; attachment and state are runtime facts. */
export function volume(inv: Inventory, place: Place, o: VolumeOptions): string {
  const id = ec2Id('vol', place, o.name);
  const props: Record<string, unknown> = {
    AvailabilityZone: o.az,
    Size: o.size,
    VolumeType: o.type,
    Encrypted: true,
  };
  // gp3 has a fixed baseline of 3,000 IOPS and 125 MiB/s; gp2 scales IOPS with size.
  // https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html
  if (o.type === 'gp3') Object.assign(props, { Iops: 3000, Throughput: 125 });
  if (o.kmsKeyId) props.KmsKeyId = o.kmsKeyId;
  if (o.snapshotId) props.SnapshotId = o.snapshotId;
  const observed: Record<string, unknown> = {
    State: o.attachedTo ? 'in-use' : 'available',
    CreateTime: daysAgo(o.createdDaysAgo),
    Attachments: o.attachedTo
      ? [
          {
            InstanceId: o.attachedTo.instanceId,
            Device: o.attachedTo.device,
            State: 'attached',
            DeleteOnTermination: true,
          },
        ]
      : [],
  };
  if (o.metrics) observed.Metrics = o.metrics;
  inv.add(place, {
    type: 'AWS::EC2::Volume',
    id,
    arn: ec2Arn(place, `volume/${id}`),
    name: o.name,
    tags: o.tags,
    props,
    observed,
    problem: o.problem,
    twin: o.twin,
  });
  return id;
}

export interface SnapshotOptions {
  /** The volume it was taken from; AWS keeps the id after the volume is deleted. */
  volumeId: string;
  size: number;
  ageDays: number;
  description: string;
  tags?: Record<string, string>;
  problem?: Spec['problem'];
  twin?: Spec['twin'];
}

/** An EBS snapshot (model-only type `AWS::EC2::Snapshot`, describe-snapshots fields). */
export function snapshot(inv: Inventory, place: Place, name: string, o: SnapshotOptions): string {
  const id = ec2Id('snap', place, name);
  inv.add(place, {
    type: 'AWS::EC2::Snapshot',
    id,
    arn: ec2Arn(place, `snapshot/${id}`),
    name,
    tags: o.tags,
    props: {
      VolumeId: o.volumeId,
      VolumeSize: o.size,
      Encrypted: true,
      Description: o.description,
      StorageTier: 'standard',
    },
    observed: { State: 'completed', StartTime: daysAgo(o.ageDays), Progress: '100%', OwnerId: place.account },
    problem: o.problem,
    twin: o.twin,
  });
  return id;
}

export interface ImageOptions {
  description: string;
  ageDays: number;
  size: number;
  /** Days since an instance was last launched from it; undefined = not recorded. */
  lastLaunchedDaysAgo?: number;
  /** For a copy: the AMI it was copied from (kept as a tag by the copy job). */
  copiedFrom?: string;
  problem?: Spec['problem'];
  twin?: Spec['twin'];
}

/**
 * An AMI owned by the account (model-only type `AWS::EC2::Image`) and the snapshot behind its root
 * device. Image Builder deletes the build volume, so the snapshot's volume no longer exists.
 */
export function image(
  inv: Inventory,
  place: Place,
  name: string,
  o: ImageOptions,
): { id: string; snapshotId: string } {
  const id = ec2Id('ami', place, name);
  const snapshotId = snapshot(inv, place, `${name}-root`, {
    volumeId: o.copiedFrom ? 'vol-ffffffff' : ec2Id('vol', place, `${name}-build`),
    size: o.size,
    ageDays: o.ageDays,
    description: o.copiedFrom
      ? `Copied for DestinationAmi ${id} from SourceAmi ${o.copiedFrom}`
      : `Created by CreateImage for ${id}`,
  });
  const observed: Record<string, unknown> = {
    State: 'available',
    CreationDate: daysAgo(o.ageDays),
    OwnerId: place.account,
    Public: false,
  };
  if (o.lastLaunchedDaysAgo !== undefined) observed.LastLaunchedTime = daysAgo(o.lastLaunchedDaysAgo);
  inv.add(place, {
    type: 'AWS::EC2::Image',
    id,
    arn: ec2Arn({ ...place, account: '' }, `image/${id}`),
    name,
    tags: o.copiedFrom ? { 'copied-from': o.copiedFrom } : undefined,
    props: {
      Name: name,
      Description: o.description,
      Architecture: 'x86_64',
      VirtualizationType: 'hvm',
      EnaSupport: true,
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: { SnapshotId: snapshotId, VolumeSize: o.size, VolumeType: 'gp3', Encrypted: true },
        },
      ],
    },
    observed,
    problem: o.problem,
    twin: o.twin,
  });
  return { id, snapshotId };
}
