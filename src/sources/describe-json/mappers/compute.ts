import { isUnresolved } from '../../../model/index.js';
import type { Item } from '../builder.js';
import {
  bool,
  compact,
  num,
  obj,
  objects,
  parseArn,
  regionOfZone,
  str,
  stringList,
  type Json,
} from '../values.js';
import { ec2Arn, requireId, type Mapper } from './common.js';

/** Interface types CloudFormation accepts on `AWS::EC2::NetworkInterface`; AWS-managed ones stay in `observed`. */
const CFN_INTERFACE_TYPES = new Set(['efa', 'efa-only', 'branch', 'trunk']);

/** Instance profile name from its ARN (`arn:aws:iam::1:instance-profile/path/name` → `name`). */
function profileName(arn: string | undefined): string | undefined {
  const resource = parseArn(arn)?.resource;
  return resource?.split('/').pop();
}

/** The instances of `describe-instances` (`Reservations[].Instances[]`), each with its reservation's owner. */
export function instanceItems(reservations: Item[]): Array<{ item: Item; owner?: string }> {
  return reservations.flatMap((reservation) =>
    objects(reservation.value.Instances).map((value, index) => ({
      item: { value, doc: reservation.doc, path: `${reservation.path}.Instances[${index}]` },
      owner: str(reservation.value.OwnerId),
    })),
  );
}

/** `describe-instances` → `AWS::EC2::Instance`; state, public IP and attachments in `observed`. */
export const mapInstances: Mapper = (input, builder) => {
  for (const { item, owner } of instanceItems(input.items('Reservations'))) {
    const v = item.value;
    const id = requireId(builder, item, 'InstanceId', 'instance');
    if (!id) continue;
    const placement = obj(v.Placement) ?? {};
    const zone = str(placement.AvailabilityZone);
    const profileArn = str(obj(v.IamInstanceProfile)?.Arn);
    const monitoring = str(obj(v.Monitoring)?.State);
    const metadata = obj(v.MetadataOptions);
    const interfaces = objects(v.NetworkInterfaces);
    builder.add({
      type: 'AWS::EC2::Instance',
      id,
      item,
      arn: ec2Arn(`instance/${id}`),
      tags: v.Tags,
      owner,
      region: regionOfZone(zone),
      props: compact({
        ImageId: str(v.ImageId),
        InstanceType: str(v.InstanceType),
        KeyName: str(v.KeyName),
        SubnetId: str(v.SubnetId),
        AvailabilityZone: zone,
        SecurityGroupIds: stringList(objects(v.SecurityGroups).map((g) => g.GroupId)),
        IamInstanceProfile: profileName(profileArn),
        Monitoring:
          monitoring === undefined ? undefined : monitoring === 'enabled' || monitoring === 'pending',
        EbsOptimized: bool(v.EbsOptimized),
        SourceDestCheck: bool(v.SourceDestCheck),
        PrivateIpAddress: str(v.PrivateIpAddress),
        Tenancy: str(placement.Tenancy),
        PlacementGroupName: str(placement.GroupName) || undefined,
        HostId: str(placement.HostId),
        NetworkInterfaces:
          interfaces.length > 0
            ? interfaces.map((eni) => {
                const attachment = obj(eni.Attachment) ?? {};
                const deviceIndex = num(attachment.DeviceIndex);
                return compact({
                  NetworkInterfaceId: str(eni.NetworkInterfaceId),
                  // CloudFormation types DeviceIndex as a string.
                  DeviceIndex: deviceIndex === undefined ? undefined : String(deviceIndex),
                  SubnetId: str(eni.SubnetId),
                  GroupSet: stringList(objects(eni.Groups).map((g) => g.GroupId)),
                  PrivateIpAddress: str(eni.PrivateIpAddress),
                  DeleteOnTermination: bool(attachment.DeleteOnTermination),
                });
              })
            : undefined,
        BlockDeviceMappings: objects(v.BlockDeviceMappings).map((mapping) =>
          compact({
            DeviceName: str(mapping.DeviceName),
            Ebs: obj(mapping.Ebs)
              ? compact({ DeleteOnTermination: bool(obj(mapping.Ebs)?.DeleteOnTermination) })
              : undefined,
          }),
        ),
        MetadataOptions: metadata
          ? compact({
              HttpEndpoint: str(metadata.HttpEndpoint),
              HttpTokens: str(metadata.HttpTokens),
              HttpPutResponseHopLimit: num(metadata.HttpPutResponseHopLimit),
              HttpProtocolIpv6: str(metadata.HttpProtocolIpv6),
              InstanceMetadataTags: str(metadata.InstanceMetadataTags),
            })
          : undefined,
        HibernationOptions: obj(v.HibernationOptions),
        CpuOptions: obj(v.CpuOptions),
        EnclaveOptions: obj(v.EnclaveOptions),
      }),
      observed: compact({
        State: str(obj(v.State)?.Name),
        StateReason: str(obj(v.StateReason)?.Message),
        StateTransitionReason: str(v.StateTransitionReason) || undefined,
        PublicIpAddress: str(v.PublicIpAddress),
        PublicDnsName: str(v.PublicDnsName) || undefined,
        PrivateDnsName: str(v.PrivateDnsName) || undefined,
        Ipv6Address: str(v.Ipv6Address),
        VpcId: str(v.VpcId),
        LaunchTime: str(v.LaunchTime),
        Platform: str(v.Platform),
        PlatformDetails: str(v.PlatformDetails),
        Architecture: str(v.Architecture),
        InstanceLifecycle: str(v.InstanceLifecycle),
        RootDeviceType: str(v.RootDeviceType),
        IamInstanceProfileArn: profileArn,
        MetadataOptionsState: str(metadata?.State),
        BlockDeviceMappings: objects(v.BlockDeviceMappings).map((mapping) =>
          compact({
            DeviceName: str(mapping.DeviceName),
            VolumeId: str(obj(mapping.Ebs)?.VolumeId),
            Status: str(obj(mapping.Ebs)?.Status),
          }),
        ),
        NetworkInterfaces: interfaces.map((eni) =>
          compact({
            NetworkInterfaceId: str(eni.NetworkInterfaceId),
            PublicIp: str(obj(eni.Association)?.PublicIp),
            AttachmentStatus: str(obj(eni.Attachment)?.Status),
            SourceDestCheck: bool(eni.SourceDestCheck),
          }),
        ),
      }),
    });
  }
};

/** `describe-network-interfaces` → `AWS::EC2::NetworkInterface`; attachment and public IPs in `observed`. */
export const mapNetworkInterfaces: Mapper = (input, builder) => {
  for (const item of input.items('NetworkInterfaces')) {
    const v = item.value;
    const id = requireId(builder, item, 'NetworkInterfaceId', 'network interface');
    if (!id) continue;
    const type = str(v.InterfaceType);
    const privateIps = objects(v.PrivateIpAddresses);
    const attachment = obj(v.Attachment);
    const association = obj(v.Association);
    const zone = str(v.AvailabilityZone);
    builder.add({
      type: 'AWS::EC2::NetworkInterface',
      id,
      item,
      arn: ec2Arn(`network-interface/${id}`),
      tags: v.TagSet ?? v.Tags,
      owner: str(v.OwnerId),
      region: regionOfZone(zone),
      props: compact({
        SubnetId: str(v.SubnetId),
        Description: str(v.Description) || undefined,
        GroupSet: objects(v.Groups)
          .map((g) => str(g.GroupId))
          .filter((g): g is string => g !== undefined),
        PrivateIpAddress: str(v.PrivateIpAddress),
        PrivateIpAddresses:
          privateIps.length > 0
            ? privateIps.map((ip) =>
                compact({ PrivateIpAddress: str(ip.PrivateIpAddress), Primary: bool(ip.Primary) ?? false }),
              )
            : undefined,
        Ipv6Addresses: objects(v.Ipv6Addresses).length
          ? objects(v.Ipv6Addresses).map((a) => compact({ Ipv6Address: str(a.Ipv6Address) }))
          : undefined,
        SourceDestCheck: bool(v.SourceDestCheck),
        InterfaceType: type && CFN_INTERFACE_TYPES.has(type) ? type : undefined,
      }),
      observed: compact({
        Status: str(v.Status),
        InterfaceType: type,
        VpcId: str(v.VpcId),
        AvailabilityZone: zone,
        Attachment: attachment
          ? compact({
              InstanceId: str(attachment.InstanceId),
              InstanceOwnerId: str(attachment.InstanceOwnerId),
              DeviceIndex: num(attachment.DeviceIndex),
              Status: str(attachment.Status),
              AttachmentId: str(attachment.AttachmentId),
              DeleteOnTermination: bool(attachment.DeleteOnTermination),
            })
          : undefined,
        PublicIp: str(association?.PublicIp),
        PublicDnsName: str(association?.PublicDnsName),
        IpOwnerId: str(association?.IpOwnerId),
        AllocationId: str(association?.AllocationId),
        // Every public IPv4 on the interface, one per private IP that has one.
        PublicIps: stringList(privateIps.map((ip) => obj(ip.Association)?.PublicIp)),
        RequesterManaged: bool(v.RequesterManaged),
        RequesterId: str(v.RequesterId),
        MacAddress: str(v.MacAddress),
        OwnerId: str(v.OwnerId),
      }),
    });
  }
};

/** `describe-volumes` → `AWS::EC2::Volume`; attachments and state in `observed`. */
export const mapVolumes: Mapper = (input, builder) => {
  for (const item of input.items('Volumes')) {
    const v = item.value;
    const id = requireId(builder, item, 'VolumeId', 'volume');
    if (!id) continue;
    const zone = str(v.AvailabilityZone);
    builder.add({
      type: 'AWS::EC2::Volume',
      id,
      item,
      arn: ec2Arn(`volume/${id}`),
      tags: v.Tags,
      region: regionOfZone(zone),
      props: compact({
        AvailabilityZone: zone,
        Size: num(v.Size),
        VolumeType: str(v.VolumeType),
        Encrypted: bool(v.Encrypted),
        KmsKeyId: str(v.KmsKeyId),
        Iops: num(v.Iops),
        Throughput: num(v.Throughput),
        SnapshotId: str(v.SnapshotId) || undefined,
        MultiAttachEnabled: bool(v.MultiAttachEnabled),
        OutpostArn: str(v.OutpostArn),
      }),
      observed: compact({
        State: str(v.State),
        CreateTime: str(v.CreateTime),
        Attachments: objects(v.Attachments).map((a) =>
          compact({
            InstanceId: str(a.InstanceId),
            Device: str(a.Device),
            State: str(a.State),
            DeleteOnTermination: bool(a.DeleteOnTermination),
          }),
        ),
      }),
    });
  }
};

/** `describe-snapshots` → `AWS::EC2::Snapshot` (a model-only type: CloudFormation has none). */
export const mapSnapshots: Mapper = (input, builder) => {
  for (const item of input.items('Snapshots')) {
    const v: Json = item.value;
    const id = requireId(builder, item, 'SnapshotId', 'EBS snapshot');
    if (!id) continue;
    builder.add({
      type: 'AWS::EC2::Snapshot',
      id,
      item,
      arn: ec2Arn(`snapshot/${id}`),
      tags: v.Tags,
      owner: str(v.OwnerId),
      props: compact({
        VolumeId: str(v.VolumeId),
        VolumeSize: num(v.VolumeSize),
        Encrypted: bool(v.Encrypted),
        KmsKeyId: str(v.KmsKeyId),
        Description: str(v.Description) || undefined,
        StorageTier: str(v.StorageTier),
      }),
      observed: compact({
        State: str(v.State),
        StartTime: str(v.StartTime),
        Progress: str(v.Progress),
        OwnerAlias: str(v.OwnerAlias),
        // Set by the live collector (any account may restore it), or unresolved when that was not read.
        Public: typeof v.Public === 'boolean' || isUnresolved(v.Public) ? v.Public : undefined,
      }),
    });
  }
};
