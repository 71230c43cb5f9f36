import { UNKNOWN_REGION, unresolved } from '../../../model/index.js';
import type { Builder, Item } from '../builder.js';
import { isRegionName } from '../files.js';
import {
  bool,
  compact,
  num,
  obj,
  objects,
  partitionOf,
  policyDocument,
  regionOfZone,
  str,
  stringList,
  strings,
  type Json,
} from '../values.js';
import { ec2Arn, requireId, type Mapper } from './common.js';

const ACTIVE_CIDR = new Set(['associated', 'associating']);

/**
 * `describe-vpcs` → `AWS::EC2::VPC`, plus an `AWS::EC2::VPCCidrBlock` (id = association id) for each
 * secondary IPv4 and each IPv6 block, as a template declares them. `observed.CidrBlocks` lists every
 * associated IPv4 block for convenience.
 */
export const mapVpcs: Mapper = (input, builder) => {
  for (const item of input.items('Vpcs')) {
    const v = item.value;
    const id = requireId(builder, item, 'VpcId', 'VPC');
    if (!id) continue;
    const owner = str(v.OwnerId);
    const primary = str(v.CidrBlock);
    const ipv4 = objects(v.CidrBlockAssociationSet).filter((a) =>
      ACTIVE_CIDR.has(str(obj(a.CidrBlockState)?.State) ?? 'associated'),
    );
    const ipv6 = objects(v.Ipv6CidrBlockAssociationSet).filter((a) =>
      ACTIVE_CIDR.has(str(obj(a.Ipv6CidrBlockState)?.State) ?? 'associated'),
    );
    builder.add({
      type: 'AWS::EC2::VPC',
      id,
      item,
      arn: ec2Arn(`vpc/${id}`),
      tags: v.Tags,
      owner,
      props: compact({ CidrBlock: primary, InstanceTenancy: str(v.InstanceTenancy) }),
      observed: compact({
        State: str(v.State),
        IsDefault: bool(v.IsDefault),
        DhcpOptionsId: str(v.DhcpOptionsId),
        CidrBlocks: ipv4.map((a) => str(a.CidrBlock)).filter((c): c is string => c !== undefined),
        Ipv6CidrBlocks: stringList(ipv6.map((a) => a.Ipv6CidrBlock)),
        OwnerId: owner,
      }),
    });
    for (const association of ipv4) {
      const cidr = str(association.CidrBlock);
      const associationId = str(association.AssociationId);
      if (!cidr || !associationId || cidr === primary) continue;
      builder.add({
        type: 'AWS::EC2::VPCCidrBlock',
        id: associationId,
        item,
        owner,
        props: { VpcId: id, CidrBlock: cidr },
      });
    }
    for (const association of ipv6) {
      const associationId = str(association.AssociationId);
      if (!associationId) continue;
      builder.add({
        type: 'AWS::EC2::VPCCidrBlock',
        id: associationId,
        item,
        owner,
        props: compact({
          VpcId: id,
          Ipv6CidrBlock: str(association.Ipv6CidrBlock),
          Ipv6Pool: str(association.Ipv6Pool) === 'Amazon' ? undefined : str(association.Ipv6Pool),
          AmazonProvidedIpv6CidrBlock: str(association.Ipv6Pool) === 'Amazon' ? true : undefined,
        }),
      });
    }
  }
};

/** `describe-subnets` → `AWS::EC2::Subnet`. */
export const mapSubnets: Mapper = (input, builder) => {
  for (const item of input.items('Subnets')) {
    const v = item.value;
    const id = requireId(builder, item, 'SubnetId', 'subnet');
    if (!id) continue;
    const zone = str(v.AvailabilityZone);
    const ipv6 = objects(v.Ipv6CidrBlockAssociationSet).filter((a) =>
      ACTIVE_CIDR.has(str(obj(a.Ipv6CidrBlockState)?.State) ?? 'associated'),
    );
    builder.add({
      type: 'AWS::EC2::Subnet',
      id,
      item,
      arn: str(v.SubnetArn) ?? ec2Arn(`subnet/${id}`),
      tags: v.Tags,
      owner: str(v.OwnerId),
      region: regionOfZone(zone),
      props: compact({
        VpcId: str(v.VpcId),
        CidrBlock: str(v.CidrBlock),
        AvailabilityZone: zone,
        AvailabilityZoneId: str(v.AvailabilityZoneId),
        Ipv6CidrBlock: str(ipv6[0]?.Ipv6CidrBlock),
        MapPublicIpOnLaunch: bool(v.MapPublicIpOnLaunch),
        AssignIpv6AddressOnCreation: bool(v.AssignIpv6AddressOnCreation),
        EnableDns64: bool(v.EnableDns64),
        Ipv6Native: bool(v.Ipv6Native),
        OutpostArn: str(v.OutpostArn),
        PrivateDnsNameOptionsOnLaunch: obj(v.PrivateDnsNameOptionsOnLaunch),
      }),
      observed: compact({
        State: str(v.State),
        AvailableIpAddressCount: num(v.AvailableIpAddressCount),
        DefaultForAz: bool(v.DefaultForAz),
        Ipv6CidrBlocks: ipv6.length > 1 ? stringList(ipv6.map((a) => a.Ipv6CidrBlock)) : undefined,
        OwnerId: str(v.OwnerId),
      }),
    });
  }
};

/** The VPC of an attachment list that is in effect (`available`/`attached` for IGWs, `attached` for VGWs). */
export function attachedVpc(attachments: unknown): string | undefined {
  const active = objects(attachments).find((a) =>
    ['available', 'attached', 'attaching'].includes(str(a.State) ?? 'attached'),
  );
  return str(active?.VpcId);
}

/** `describe-internet-gateways` → `AWS::EC2::InternetGateway` (attachment folded into `VpcId`). */
export const mapInternetGateways: Mapper = (input, builder) => {
  for (const item of input.items('InternetGateways')) {
    const v = item.value;
    const id = requireId(builder, item, 'InternetGatewayId', 'internet gateway');
    if (!id) continue;
    builder.add({
      type: 'AWS::EC2::InternetGateway',
      id,
      item,
      arn: ec2Arn(`internet-gateway/${id}`),
      tags: v.Tags,
      owner: str(v.OwnerId),
      props: compact({ VpcId: attachedVpc(v.Attachments) }),
      observed: compact({ Attachments: objects(v.Attachments), OwnerId: str(v.OwnerId) }),
    });
  }
};

/** `describe-egress-only-internet-gateways` → `AWS::EC2::EgressOnlyInternetGateway`. */
export const mapEgressOnlyInternetGateways: Mapper = (input, builder) => {
  for (const item of input.items('EgressOnlyInternetGateways')) {
    const v = item.value;
    const id = requireId(builder, item, 'EgressOnlyInternetGatewayId', 'egress-only internet gateway');
    if (!id) continue;
    builder.add({
      type: 'AWS::EC2::EgressOnlyInternetGateway',
      id,
      item,
      arn: ec2Arn(`egress-only-internet-gateway/${id}`),
      tags: v.Tags,
      owner: str(v.OwnerId),
      props: compact({ VpcId: attachedVpc(v.Attachments) }),
      observed: compact({ Attachments: objects(v.Attachments) }),
    });
  }
};

/** `describe-nat-gateways` → `AWS::EC2::NatGateway`; addresses and state in `observed`. */
export const mapNatGateways: Mapper = (input, builder) => {
  for (const item of input.items('NatGateways')) {
    const v = item.value;
    const id = requireId(builder, item, 'NatGatewayId', 'NAT gateway');
    if (!id) continue;
    const addresses = objects(v.NatGatewayAddresses);
    // Older responses have no IsPrimary; the first address is the primary one then.
    const primary = addresses.find((a) => a.IsPrimary === true) ?? addresses[0];
    const secondary = addresses.filter((a) => a !== primary);
    builder.add({
      type: 'AWS::EC2::NatGateway',
      id,
      item,
      arn: ec2Arn(`natgateway/${id}`),
      tags: v.Tags,
      props: compact({
        SubnetId: str(v.SubnetId),
        VpcId: str(v.VpcId),
        ConnectivityType: str(v.ConnectivityType),
        AvailabilityMode: str(v.AvailabilityMode),
        AllocationId: str(primary?.AllocationId),
        PrivateIpAddress: str(primary?.PrivateIp),
        SecondaryAllocationIds: stringList(secondary.map((a) => a.AllocationId)),
        SecondaryPrivateIpAddresses: stringList(secondary.map((a) => a.PrivateIp)),
      }),
      observed: compact({
        State: str(v.State),
        FailureCode: str(v.FailureCode),
        FailureMessage: str(v.FailureMessage),
        NatGatewayAddresses: addresses,
        CreateTime: str(v.CreateTime),
      }),
    });
  }
};

/** `describe-addresses` → `AWS::EC2::EIP` (id = allocation id; the public IP for EC2-Classic addresses). */
export const mapAddresses: Mapper = (input, builder) => {
  for (const item of input.items('Addresses')) {
    const v = item.value;
    const id = str(v.AllocationId) ?? str(v.PublicIp);
    if (!id) {
      builder.badItem(item, 'elastic IP', 'no AllocationId or PublicIp');
      continue;
    }
    const borderGroup = str(v.NetworkBorderGroup);
    builder.add({
      type: 'AWS::EC2::EIP',
      id,
      item,
      arn: str(v.AllocationId) ? ec2Arn(`elastic-ip/${id}`) : undefined,
      name: str(v.PublicIp),
      tags: v.Tags,
      owner: str(v.NetworkInterfaceOwnerId),
      region: borderGroup && isRegionName(borderGroup) ? borderGroup : undefined,
      props: compact({
        Domain: str(v.Domain),
        InstanceId: str(v.InstanceId),
        PublicIpv4Pool: str(v.PublicIpv4Pool),
        NetworkBorderGroup: borderGroup,
      }),
      observed: compact({
        PublicIp: str(v.PublicIp),
        AllocationId: str(v.AllocationId),
        AssociationId: str(v.AssociationId),
        NetworkInterfaceId: str(v.NetworkInterfaceId),
        NetworkInterfaceOwnerId: str(v.NetworkInterfaceOwnerId),
        PrivateIpAddress: str(v.PrivateIpAddress),
      }),
    });
  }
};

/**
 * `describe-vpc-peering-connections` → `AWS::EC2::VPCPeeringConnection`, seen from the requester
 * (`VpcId`) towards the accepter (`PeerVpcId`, `PeerOwnerId`, `PeerRegion`). Both accounts of a
 * cross-account peering list it; it is kept once.
 */
export const mapVpcPeeringConnections: Mapper = (input, builder) => {
  for (const item of input.items('VpcPeeringConnections')) {
    const v = item.value;
    const id = requireId(builder, item, 'VpcPeeringConnectionId', 'VPC peering connection');
    if (!id) continue;
    const requester = obj(v.RequesterVpcInfo) ?? {};
    const accepter = obj(v.AccepterVpcInfo) ?? {};
    const status = obj(v.Status);
    builder.add({
      type: 'AWS::EC2::VPCPeeringConnection',
      id,
      item,
      arn: ec2Arn(`vpc-peering-connection/${id}`),
      tags: v.Tags,
      owner: str(requester.OwnerId),
      region: str(requester.Region),
      props: compact({
        VpcId: str(requester.VpcId),
        PeerVpcId: str(accepter.VpcId),
        PeerOwnerId: str(accepter.OwnerId),
        PeerRegion: str(accepter.Region),
      }),
      observed: compact({
        Status: str(status?.Code),
        StatusMessage: str(status?.Message),
        RequesterVpcInfo: requester,
        AccepterVpcInfo: accepter,
        ExpirationTime: str(v.ExpirationTime),
      }),
    });
  }
};

/** A policy string or object as a document; an unparseable one becomes unresolved, with a gap. */
export function documentProp(builder: Builder, item: Item, value: unknown, what: string): unknown {
  const parsed = policyDocument(value);
  if (!parsed) return undefined;
  if ('document' in parsed) return parsed.document;
  builder.badItem(item, what, parsed.error);
  return unresolved(value, parsed.error);
}

/** `describe-vpc-endpoints` → `AWS::EC2::VPCEndpoint` (policy parsed to an object). */
export const mapVpcEndpoints: Mapper = (input, builder) => {
  for (const item of input.items('VpcEndpoints')) {
    const v = item.value;
    const id = requireId(builder, item, 'VpcEndpointId', 'VPC endpoint');
    if (!id) continue;
    builder.add({
      type: 'AWS::EC2::VPCEndpoint',
      id,
      item,
      arn: ec2Arn(`vpc-endpoint/${id}`),
      tags: v.Tags,
      owner: str(v.OwnerId),
      props: compact({
        VpcId: str(v.VpcId),
        ServiceName: str(v.ServiceName),
        VpcEndpointType: str(v.VpcEndpointType),
        PolicyDocument: documentProp(builder, item, v.PolicyDocument, `policy of ${id}`),
        PrivateDnsEnabled: bool(v.PrivateDnsEnabled),
        RouteTableIds: stringList(v.RouteTableIds),
        SubnetIds: stringList(v.SubnetIds),
        SecurityGroupIds: stringList(objects(v.Groups).map((g) => g.GroupId)),
        IpAddressType: str(v.IpAddressType),
        DnsOptions: obj(v.DnsOptions),
      }),
      observed: compact({
        State: str(v.State),
        NetworkInterfaceIds: stringList(v.NetworkInterfaceIds),
        DnsEntries: objects(v.DnsEntries),
        RequesterManaged: bool(v.RequesterManaged),
        OwnerId: str(v.OwnerId),
        CreationTimestamp: str(v.CreationTimestamp),
      }),
    });
  }
};

/**
 * `describe-prefix-lists` (AWS-managed lists with their `Cidrs`) and `describe-managed-prefix-lists`
 * (no entries; those come from `get-managed-prefix-list-entries`) → `AWS::EC2::PrefixList`.
 */
export const mapPrefixLists: Mapper = (input, builder) => {
  for (const item of input.items('PrefixLists')) {
    const v = item.value;
    const id = requireId(builder, item, 'PrefixListId', 'prefix list');
    if (!id) continue;
    const name = str(v.PrefixListName);
    const cidrs = Array.isArray(v.Cidrs) ? strings(v.Cidrs) : undefined;
    const family =
      str(v.AddressFamily) ?? (cidrs?.[0] ? (cidrs[0].includes(':') ? 'IPv6' : 'IPv4') : undefined);
    const awsManaged = name?.startsWith('com.amazonaws.') || str(v.OwnerId) === 'AWS';
    builder.add({
      type: 'AWS::EC2::PrefixList',
      id,
      item,
      // AWS-managed lists belong to no account: their ARNs say `aws` there.
      arn:
        str(v.PrefixListArn) ??
        (awsManaged
          ? (_account: string, region: string) =>
              region === UNKNOWN_REGION
                ? undefined
                : `arn:${partitionOf(region)}:ec2:${region}:aws:prefix-list/${id}`
          : ec2Arn(`prefix-list/${id}`)),
      name,
      tags: v.Tags,
      owner: str(v.OwnerId) === 'AWS' ? undefined : str(v.OwnerId),
      props: compact({
        PrefixListName: name,
        AddressFamily: family,
        MaxEntries: num(v.MaxEntries),
        Entries: cidrs
          ? cidrs.map((Cidr) => ({ Cidr }))
          : unresolved('ec2 get-managed-prefix-list-entries', 'prefix list entries are not in the input'),
      }),
      observed: compact({
        AwsManaged: awsManaged ? true : undefined,
        State: str(v.State),
        Version: num(v.Version),
      }),
    });
  }
};

/** What a flow log's `ResourceId` prefix says it is attached to. */
function flowLogResourceType(resourceId: string | undefined): string | undefined {
  if (!resourceId) return undefined;
  if (resourceId.startsWith('vpc-')) return 'VPC';
  if (resourceId.startsWith('subnet-')) return 'Subnet';
  if (resourceId.startsWith('eni-')) return 'NetworkInterface';
  if (resourceId.startsWith('tgw-attach-')) return 'TransitGatewayAttachment';
  if (resourceId.startsWith('tgw-')) return 'TransitGateway';
  return undefined;
}

/** `describe-flow-logs` → `AWS::EC2::FlowLog`. */
export const mapFlowLogs: Mapper = (input, builder) => {
  for (const item of input.items('FlowLogs')) {
    const v = item.value;
    const id = requireId(builder, item, 'FlowLogId', 'flow log');
    if (!id) continue;
    builder.add({
      type: 'AWS::EC2::FlowLog',
      id,
      item,
      arn: ec2Arn(`vpc-flow-log/${id}`),
      tags: v.Tags,
      props: compact({
        ResourceId: str(v.ResourceId),
        ResourceType: flowLogResourceType(str(v.ResourceId)),
        TrafficType: str(v.TrafficType),
        LogDestinationType: str(v.LogDestinationType),
        LogDestination: str(v.LogDestination),
        LogGroupName: str(v.LogGroupName),
        DeliverLogsPermissionArn: str(v.DeliverLogsPermissionArn),
        LogFormat: str(v.LogFormat),
        MaxAggregationInterval: num(v.MaxAggregationInterval),
        DestinationOptions: obj(v.DestinationOptions) as Json | undefined,
      }),
      observed: compact({
        FlowLogStatus: str(v.FlowLogStatus),
        DeliverLogsStatus: str(v.DeliverLogsStatus),
        DeliverLogsErrorMessage: str(v.DeliverLogsErrorMessage),
        CreationTime: str(v.CreationTime),
      }),
    });
  }
};
