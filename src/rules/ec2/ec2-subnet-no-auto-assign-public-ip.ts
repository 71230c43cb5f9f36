import { isUnresolved, type Resource } from '../../model/index.js';
import { asBoolean, defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

/** The subnet settings that assign addresses at launch, and what each one assigns. */
const ASSIGNMENTS = [
  ['MapPublicIpOnLaunch', 'a public IPv4 address'],
  // "The control fails if the subnet is configured to automatically assign public IPv4 or IPv6
  // addresses." https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15
  ['AssignIpv6AddressOnCreation', 'an IPv6 address'],
] as const;

/** How reasons name the subnet: `Subnet <id>`. */
function who(subnet: Resource): string {
  return `Subnet ${label(subnet)}`;
}

/**
 * Compliant: the subnet does not assign public IPv4 or IPv6 addresses to network interfaces created
 * in it (`MapPublicIpOnLaunch` and `AssignIpv6AddressOnCreation` false or absent; only default
 * subnets default to a public IPv4 address, and describe output states their value). IPv6
 * addresses of a VPC are globally unique, so Security Hub EC2.15 counts them as public.
 */
export default defineRule({
  id: 'ec2-subnet-no-auto-assign-public-ip',
  title: 'Subnet does not auto-assign public IP addresses',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::Subnet'],
  rationale:
    'A subnet that assigns a public IPv4 address (or an IPv6 address, which is globally routable) to every instance launched in it turns any instance placed there, including one meant to be internal, into an internet-reachable host as soon as a security group allows it. Public addresses should be a deliberate choice per instance or interface (or an Elastic IP on a load balancer or NAT gateway), not a side effect of the subnet; every public IPv4 address is also billed.',
  remediation: {
    text: 'Turn off IPv4 and IPv6 auto-assignment on the subnet and give public addresses only to the resources that need them.',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch\naws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-assign-ipv6-address-on-creation',
    cloudformation:
      'Subnet:\n  Type: AWS::EC2::Subnet\n  Properties:\n    MapPublicIpOnLaunch: false\n    AssignIpv6AddressOnCreation: false',
    terraform:
      'resource "aws_subnet" "this" {\n  map_public_ip_on_launch         = false\n  assign_ipv6_address_on_creation = false\n}',
  },
  controls: ['aws-fsbp:EC2.15', 'pci-dss-v4.0:1.4.4'],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15',
  ],
  evaluate(subnet) {
    const assigns: string[] = [];
    for (const [key, what] of ASSIGNMENTS) {
      const raw = subnet.props[key];
      if (isUnresolved(raw)) return error(`${who(subnet)}: ${describeUnresolved(key, raw)}.`);
      const value = raw === undefined ? false : asBoolean(raw);
      if (value === undefined)
        return error(`${who(subnet)} has ${key} ${JSON.stringify(raw)}, which is not a boolean.`);
      if (value) assigns.push(what);
    }
    if (assigns.length > 0)
      return fail(`${who(subnet)} assigns ${assigns.join(' and ')} to every instance launched in it.`);
    return pass(() => `${who(subnet)} does not assign public IPv4 or IPv6 addresses at launch.`);
  },
});
