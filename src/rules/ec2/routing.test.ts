import { describe, expect, it } from 'vitest';
import { resource } from '../../../test/rule-fixtures.js';
import { createGraph } from '../../engine/graph.js';
import { ip, unresolved } from '../../model/index.js';
import { lookupRoute, routesOf, routesTargeting, subnetRouting, subnetsOf } from './routing.js';

const vpc = resource('AWS::EC2::VPC', 'vpc-1', { CidrBlock: '10.0.0.0/16' });
const subnetA = resource('AWS::EC2::Subnet', 'subnet-a', { VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24' });
const subnetB = resource('AWS::EC2::Subnet', 'subnet-b', { VpcId: 'vpc-1', CidrBlock: '10.0.2.0/24' });
const main = resource('AWS::EC2::RouteTable', 'rtb-main', {
  VpcId: 'vpc-1',
  Routes: [
    { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' },
    { DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-1' },
    { DestinationPrefixListId: 'pl-63a5400a', VpcEndpointId: 'vpce-1' },
  ],
  Associations: [{ Main: true }],
});
const custom = resource('AWS::EC2::RouteTable', 'rtb-a', {
  VpcId: 'vpc-1',
  Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }],
  Associations: [{ SubnetId: 'subnet-a' }],
});
const graph = createGraph([vpc, subnetA, subnetB, main, custom]);

describe('routing helpers', () => {
  it('finds the explicit table first, then the main table', () => {
    expect(subnetRouting(subnetA, graph)).toMatchObject({ table: custom, via: 'explicit' });
    expect(subnetRouting(subnetB, graph)).toMatchObject({ table: main, via: 'main' });
    expect(subnetsOf(main, graph)).toEqual([subnetB]);
  });

  it('gives a template VPC its implicit main table and reports an unknown one', () => {
    const tplVpc = resource('AWS::EC2::VPC', 'Vpc', {}, { origin: { source: 'cloudformation' } });
    const tplSubnet = resource(
      'AWS::EC2::Subnet',
      'Subnet',
      { VpcId: 'Vpc' },
      { origin: { source: 'cloudformation' } },
    );
    expect(subnetRouting(tplSubnet, createGraph([tplVpc, tplSubnet]))).toEqual({
      table: undefined,
      via: 'implicit-main',
      vpc: tplVpc,
      routes: [],
    });
    const orphan = resource('AWS::EC2::Subnet', 'subnet-x', { VpcId: 'vpc-elsewhere' });
    expect(subnetRouting(orphan, createGraph([orphan]))).toHaveProperty('unknown');
  });

  it('adds Terraform routes written against the main route table id to the main table', () => {
    const tf = { origin: { source: 'terraform' } } as const;
    const tfVpc = resource('AWS::EC2::VPC', 'aws_vpc.main', { CidrBlock: '10.0.0.0/16' }, tf);
    const tfSubnet = resource('AWS::EC2::Subnet', 'aws_subnet.a', { VpcId: 'aws_vpc.main' }, tf);
    const route = (id: string, table: unknown) =>
      resource(
        'AWS::EC2::Route',
        id,
        { RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' },
        tf,
      );
    const planned = route('aws_route.r', unresolved('aws_vpc.main.main_route_table_id', 'known after apply'));
    const shown = (routing: ReturnType<typeof subnetRouting>) =>
      'routes' in routing ? routing.routes.map((r) => `${r.destination} ${r.resource?.id ?? ''}`) : routing;

    // A plan or configuration: the route's table is the VPC's attribute.
    expect(shown(subnetRouting(tfSubnet, createGraph([tfVpc, tfSubnet, planned])))).toEqual([
      '0.0.0.0/0 aws_route.r',
      'local ',
    ]);
    // A state: the VPC records its main table's id, which the route holds.
    const stateVpc = { ...tfVpc, observed: { MainRouteTableId: 'rtb-0main' } };
    expect(
      shown(subnetRouting(tfSubnet, createGraph([stateVpc, tfSubnet, route('aws_route.s', 'rtb-0main')]))),
    ).toEqual(['0.0.0.0/0 aws_route.s', 'local ']);
    // aws_default_route_table is the main table: the route is one of its routes.
    const adopted = resource(
      'AWS::EC2::RouteTable',
      'aws_default_route_table.d',
      { VpcId: 'aws_vpc.main' },
      tf,
    );
    const withAdopted = createGraph([tfVpc, tfSubnet, adopted, planned]);
    expect(subnetRouting(tfSubnet, withAdopted)).toMatchObject({ table: adopted, via: 'main' });
    const parsed = routesOf(adopted, withAdopted);
    expect('routes' in parsed && parsed.routes.map((r) => r.resource?.id)).toEqual([
      'aws_route.r',
      undefined,
    ]);
    // Routes of another VPC's main table, or of a named table, are not this one's.
    const other = route('aws_route.o', unresolved('aws_vpc.other.main_route_table_id', 'known after apply'));
    const otherVpc = resource('AWS::EC2::VPC', 'aws_vpc.other', {}, tf);
    expect(shown(subnetRouting(tfSubnet, createGraph([tfVpc, otherVpc, tfSubnet, other])))).toEqual([
      'local ',
    ]);
    // A table not known, or a main table of no known VPC, may be this VPC's main table.
    const unknownTable = route('aws_route.u', unresolved('data.aws_route_table.t.id', 'known after apply'));
    expect(subnetRouting(tfSubnet, createGraph([tfVpc, tfSubnet, unknownTable]))).toEqual({
      unknown:
        'it has no explicit route table association and route aws_route.u may add to the main route table of aws_vpc.main: RouteTableId is not known: known after apply (data.aws_route_table.t.id)',
    });
    const unplaced = resource('AWS::EC2::RouteTable', 'aws_default_route_table.x', {}, tf);
    expect(subnetRouting(tfSubnet, createGraph([tfVpc, tfSubnet, unplaced]))).toHaveProperty('unknown');
  });

  it('adds the implicit local route and matches the longest prefix', () => {
    const parsed = routesOf(main, graph);
    if (!('routes' in parsed)) throw new Error(parsed.unknown);
    const target = (address: string) => {
      const r = lookupRoute(parsed.routes, ip(address));
      return r && 'kind' in r.target ? `${r.target.kind} ${r.target.id}` : undefined;
    };
    expect(target('10.0.2.9')).toBe('local local');
    expect(target('10.1.1.5')).toBe('vpc-peering pcx-1');
    expect(target('52.216.0.1')).toBe('nat-gateway nat-1');
    expect(target('2001:db8::1')).toBeUndefined();
  });

  it('keeps a route with an unknown destination, with its target', () => {
    const t = resource('AWS::EC2::RouteTable', 'rtb-u', {
      VpcId: 'vpc-1',
      Routes: [
        {
          DestinationCidrBlock: unresolved({ Ref: 'Cidr' }, 'parameter without default'),
          GatewayId: 'igw-1',
        },
      ],
    });
    const parsed = routesOf(t, createGraph([vpc, t]));
    if (!('routes' in parsed)) throw new Error(parsed.unknown);
    expect(parsed.routes[0]).toMatchObject({
      destination: '?',
      target: { kind: 'internet-gateway', id: 'igw-1' },
    });
    expect(parsed.routes[0]?.destinationUnknown).toContain('Routes[0].DestinationCidrBlock is not known');
  });

  it('indexes route targets that are not resources of the snapshot', () => {
    expect(routesTargeting('nat-1', graph).map((u) => u.table.id)).toEqual(['rtb-main']);
    expect(routesTargeting('eni-none', graph)).toEqual([]);
  });
});
