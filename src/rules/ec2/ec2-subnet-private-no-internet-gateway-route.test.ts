import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import { unresolved } from '../../model/index.js';
import rule from './ec2-subnet-private-no-internet-gateway-route.js';

const SUBNET = 'AWS::EC2::Subnet';
const ROUTE_TABLE = 'AWS::EC2::RouteTable';
const vpc = resource('AWS::EC2::VPC', 'vpc-1', { CidrBlock: '10.1.0.0/16' });
const igw = resource('AWS::EC2::InternetGateway', 'igw-1', { VpcId: 'vpc-1' });
const subnet = (id: string, tags: Record<string, string>, vpcId = 'vpc-1') =>
  resource(SUBNET, id, { VpcId: vpcId, CidrBlock: '10.1.4.0/24' }, { tags });
const table = (id: string, routes: object[], associations: object[]) =>
  resource(ROUTE_TABLE, id, {
    VpcId: 'vpc-1',
    Routes: [{ DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local' }, ...routes],
    Associations: associations,
  });

describe('ec2-subnet-private-no-internet-gateway-route', () => {
  it('decides private from tags, names and database subnet groups, and reads explicit associations', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-subnet-private-no-internet-gateway-route.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailNamedPrivateOnPublicTable')).toContain('says private');
    expect(reason('FailNamedPrivateOnPublicTable')).toContain('0.0.0.0/0 → Igw');
    expect(reason('FailDatabaseSubnetOnPublicTable')).toContain('database subnet group DbSubnetGroup');
    expect(reason('FailPrivateWithIpv6ToIgw')).toContain('::/0 → Igw');
    expect(reason('ErrorPrivateRouteTargetFromAnotherStack')).toContain('TransitGatewayId is not known');
  });

  it('follows the main route table for subnets without an explicit association (live data)', () => {
    const findings = expectResources(rule, [
      vpc,
      igw,
      table('rtb-public-main', [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }], [{ Main: true }]),
      table(
        'rtb-nat',
        [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' }],
        [{ SubnetId: 'PassExplicitNat' }],
      ),
      subnet('FailOnMainTable', { tier: 'private' }),
      subnet('PassExplicitNat', { tier: 'private' }),
      subnet('NotApplicablePublic', { tier: 'public', Name: 'private-looking-but-tagged-public' }),
      resource(
        SUBNET,
        'NotApplicablePublicSubnetOfDataVpc',
        { VpcId: 'vpc-1' },
        { name: 'data-vpc-public-a' },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOnMainTable')?.reason).toContain(
      'the main route table rtb-public-main',
    );
  });

  it('reports an unknown route table as an error, and ignores blackhole routes', () => {
    expectResources(rule, [
      vpc,
      subnet('ErrorVpcNotInSnapshot', { tier: 'private' }, 'vpc-elsewhere'),
      subnet('ErrorNoMainTable', { tier: 'private' }),
      resource(SUBNET, 'PassBlackholeIgwRoute', { VpcId: 'vpc-2' }, { tags: { tier: 'private' } }),
      resource(
        ROUTE_TABLE,
        'rtb-old',
        {
          VpcId: 'vpc-2',
          Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-deleted' }],
          Associations: [{ SubnetId: 'PassBlackholeIgwRoute' }],
        },
        { observed: { Routes: [{ State: 'blackhole' }] } },
      ),
    ]);
  });

  it('fails a route to an internet gateway even when its destination is not known', () => {
    expectResources(rule, [
      vpc,
      igw,
      subnet('FailUnknownDestinationToIgw', { tier: 'private' }),
      table(
        'rtb-x',
        [
          {
            DestinationCidrBlock: unresolved({ Ref: 'PartnerCidr' }, 'parameter PartnerCidr has no Default'),
            GatewayId: 'igw-1',
          },
        ],
        [{ SubnetId: 'FailUnknownDestinationToIgw' }],
      ),
    ]);
  });

  it('can treat subnets without public IP auto-assignment as private', () => {
    const unmarked = resource(SUBNET, 'FailUnmarked', { VpcId: 'vpc-1', MapPublicIpOnLaunch: false });
    const rt = table(
      'rtb-public',
      [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }],
      [{ SubnetId: 'FailUnmarked' }],
    );
    expectResources(rule, [vpc, igw, rt, unmarked], { params: { noAutoAssignMeansPrivate: true } });
    expectResources(rule, [vpc, igw, rt, { ...unmarked, id: 'NotApplicableUnmarked' }]);
  });

  it('counts Terraform routes written against the main route table of a VPC it declares', () => {
    // The shapes the Terraform source gives `aws_route` with `route_table_id = aws_vpc.<name>.main_route_table_id`.
    const tf = { origin: { source: 'terraform' } } as const;
    const tfVpc = (id: string) => resource('AWS::EC2::VPC', id, { CidrBlock: '10.0.0.0/16' }, tf);
    const tfSubnet = (id: string, vpcId: string) =>
      resource(SUBNET, id, { VpcId: vpcId }, { ...tf, tags: { tier: 'private' } });
    const tfRoute = (id: string, table: unknown, extra: object) =>
      resource(
        'AWS::EC2::Route',
        id,
        { RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', ...extra },
        tf,
      );
    const findings = expectResources(rule, [
      tfVpc('aws_vpc.main'),
      resource('AWS::EC2::InternetGateway', 'aws_internet_gateway.gw', { VpcId: 'aws_vpc.main' }, tf),
      tfRoute('aws_route.default', unresolved('aws_vpc.main.main_route_table_id', 'known after apply'), {
        GatewayId: 'aws_internet_gateway.gw',
      }),
      tfSubnet('FailPrivateOnMainTableToIgw', 'aws_vpc.main'),
      // Another VPC whose main table goes to a NAT gateway.
      tfVpc('aws_vpc.nat'),
      tfRoute('aws_route.nat', unresolved('aws_vpc.nat.default_route_table_id', 'known after apply'), {
        NatGatewayId: 'aws_nat_gateway.n',
      }),
      tfSubnet('PassPrivateOnMainTableToNat', 'aws_vpc.nat'),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailPrivateOnMainTableToIgw')?.reason).toBe(
      'Subnet FailPrivateOnMainTableToIgw is private (tag tier=private) but the main route table of aws_vpc.main routes to an internet gateway: route aws_route.default (0.0.0.0/0 → aws_internet_gateway.gw).',
    );
    // A route whose table is not known (a data source) may be the main table's.
    expectResources(rule, [
      tfVpc('aws_vpc.main'),
      tfRoute('aws_route.somewhere', unresolved('data.aws_route_table.main.id', 'known after apply'), {
        NatGatewayId: 'nat-1',
      }),
      tfSubnet('ErrorPrivateMainTableMayHaveMore', 'aws_vpc.main'),
    ]);
  });
  it('does not take the main table for the subnet when route tables were not all listed', () => {
    expectResources(
      rule,
      [
        vpc,
        igw,
        table(
          'rtb-public-main',
          [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }],
          [{ Main: true }],
        ),
        subnet('ErrorExplicitTableMayBeUnread', { tier: 'private' }),
      ],
      { coverage: [deniedListing(ROUTE_TABLE)] },
    );
  });
});
