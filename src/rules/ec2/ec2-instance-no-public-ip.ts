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
import { SUBNET } from './routing.js';

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

/** What the template says about a public IP at launch: the primary interface, else the subnet default. */
function publicAtLaunch(
  instance: Resource,
  graph: GraphView,
): { readonly yes?: string; readonly no?: string; readonly unknown?: string } {
  const enis = instance.props.NetworkInterfaces;
  if (isUnresolved(enis)) return { unknown: describeUnresolved('NetworkInterfaces', enis) };
  if (Array.isArray(enis) && enis.length > 0) {
    const primary = (enis.find((e) => String((e as Record<string, unknown> | null)?.DeviceIndex) === '0') ??
      enis[0]) as Record<string, unknown>;
    const flag = primary?.AssociatePublicIpAddress;
    if (isUnresolved(flag))
      return { unknown: describeUnresolved('NetworkInterfaces.AssociatePublicIpAddress', flag) };
    const value = asBoolean(flag);
    if (value === true) return { yes: 'its primary network interface sets AssociatePublicIpAddress' };
    if (value === false)
      return { no: 'its primary network interface sets AssociatePublicIpAddress to false' };
  }
  const subnetId =
    (Array.isArray(enis) ? (enis[0] as Record<string, unknown> | undefined)?.SubnetId : undefined) ??
    instance.props.SubnetId;
  if (isUnresolved(subnetId)) return { unknown: describeUnresolved('SubnetId', subnetId) };
  // Without a subnet the instance goes to a default subnet of the default VPC, which assigns public IPs.
  if (typeof subnetId !== 'string')
    return { yes: 'it names no subnet, so it launches into a default subnet, which assigns public IPs' };
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

/**
 * Compliant: the instance has no public IPv4 address: none observed on a live instance, and in a
 * template neither its primary interface nor its subnet assigns one and no Elastic IP is
 * associated with it. Terminated instances are not applicable.
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
    const who = `EC2 instance ${label(instance)}`;
    const state = instance.observed?.State;
    if (typeof state === 'string' && GONE.has(state)) return notApplicable(() => `${who} is ${state}.`);
    const observedIp = instance.observed?.PublicIpAddress;
    if (typeof observedIp === 'string' && observedIp !== '')
      return fail(`${who} has public IP address ${observedIp}.`);
    const eip = elasticIpOf(instance, ctx.graph);
    if (eip) return fail(`${who} has Elastic IP ${label(eip)} associated with it.`);
    if (instance.observed !== undefined && typeof state === 'string') {
      return pass(() => `${who} has no public IP address${state === 'running' ? '' : ` (it is ${state})`}.`);
    }
    const launch = publicAtLaunch(instance, ctx.graph);
    if (launch.yes) return fail(`${who} gets a public IP address at launch: ${launch.yes}.`);
    if (launch.unknown) return error(`${who}: ${launch.unknown}.`);
    return pass(() => `${who} gets no public IP address: ${launch.no}.`);
  },
});
