import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass, type GraphView } from '../rule.js';
import { DB_INSTANCE, describeDb } from './instance.js';
import { flag, strings, text } from './values.js';

/**
 * The VPC of the DB subnet group and whether an internet gateway is attached to it, or why that
 * is not known. This decides the default of PubliclyAccessible.
 */
function vpcHasInternetGateway(db: Resource, graph: GraphView): { vpc: string; igw: boolean } | string {
  const groupName = text(db.props, 'DBSubnetGroupName');
  if (!groupName.known) return groupName.reason;
  if (groupName.value === undefined) {
    return 'PubliclyAccessible is not set and no DB subnet group is given, so the default depends on the default VPC (public when it has an internet gateway, as default VPCs do)';
  }
  const group = graph.resolve(groupName.value, 'AWS::RDS::DBSubnetGroup', db);
  if (!group) {
    return `PubliclyAccessible is not set and DB subnet group ${groupName.value} is not in the snapshot, so its default cannot be told`;
  }
  const subnets = strings(group.props, 'SubnetIds');
  if (!subnets.known) return `DB subnet group ${label(group)}: ${subnets.reason}`;
  const vpcs = new Set<string>();
  for (const id of subnets.value) {
    const subnet = graph.resolve(id, 'AWS::EC2::Subnet', group);
    const vpc = subnet ? text(subnet.props, 'VpcId') : undefined;
    if (!vpc?.known || vpc.value === undefined) {
      return `PubliclyAccessible is not set and the VPC of subnet ${id} is not known, so its default cannot be told`;
    }
    vpcs.add(vpc.value);
  }
  const [vpc] = [...vpcs];
  if (vpc === undefined) return `DB subnet group ${label(group)} lists no subnets`;
  const igw = graph.find('AWS::EC2::InternetGateway', (g) => g.props.VpcId === vpc);
  return { vpc, igw: igw !== undefined };
}

/**
 * Compliant: the DB instance is not publicly accessible (PubliclyAccessible false, or not set in a
 * VPC without an internet gateway, where RDS makes it private).
 */
export default defineRule({
  id: 'rds-instance-public-access-disabled',
  title: 'RDS DB instance is not publicly accessible',
  category: 'security',
  severity: 'critical',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'A publicly accessible instance gets a DNS name that resolves to a public IP address, so the database port is one security-group mistake away from the internet, where database ports are scanned continuously. Databases belong in private subnets, reached from the application tier or through a bastion, VPN or Session Manager.',
  remediation: {
    text: 'Set PubliclyAccessible to false (the instance keeps its endpoint name, which then resolves to the private address) and place it in a DB subnet group of private subnets.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately',
    cloudformation: 'PubliclyAccessible: false\nDBSubnetGroupName: !Ref PrivateDbSubnetGroup',
    terraform:
      'resource "aws_db_instance" "this" {\n  # ...\n  publicly_accessible  = false\n  db_subnet_group_name = aws_db_subnet_group.private.name\n}',
  },
  controls: ['aws-fsbp:RDS.2', 'cis-aws-v5.0:2.2.3', 'pci-dss-v4.0:1.4.4'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-publiclyaccessible',
  ],
  evaluate(db, ctx) {
    const who = describeDb(db);
    const setting = flag(db.props, 'PubliclyAccessible', false);
    if (!setting.known) return error(`${who}: ${setting.reason}.`);
    if (!setting.defaulted) {
      return setting.value
        ? fail(`${who} is publicly accessible: its endpoint resolves to a public IP address.`)
        : pass(() => `${who} is not publicly accessible.`);
    }
    // "The default behavior value depends on your VPC setup and the database subnet group": public
    // when the VPC has an internet gateway, private when it does not.
    const vpc = vpcHasInternetGateway(db, ctx.graph);
    if (typeof vpc === 'string') return error(`${who}: ${vpc}.`);
    return vpc.igw
      ? fail(
          `${who} does not set PubliclyAccessible, and its VPC ${vpc.vpc} has an internet gateway, so RDS makes it publicly accessible.`,
        )
      : pass(
          () =>
            `${who} does not set PubliclyAccessible, and its VPC ${vpc.vpc} has no internet gateway, so RDS keeps it private.`,
        );
  },
});
