import { describe, expect, it } from 'vitest';
import { deniedListing, expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import { unresolved } from '../../model/index.js';
import rule from './ec2-vpc-peering-routes-symmetric.js';

const RT = 'AWS::EC2::RouteTable';
const local = (cidr: string) => ({ DestinationCidrBlock: cidr, GatewayId: 'local' });

describe('ec2-vpc-peering-routes-symmetric', () => {
  it('needs a return route in every table the peer sends to, and the peer VPC as final destination', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-vpc-peering-routes-symmetric.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailProdAnalyticsRouteTable')).toContain(
      'PassDevAppRouteTable sends 10.0.0.0/16 (reaching ProdAnalyticsSubnet) over Peering, but replies to DevAppSubnet (10.1.1.0/24) do not go back over it: no route matches them',
    );
    expect(reason('FailDevEdgeRouteTable')).toContain('to addresses outside peer VPC');
    expect(reason('ErrorRouteToPartnerNotInSnapshot')).toContain('not known');
    expect(reason('ErrorNoRouteToPartnerNotInSnapshot')).toBe(
      "Route table ErrorNoRouteToPartnerNotInSnapshot: peer VPC vpc-0a1b2c3d4e5f67890 of PeeringToPartner is not in the snapshot, so whether it routes to this table's subnets over the peering cannot be checked.",
    );
  });

  it('uses main tables and LPM on live data: a broader default route does not count as the way back', () => {
    const findings = expectResources(rule, [
      resource('AWS::EC2::VPC', 'vpc-dev', { CidrBlock: '10.1.0.0/16' }),
      resource('AWS::EC2::VPC', 'vpc-prod', { CidrBlock: '10.0.0.0/16' }),
      resource(
        'AWS::EC2::VPCPeeringConnection',
        'pcx-1',
        { VpcId: 'vpc-dev', PeerVpcId: 'vpc-prod' },
        { observed: { Status: 'active' } },
      ),
      resource(
        'AWS::EC2::VPCPeeringConnection',
        'pcx-old',
        { VpcId: 'vpc-dev', PeerVpcId: 'vpc-prod' },
        { observed: { Status: { Code: 'deleted' } } },
      ),
      resource('AWS::EC2::Subnet', 'subnet-dev-private', { VpcId: 'vpc-dev', CidrBlock: '10.1.1.0/24' }),
      resource('AWS::EC2::Subnet', 'subnet-prod-private', { VpcId: 'vpc-prod', CidrBlock: '10.0.1.0/24' }),
      resource('AWS::EC2::Subnet', 'subnet-prod-public', { VpcId: 'vpc-prod', CidrBlock: '10.0.2.0/24' }),
      resource(RT, 'PassDevMain', {
        VpcId: 'vpc-dev',
        Routes: [
          local('10.1.0.0/16'),
          { DestinationCidrBlock: '10.0.0.0/16', VpcPeeringConnectionId: 'pcx-1' },
        ],
        Associations: [{ Main: true }],
      }),
      resource(RT, 'PassProdMain', {
        VpcId: 'vpc-prod',
        Routes: [
          local('10.0.0.0/16'),
          { DestinationCidrBlock: '10.1.1.0/24', VpcPeeringConnectionId: 'pcx-1' },
        ],
        Associations: [{ Main: true }],
      }),
      resource(RT, 'FailProdPublic', {
        VpcId: 'vpc-prod',
        Routes: [local('10.0.0.0/16'), { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }],
        Associations: [{ SubnetId: 'subnet-prod-public' }],
      }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailProdPublic')?.reason).toContain(
      'they follow Routes[1] (0.0.0.0/0 → igw-1)',
    );
  });

  it('does not decide a return path whose route destination is not known', () => {
    const findings = expectResources(rule, [
      resource('AWS::EC2::VPC', 'vpc-a', { CidrBlock: '10.0.0.0/16' }),
      resource('AWS::EC2::VPC', 'vpc-b', { CidrBlock: '10.1.0.0/16' }),
      resource(
        'AWS::EC2::VPCPeeringConnection',
        'pcx-1',
        { VpcId: 'vpc-a', PeerVpcId: 'vpc-b' },
        { observed: { Status: 'active' } },
      ),
      resource('AWS::EC2::Subnet', 'subnet-a', { VpcId: 'vpc-a', CidrBlock: '10.0.1.0/24' }),
      resource('AWS::EC2::Subnet', 'subnet-b', { VpcId: 'vpc-b', CidrBlock: '10.1.1.0/24' }),
      resource(RT, 'ErrorReturnDestinationNotKnown', {
        VpcId: 'vpc-a',
        Routes: [
          local('10.0.0.0/16'),
          {
            DestinationCidrBlock: unresolved({ Ref: 'PeerCidr' }, 'parameter PeerCidr has no Default'),
            VpcPeeringConnectionId: 'pcx-1',
          },
        ],
        Associations: [{ SubnetId: 'subnet-a' }],
      }),
      resource(RT, 'PassForward', {
        VpcId: 'vpc-b',
        Routes: [
          local('10.1.0.0/16'),
          { DestinationCidrBlock: '10.0.0.0/16', VpcPeeringConnectionId: 'pcx-1' },
        ],
        Associations: [{ SubnetId: 'subnet-b' }],
      }),
    ]);
    expect(findings.find((f) => f.resource.id === 'ErrorReturnDestinationNotKnown')?.reason).toContain(
      'Routes[1].DestinationCidrBlock is not known',
    );
  });

  it('does not pass a table whose peer VPC is not in the snapshot', () => {
    expectResources(rule, [
      resource('AWS::EC2::VPC', 'vpc-a', { CidrBlock: '10.0.0.0/16' }),
      resource(
        'AWS::EC2::VPCPeeringConnection',
        'pcx-1',
        { VpcId: 'vpc-a', PeerVpcId: 'vpc-other' },
        { observed: { Status: 'active' } },
      ),
      resource(RT, 'ErrorPeerNotInSnapshot', {
        VpcId: 'vpc-a',
        Routes: [local('10.0.0.0/16')],
        Associations: [{ Main: true }],
      }),
    ]);
  });

  it('does not pass a table whose peer route tables were not read', () => {
    const findings = expectResources(
      rule,
      [
        resource('AWS::EC2::VPC', 'vpc-a', { CidrBlock: '10.0.0.0/16' }),
        resource('AWS::EC2::VPC', 'vpc-b', { CidrBlock: '10.9.0.0/16' }, { account: PEER_ACCOUNT }),
        resource(
          'AWS::EC2::VPCPeeringConnection',
          'pcx-1',
          { VpcId: 'vpc-a', PeerVpcId: 'vpc-b' },
          { observed: { Status: 'active' } },
        ),
        resource('AWS::EC2::Subnet', 'subnet-a', { VpcId: 'vpc-a', CidrBlock: '10.0.1.0/24' }),
        resource(RT, 'ErrorPeerTablesUnread', {
          VpcId: 'vpc-a',
          Routes: [local('10.0.0.0/16')],
          Associations: [{ Main: true }],
        }),
      ],
      { coverage: [deniedListing(RT, PEER_ACCOUNT)] },
    );
    expect(findings[0]?.reason).toContain('the route tables of peer VPC vpc-b were not read');
  });
});

const PEER_ACCOUNT = '210987654321';
