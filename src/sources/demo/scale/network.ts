import type { Resource } from '../../../model/index.js';
import type { AccountContext } from './context.js';

/*
 * VPC networking as describe output shows it after the CloudFormation source's folds (see
 * src/sources/cloudformation/README.md): routes and subnet associations on the route table (with the
 * implicit local route and the main association that only describe output has), NACL entries and
 * associations on the network ACL, the internet gateway's attachment as its `VpcId`.
 */

export interface SubnetInfo {
  id: string;
  az: string;
  /** Second octet pair of the subnet, for addresses inside it: `10.a.b.x`. */
  prefix: string;
  isPublic: boolean;
}

export interface SecurityGroups {
  web: string;
  app: string;
  db: string;
  bastion: string;
  /** Every group in the VPC, the named ones included. */
  all: string[];
}

export interface VpcInfo {
  id: string;
  region: string;
  cidr: string;
  publicSubnets: SubnetInfo[];
  privateSubnets: SubnetInfo[];
  groups: SecurityGroups;
}

const ALL_TRAFFIC = '0.0.0.0/0';
/** Documentation range standing in for the corporate network (RFC 5737). */
export const CORPORATE_CIDR = '203.0.113.0/24';

/** A VPC with three public and three private subnets, IGW, NAT gateway, route tables, NACLs, flow log, groups. */
export function* vpcBlock(
  ctx: AccountContext,
  region: string,
  vpcNumber: number,
  flowLogBucket: string | undefined,
): Generator<Resource, VpcInfo> {
  const { rng } = ctx;
  const second = (vpcNumber * 7 + ctx.account.index) % 250;
  const cidr = `10.${second}.0.0/16`;
  const vpcId = ctx.physicalId('vpc');
  const service = rng.pick(['hub', 'core', 'apps', 'data']);
  const vpcName = `${ctx.env}-${service}-vpc-${vpcNumber}`;
  yield ctx.resource(
    'AWS::EC2::VPC',
    vpcId,
    region,
    { CidrBlock: cidr, EnableDnsSupport: true, EnableDnsHostnames: true, InstanceTenancy: 'default' },
    {
      arn: ctx.arn('ec2', region, `vpc/${vpcId}`),
      name: vpcName,
      service: 'network',
      observed: { State: 'available', IsDefault: false },
    },
  );

  const igwId = ctx.physicalId('igw');
  yield ctx.resource(
    'AWS::EC2::InternetGateway',
    igwId,
    region,
    { VpcId: vpcId },
    { arn: ctx.arn('ec2', region, `internet-gateway/${igwId}`), name: `${vpcName}-igw`, service: 'network' },
  );

  const azs = ['a', 'b', 'c'].map((letter) => `${region}${letter}`);
  const publicSubnets: SubnetInfo[] = [];
  const privateSubnets: SubnetInfo[] = [];
  for (let i = 0; i < 6; i++) {
    const isPublic = i < 3;
    const az = azs[i % 3] as string;
    const id = ctx.physicalId('subnet');
    const third = i * 32;
    (isPublic ? publicSubnets : privateSubnets).push({ id, az, prefix: `10.${second}.${third}`, isPublic });
    yield ctx.resource(
      'AWS::EC2::Subnet',
      id,
      region,
      {
        VpcId: vpcId,
        CidrBlock: `10.${second}.${third}.0/19`,
        AvailabilityZone: az,
        MapPublicIpOnLaunch: isPublic,
      },
      {
        arn: ctx.arn('ec2', region, `subnet/${id}`),
        name: `${vpcName}-${isPublic ? 'public' : 'private'}-${az.slice(-1)}`,
        service: 'network',
        observed: { State: 'available', AvailableIpAddressCount: rng.int(7000, 8187) },
      },
    );
  }

  const eipId = ctx.physicalId('eipalloc');
  yield ctx.resource(
    'AWS::EC2::EIP',
    eipId,
    region,
    { Domain: 'vpc' },
    {
      arn: ctx.arn('ec2', region, `elastic-ip/${eipId}`),
      name: `${vpcName}-nat-eip`,
      service: 'network',
      observed: { PublicIp: publicIp(ctx), AllocationId: eipId },
    },
  );
  const natId = ctx.physicalId('nat');
  const natSubnet = publicSubnets[0] as SubnetInfo;
  yield ctx.resource(
    'AWS::EC2::NatGateway',
    natId,
    region,
    { SubnetId: natSubnet.id, AllocationId: eipId, ConnectivityType: 'public' },
    {
      arn: ctx.arn('ec2', region, `natgateway/${natId}`),
      name: `${vpcName}-nat`,
      service: 'network',
      observed: { State: 'available' },
    },
  );

  const local = { DestinationCidrBlock: cidr, GatewayId: 'local' };
  const routeTable = (suffix: string, routes: object[], associations: object[]): Resource => {
    const id = ctx.physicalId('rtb');
    return ctx.resource(
      'AWS::EC2::RouteTable',
      id,
      region,
      { VpcId: vpcId, Routes: routes, Associations: associations },
      { arn: ctx.arn('ec2', region, `route-table/${id}`), name: `${vpcName}-${suffix}`, service: 'network' },
    );
  };
  yield routeTable('main', [local], [{ Main: true }]);
  yield routeTable(
    'public',
    [local, { DestinationCidrBlock: ALL_TRAFFIC, GatewayId: igwId }],
    publicSubnets.map((s) => ({ SubnetId: s.id })),
  );
  yield routeTable(
    'private',
    [local, { DestinationCidrBlock: ALL_TRAFFIC, NatGatewayId: natId }],
    privateSubnets.map((s) => ({ SubnetId: s.id })),
  );

  // The default ACL allows everything; the public subnets get a tighter one. NACLs are stateless,
  // so the public ACL must admit return traffic on the ephemeral ports.
  // https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html#nacl-ephemeral-ports
  const allowAll = (egress: boolean): object => ({
    RuleNumber: 100,
    Protocol: -1,
    RuleAction: 'allow',
    Egress: egress,
    CidrBlock: ALL_TRAFFIC,
  });
  const denyAll = (egress: boolean): object => ({
    RuleNumber: 32767,
    Protocol: -1,
    RuleAction: 'deny',
    Egress: egress,
    CidrBlock: ALL_TRAFFIC,
  });
  const tcpIn = (rule: number, from: number, to: number): object => ({
    RuleNumber: rule,
    Protocol: 6,
    RuleAction: 'allow',
    Egress: false,
    CidrBlock: ALL_TRAFFIC,
    PortRange: { From: from, To: to },
  });
  const networkAcl = (suffix: string, entries: object[], subnets: SubnetInfo[]): Resource => {
    const id = ctx.physicalId('acl');
    return ctx.resource(
      'AWS::EC2::NetworkAcl',
      id,
      region,
      { VpcId: vpcId, Entries: entries, Associations: subnets.map((s) => ({ SubnetId: s.id })) },
      { arn: ctx.arn('ec2', region, `network-acl/${id}`), name: `${vpcName}-${suffix}`, service: 'network' },
    );
  };
  yield networkAcl(
    'default',
    [allowAll(false), allowAll(true), denyAll(false), denyAll(true)],
    privateSubnets,
  );
  const publicEntries = [tcpIn(100, 443, 443), tcpIn(110, 80, 80), tcpIn(120, 1024, 65535)];
  // Some teams opened SSH at the subnet edge too.
  if (rng.chance(0.3)) publicEntries.push(tcpIn(130, 22, 22));
  yield networkAcl(
    'public',
    [...publicEntries, allowAll(true), denyAll(false), denyAll(true)],
    publicSubnets,
  );

  if (flowLogBucket !== undefined && rng.chance(0.7)) {
    const id = ctx.physicalId('fl');
    yield ctx.resource(
      'AWS::EC2::FlowLog',
      id,
      region,
      {
        ResourceId: vpcId,
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: `arn:aws:s3:::${flowLogBucket}/vpc-flow-logs/`,
      },
      { arn: ctx.arn('ec2', region, `vpc-flow-log/${id}`), name: `${vpcName}-flow-log`, service: 'network' },
    );
  }

  const groups = yield* securityGroups(ctx, region, vpcId, vpcName);
  return { id: vpcId, region, cidr, publicSubnets, privateSubnets, groups };
}

type Rule = Record<string, string | number>;

function* securityGroups(
  ctx: AccountContext,
  region: string,
  vpcId: string,
  vpcName: string,
): Generator<Resource, SecurityGroups> {
  const { rng } = ctx;
  const egressAll: Rule[] = [{ IpProtocol: '-1', CidrIp: ALL_TRAFFIC }];
  const all: string[] = [];
  const group = (
    name: string,
    description: string,
    ingress: Rule[],
    egress = egressAll,
  ): [string, Resource] => {
    const id = ctx.physicalId('sg');
    all.push(id);
    return [
      id,
      ctx.resource(
        'AWS::EC2::SecurityGroup',
        id,
        region,
        {
          GroupName: name,
          GroupDescription: description,
          VpcId: vpcId,
          SecurityGroupIngress: ingress,
          SecurityGroupEgress: egress,
        },
        { arn: ctx.arn('ec2', region, `security-group/${id}`), name, service: 'network' },
      ),
    ];
  };

  // The default group lets its own members talk; that self-reference needs the id first.
  const [defaultId, defaultGroup] = group('default', 'default VPC security group', []);
  (defaultGroup.props.SecurityGroupIngress as Rule[]).push({
    IpProtocol: '-1',
    SourceSecurityGroupId: defaultId,
  });
  yield defaultGroup;

  const [web, webGroup] = group(`${vpcName}-web`, 'Load balancers: HTTPS from the internet', [
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: ALL_TRAFFIC, Description: 'HTTPS' },
    { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: ALL_TRAFFIC, Description: 'HTTP redirect' },
  ]);
  yield webGroup;
  const [app, appGroup] = group(`${vpcName}-app`, 'Application servers', [
    { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: web },
  ]);
  yield appGroup;
  const [db, dbGroup] = group(`${vpcName}-db`, 'Databases', [
    { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: app },
    { IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, SourceSecurityGroupId: app },
  ]);
  yield dbGroup;
  // A minority of bastions are open to the world: the classic finding.
  const sshFrom = rng.chance(0.25) ? ALL_TRAFFIC : CORPORATE_CIDR;
  const [bastion, bastionGroup] = group(`${vpcName}-bastion`, 'SSH jump host', [
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: sshFrom },
  ]);
  yield bastionGroup;
  return { web, app, db, bastion, all };
}

/** An extra team security group in a VPC, sometimes with a risky rule. */
export function teamSecurityGroup(ctx: AccountContext, vpc: VpcInfo): Resource {
  const { rng } = ctx;
  const service = rng.pick(['checkout', 'orders', 'search', 'auth', 'reporting', 'media']);
  const port = rng.pick([8080, 8443, 9000, 6379, 11211, 9200]);
  const ingress: Rule[] = [
    { IpProtocol: 'tcp', FromPort: port, ToPort: port, SourceSecurityGroupId: vpc.groups.app },
  ];
  const risky = rng.next();
  if (risky < 0.04) ingress.push({ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIp: ALL_TRAFFIC });
  else if (risky < 0.07)
    ingress.push({ IpProtocol: '-1', CidrIp: ALL_TRAFFIC, Description: 'temporary debug' });
  else if (risky < 0.2)
    ingress.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: vpc.groups.bastion });
  const id = ctx.physicalId('sg');
  vpc.groups.all.push(id);
  const name = `${service}-${ctx.next()}`;
  return ctx.resource(
    'AWS::EC2::SecurityGroup',
    id,
    vpc.region,
    {
      GroupName: name,
      GroupDescription: `${service} service`,
      VpcId: vpc.id,
      SecurityGroupIngress: ingress,
      SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: ALL_TRAFFIC }],
    },
    { arn: ctx.arn('ec2', vpc.region, `security-group/${id}`), name, service },
  );
}

/** A public address from the documentation ranges (RFC 5737), so nothing real is named. */
export function publicIp(ctx: AccountContext): string {
  const block = ctx.rng.pick(['198.51.100', '203.0.113', '192.0.2']);
  return `${block}.${ctx.rng.int(1, 254)}`;
}

/** A private address inside a subnet. */
export function privateIp(ctx: AccountContext, subnet: SubnetInfo): string {
  const [a, b, c] = subnet.prefix.split('.');
  return `${a}.${b}.${Number(c) + ctx.rng.int(0, 31)}.${ctx.rng.int(4, 254)}`;
}
