import { isUnresolved, type Resource } from '../../model/index.js';
import {
  asBoolean,
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
  type GraphView,
} from '../rule.js';
import { launchTemplateOf } from './launch-template.js';
import { NETWORK_INTERFACE, SUBNET } from './routing.js';

const EIP = 'AWS::EC2::EIP';
const GONE = new Set(['terminated', 'shutting-down']);

/** An Elastic IP associated with the instance (by `InstanceId` on the EIP or an `EIPAssociation`). */
function elasticIpOf(instance: Resource, graph: GraphView): Resource | undefined {
  for (const r of graph.referencing(instance)) {
    if (r.type === EIP && r.props.InstanceId === instance.id) return r;
    if (r.type === 'AWS::EC2::EIPAssociation' && r.props.InstanceId === instance.id) {
      const id = r.props.AllocationId ?? r.props.EIP;
      return (typeof id === 'string' ? graph.get(id, EIP, instance) : undefined) ?? r;
    }
  }
  return undefined;
}

/** An Elastic IP associated with a network interface by an `EIPAssociation`. */
function elasticIpOfInterface(eni: Resource, graph: GraphView): Resource | undefined {
  return graph
    .referencing(eni)
    .find((r) => r.type === 'AWS::EC2::EIPAssociation' && r.props.NetworkInterfaceId === eni.id);
}

type Launch = { readonly yes?: string; readonly no?: string; readonly unknown?: string };

/**
 * What the template says about a public IP at launch: the primary interface, else the subnet
 * default. An instance that names neither interfaces nor a subnet takes them from its launch
 * template (RunInstances parameters override the template's).
 */
function publicAtLaunch(instance: Resource, graph: GraphView): Launch {
  let enis = instance.props.NetworkInterfaces;
  const ownSubnet = instance.props.SubnetId;
  let from = '';
  if (enis === undefined && ownSubnet === undefined) {
    const lt = launchTemplateOf(instance.props.LaunchTemplate, 'LaunchTemplate', graph, instance);
    if ('unknown' in lt) return { unknown: lt.unknown };
    if ('template' in lt) {
      enis = lt.data.NetworkInterfaces;
      from = ` (from launch template ${label(lt.template)})`;
    }
  }
  if (isUnresolved(enis)) return { unknown: describeUnresolved(`NetworkInterfaces${from}`, enis) };
  let primary: Record<string, unknown> | undefined;
  if (Array.isArray(enis) && enis.length > 0) {
    primary = (enis.find((e) => String((e as Record<string, unknown> | null)?.DeviceIndex) === '0') ??
      enis[0]) as Record<string, unknown>;
    const existing = primary?.NetworkInterfaceId;
    if (isUnresolved(existing))
      return { unknown: describeUnresolved(`NetworkInterfaces.NetworkInterfaceId${from}`, existing) };
    if (typeof existing === 'string') return existingInterface(existing, instance, graph, from);
    const flag = primary?.AssociatePublicIpAddress;
    if (isUnresolved(flag))
      return { unknown: describeUnresolved(`NetworkInterfaces.AssociatePublicIpAddress${from}`, flag) };
    const value = asBoolean(flag);
    if (value === true) return { yes: `its primary network interface${from} sets AssociatePublicIpAddress` };
    if (value === false)
      return { no: `its primary network interface${from} sets AssociatePublicIpAddress to false` };
  }
  const subnetId = primary?.SubnetId ?? ownSubnet;
  if (isUnresolved(subnetId)) return { unknown: describeUnresolved('SubnetId', subnetId) };
  // Without a subnet the instance goes to a default subnet of the default VPC, which assigns public IPs.
  if (typeof subnetId !== 'string')
    return {
      yes: `it names no subnet${from}, so it launches into a default subnet, which assigns public IPs`,
    };
  return subnetDefault(subnetId, instance, graph);
}

/**
 * An existing interface attached as eth0: AWS assigns a public IP at launch "only to a new network
 * interface, not an existing one", so only an Elastic IP on the interface gives it one.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceNetworkInterfaceSpecification.html
 */
function existingInterface(id: string, instance: Resource, graph: GraphView, from: string): Launch {
  const eni = graph.get(id, NETWORK_INTERFACE, instance);
  if (!eni) {
    return {
      unknown: `its primary network interface ${id}${from} is not in the snapshot, so whether it has a public IP is not known`,
    };
  }
  const eip = elasticIpOfInterface(eni, graph);
  if (eip) return { yes: `its primary network interface ${label(eni)} has Elastic IP ${label(eip)}` };
  return {
    no: `its primary network interface ${label(eni)}${from} is an existing interface, to which AWS assigns no public IP at launch, and has no Elastic IP`,
  };
}

function subnetDefault(subnetId: string, instance: Resource, graph: GraphView): Launch {
  const subnet = graph.get(subnetId, SUBNET, instance);
  if (!subnet)
    return {
      unknown: `its subnet ${subnetId} is not in the snapshot, so whether it assigns public IPs is not known`,
    };
  const map = subnet.props.MapPublicIpOnLaunch;
  if (isUnresolved(map))
    return { unknown: describeUnresolved(`MapPublicIpOnLaunch of ${label(subnet)}`, map) };
  if (asBoolean(map) === true) return { yes: `its subnet ${label(subnet)} assigns public IPs at launch` };
  return { no: `its subnet ${label(subnet)} does not assign public IPs` };
}

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/**
 * Compliant: the instance has no public IPv4 address: none observed on a live instance, and in a
 * template neither its primary interface (its own, or its launch template's) nor its subnet assigns
 * one and no Elastic IP is associated with it or with an existing interface it launches with.
 * Terminated instances are not applicable.
 */
export default defineRule({
  id: 'ec2-instance-no-public-ip',
  title: 'EC2 instance has no public IPv4 address',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::EC2::Instance'],
  rationale:
    'An instance with a public IPv4 address in a subnet routed to an internet gateway can be reached directly from the internet whenever a security group or network ACL allows it, and it bypasses the load balancer, WAF and NAT controls in front of the private tier. Servers belong in private subnets behind a load balancer, reached by administrators through Session Manager or a bastion; public IPv4 addresses are also billed hourly.',
  remediation: {
    text: 'Launch the instance in a private subnet without a public IP (or disassociate its Elastic IP), and publish it through a load balancer or reach it with Session Manager.',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch\naws ec2 disassociate-address --association-id <eipassoc-id>',
    cloudformation:
      'NetworkInterfaces:\n  - DeviceIndex: "0"\n    SubnetId: !Ref PrivateSubnet\n    AssociatePublicIpAddress: false',
    terraform:
      'resource "aws_instance" "this" {\n  subnet_id                   = aws_subnet.private.id\n  associate_public_ip_address = false\n}',
  },
  controls: ['aws-fsbp:EC2.9', 'pci-dss-v4.0:1.4.4'],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9',
  ],
  evaluate(instance, ctx) {
    const state = instance.observed?.State;
    if (typeof state === 'string' && GONE.has(state))
      return notApplicable(() => `${who(instance)} is ${state}.`);
    const observedIp = instance.observed?.PublicIpAddress;
    if (typeof observedIp === 'string' && observedIp !== '')
      return fail(`${who(instance)} has public IP address ${observedIp}.`);
    const eip = elasticIpOf(instance, ctx.graph);
    if (eip) return fail(`${who(instance)} has Elastic IP ${label(eip)} associated with it.`);
    if (instance.observed !== undefined && typeof state === 'string') {
      return pass(
        () => `${who(instance)} has no public IP address${state === 'running' ? '' : ` (it is ${state})`}.`,
      );
    }
    const launch = publicAtLaunch(instance, ctx.graph);
    if (launch.yes) return fail(`${who(instance)} gets a public IP address at launch: ${launch.yes}.`);
    if (launch.unknown) return error(`${who(instance)}: ${launch.unknown}.`);
    return pass(() => `${who(instance)} gets no public IP address: ${launch.no}.`);
  },
});
