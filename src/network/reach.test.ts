import { describe, expect, it } from 'vitest';
import { makeSnapshot, type Resource } from '../model/index.js';
import { buildNetwork, exposure, reach, reachAnswerSchema, exposureAnswerSchema } from './index.js';
import type { EphemeralProfile, ReachAnswer, ReachQuery } from './index.js';

/*
 * Edge semantics of the engine on small in-memory snapshots, in the CloudFormation-shaped model
 * every source produces (describe-style ids and `observed` facts).
 */

type Props = Record<string, unknown>;

function res(type: string, id: string, props: Props, extra: Partial<Resource> = {}): Resource {
  return {
    type,
    id,
    account: '111111111111',
    region: 'us-east-1',
    tags: {},
    props,
    origin: { source: 'describe-json' },
    ...extra,
  };
}

const vpc = (id: string, cidr: string) => res('AWS::EC2::VPC', id, { CidrBlock: cidr });
const subnet = (id: string, vpcId: string, cidr: string, az = 'us-east-1a') =>
  res('AWS::EC2::Subnet', id, { VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az });
const tcp = (port: number | [number, number], peer: string, dir: 'in' | 'out' = 'in'): Props => {
  const [from, to] = typeof port === 'number' ? [port, port] : port;
  const rule: Props = { IpProtocol: 'tcp', FromPort: from, ToPort: to };
  if (peer.startsWith('sg-'))
    rule[dir === 'in' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId'] = peer;
  else if (peer.startsWith('pl-'))
    rule[dir === 'in' ? 'SourcePrefixListId' : 'DestinationPrefixListId'] = peer;
  else rule.CidrIp = peer;
  return rule;
};
const ALL_OUT: Props = { IpProtocol: '-1', CidrIp: '0.0.0.0/0' };
const sg = (id: string, vpcId: string, ingress: Props[], egress: Props[] = [ALL_OUT]) =>
  res('AWS::EC2::SecurityGroup', id, {
    GroupName: id,
    VpcId: vpcId,
    SecurityGroupIngress: ingress,
    SecurityGroupEgress: egress,
  });
function instance(
  id: string,
  subnetId: string,
  sgs: string[],
  ip: string,
  o: { publicIp?: string; sourceDestCheck?: boolean; platform?: string; state?: string } = {},
): Resource {
  return res(
    'AWS::EC2::Instance',
    id,
    {
      SubnetId: subnetId,
      SecurityGroupIds: sgs,
      PrivateIpAddress: ip,
      SourceDestCheck: o.sourceDestCheck ?? true,
    },
    {
      name: id,
      observed: {
        State: o.state ?? 'running',
        ...(o.publicIp ? { PublicIpAddress: o.publicIp } : {}),
        ...(o.platform ? { Platform: o.platform } : {}),
      },
    },
  );
}
const rt = (
  id: string,
  vpcId: string,
  routes: Props[],
  subnets: string[],
  o: { main?: boolean; observed?: Props[] } = {},
) =>
  res(
    'AWS::EC2::RouteTable',
    id,
    {
      VpcId: vpcId,
      Routes: routes,
      Associations: [...(o.main ? [{ Main: true }] : []), ...subnets.map((s) => ({ SubnetId: s }))],
    },
    o.observed ? { observed: { Routes: o.observed } } : {},
  );
const entry = (
  n: number,
  action: 'allow' | 'deny',
  egress: boolean,
  cidr: string,
  protocol = -1,
  ports?: [number, number],
): Props => ({
  RuleNumber: n,
  Protocol: protocol,
  RuleAction: action,
  Egress: egress,
  CidrBlock: cidr,
  ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
});
const nacl = (id: string, vpcId: string, entries: Props[], subnets: string[]) =>
  res('AWS::EC2::NetworkAcl', id, {
    VpcId: vpcId,
    Entries: [...entries, entry(32767, 'deny', false, '0.0.0.0/0'), entry(32767, 'deny', true, '0.0.0.0/0')],
    Associations: subnets.map((s) => ({ SubnetId: s })),
  });
const igw = (id: string, vpcId?: string) =>
  res('AWS::EC2::InternetGateway', id, vpcId ? { VpcId: vpcId } : {});

function ask(
  resources: Resource[],
  q: Partial<ReachQuery> & Pick<ReachQuery, 'from' | 'to'>,
  ephemeral?: EphemeralProfile,
): ReachAnswer {
  const model = buildNetwork(makeSnapshot(resources), ephemeral ? { ephemeral } : {});
  const a = reach(model, { protocol: 'tcp', ...q });
  reachAnswerSchema.parse(a);
  return a;
}
const r = (id: string) => ({ kind: 'resource' as const, id });
const codes = (a: ReachAnswer) => a.explanations.map((e) => `${e.code}@${e.component.id}`);

/** One VPC, two subnets (a, b), default-allow ACL implied, main table with the local route. */
function base(): Resource[] {
  return [
    vpc('vpc-1', '10.0.0.0/16'),
    subnet('subnet-a', 'vpc-1', '10.0.1.0/24'),
    subnet('subnet-b', 'vpc-1', '10.0.2.0/24'),
  ];
}

describe('security groups', () => {
  it('are stateful: the server needs no egress rule for its replies; the client no ingress rule', () => {
    const world = [
      ...base(),
      sg('sg-client', 'vpc-1', [], [tcp(443, '10.0.2.0/24', 'out')]),
      sg('sg-server', 'vpc-1', [tcp(443, '10.0.1.0/24')], []),
      instance('i-client', 'subnet-a', ['sg-client'], '10.0.1.10'),
      instance('i-server', 'subnet-b', ['sg-server'], '10.0.2.10'),
    ];
    const a = ask(world, { from: r('i-client'), to: r('i-server'), port: 443 });
    expect(a.reachable).toBe(true);
    expect(a.forward.map((h) => h.kind)).toEqual([
      'eni',
      'security-group',
      'network-acl',
      'route-table',
      'network-acl',
      'security-group',
      'eni',
    ]);
    expect(a.return.some((h) => h.kind === 'security-group')).toBe(false);
    const wrongPort = ask(world, { from: r('i-client'), to: r('i-server'), port: 444 });
    expect(codes(wrongPort)).toEqual(['ENI_SG_RULES_MISMATCH@sg-client', 'ENI_SG_RULES_MISMATCH@sg-server']);
  });

  it("union of an ENI's groups; protocol -1 allows every port; an empty group says SG_HAS_NO_RULES", () => {
    const world = [
      ...base(),
      sg('sg-none', 'vpc-1', []),
      sg('sg-all', 'vpc-1', [{ IpProtocol: '-1', CidrIp: '10.0.1.0/24' }]),
      instance('i-client', 'subnet-a', ['sg-none'], '10.0.1.10'),
      instance('i-two', 'subnet-b', ['sg-none', 'sg-all'], '10.0.2.10'),
      instance('i-empty', 'subnet-b', ['sg-none'], '10.0.2.11'),
    ];
    const a = ask(world, { from: r('i-client'), to: r('i-two'), port: 5432 });
    expect(a.reachable).toBe(true);
    expect(
      a.forward.find((h) => h.direction === 'inbound' && h.kind === 'security-group')?.component.id,
    ).toBe('sg-all');
    expect(codes(ask(world, { from: r('i-client'), to: r('i-empty'), port: 22 }))).toEqual([
      'SG_HAS_NO_RULES@sg-none',
    ]);
  });

  it('ICMP rules match on type and code', () => {
    const world = [
      ...base(),
      sg('sg-c', 'vpc-1', []),
      sg('sg-ping', 'vpc-1', [{ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, CidrIp: '0.0.0.0/0' }]),
      instance('i-c', 'subnet-a', ['sg-c'], '10.0.1.10'),
      instance('i-p', 'subnet-b', ['sg-ping'], '10.0.2.10'),
    ];
    expect(ask(world, { from: r('i-c'), to: r('i-p'), protocol: 'icmp', icmpType: 8 }).reachable).toBe(true);
    expect(codes(ask(world, { from: r('i-c'), to: r('i-p'), protocol: 'icmp', icmpType: 13 }))).toEqual([
      'ENI_SG_RULES_MISMATCH@sg-ping',
    ]);
    expect(ask(world, { from: r('i-c'), to: r('i-p'), port: 8 }).reachable).toBe(false);
  });

  it('references match members by private IP, across same-region peering, not across regions', () => {
    const peered = (crossRegion: boolean) => [
      ...base(),
      vpc('vpc-2', '10.1.0.0/16'),
      subnet('subnet-p', 'vpc-2', '10.1.1.0/24'),
      res('AWS::EC2::VPCPeeringConnection', 'pcx-1', {
        VpcId: 'vpc-2',
        PeerVpcId: 'vpc-1',
        ...(crossRegion ? { PeerRegion: 'eu-west-1' } : {}),
      }),
      rt('rtb-1', 'vpc-1', [{ DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-1' }], [], {
        main: true,
      }),
      rt('rtb-2', 'vpc-2', [{ DestinationCidrBlock: '10.0.0.0/16', VpcPeeringConnectionId: 'pcx-1' }], [], {
        main: true,
      }),
      sg('sg-web', 'vpc-1', []),
      sg('sg-other', 'vpc-1', []),
      sg('sg-peer-web', 'vpc-2', []),
      sg('sg-db', 'vpc-1', [tcp(3306, 'sg-web'), tcp(3306, 'sg-peer-web')]),
      instance('i-web', 'subnet-a', ['sg-web'], '10.0.1.10'),
      instance('i-admin', 'subnet-a', ['sg-other'], '10.0.1.11'),
      instance('i-peer', 'subnet-p', ['sg-peer-web'], '10.1.1.10'),
      instance('i-db', 'subnet-b', ['sg-db'], '10.0.2.10'),
    ];
    const world = peered(false);
    expect(ask(world, { from: r('i-web'), to: r('i-db'), port: 3306 }).reachable).toBe(true);
    expect(codes(ask(world, { from: r('i-admin'), to: r('i-db'), port: 3306 }))).toEqual([
      'ENI_SG_RULES_MISMATCH@sg-db',
    ]);
    expect(ask(world, { from: r('i-peer'), to: r('i-db'), port: 3306 }).reachable).toBe(true);
    expect(codes(ask(peered(true), { from: r('i-peer'), to: r('i-db'), port: 3306 }))).toEqual([
      'ENI_SG_RULES_MISMATCH@sg-db',
    ]);
  });

  it('CloudFormation groups without inline egress keep the default allow-all egress', () => {
    const cfn = (x: Resource): Resource => ({ ...x, origin: { source: 'cloudformation', logicalId: x.id } });
    const world = [
      ...base().map(cfn),
      cfn(res('AWS::EC2::SecurityGroup', 'ClientSg', { VpcId: 'vpc-1' })),
      cfn(sg('ServerSg', 'vpc-1', [tcp(80, '10.0.0.0/16')])),
      cfn(res('AWS::EC2::Instance', 'Client', { SubnetId: 'subnet-a', SecurityGroupIds: ['ClientSg'] })),
      cfn(res('AWS::EC2::Instance', 'Server', { SubnetId: 'subnet-b', SecurityGroupIds: ['ServerSg'] })),
    ];
    const a = ask(world, { from: r('Client'), to: r('Server'), port: 80 });
    expect(a.reachable).toBe(true);
    expect(a.forward[1]?.matched).toContain('(default)');
    // Templates do not know private IPs: the hop says the address is some address in the subnet.
    expect(a.forward[0]?.matched).toContain('10.0.1.0/24');
    expect(a.notes?.join(' ')).toContain('private IP');
  });
});

describe('network ACLs', () => {
  const world = (entries: Props[], platform?: string) => [
    ...base(),
    sg('sg-c', 'vpc-1', []),
    sg('sg-s', 'vpc-1', [tcp(3306, '10.0.0.0/16')]),
    instance('i-c', 'subnet-a', ['sg-c'], '10.0.1.10', platform ? { platform } : {}),
    instance('i-c2', 'subnet-b', ['sg-c'], '10.0.2.20'),
    instance('i-s', 'subnet-b', ['sg-s'], '10.0.2.10'),
    nacl('acl-b', 'vpc-1', entries, ['subnet-b']),
  ];
  const inAll = entry(100, 'allow', false, '0.0.0.0/0');

  it('are ordered: the first matching rule wins, and the final deny blocks the rest', () => {
    const denyFirst = world([
      entry(90, 'deny', false, '10.0.1.10/32'),
      inAll,
      entry(100, 'allow', true, '0.0.0.0/0'),
    ]);
    const a = ask(denyFirst, { from: r('i-c'), to: r('i-s'), port: 3306 });
    expect(codes(a)).toEqual(['SUBNET_ACL_RESTRICTION@acl-b']);
    expect(a.explanations[0]?.detail).toContain('rule 90');
    expect(a.explanations[0]?.fix).toContain('below 90');
    const shadowed = world([
      inAll,
      entry(200, 'deny', false, '10.0.1.10/32'),
      entry(100, 'allow', true, '0.0.0.0/0'),
    ]);
    const b = ask(shadowed, { from: r('i-c'), to: r('i-s'), port: 3306 });
    expect(b.reachable).toBe(true);
    expect(b.forward.find((h) => h.component.id === 'acl-b')?.matched).toContain('shadows rule 200');
    const none = ask(world([entry(100, 'allow', true, '0.0.0.0/0')]), {
      from: r('i-c'),
      to: r('i-s'),
      port: 3306,
    });
    expect(none.explanations[0]).toMatchObject({
      code: 'SUBNET_ACL_RESTRICTION',
      direction: 'inbound',
      path: 'forward',
    });
  });

  it('are not evaluated for traffic inside one subnet', () => {
    const closed = world([]);
    const a = ask(closed, { from: r('i-c2'), to: r('i-s'), port: 3306 });
    expect(a.reachable).toBe(true);
    expect(a.forward.some((h) => h.kind === 'network-acl')).toBe(false);
  });

  it("are stateless: replies need the client's ephemeral ports, per client profile", () => {
    const narrow = world([inAll, entry(100, 'allow', true, '0.0.0.0/0', 6, [49152, 65535])]);
    const linux = ask(narrow, { from: r('i-c'), to: r('i-s'), port: 3306 });
    expect(linux.explanations[0]).toMatchObject({
      code: 'SUBNET_ACL_RESTRICTION',
      path: 'return',
      direction: 'outbound',
    });
    expect(linux.explanations[0]?.detail).toContain('32768-60999');
    expect(linux.explanations[0]?.fix).toContain('10.0.1.0/24');
    const windowsClient = world(
      [inAll, entry(100, 'allow', true, '0.0.0.0/0', 6, [49152, 65535])],
      'windows',
    );
    expect(ask(windowsClient, { from: r('i-c'), to: r('i-s'), port: 3306 }).reachable).toBe(true);
    expect(ask(narrow, { from: r('i-c'), to: r('i-s'), port: 3306 }, 'windows').reachable).toBe(true);
    expect(ask(narrow, { from: r('i-c'), to: r('i-s'), port: 3306 }, 'nat-gateway').reachable).toBe(false);
  });
});

describe('route tables', () => {
  const peeredWorld = (routes: Props[], observed?: Props[], explicit = true) => [
    ...base(),
    vpc('vpc-2', '10.1.0.0/16'),
    subnet('subnet-p', 'vpc-2', '10.1.1.0/24'),
    res('AWS::EC2::VPCPeeringConnection', 'pcx-1', { VpcId: 'vpc-1', PeerVpcId: 'vpc-2' }),
    rt('rtb-main', 'vpc-1', [], [], { main: true }),
    rt('rtb-a', 'vpc-1', routes, explicit ? ['subnet-a'] : [], observed ? { observed } : {}),
    rt('rtb-2', 'vpc-2', [{ DestinationCidrBlock: '10.0.0.0/16', VpcPeeringConnectionId: 'pcx-1' }], [], {
      main: true,
    }),
    sg('sg-open', 'vpc-1', [{ IpProtocol: '-1', CidrIp: '10.0.0.0/8' }]),
    sg('sg-open2', 'vpc-2', [{ IpProtocol: '-1', CidrIp: '10.0.0.0/8' }]),
    instance('i-a', 'subnet-a', ['sg-open'], '10.0.1.10'),
    instance('i-p', 'subnet-p', ['sg-open2'], '10.1.1.10'),
    instance('i-p2', 'subnet-p', ['sg-open2'], '10.1.1.20'),
  ];
  const toPeer = { DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-1' };

  it('explicit association beats the main table; longest prefix wins; blackhole routes drop', () => {
    expect(ask(peeredWorld([toPeer]), { from: r('i-a'), to: r('i-p'), port: 22 }).reachable).toBe(true);
    const viaMain = ask(peeredWorld([toPeer], undefined, false), { from: r('i-a'), to: r('i-p'), port: 22 });
    expect(codes(viaMain)).toEqual(['NO_ROUTE_TO_DESTINATION@rtb-main']);
    const blackhole = peeredWorld(
      [toPeer, { DestinationCidrBlock: '10.1.1.20/32', NetworkInterfaceId: 'eni-gone' }],
      [{ State: 'active' }, { State: 'blackhole' }],
    );
    expect(ask(blackhole, { from: r('i-a'), to: r('i-p'), port: 22 }).reachable).toBe(true);
    expect(codes(ask(blackhole, { from: r('i-a'), to: r('i-p2'), port: 22 }))).toEqual([
      'BAD_STATE_ROUTE@rtb-a',
    ]);
  });

  it('a static route beats a propagated one of the same prefix', () => {
    const world = peeredWorld(
      [{ DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'vgw-1' }, toPeer],
      [
        { State: 'active', Origin: 'EnableVgwRoutePropagation' },
        { State: 'active', Origin: 'CreateRoute' },
      ],
    );
    const a = ask(world, { from: r('i-a'), to: r('i-p'), port: 22 });
    expect(a.reachable).toBe(true);
    expect(a.forward.find((h) => h.kind === 'route-table')?.matched).toContain('pcx-1');
  });

  it('peering needs routes on both sides and is not transitive', () => {
    const oneSided = peeredWorld([toPeer]).map((x) =>
      x.id === 'rtb-2' ? rt('rtb-2', 'vpc-2', [], [], { main: true }) : x,
    );
    const a = ask(oneSided, { from: r('i-a'), to: r('i-p'), port: 22 });
    expect(a.explanations[0]).toMatchObject({ code: 'NO_ROUTE_TO_DESTINATION', path: 'return' });
    expect(a.explanations[0]?.component.id).toBe('rtb-2');
    const chain = [
      ...peeredWorld([toPeer, { DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: 'pcx-1' }]),
      vpc('vpc-3', '10.2.0.0/16'),
      subnet('subnet-3', 'vpc-3', '10.2.1.0/24'),
      res('AWS::EC2::VPCPeeringConnection', 'pcx-2', { VpcId: 'vpc-2', PeerVpcId: 'vpc-3' }),
      sg('sg-3', 'vpc-3', [{ IpProtocol: '-1', CidrIp: '10.0.0.0/8' }]),
      instance('i-3', 'subnet-3', ['sg-3'], '10.2.1.10'),
    ];
    expect(codes(ask(chain, { from: r('i-a'), to: r('i-3'), port: 22 }))).toEqual([
      'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR@pcx-1',
    ]);
  });

  it('managed prefix lists work in routes and in security group rules', () => {
    const world = [
      ...peeredWorld([{ DestinationPrefixListId: 'pl-peer', VpcPeeringConnectionId: 'pcx-1' }]),
      res('AWS::EC2::PrefixList', 'pl-peer', { AddressFamily: 'IPv4', Entries: [{ Cidr: '10.1.1.0/24' }] }),
    ].map((x) => (x.id === 'sg-open2' ? sg('sg-open2', 'vpc-2', [tcp(22, 'pl-office')]) : x));
    world.push(res('AWS::EC2::PrefixList', 'pl-office', { Entries: [{ Cidr: '10.0.1.0/24' }] }));
    expect(ask(world, { from: r('i-a'), to: r('i-p'), port: 22 }).reachable).toBe(true);
    expect(ask(world, { from: r('i-a'), to: r('i-p'), port: 23 }).reachable).toBe(false);
  });
});

describe('internet gateway and NAT', () => {
  const world = (
    o: { attached?: boolean; publicIp?: string; natSubnetToIgw?: boolean; sdc?: boolean } = {},
  ) => [
    ...base(),
    igw('igw-1', o.attached === false ? undefined : 'vpc-1'),
    rt(
      'rtb-public',
      'vpc-1',
      [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }],
      o.natSubnetToIgw === false ? [] : ['subnet-a'],
    ),
    rt('rtb-private', 'vpc-1', [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' }], ['subnet-b'], {
      main: true,
    }),
    res(
      'AWS::EC2::NatGateway',
      'nat-1',
      { SubnetId: 'subnet-a', ConnectivityType: 'public', PrivateIpAddress: '10.0.1.5' },
      {
        observed: {
          State: 'available',
          NatGatewayAddresses: [
            { PublicIp: '198.51.100.5', PrivateIp: '10.0.1.5', NetworkInterfaceId: 'eni-nat' },
          ],
        },
      },
    ),
    sg('sg-web', 'vpc-1', [tcp(80, '0.0.0.0/0')]),
    instance(
      'i-web',
      'subnet-a',
      ['sg-web'],
      '10.0.1.10',
      o.publicIp === '' ? {} : { publicIp: o.publicIp ?? '198.51.100.10' },
    ),
    instance('i-app', 'subnet-b', ['sg-web'], '10.0.2.10'),
  ];

  it('takes a gateway missing from the snapshot as attached when a live route targets it, with a note', () => {
    const withoutIgw = (observed?: Props[]) =>
      world()
        .filter((x) => x.id !== 'igw-1' && x.id !== 'rtb-public')
        .concat(
          rt(
            'rtb-public',
            'vpc-1',
            [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }],
            ['subnet-a'],
            {
              ...(observed ? { observed } : {}),
            },
          ),
        );
    const active = ask(withoutIgw([{ State: 'active' }]), {
      from: { kind: 'internet' },
      to: r('i-web'),
      port: 80,
    });
    expect(active.reachable).toBe(true);
    expect(active.notes).toContain(
      'internet gateway igw-1 not in the snapshot; its active route implies it is attached',
    );
    const unknown = ask(withoutIgw(), { from: { kind: 'internet' }, to: r('i-web'), port: 80 });
    expect(unknown.reachable).toBe(true);
    expect(unknown.notes?.join(' ')).toContain('igw-1 not in the snapshot');
    // Something else still blocks: a definite verdict that does not rest on the missing gateway.
    const sgBlocks = ask(withoutIgw(), { from: { kind: 'internet' }, to: r('i-web'), port: 22 });
    expect(codes(sgBlocks)).toEqual(['ENI_SG_RULES_MISMATCH@sg-web']);
    const blackhole = ask(withoutIgw([{ State: 'blackhole' }]), {
      from: { kind: 'internet' },
      to: r('i-web'),
      port: 80,
    });
    expect(blackhole.reachable).toBe(false);
  });

  it('gives no definite answer when observed data has no route table for the VPC', () => {
    const noTables = world().filter((x) => x.type !== 'AWS::EC2::RouteTable' && x.id !== 'igw-1');
    const a = ask(noTables, { from: { kind: 'internet' }, to: r('i-web'), port: 80 });
    expect(a.reachable).toBe(false);
    expect(codes(a)[0]).toMatch(/^UNKNOWN_RESOURCE@/);
    expect(a.notes?.join(' ')).toContain('not a definite answer');
  });

  it('needs an attached gateway and a public IP; replies need a route back to it', () => {
    const ok = ask(world(), { from: { kind: 'internet' }, to: r('i-web'), port: 80 });
    expect(ok.reachable).toBe(true);
    expect(ok.return.some((h) => h.kind === 'route-table' && h.component.id === 'rtb-public')).toBe(true);
    expect(
      codes(ask(world({ publicIp: '' }), { from: { kind: 'internet' }, to: r('i-web'), port: 80 })),
    ).toEqual(['NO_PUBLIC_IP@i-web']);
    expect(
      codes(ask(world({ attached: false }), { from: { kind: 'internet' }, to: r('i-web'), port: 80 })),
    ).toEqual(['IGW_NOT_ATTACHED@igw-1']);
    const noBack = ask(world({ natSubnetToIgw: false }), {
      from: { kind: 'internet' },
      to: r('i-web'),
      port: 80,
    });
    expect(noBack.explanations.map((e) => `${e.code}/${e.path}`)).toContain('NO_ROUTE_TO_DESTINATION/return');
  });

  it('a NAT gateway carries outbound-initiated traffic only, from a subnet that routes to the gateway', () => {
    const out = ask(world(), { from: r('i-app'), to: { kind: 'internet' }, port: 443 });
    expect(out.reachable).toBe(true);
    expect(out.forward.some((h) => h.kind === 'nat-gateway')).toBe(true);
    expect(out.return.find((h) => h.component.id === 'i-app')?.matched).toContain('32768-60999');
    // No public address, and the replies would leave through the NAT gateway: both are said.
    expect(codes(ask(world(), { from: { kind: 'internet' }, to: r('i-app'), port: 80 }))).toEqual([
      'NO_PUBLIC_IP@i-app',
      'NO_ROUTE_TO_DESTINATION@rtb-private',
    ]);
    const inPrivate = ask(world({ natSubnetToIgw: false }), {
      from: r('i-app'),
      to: { kind: 'internet' },
      port: 443,
    });
    expect(codes(inPrivate)).toEqual(['NO_ROUTE_TO_DESTINATION@rtb-private']);
  });

  it('an outside private address cannot come from the internet', () => {
    const a = ask(world(), { from: { kind: 'ip', ip: '192.168.1.1' }, to: r('i-web'), port: 80 });
    expect(a.explanations[0]?.code).toBe('IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS');
  });

  it('a NAT instance needs source/destination check off, and its group applies', () => {
    const natWorld = (sourceDestCheck: boolean, natIngress: Props[]) => [
      ...base(),
      igw('igw-1', 'vpc-1'),
      rt('rtb-public', 'vpc-1', [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }], ['subnet-a']),
      rt('rtb-private', 'vpc-1', [{ DestinationCidrBlock: '0.0.0.0/0', InstanceId: 'i-nat' }], ['subnet-b']),
      sg('sg-nat', 'vpc-1', natIngress),
      sg('sg-app', 'vpc-1', []),
      instance('i-nat', 'subnet-a', ['sg-nat'], '10.0.1.5', { publicIp: '198.51.100.5', sourceDestCheck }),
      instance('i-app', 'subnet-b', ['sg-app'], '10.0.2.10'),
    ];
    const https = [tcp(443, '10.0.2.0/24')];
    expect(
      ask(natWorld(false, https), { from: r('i-app'), to: { kind: 'internet' }, port: 443 }).reachable,
    ).toBe(true);
    expect(
      codes(ask(natWorld(true, https), { from: r('i-app'), to: { kind: 'internet' }, port: 443 })),
    ).toEqual(['ENI_SOURCE_DEST_CHECK_RESTRICTION@i-nat']);
    expect(
      codes(
        ask(natWorld(false, [tcp(80, '10.0.2.0/24')]), {
          from: r('i-app'),
          to: { kind: 'internet' },
          port: 443,
        }),
      ),
    ).toEqual(['ENI_SG_RULES_MISMATCH@sg-nat']);
  });
});

describe('transit gateway', () => {
  const world = (associate: boolean) => [
    ...base(),
    vpc('vpc-2', '10.1.0.0/16'),
    subnet('subnet-p', 'vpc-2', '10.1.1.0/24'),
    res('AWS::EC2::TransitGateway', 'tgw-1', {}),
    res('AWS::EC2::TransitGatewayAttachment', 'att-1', {
      TransitGatewayId: 'tgw-1',
      VpcId: 'vpc-1',
      SubnetIds: ['subnet-a'],
    }),
    res('AWS::EC2::TransitGatewayAttachment', 'att-2', {
      TransitGatewayId: 'tgw-1',
      VpcId: 'vpc-2',
      SubnetIds: ['subnet-p'],
    }),
    res('AWS::EC2::TransitGatewayRouteTable', 'tgw-rtb', { TransitGatewayId: 'tgw-1' }),
    ...(associate
      ? [
          res('AWS::EC2::TransitGatewayRouteTableAssociation', 'as-1', {
            TransitGatewayAttachmentId: 'att-1',
            TransitGatewayRouteTableId: 'tgw-rtb',
          }),
          res('AWS::EC2::TransitGatewayRouteTableAssociation', 'as-2', {
            TransitGatewayAttachmentId: 'att-2',
            TransitGatewayRouteTableId: 'tgw-rtb',
          }),
        ]
      : []),
    res('AWS::EC2::TransitGatewayRouteTablePropagation', 'pr-1', {
      TransitGatewayAttachmentId: 'att-1',
      TransitGatewayRouteTableId: 'tgw-rtb',
    }),
    res('AWS::EC2::TransitGatewayRouteTablePropagation', 'pr-2', {
      TransitGatewayAttachmentId: 'att-2',
      TransitGatewayRouteTableId: 'tgw-rtb',
    }),
    rt('rtb-1', 'vpc-1', [{ DestinationCidrBlock: '10.1.0.0/16', TransitGatewayId: 'tgw-1' }], [], {
      main: true,
    }),
    rt('rtb-2', 'vpc-2', [{ DestinationCidrBlock: '10.0.0.0/16', TransitGatewayId: 'tgw-1' }], [], {
      main: true,
    }),
    sg('sg-1', 'vpc-1', []),
    sg('sg-2', 'vpc-2', [tcp(22, '10.0.0.0/16')]),
    instance('i-1', 'subnet-a', ['sg-1'], '10.0.1.10'),
    instance('i-2', 'subnet-p', ['sg-2'], '10.1.1.10'),
  ];

  it('routes through attachments, associations and propagated routes', () => {
    const a = ask(world(true), { from: r('i-1'), to: r('i-2'), port: 22 });
    expect(a.reachable).toBe(true);
    expect(a.forward.find((h) => h.kind === 'transit-gateway')?.matched).toContain('propagated');
    expect(codes(ask(world(false), { from: r('i-1'), to: r('i-2'), port: 22 }))).toEqual([
      'TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION@att-1',
    ]);
  });
});

describe('ALB to targets', () => {
  const world = (targetIngress: Props[]) => [
    ...base(),
    igw('igw-1', 'vpc-1'),
    rt('rtb-public', 'vpc-1', [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }], ['subnet-a']),
    sg('sg-alb', 'vpc-1', [tcp(443, '0.0.0.0/0')], [tcp(8080, 'sg-app', 'out')]),
    sg('sg-app', 'vpc-1', targetIngress),
    res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'alb-1', {
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: ['subnet-a'],
      SecurityGroups: ['sg-alb'],
    }),
    res('AWS::ElasticLoadBalancingV2::TargetGroup', 'tg-1', {
      Port: 8080,
      Protocol: 'HTTP',
      VpcId: 'vpc-1',
      Targets: [{ Id: 'i-app' }],
    }),
    res('AWS::ElasticLoadBalancingV2::Listener', 'lst-1', {
      LoadBalancerArn: 'alb-1',
      Port: 443,
      Protocol: 'HTTPS',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tg-1' }],
    }),
    instance('i-app', 'subnet-b', ['sg-app'], '10.0.2.10'),
  ];

  it("walks the listener's target leg: targets must admit the ALB's group", () => {
    const ok = ask(world([tcp(8080, 'sg-alb')]), { from: { kind: 'internet' }, to: r('alb-1'), port: 443 });
    expect(ok.reachable).toBe(true);
    expect(ok.forward.map((h) => h.kind)).toContain('target-group');
    expect(ok.forward.at(-1)?.component.id).toBe('i-app');
    const blocked = ask(world([tcp(8080, '203.0.113.0/24')]), {
      from: { kind: 'internet' },
      to: r('alb-1'),
      port: 443,
    });
    expect(codes(blocked)).toEqual(['ENI_SG_RULES_MISMATCH@sg-app']);
    expect(blocked.explanations[0]?.detail).toMatch(/^load balancer to target/);
  });
});

describe('load balancers and exposure', () => {
  const world = (scheme: string) => [
    ...base(),
    igw('igw-1', 'vpc-1'),
    rt(
      'rtb-public',
      'vpc-1',
      [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }],
      ['subnet-a', 'subnet-b'],
    ),
    sg('sg-alb', 'vpc-1', [tcp(443, '0.0.0.0/0'), tcp(8443, '0.0.0.0/0')]),
    sg('sg-ssh', 'vpc-1', [tcp(22, '0.0.0.0/0')]),
    res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'alb-1', {
      Type: 'application',
      Scheme: scheme,
      Subnets: ['subnet-a', 'subnet-b'],
      SecurityGroups: ['sg-alb'],
    }),
    res('AWS::ElasticLoadBalancingV2::Listener', 'lst-1', {
      LoadBalancerArn: 'alb-1',
      Port: 443,
      Protocol: 'HTTPS',
      DefaultActions: [],
    }),
    instance('i-private', 'subnet-b', ['sg-ssh'], '10.0.2.10'),
    instance('i-public', 'subnet-a', ['sg-ssh'], '10.0.1.10', { publicIp: '198.51.100.10' }),
    nacl(
      'acl-a',
      'vpc-1',
      [entry(100, 'allow', false, '0.0.0.0/0', 6, [443, 443]), entry(100, 'allow', true, '0.0.0.0/0')],
      ['subnet-a'],
    ),
  ];

  it('an internal load balancer has no public address', () => {
    expect(
      ask(world('internet-facing'), { from: { kind: 'internet' }, to: r('alb-1'), port: 443 }).reachable,
    ).toBe(true);
    expect(
      codes(ask(world('internal'), { from: { kind: 'internet' }, to: r('alb-1'), port: 443 })),
    ).toContain('NO_PUBLIC_IP@alb-1');
    const wrongPort = ask(world('internet-facing'), {
      from: { kind: 'internet' },
      to: r('alb-1'),
      port: 8443,
    });
    expect(codes(wrongPort)).toContain('ELBV2_LISTENERS_MISMATCH@alb-1');
  });

  it('exposure lists what the internet reaches and why world-open rules elsewhere are shielded', () => {
    const e = exposure(buildNetwork(makeSnapshot(world('internet-facing'))));
    exposureAnswerSchema.parse(e);
    expect(e.exposures.map((x) => `${x.component.id}:${x.protocol}/${x.ports?.from}`)).toEqual([
      'alb-1:tcp/443',
    ]);
    const why = Object.fromEntries(
      e.shielded.map((s) => [s.component.id, s.explanations.map((x) => x.code)]),
    );
    expect(why['i-private']).toEqual(['NO_PUBLIC_IP']);
    expect(why['i-public']).toEqual(['SUBNET_ACL_RESTRICTION']);
  });
});
