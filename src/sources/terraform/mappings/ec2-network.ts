/**
 * VPC networking: VPCs, subnets, route tables and routes, gateways, elastic IPs, security groups and
 * network ACLs. Fold shapes follow `src/sources/cloudformation/README.md`.
 */
import { isUnresolved, type Unresolved } from '../../../model/index.js';
import type { TfInstance } from '../instance.js';
import { appendItems, setProp } from './fold.js';
import {
  blocks,
  bool,
  compact,
  configuredValue,
  copy,
  isSet,
  list,
  num,
  put,
  strings,
  type Props,
  type Values,
} from './helpers.js';
import type { FoldMapping, TypeMapping } from './types.js';

// ---------------------------------------------------------------------------------------------------
// VPC, subnet, gateways

const vpc: TypeMapping = {
  cfnType: 'AWS::EC2::VPC',
  props: (inst) =>
    copy(inst.values, {
      cidr_block: 'CidrBlock',
      enable_dns_hostnames: 'EnableDnsHostnames',
      enable_dns_support: 'EnableDnsSupport',
      instance_tenancy: 'InstanceTenancy',
      ipv4_ipam_pool_id: 'Ipv4IpamPoolId',
      ipv4_netmask_length: 'Ipv4NetmaskLength',
    }),
  // A state knows the ids of the main table and default group, which routes and rules written
  // against them hold.
  observed: (inst) => {
    const v = inst.values;
    const out: Record<string, unknown> = {};
    if (typeof v.main_route_table_id === 'string' && v.main_route_table_id)
      out.MainRouteTableId = v.main_route_table_id;
    if (typeof v.default_security_group_id === 'string' && v.default_security_group_id)
      out.DefaultSecurityGroupId = v.default_security_group_id;
    return Object.keys(out).length > 0 ? out : undefined;
  },
};

/**
 * The VPC of a default route table or network ACL, whose `vpc_id` is computed: from its `vpc_id`
 * when a state knows it, else from the VPC attribute its id is read from
 * (`default_network_acl_id = aws_vpc.main.default_network_acl_id` → `aws_vpc.main`).
 */
function defaultOf(inst: TfInstance, idAttribute: string, vpcAttributes: readonly string[]): unknown {
  const known = inst.values.vpc_id;
  if (typeof known === 'string' && known) return known;
  const id = inst.values[idAttribute];
  if (isUnresolved(id) && typeof id.expression === 'string') {
    for (const attribute of vpcAttributes) {
      if (id.expression.endsWith(`.${attribute}`)) return id.expression.slice(0, -attribute.length - 1);
    }
  }
  return configuredValue(inst, 'vpc_id');
}

const subnet: TypeMapping = {
  cfnType: 'AWS::EC2::Subnet',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      vpc_id: 'VpcId',
      cidr_block: 'CidrBlock',
      ipv6_cidr_block: 'Ipv6CidrBlock',
      map_public_ip_on_launch: 'MapPublicIpOnLaunch',
      assign_ipv6_address_on_creation: 'AssignIpv6AddressOnCreation',
      enable_dns64: 'EnableDns64',
      ipv6_native: 'Ipv6Native',
      outpost_arn: 'OutpostArn',
    });
    // AWS picks the zone when the configuration does not: unknown, but not worth a gap.
    put(props, 'AvailabilityZone', configuredValue(inst, 'availability_zone'));
    put(props, 'AvailabilityZoneId', configuredValue(inst, 'availability_zone_id'));
    return props;
  },
};

const internetGateway: TypeMapping = {
  cfnType: 'AWS::EC2::InternetGateway',
  // The attachment is the plain `VpcId` prop, as the CloudFormation source folds VPCGatewayAttachment.
  props: (inst) => copy(inst.values, { vpc_id: 'VpcId' }),
};

const internetGatewayAttachment: FoldMapping = {
  standaloneType: () => 'AWS::EC2::VPCGatewayAttachment',
  targets: [{ attribute: 'internet_gateway_id', types: ['aws_internet_gateway'] }],
  apply: (target, inst, record) => setProp(target.resource.props, 'VpcId', inst.values.vpc_id, record),
  standalone: (inst) => [
    {
      type: 'AWS::EC2::VPCGatewayAttachment',
      props: copy(inst.values, { internet_gateway_id: 'InternetGatewayId', vpc_id: 'VpcId' }),
    },
  ],
};

const egressOnlyInternetGateway: TypeMapping = {
  cfnType: 'AWS::EC2::EgressOnlyInternetGateway',
  props: (inst) => copy(inst.values, { vpc_id: 'VpcId' }),
};

const natGateway: TypeMapping = {
  cfnType: 'AWS::EC2::NatGateway',
  props: (inst) =>
    copy(inst.values, {
      allocation_id: 'AllocationId',
      subnet_id: 'SubnetId',
      connectivity_type: 'ConnectivityType',
      private_ip: 'PrivateIpAddress',
      secondary_allocation_ids: 'SecondaryAllocationIds',
      secondary_private_ip_addresses: 'SecondaryPrivateIpAddresses',
    }),
};

const eip: TypeMapping = {
  cfnType: 'AWS::EC2::EIP',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      instance: 'InstanceId',
      network_border_group: 'NetworkBorderGroup',
      public_ipv4_pool: 'PublicIpv4Pool',
    });
    // `vpc = true` is the pre-5.0 provider spelling of `domain = "vpc"`.
    put(props, 'Domain', configuredValue(inst, 'domain') ?? (v.vpc === true ? 'vpc' : undefined));
    return props;
  },
  observed: (inst) => {
    const ip = inst.values.public_ip;
    return typeof ip === 'string' && ip ? { PublicIp: ip } : undefined;
  },
};

const eipAssociation: TypeMapping = {
  cfnType: 'AWS::EC2::EIPAssociation',
  props: (inst) =>
    copy(inst.values, {
      allocation_id: 'AllocationId',
      instance_id: 'InstanceId',
      network_interface_id: 'NetworkInterfaceId',
      private_ip_address: 'PrivateIpAddress',
      public_ip: 'EIP',
    }),
};

// ---------------------------------------------------------------------------------------------------
// Route tables

/** Terraform route attribute → CloudFormation route key; the inline block and `aws_route` share them. */
const ROUTE_KEYS: Readonly<Record<string, string>> = {
  cidr_block: 'DestinationCidrBlock',
  destination_cidr_block: 'DestinationCidrBlock',
  ipv6_cidr_block: 'DestinationIpv6CidrBlock',
  destination_ipv6_cidr_block: 'DestinationIpv6CidrBlock',
  destination_prefix_list_id: 'DestinationPrefixListId',
  gateway_id: 'GatewayId',
  nat_gateway_id: 'NatGatewayId',
  instance_id: 'InstanceId',
  network_interface_id: 'NetworkInterfaceId',
  vpc_peering_connection_id: 'VpcPeeringConnectionId',
  transit_gateway_id: 'TransitGatewayId',
  vpc_endpoint_id: 'VpcEndpointId',
  egress_only_gateway_id: 'EgressOnlyInternetGatewayId',
  carrier_gateway_id: 'CarrierGatewayId',
  local_gateway_id: 'LocalGatewayId',
  core_network_arn: 'CoreNetworkArn',
};

/** A route in the README's `Routes[]` shape: only the keys that are set. */
function route(v: Values, inst?: TfInstance): Props {
  const out: Props = {};
  for (const [tf, cfn] of Object.entries(ROUTE_KEYS)) {
    // `aws_route` computes every target it is not given; only the configured one is the route's.
    const value = inst ? configuredValue(inst, tf) : v[tf];
    if (out[cfn] === undefined) put(out, cfn, value);
  }
  return out;
}

const routeTable: TypeMapping = {
  cfnType: 'AWS::EC2::RouteTable',
  props: (inst) => {
    const props = copy(inst.values, { vpc_id: 'VpcId' });
    // Unset `route` is computed from the aws_route resources, which are folded in separately.
    const routes = configuredValue(inst, 'route');
    if (isUnresolved(routes)) props.Routes = routes;
    else {
      const list = (blocks(routes) as Values[] | undefined)?.map((r) => route(r)) ?? [];
      if (list.length > 0) props.Routes = list;
    }
    put(props, 'PropagatingVgws', configuredValue(inst, 'propagating_vgws'));
    return props;
  },
};

/**
 * `aws_default_route_table` adopts the table AWS created with the VPC, its main table.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_route_table
 */
const defaultRouteTable: TypeMapping = {
  ...routeTable,
  props: (inst) => {
    const props = routeTable.props(inst);
    delete props.VpcId;
    put(
      props,
      'VpcId',
      defaultOf(inst, 'default_route_table_id', ['default_route_table_id', 'main_route_table_id']),
    );
    return props;
  },
};

const routeFold: FoldMapping = {
  standaloneType: () => 'AWS::EC2::Route',
  targets: [{ attribute: 'route_table_id', types: ['aws_route_table', 'aws_default_route_table'] }],
  apply: (target, inst, record) =>
    appendItems(target.resource.props, 'Routes', [route(inst.values, inst)], record),
  standalone: (inst) => [
    {
      type: 'AWS::EC2::Route',
      props: { RouteTableId: inst.values.route_table_id, ...route(inst.values, inst) },
    },
  ],
};

const routeTableAssociation: FoldMapping = {
  standaloneType: (inst) =>
    isSet(inst.values.gateway_id)
      ? 'AWS::EC2::GatewayRouteTableAssociation'
      : 'AWS::EC2::SubnetRouteTableAssociation',
  targets: [{ attribute: 'route_table_id', types: ['aws_route_table', 'aws_default_route_table'] }],
  apply: (target, inst, record) => {
    const entry = compact({ SubnetId: inst.values.subnet_id, GatewayId: inst.values.gateway_id }) ?? {};
    appendItems(target.resource.props, 'Associations', [entry], record);
  },
  standalone: (inst) => [
    {
      type: routeTableAssociation.standaloneType(inst),
      props: copy(inst.values, {
        route_table_id: 'RouteTableId',
        subnet_id: 'SubnetId',
        gateway_id: 'GatewayId',
      }),
    },
  ],
};

/** Terraform can make a table the VPC's main one; describe output shows that as `{Main: true}`. */
const mainRouteTableAssociation: FoldMapping = {
  standaloneType: () => 'Terraform::aws_main_route_table_association',
  targets: [{ attribute: 'route_table_id', types: ['aws_route_table', 'aws_default_route_table'] }],
  apply: (target, _inst, record) =>
    appendItems(target.resource.props, 'Associations', [{ Main: true }], record),
};

// ---------------------------------------------------------------------------------------------------
// Security groups

/** `IpProtocol` is a string: `-1`, `tcp`, `udp`, `icmp`, or a protocol number. */
function ipProtocol(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return value;
  const lower = value.toLowerCase();
  return lower === 'all' ? '-1' : lower;
}

type Direction = 'ingress' | 'egress';

/** The peer keys of one rule, by direction. */
const PEER_KEYS: Record<Direction, { sg: string; prefixList: string }> = {
  ingress: { sg: 'SourceSecurityGroupId', prefixList: 'SourcePrefixListId' },
  egress: { sg: 'DestinationSecurityGroupId', prefixList: 'DestinationPrefixListId' },
};

/**
 * One Terraform rule (inline block or `aws_security_group_rule`) as CloudFormation rules: Terraform
 * lists several CIDRs and groups in one rule, CloudFormation has one peer per rule.
 */
function sgRules(
  v: Values,
  direction: Direction,
  groupAddress: string,
  peers: { cidrs: unknown; cidrs6: unknown; prefixLists: unknown; groups: unknown; self: unknown },
): Props[] {
  const base: Props = { IpProtocol: ipProtocol(v.protocol ?? v.ip_protocol) };
  put(base, 'FromPort', num(v.from_port));
  put(base, 'ToPort', num(v.to_port));
  const description = v.description;
  const keys = PEER_KEYS[direction];
  const rules: Props[] = [];
  const add = (key: string, values: unknown) => {
    const l = strings(values);
    if (l === undefined) return;
    for (const peer of isUnresolved(l) ? [l] : l)
      rules.push(put({ ...base, [key]: peer }, 'Description', description));
  };
  add('CidrIp', peers.cidrs);
  add('CidrIpv6', peers.cidrs6);
  add(keys.prefixList, peers.prefixLists);
  add(keys.sg, peers.groups);
  if (bool(peers.self) === true)
    rules.push(put({ ...base, [keys.sg]: groupAddress }, 'Description', description));
  if (rules.length === 0) rules.push(put({ ...base }, 'Description', description));
  return rules;
}

function inlineRules(inst: TfInstance, direction: Direction): Props[] | Unresolved | undefined {
  // Unset `ingress`/`egress` is computed from the standalone rules. Terraform also removes the allow-all
  // egress rule AWS adds to a new group, so an unset `egress` means none beyond the standalone rules.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
  const value = configuredValue(inst, direction);
  const list = blocks(value);
  if (list === undefined) return isSet(value) ? undefined : [];
  if (isUnresolved(list)) return list;
  return list.flatMap((r) =>
    sgRules(r, direction, inst.address, {
      cidrs: r.cidr_blocks,
      cidrs6: r.ipv6_cidr_blocks,
      prefixLists: r.prefix_list_ids,
      groups: r.security_groups,
      self: r.self,
    }),
  );
}

const securityGroup: TypeMapping = {
  cfnType: 'AWS::EC2::SecurityGroup',
  nameProp: 'GroupName',
  props: (inst) => {
    const props: Props = {};
    put(props, 'GroupName', configuredValue(inst, 'name'));
    put(props, 'GroupDescription', inst.values.description);
    put(props, 'VpcId', configuredValue(inst, 'vpc_id'));
    const ingress = inlineRules(inst, 'ingress');
    if (ingress !== undefined && (isUnresolved(ingress) || ingress.length > 0))
      props.SecurityGroupIngress = ingress;
    // An empty list here means no egress at all (see inlineRules), unlike an absent one in a template.
    const egress = inlineRules(inst, 'egress');
    if (egress !== undefined) props.SecurityGroupEgress = egress;
    return props;
  },
};

/** The VPC's default group, managed in place: same shape, named `default`. */
const defaultSecurityGroup: TypeMapping = {
  ...securityGroup,
  props: (inst) => ({ GroupName: 'default', ...securityGroup.props(inst) }),
};

function sgRuleFold(kind: 'legacy' | 'vpc-ingress' | 'vpc-egress'): FoldMapping {
  const direction = (inst: TfInstance): Direction =>
    kind === 'vpc-ingress'
      ? 'ingress'
      : kind === 'vpc-egress'
        ? 'egress'
        : inst.values.type === 'egress'
          ? 'egress'
          : 'ingress';
  const rules = (inst: TfInstance): Props[] => {
    const v = inst.values;
    const dir = direction(inst);
    const groupAddress = typeof v.security_group_id === 'string' ? v.security_group_id : inst.address;
    if (kind === 'legacy') {
      return sgRules(v, dir, groupAddress, {
        cidrs: v.cidr_blocks,
        cidrs6: v.ipv6_cidr_blocks,
        prefixLists: v.prefix_list_ids,
        groups: v.source_security_group_id,
        self: v.self,
      });
    }
    return sgRules(v, dir, groupAddress, {
      cidrs: v.cidr_ipv4,
      cidrs6: v.cidr_ipv6,
      prefixLists: v.prefix_list_id,
      groups: v.referenced_security_group_id,
      self: false,
    });
  };
  const standaloneType = (inst: TfInstance) =>
    direction(inst) === 'egress' ? 'AWS::EC2::SecurityGroupEgress' : 'AWS::EC2::SecurityGroupIngress';
  return {
    standaloneType,
    targets: [
      { attribute: 'security_group_id', types: ['aws_security_group', 'aws_default_security_group'] },
    ],
    apply: (target, inst, record) => {
      const property = direction(inst) === 'egress' ? 'SecurityGroupEgress' : 'SecurityGroupIngress';
      appendItems(target.resource.props, property, rules(inst), record);
    },
    standalone: (inst) => {
      const all = rules(inst);
      return all.map((r, i) => ({
        type: standaloneType(inst),
        props: { GroupId: inst.values.security_group_id, ...r },
        idSuffix: all.length > 1 ? `#${i}` : undefined,
      }));
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Network ACLs

/** NACL `Protocol` is a number: -1 all, 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6. */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  all: -1,
  '-1': -1,
  tcp: 6,
  udp: 17,
  icmp: 1,
  icmpv6: 58,
};

function protocolNumber(value: unknown): number | Unresolved | undefined {
  if (isUnresolved(value)) return value;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  return PROTOCOL_NUMBERS[value.toLowerCase()] ?? num(value);
}

/** A NACL entry in the README's `Entries[]` shape. */
function naclEntry(v: Values, egress: unknown): Props {
  const protocol = protocolNumber(v.protocol);
  const entry: Props = {
    RuleNumber: num(v.rule_no ?? v.rule_number),
    Protocol: protocol,
    RuleAction: typeof v.action === 'string' ? v.action.toLowerCase() : (v.action ?? lower(v.rule_action)),
    Egress: bool(egress) ?? false,
  };
  put(entry, 'CidrBlock', v.cidr_block);
  put(entry, 'Ipv6CidrBlock', v.ipv6_cidr_block);
  // Ports apply to TCP and UDP, type and code to ICMP; Terraform sets 0 for the rest.
  if (protocol === 6 || protocol === 17 || isUnresolved(protocol)) {
    const range = compact({ From: num(v.from_port), To: num(v.to_port) });
    if (range) entry.PortRange = range;
  }
  if (protocol === 1 || protocol === 58) {
    const icmp = compact({ Code: num(v.icmp_code), Type: num(v.icmp_type) });
    if (icmp) entry.Icmp = icmp;
  }
  return entry;
}

function lower(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

const networkAcl: TypeMapping = {
  cfnType: 'AWS::EC2::NetworkAcl',
  props: (inst) => {
    const props = copy(inst.values, { vpc_id: 'VpcId' });
    const entries: unknown[] = [];
    for (const [direction, egress] of [
      ['ingress', false],
      ['egress', true],
    ] as const) {
      const value = configuredValue(inst, direction);
      const list = blocks(value);
      if (isUnresolved(list)) entries.push(list);
      else for (const b of list ?? []) entries.push(naclEntry(b, egress));
    }
    if (entries.length > 0) props.Entries = entries;
    const subnets = strings(configuredValue(inst, 'subnet_ids'));
    if (isUnresolved(subnets)) props.Associations = [subnets];
    else if (subnets) props.Associations = subnets.map((s) => ({ SubnetId: s }));
    return props;
  },
};

/**
 * `aws_default_network_acl` adopts the ACL AWS created with the VPC, which describe output marks
 * `IsDefault`; subnets with no other association use it.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_network_acl
 */
const defaultNetworkAcl: TypeMapping = {
  ...networkAcl,
  props: (inst) => {
    const props = networkAcl.props(inst);
    delete props.VpcId;
    put(props, 'VpcId', defaultOf(inst, 'default_network_acl_id', ['default_network_acl_id']));
    return props;
  },
  observed: () => ({ IsDefault: true }),
};

const networkAclRule: FoldMapping = {
  standaloneType: () => 'AWS::EC2::NetworkAclEntry',
  targets: [{ attribute: 'network_acl_id', types: ['aws_network_acl', 'aws_default_network_acl'] }],
  apply: (target, inst, record) =>
    appendItems(target.resource.props, 'Entries', [naclEntry(inst.values, inst.values.egress)], record),
  standalone: (inst) => [
    {
      type: 'AWS::EC2::NetworkAclEntry',
      props: { NetworkAclId: inst.values.network_acl_id, ...naclEntry(inst.values, inst.values.egress) },
    },
  ],
};

const networkAclAssociation: FoldMapping = {
  standaloneType: () => 'AWS::EC2::SubnetNetworkAclAssociation',
  targets: [{ attribute: 'network_acl_id', types: ['aws_network_acl', 'aws_default_network_acl'] }],
  apply: (target, inst, record) =>
    appendItems(
      target.resource.props,
      'Associations',
      [compact({ SubnetId: inst.values.subnet_id }) ?? {}],
      record,
    ),
  standalone: (inst) => [
    {
      type: 'AWS::EC2::SubnetNetworkAclAssociation',
      props: copy(inst.values, { network_acl_id: 'NetworkAclId', subnet_id: 'SubnetId' }),
    },
  ],
};

// ---------------------------------------------------------------------------------------------------
// Endpoints, flow logs, interfaces

const vpcEndpoint: TypeMapping = {
  cfnType: 'AWS::EC2::VPCEndpoint',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      vpc_id: 'VpcId',
      service_name: 'ServiceName',
      vpc_endpoint_type: 'VpcEndpointType',
      private_dns_enabled: 'PrivateDnsEnabled',
    });
    put(props, 'SubnetIds', configuredValue(inst, 'subnet_ids'));
    put(props, 'SecurityGroupIds', configuredValue(inst, 'security_group_ids'));
    put(props, 'RouteTableIds', configuredValue(inst, 'route_table_ids'));
    const policy = configuredValue(inst, 'policy');
    if (typeof policy === 'string' && policy) {
      try {
        props.PolicyDocument = JSON.parse(policy) as unknown;
      } catch {
        props.PolicyDocument = policy;
      }
    } else put(props, 'PolicyDocument', policy);
    return props;
  },
};

/** A gateway endpoint's route table, attached separately: CloudFormation lists it in `RouteTableIds`. */
const vpcEndpointRouteTableAssociation: FoldMapping = {
  standaloneType: () => 'Terraform::aws_vpc_endpoint_route_table_association',
  targets: [{ attribute: 'vpc_endpoint_id', types: ['aws_vpc_endpoint'] }],
  apply: (target, inst, record) =>
    appendItems(target.resource.props, 'RouteTableIds', [inst.values.route_table_id], record),
};

const flowLog: TypeMapping = {
  cfnType: 'AWS::EC2::FlowLog',
  props: (inst) => {
    const v = inst.values;
    const props: Props = {};
    const target: Array<[string, string]> = [
      ['vpc_id', 'VPC'],
      ['subnet_id', 'Subnet'],
      ['eni_id', 'NetworkInterface'],
      ['transit_gateway_id', 'TransitGateway'],
      ['transit_gateway_attachment_id', 'TransitGatewayAttachment'],
    ];
    for (const [attr, type] of target) {
      if (isSet(v[attr])) {
        props.ResourceId = v[attr];
        props.ResourceType = type;
        break;
      }
    }
    copy(
      v,
      {
        traffic_type: 'TrafficType',
        log_destination_type: 'LogDestinationType',
        log_format: 'LogFormat',
        max_aggregation_interval: 'MaxAggregationInterval',
        iam_role_arn: 'DeliverLogsPermissionArn',
      },
      props,
    );
    put(props, 'LogDestination', configuredValue(inst, 'log_destination'));
    put(props, 'LogGroupName', configuredValue(inst, 'log_group_name'));
    return props;
  },
};

const networkInterface: TypeMapping = {
  cfnType: 'AWS::EC2::NetworkInterface',
  props: (inst) => {
    const props = copy(inst.values, {
      subnet_id: 'SubnetId',
      description: 'Description',
      source_dest_check: 'SourceDestCheck',
      interface_type: 'InterfaceType',
    });
    put(props, 'GroupSet', configuredValue(inst, 'security_groups'));
    const ips = list(configuredValue(inst, 'private_ips'));
    if (ips && !isUnresolved(ips)) {
      props.PrivateIpAddresses = ips.map((ip, i) => ({ PrivateIpAddress: ip, Primary: i === 0 }));
    } else put(props, 'PrivateIpAddresses', ips);
    return props;
  },
};

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_vpc: vpc,
  aws_default_vpc: vpc,
  aws_subnet: subnet,
  aws_default_subnet: subnet,
  aws_internet_gateway: internetGateway,
  aws_egress_only_internet_gateway: egressOnlyInternetGateway,
  aws_nat_gateway: natGateway,
  aws_eip: eip,
  aws_eip_association: eipAssociation,
  aws_route_table: routeTable,
  aws_default_route_table: defaultRouteTable,
  aws_security_group: securityGroup,
  aws_default_security_group: defaultSecurityGroup,
  aws_network_acl: networkAcl,
  aws_default_network_acl: defaultNetworkAcl,
  aws_vpc_endpoint: vpcEndpoint,
  aws_flow_log: flowLog,
  aws_network_interface: networkInterface,
};

export const foldMappings: Readonly<Record<string, FoldMapping>> = {
  aws_internet_gateway_attachment: internetGatewayAttachment,
  aws_route: routeFold,
  aws_route_table_association: routeTableAssociation,
  aws_main_route_table_association: mainRouteTableAssociation,
  aws_security_group_rule: sgRuleFold('legacy'),
  aws_vpc_security_group_ingress_rule: sgRuleFold('vpc-ingress'),
  aws_vpc_security_group_egress_rule: sgRuleFold('vpc-egress'),
  aws_network_acl_rule: networkAclRule,
  aws_network_acl_association: networkAclAssociation,
  aws_vpc_endpoint_route_table_association: vpcEndpointRouteTableAssociation,
};
