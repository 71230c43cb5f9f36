/** EC2 instances, launch templates and Auto Scaling launch configurations, and EBS volumes. */
import { isUnresolved } from '../../../model/index.js';
import type { TfInstance } from '../instance.js';
import {
  compact,
  configuredValue,
  copy,
  isSet,
  mapBlock,
  mapBlocks,
  put,
  type Props,
  type Values,
} from './helpers.js';
import type { TypeMapping } from './types.js';

/** EBS settings of a root or extra block device, as CloudFormation's `BlockDeviceMappings[].Ebs`. */
function ebs(b: Values): Props | undefined {
  return compact({
    VolumeSize: b.volume_size,
    VolumeType: b.volume_type,
    Encrypted: b.encrypted,
    KmsKeyId: b.kms_key_id,
    DeleteOnTermination: b.delete_on_termination,
    Iops: b.iops,
    Throughput: b.throughput,
    SnapshotId: b.snapshot_id,
  });
}

function blockDeviceMappings(inst: TfInstance): unknown[] | undefined {
  const out: unknown[] = [];
  const root = configuredValue(inst, 'root_block_device');
  const rootMapped = mapBlock(root, (b) =>
    compact({ DeviceName: isUnresolved(b.device_name) ? undefined : b.device_name, Ebs: ebs(b) }),
  );
  if (rootMapped !== undefined) out.push(rootMapped);
  const extra = mapBlocks(configuredValue(inst, 'ebs_block_device'), (b) =>
    compact({ DeviceName: b.device_name, Ebs: ebs(b) }),
  );
  if (isUnresolved(extra)) out.push(extra);
  else if (extra) out.push(...extra);
  return out.length > 0 ? out : undefined;
}

/** `metadata_options` of an instance or launch template, as CloudFormation's `MetadataOptions`. */
function metadataOptions(inst: TfInstance): unknown {
  return mapBlock(configuredValue(inst, 'metadata_options'), (b) =>
    compact({
      HttpTokens: b.http_tokens,
      HttpEndpoint: b.http_endpoint,
      HttpPutResponseHopLimit: b.http_put_response_hop_limit,
      InstanceMetadataTags: b.instance_metadata_tags,
    }),
  );
}

/** The provider writes a launch template's `associate_public_ip_address` as a string (`""` when unset). */
function tristate(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value === '' ? undefined : value;
}

/**
 * `aws_launch_template` → `AWS::EC2::LaunchTemplate`, its settings in `LaunchTemplateData` as
 * CloudFormation nests them (what the IMDSv2, public-IP and encryption rules read).
 */
const launchTemplate: TypeMapping = {
  cfnType: 'AWS::EC2::LaunchTemplate',
  nameProp: 'LaunchTemplateName',
  props: (inst) => {
    const data = copy(inst.values, {
      image_id: 'ImageId',
      instance_type: 'InstanceType',
      key_name: 'KeyName',
      ebs_optimized: 'EbsOptimized',
    });
    put(data, 'SecurityGroupIds', configuredValue(inst, 'vpc_security_group_ids'));
    put(
      data,
      'IamInstanceProfile',
      mapBlock(configuredValue(inst, 'iam_instance_profile'), (b) => compact({ Arn: b.arn, Name: b.name })),
    );
    put(
      data,
      'NetworkInterfaces',
      mapBlocks(configuredValue(inst, 'network_interfaces'), (b) =>
        compact({
          DeviceIndex: typeof b.device_index === 'number' ? String(b.device_index) : b.device_index,
          AssociatePublicIpAddress: tristate(b.associate_public_ip_address),
          SubnetId: b.subnet_id,
          Groups: b.security_groups,
          NetworkInterfaceId: b.network_interface_id,
        }),
      ),
    );
    put(
      data,
      'BlockDeviceMappings',
      mapBlocks(configuredValue(inst, 'block_device_mappings'), (b) =>
        compact({ DeviceName: b.device_name, Ebs: mapBlock(b.ebs, ebs) }),
      ),
    );
    put(data, 'MetadataOptions', metadataOptions(inst));
    const props = copy(inst.values, { name: 'LaunchTemplateName' });
    props.LaunchTemplateData = data;
    return props;
  },
};

/** `aws_launch_configuration` → `AWS::AutoScaling::LaunchConfiguration` (IMDSv2, instance type, public IP). */
const launchConfiguration: TypeMapping = {
  cfnType: 'AWS::AutoScaling::LaunchConfiguration',
  nameProp: 'LaunchConfigurationName',
  props: (inst) => {
    const props = copy(inst.values, {
      name: 'LaunchConfigurationName',
      image_id: 'ImageId',
      instance_type: 'InstanceType',
      key_name: 'KeyName',
      iam_instance_profile: 'IamInstanceProfile',
      ebs_optimized: 'EbsOptimized',
    });
    put(props, 'AssociatePublicIpAddress', configuredValue(inst, 'associate_public_ip_address'));
    put(props, 'SecurityGroups', configuredValue(inst, 'security_groups'));
    put(props, 'BlockDeviceMappings', blockDeviceMappings(inst));
    put(props, 'MetadataOptions', metadataOptions(inst));
    return props;
  },
};

const instance: TypeMapping = {
  cfnType: 'AWS::EC2::Instance',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      ami: 'ImageId',
      instance_type: 'InstanceType',
      key_name: 'KeyName',
      iam_instance_profile: 'IamInstanceProfile',
      ebs_optimized: 'EbsOptimized',
      monitoring: 'Monitoring',
      disable_api_termination: 'DisableApiTermination',
      instance_initiated_shutdown_behavior: 'InstanceInitiatedShutdownBehavior',
      source_dest_check: 'SourceDestCheck',
      placement_group: 'PlacementGroupName',
    });
    // Computed when unset (AWS picks, or the subnet decides): left out rather than reported unknown.
    put(props, 'AvailabilityZone', configuredValue(inst, 'availability_zone'));
    put(props, 'Tenancy', configuredValue(inst, 'tenancy'));
    put(props, 'PrivateIpAddress', configuredValue(inst, 'private_ip'));
    put(props, 'SecurityGroups', configuredValue(inst, 'security_groups'));
    const subnetId = configuredValue(inst, 'subnet_id');
    const groupIds = configuredValue(inst, 'vpc_security_group_ids');
    const publicIp = configuredValue(inst, 'associate_public_ip_address');
    if (
      typeof publicIp === 'boolean' ||
      (isUnresolved(publicIp) && inst.configured?.has('associate_public_ip_address'))
    ) {
      // CloudFormation sets a public IP only on a network interface, which then carries the subnet and groups.
      props.NetworkInterfaces = [
        put(
          put({ DeviceIndex: '0', AssociatePublicIpAddress: publicIp }, 'SubnetId', subnetId),
          'GroupSet',
          groupIds,
        ),
      ];
    } else {
      put(props, 'SubnetId', subnetId);
      put(props, 'SecurityGroupIds', groupIds);
      // Existing interfaces attached at launch (`network_interface` conflicts with `subnet_id`).
      put(
        props,
        'NetworkInterfaces',
        mapBlocks(configuredValue(inst, 'network_interface'), (b) =>
          compact({
            DeviceIndex: typeof b.device_index === 'number' ? String(b.device_index) : b.device_index,
            NetworkInterfaceId: b.network_interface_id,
          }),
        ),
      );
    }
    put(
      props,
      'LaunchTemplate',
      mapBlock(configuredValue(inst, 'launch_template'), (t) =>
        compact({
          LaunchTemplateId: isUnresolved(t.id) && isSet(t.name) ? undefined : t.id,
          LaunchTemplateName: isUnresolved(t.name) && isSet(t.id) ? undefined : t.name,
          Version: t.version,
        }),
      ),
    );
    put(props, 'BlockDeviceMappings', blockDeviceMappings(inst));
    // Not a CloudFormation Instance property (it lives in launch templates), but what describe-instances
    // reports and what the IMDSv2 controls read.
    put(props, 'MetadataOptions', metadataOptions(inst));
    return props;
  },
  observed: (inst) => {
    const v = inst.values;
    const out: Record<string, unknown> = {};
    if (typeof v.instance_state === 'string') out.State = v.instance_state;
    if (typeof v.public_ip === 'string' && v.public_ip) out.PublicIpAddress = v.public_ip;
    if (typeof v.private_ip === 'string' && v.private_ip) out.PrivateIpAddress = v.private_ip;
    return Object.keys(out).length > 0 ? out : undefined;
  },
};

const ebsVolume: TypeMapping = {
  cfnType: 'AWS::EC2::Volume',
  props: (inst) => {
    const props = copy(inst.values, {
      availability_zone: 'AvailabilityZone',
      size: 'Size',
      encrypted: 'Encrypted',
      snapshot_id: 'SnapshotId',
      multi_attach_enabled: 'MultiAttachEnabled',
      outpost_arn: 'OutpostArn',
    });
    put(props, 'VolumeType', configuredValue(inst, 'type'));
    put(props, 'KmsKeyId', configuredValue(inst, 'kms_key_id'));
    put(props, 'Iops', configuredValue(inst, 'iops'));
    put(props, 'Throughput', configuredValue(inst, 'throughput'));
    return props;
  },
};

const volumeAttachment: TypeMapping = {
  cfnType: 'AWS::EC2::VolumeAttachment',
  tags: 'none',
  props: (inst) =>
    copy(inst.values, { device_name: 'Device', instance_id: 'InstanceId', volume_id: 'VolumeId' }),
};

const ebsSnapshot: TypeMapping = {
  cfnType: 'AWS::EC2::Snapshot',
  props: (inst) => {
    const props = copy(inst.values, {
      volume_id: 'VolumeId',
      description: 'Description',
      outpost_arn: 'OutpostArn',
    });
    put(props, 'Encrypted', configuredValue(inst, 'encrypted'));
    return props;
  },
};

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_instance: instance,
  aws_launch_template: launchTemplate,
  aws_launch_configuration: launchConfiguration,
  aws_ebs_volume: ebsVolume,
  aws_volume_attachment: volumeAttachment,
  aws_ebs_snapshot: ebsSnapshot,
};
