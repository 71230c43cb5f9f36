import { isUnresolved } from '../../model/index.js';
import { asBoolean, defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

/**
 * Compliant: the subnet does not assign public IPv4 addresses to instances launched in it
 * (`MapPublicIpOnLaunch` false or absent; only default subnets default to true, and describe
 * output states their value).
 */
export default defineRule({
  id: 'ec2-subnet-no-auto-assign-public-ip',
  title: 'Subnet does not auto-assign public IPv4 addresses',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::Subnet'],
  rationale:
    'A subnet that assigns a public IPv4 address to every instance launched in it turns any instance placed there, including one meant to be internal, into an internet-reachable host as soon as a security group allows it. Public addresses should be a deliberate choice per instance or interface (or an Elastic IP on a load balancer or NAT gateway), not a side effect of the subnet; every public IPv4 address is also billed.',
  remediation: {
    text: 'Turn off auto-assignment on the subnet and give public addresses only to the resources that need them.',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch',
    cloudformation: 'Subnet:\n  Type: AWS::EC2::Subnet\n  Properties:\n    MapPublicIpOnLaunch: false',
    terraform: 'resource "aws_subnet" "this" {\n  map_public_ip_on_launch = false\n}',
  },
  controls: ['aws-fsbp:EC2.15', 'pci-dss-v4.0:1.4.4'],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15',
  ],
  evaluate(subnet) {
    const who = `Subnet ${label(subnet)}`;
    const map = subnet.props.MapPublicIpOnLaunch;
    if (isUnresolved(map)) return error(`${who}: ${describeUnresolved('MapPublicIpOnLaunch', map)}.`);
    const value = map === undefined ? false : asBoolean(map);
    if (value === undefined)
      return error(`${who} has MapPublicIpOnLaunch ${JSON.stringify(map)}, which is not a boolean.`);
    if (value) return fail(`${who} assigns a public IPv4 address to every instance launched in it.`);
    return pass(() => `${who} does not assign public IPv4 addresses at launch.`);
  },
});
