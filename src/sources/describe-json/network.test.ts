import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../model/index.js';
import { loadDescribeJson } from './index.js';
import { mapNaclEntry } from './mappers/network-acl.js';
import { mapRoute } from './mappers/route-table.js';
import { flattenPermissions } from './mappers/security-group.js';

const fixture = join(import.meta.dirname, 'fixtures', 'network');

function byId(snapshot: Snapshot, id: string): Resource {
  const found = snapshot.resources.find((r) => r.id === id);
  if (!found) throw new Error(`no resource ${id}`);
  return found;
}

describe('security group rules', () => {
  it('flattens one permission with several peers into one CloudFormation rule per peer', () => {
    const { rules, problems } = flattenPermissions(
      [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'corp' }, { CidrIp: '192.168.0.0/16' }],
          Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
          PrefixListIds: [{ PrefixListId: 'pl-1' }],
          UserIdGroupPairs: [
            { GroupId: 'sg-same', UserId: '111111111111' },
            { GroupId: 'sg-other', UserId: '222222222222' },
          ],
        },
      ],
      'ingress',
      '111111111111',
    );
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8', Description: 'corp' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '192.168.0.0/16' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '2001:db8::/32' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourcePrefixListId: 'pl-1' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: 'sg-same' },
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        SourceSecurityGroupId: 'sg-other',
        SourceSecurityGroupOwnerId: '222222222222',
      },
    ]);
  });

  it('uses the Destination* names for egress and keeps all-traffic rules without ports', () => {
    const { rules } = flattenPermissions(
      [
        { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        { IpProtocol: 'TCP', FromPort: 5432, ToPort: 5432, PrefixListIds: [{ PrefixListId: 'pl-db' }] },
        {
          IpProtocol: 'tcp',
          FromPort: 5432,
          ToPort: 5432,
          UserIdGroupPairs: [{ GroupId: 'sg-db', UserId: '1' }],
        },
      ],
      'egress',
      '1',
    );
    expect(rules).toEqual([
      { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, DestinationPrefixListId: 'pl-db' },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, DestinationSecurityGroupId: 'sg-db' },
    ]);
  });

  it('reports a permission that names no peer instead of dropping it silently', () => {
    const { rules, problems } = flattenPermissions(
      [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2 }],
      'ingress',
    );
    expect(rules).toEqual([]);
    expect(problems).toEqual(['ingress permission 0 names no peer']);
  });

  it('loads a describe-security-groups file into CloudFormation-shaped groups', async () => {
    const snapshot = await loadDescribeJson(fixture);
    const web = byId(snapshot, 'sg-0web');
    expect(web.type).toBe('AWS::EC2::SecurityGroup');
    expect(web.name).toBe('web-sg');
    expect(web.account).toBe('111111111111');
    expect(web.region).toBe('eu-west-1');
    expect(web.arn).toBe('arn:aws:ec2:eu-west-1:111111111111:security-group/sg-0web');
    expect(web.props.GroupDescription).toBe('web tier');
    expect(web.props.VpcId).toBe('vpc-0net');
    expect(web.props.SecurityGroupIngress).toHaveLength(6 + 1 + 1);
    expect(web.props.SecurityGroupIngress).toContainEqual({
      IpProtocol: 'icmp',
      FromPort: -1,
      ToPort: -1,
      CidrIp: '0.0.0.0/0',
    });
    expect(web.props.SecurityGroupIngress).toContainEqual({ IpProtocol: '50', CidrIp: '203.0.113.10/32' });
    expect(web.props.SecurityGroupEgress).toEqual([
      { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
      { IpProtocol: '-1', CidrIpv6: '::/0' },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, DestinationPrefixListId: 'pl-0db' },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, DestinationSecurityGroupId: 'sg-0db' },
    ]);
    expect(web.origin).toEqual({ source: 'describe-json', file: 'describe-security-groups.json', line: 3 });
    // A group with no rules has empty lists: known to be empty, not unknown.
    expect(byId(snapshot, 'sg-0empty').props).toMatchObject({
      SecurityGroupIngress: [],
      SecurityGroupEgress: [],
    });
  });
});

describe('network ACL entries', () => {
  it('maps protocol and rule numbers to numbers, ports and ICMP to PortRange and Icmp', () => {
    expect(
      mapNaclEntry({
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 443, To: 443 },
      }),
    ).toEqual({
      RuleNumber: 100,
      Protocol: 6,
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '0.0.0.0/0',
      PortRange: { From: 443, To: 443 },
    });
    expect(
      mapNaclEntry({
        RuleNumber: 110,
        Protocol: '1',
        RuleAction: 'ALLOW',
        CidrBlock: '10.0.0.0/8',
        IcmpTypeCode: { Code: -1, Type: 8 },
      }),
    ).toEqual({
      RuleNumber: 110,
      Protocol: 1,
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '10.0.0.0/8',
      Icmp: { Code: -1, Type: 8 },
    });
  });

  it('loads entries (the default deny rule included) and subnet associations', async () => {
    const acl = byId(await loadDescribeJson(fixture), 'acl-0net');
    expect(acl.type).toBe('AWS::EC2::NetworkAcl');
    expect(acl.props.Associations).toEqual([{ SubnetId: 'subnet-0a' }, { SubnetId: 'subnet-0b' }]);
    const entries = acl.props.Entries as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(6);
    expect(entries).toContainEqual({
      RuleNumber: 120,
      Protocol: 17,
      RuleAction: 'deny',
      Egress: false,
      Ipv6CidrBlock: '::/0',
      PortRange: { From: 53, To: 53 },
    });
    expect(entries.filter((e) => e.RuleNumber === 32767)).toEqual([
      { RuleNumber: 32767, Protocol: -1, RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32767, Protocol: -1, RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
    ]);
    expect(acl.observed).toEqual({ IsDefault: false, OwnerId: '111111111111' });
  });
});

describe('route tables', () => {
  it('keeps only the route keys that are set and moves runtime facts to observed', () => {
    expect(
      mapRoute({
        DestinationCidrBlock: '10.9.0.0/16',
        VpcPeeringConnectionId: 'pcx-1',
        Origin: 'CreateRoute',
        State: 'blackhole',
      }),
    ).toEqual({
      route: { DestinationCidrBlock: '10.9.0.0/16', VpcPeeringConnectionId: 'pcx-1' },
      observed: { State: 'blackhole', Origin: 'CreateRoute' },
    });
    // The API reports endpoint targets as GatewayId vpce-…; CloudFormation calls them VpcEndpointId.
    expect(mapRoute({ DestinationPrefixListId: 'pl-1', GatewayId: 'vpce-1', State: 'active' }).route).toEqual(
      {
        DestinationPrefixListId: 'pl-1',
        VpcEndpointId: 'vpce-1',
      },
    );
  });

  it('loads routes (blackhole, propagated, local) with observed state aligned by index', async () => {
    const table = byId(await loadDescribeJson(fixture), 'rtb-0main');
    expect(table.type).toBe('AWS::EC2::RouteTable');
    expect(table.name).toBe('main');
    const routes = table.props.Routes as Array<Record<string, unknown>>;
    const observed = (table.observed?.Routes ?? []) as Array<Record<string, unknown>>;
    expect(routes).toEqual([
      { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0net' },
      { DestinationCidrBlock: '10.9.0.0/16', VpcPeeringConnectionId: 'pcx-0gone' },
      { DestinationCidrBlock: '172.16.0.0/12', GatewayId: 'vgw-0onprem' },
      { DestinationPrefixListId: 'pl-63a5400a', VpcEndpointId: 'vpce-0s3' },
      { DestinationCidrBlock: '192.168.50.0/24', InstanceId: 'i-0nat', NetworkInterfaceId: 'eni-0nat' },
      { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0v6' },
    ]);
    expect(observed).toHaveLength(routes.length);
    expect(observed[2]).toEqual({ State: 'blackhole', Origin: 'CreateRoute' });
    expect(observed[3]).toEqual({ State: 'active', Origin: 'EnableVgwRoutePropagation' });
    expect(observed[5]).toEqual({ State: 'active', Origin: 'CreateRoute', InstanceOwnerId: '111111111111' });
    expect(table.observed?.PropagatingVgws).toEqual(['vgw-0onprem']);
  });

  it('records the main table flag, subnet and edge associations, and keeps inactive ones apart', async () => {
    const table = byId(await loadDescribeJson(fixture), 'rtb-0main');
    expect(table.props.Associations).toEqual([
      { Main: true },
      { SubnetId: 'subnet-0a' },
      { GatewayId: 'igw-0net' },
    ]);
    expect(table.observed?.InactiveAssociations).toEqual([
      { SubnetId: 'subnet-0old', State: 'disassociating' },
    ]);
  });
});

describe('VPCs and what has no region or owner of its own', () => {
  it('adds secondary CIDR blocks as VPCCidrBlock resources and lists the associated ones', async () => {
    const snapshot = await loadDescribeJson(fixture);
    const vpc = byId(snapshot, 'vpc-0net');
    expect(vpc.props).toEqual({ CidrBlock: '10.0.0.0/16', InstanceTenancy: 'default' });
    expect(vpc.observed?.CidrBlocks).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    const blocks = snapshot.resources.filter((r) => r.type === 'AWS::EC2::VPCCidrBlock');
    expect(blocks.map((b) => b.props)).toEqual([
      { VpcId: 'vpc-0net', CidrBlock: '10.1.0.0/16' },
      { VpcId: 'vpc-0net', Ipv6CidrBlock: '2600:1f18::/56', AmazonProvidedIpv6CidrBlock: true },
    ]);
  });

  it('takes the account and region the rest of the directory agrees on', async () => {
    const snapshot = await loadDescribeJson(fixture);
    // The subnet's zone gives eu-west-1; owners give the account; the customer gateway has neither.
    const gateway = byId(snapshot, 'cgw-0office');
    expect([gateway.account, gateway.region]).toEqual(['111111111111', 'eu-west-1']);
    expect(gateway.props).toEqual({ Type: 'ipsec.1', BgpAsn: 65000, IpAddress: '198.51.100.7' });
    expect(snapshot.regions).toEqual(['eu-west-1']);
  });
});
