import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-nat-gateway-in-public-subnet.js';

describe('ec2-nat-gateway-in-public-subnet', () => {
  it('follows the NAT subnet to its route table and asks for 0.0.0.0/0 to an internet gateway', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-nat-gateway-in-public-subnet.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailInPrivateSubnet')).toContain('back to the gateway itself');
    expect(reason('FailInSubnetOnMainTable')).toContain('main route table with only the local route');
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
});
