import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import { unresolved } from '../../model/index.js';
import rule from './ec2-nat-gateway-in-public-subnet.js';

describe('ec2-nat-gateway-in-public-subnet', () => {
  it('follows the NAT subnet to its route table and asks for 0.0.0.0/0 to an internet gateway', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-nat-gateway-in-public-subnet.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailInPrivateSubnet')).toContain('back to the gateway itself');
    expect(reason('FailInSubnetOnMainTable')).toContain(
      '(the main route table of Vpc), which has no 0.0.0.0/0 route',
    );
    expect(reason('ErrorDefaultRouteDestinationNotKnown')).toContain(
      'whose default route is not known: Routes[0].DestinationCidrBlock is not known',
    );
  });

  it('reads Terraform routes written against the main route table of a VPC it declares', () => {
    const tf = { origin: { source: 'terraform' } } as const;
    const findings = expectResources(rule, [
      resource('AWS::EC2::VPC', 'aws_vpc.main', { CidrBlock: '10.0.0.0/16' }, tf),
      resource('AWS::EC2::InternetGateway', 'aws_internet_gateway.gw', { VpcId: 'aws_vpc.main' }, tf),
      resource(
        'AWS::EC2::Route',
        'aws_route.default',
        {
          RouteTableId: unresolved('aws_vpc.main.main_route_table_id', 'known after apply'),
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: 'aws_internet_gateway.gw',
        },
        tf,
      ),
      resource('AWS::EC2::Subnet', 'aws_subnet.public', { VpcId: 'aws_vpc.main' }, tf),
      resource('AWS::EC2::NatGateway', 'PassOnMainTableToIgw', { SubnetId: 'aws_subnet.public' }, tf),
    ]);
    expect(findings[0]?.reason).toBe(
      'NAT gateway PassOnMainTableToIgw is in subnet aws_subnet.public (the main route table of aws_vpc.main), which routes 0.0.0.0/0 to internet gateway aws_internet_gateway.gw.',
    );
  });

  it('uses the main table of live data and skips regional and deleted gateways', () => {
    expectResources(rule, [
      resource('AWS::EC2::VPC', 'vpc-1', { CidrBlock: '10.0.0.0/16' }),
      resource('AWS::EC2::Subnet', 'subnet-a', { VpcId: 'vpc-1' }),
      resource('AWS::EC2::RouteTable', 'rtb-main', {
        VpcId: 'vpc-1',
        Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0abc' }],
        Associations: [{ Main: true }],
      }),
      resource(
        'AWS::EC2::NatGateway',
        'PassMainTableToIgw',
        { SubnetId: 'subnet-a' },
        { observed: { State: 'available' } },
      ),
      resource(
        'AWS::EC2::NatGateway',
        'NotApplicableDeleted',
        { SubnetId: 'subnet-a' },
        { observed: { State: 'deleted' } },
      ),
      resource('AWS::EC2::NatGateway', 'NotApplicableRegional', {
        AvailabilityMode: 'regional',
        VpcId: 'vpc-1',
      }),
      resource('AWS::EC2::NatGateway', 'ErrorSubnetNotInSnapshot', { SubnetId: 'subnet-gone' }),
    ]);
  });
  it('does not take the main table for the subnet when route tables were not all listed', () => {
    const findings = expectResources(
      rule,
      [
        resource('AWS::EC2::VPC', 'vpc-1', { CidrBlock: '10.0.0.0/16' }),
        resource('AWS::EC2::Subnet', 'subnet-a', { VpcId: 'vpc-1' }),
        resource('AWS::EC2::RouteTable', 'rtb-main', {
          VpcId: 'vpc-1',
          Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0abc' }],
          Associations: [{ Main: true }],
        }),
        resource(
          'AWS::EC2::NatGateway',
          'ErrorTablesNotAllRead',
          { SubnetId: 'subnet-a' },
          { observed: { State: 'available' } },
        ),
      ],
      { coverage: [deniedListing('AWS::EC2::RouteTable')] },
    );
    expect(findings[0]?.reason).toContain('the route tables were not all read');
  });
});
