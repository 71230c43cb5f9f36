import { DEV, DR, PRIMARY, PROD, SECURITY, at } from './accounts.js';
import {
  dailyMetric,
  policyDocument,
  type Inventory,
  type MetricSeries,
  type Place,
  type Spec,
} from './builder.js';
import { PUBLIC_AMIS, ec2Arn, ec2Id, instance, type SubnetRef } from './ec2.js';
import { daysAgo } from './ids.js';

/*
 * VPCs of the demo organisation, laid out as the SysOps notebook describes them: the prod VPC is
 * 10.0.0.0/16 with a public subnet 10.0.2.0/24 (custom route table, 0.0.0.0/0 → internet gateway,
 * NAT gateway) and a private subnet 10.0.1.0/24 (main route table, 0.0.0.0/0 → NAT). Dev is
 * 10.1.0.0/16 behind a NAT instance and peered with prod. Shapes follow the CloudFormation source's
 * folds: `Routes`/`Associations` on route tables (the main table has `{Main: true}`), `Entries`/
 * `Associations` on network ACLs, the internet gateway attachment as the gateway's `VpcId`.
 */

const ANY = '0.0.0.0/0';
/** The office range admins connect from (TEST-NET-3, documentation addresses). */
export const OFFICE_CIDR = '203.0.113.0/24';
export const ADMIN_SSH_CIDR = '203.0.113.10/32';
export const ADMIN_RDP_CIDR = '203.0.113.25/32';
/** The scanner the notebook wants blocked with a NACL /32 (TEST-NET-1). */
export const BLOCKED_CIDR = '192.0.2.66/32';

/** AWS-managed prefix lists of the S3 gateway endpoint service, per region. */
export const S3_PREFIX_LISTS: Record<string, string> = {
  'us-east-1': 'pl-63a5400a',
  'ap-southeast-1': 'pl-6fa54006',
};

// ---------------------------------------------------------------------------------------------
// Builders

type Mark = Pick<Spec, 'problem' | 'twin' | 'tags'>;

/** One security group rule in the CloudFormation `Ingress`/`Egress` shape; a peer starting `sg-` is a group. */
function sgRule(
  direction: 'in' | 'out',
  protocol: 'tcp' | 'udp' | '-1',
  ports: number | [number, number] | undefined,
  peer: string,
  description?: string,
): Record<string, unknown> {
  const rule: Record<string, unknown> = { IpProtocol: protocol };
  if (protocol !== '-1' && ports !== undefined) {
    const [from, to] = typeof ports === 'number' ? [ports, ports] : ports;
    rule.FromPort = from;
    rule.ToPort = to;
  }
  if (peer.startsWith('sg-'))
    rule[direction === 'in' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId'] = peer;
  else rule.CidrIp = peer;
  if (description) rule.Description = description;
  return rule;
}
const tcpIn = (ports: number | [number, number], peer: string, description?: string) =>
  sgRule('in', 'tcp', ports, peer, description);
const tcpOut = (ports: number | [number, number], peer: string, description?: string) =>
  sgRule('out', 'tcp', ports, peer, description);
const allOut = (): Record<string, unknown> => sgRule('out', '-1', undefined, ANY);

const TCP = 6;
const ALL = -1;
const EPHEMERAL: [number, number] = [1024, 65535];

/** A NACL entry in the CloudFormation `NetworkAclEntry` shape (numbers for rule and protocol). */
function aclEntry(
  ruleNumber: number,
  action: 'allow' | 'deny',
  direction: 'in' | 'out',
  protocol: number,
  cidr: string,
  ports?: [number, number] | number,
): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    RuleNumber: ruleNumber,
    Protocol: protocol,
    RuleAction: action,
    Egress: direction === 'out',
    CidrBlock: cidr,
  };
  if (ports !== undefined) {
    const [from, to] = typeof ports === 'number' ? [ports, ports] : ports;
    entry.PortRange = { From: from, To: to };
  }
  return entry;
}

/** The `*` rule AWS returns as rule 32767 in both directions: everything not matched is denied. */
const DEFAULT_DENY = [aclEntry(32767, 'deny', 'in', ALL, ANY), aclEntry(32767, 'deny', 'out', ALL, ANY)];
const ALLOW_ALL = [aclEntry(100, 'allow', 'in', ALL, ANY), aclEntry(100, 'allow', 'out', ALL, ANY)];

interface VpcRef {
  id: string;
  name: string;
  cidr: string;
  place: Place;
}

function vpc(inv: Inventory, place: Place, name: string, cidr: string, mark: Mark = {}): VpcRef {
  const id = ec2Id('vpc', place, name);
  inv.add(place, {
    type: 'AWS::EC2::VPC',
    id,
    arn: ec2Arn(place, `vpc/${id}`),
    name,
    props: { CidrBlock: cidr, EnableDnsSupport: true, EnableDnsHostnames: true, InstanceTenancy: 'default' },
    observed: { State: 'available', IsDefault: false, CidrBlocks: [cidr], OwnerId: place.account },
    ...mark,
  });
  return { id, name, cidr, place };
}

/**
 * The VPC's default security group. AWS creates it with "all traffic from members of this group"
 * in and "all traffic" out; CIS wants both removed.
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
 */
function defaultSecurityGroup(inv: Inventory, v: VpcRef, restricted: boolean, mark: Mark = {}): string {
  const id = ec2Id('sg', v.place, `${v.name}/default`);
  inv.add(v.place, {
    type: 'AWS::EC2::SecurityGroup',
    id,
    arn: ec2Arn(v.place, `security-group/${id}`),
    name: 'default',
    props: {
      GroupName: 'default',
      GroupDescription: 'default VPC security group',
      VpcId: v.id,
      SecurityGroupIngress: restricted ? [] : [sgRule('in', '-1', undefined, id)],
      SecurityGroupEgress: restricted ? [] : [allOut()],
    },
    observed: { OwnerId: v.place.account },
    ...mark,
  });
  return id;
}

function securityGroup(
  inv: Inventory,
  v: VpcRef,
  name: string,
  description: string,
  ingress: Array<Record<string, unknown>>,
  egress: Array<Record<string, unknown>> = [allOut()],
  mark: Mark = {},
): string {
  const id = ec2Id('sg', v.place, name);
  inv.add(v.place, {
    type: 'AWS::EC2::SecurityGroup',
    id,
    arn: ec2Arn(v.place, `security-group/${id}`),
    name,
    props: {
      GroupName: name,
      GroupDescription: description,
      VpcId: v.id,
      SecurityGroupIngress: ingress,
      SecurityGroupEgress: egress,
    },
    observed: { OwnerId: v.place.account },
    ...mark,
  });
  return id;
}

function subnet(
  inv: Inventory,
  v: VpcRef,
  name: string,
  cidr: string,
  az: string,
  tier: 'public' | 'private',
  mark: Mark = {},
): SubnetRef {
  const id = ec2Id('subnet', v.place, name);
  inv.add(v.place, {
    type: 'AWS::EC2::Subnet',
    id,
    arn: ec2Arn(v.place, `subnet/${id}`),
    name,
    props: { VpcId: v.id, CidrBlock: cidr, AvailabilityZone: az, MapPublicIpOnLaunch: tier === 'public' },
    observed: { State: 'available', AvailableIpAddressCount: 240, OwnerId: v.place.account },
    ...mark,
    tags: { tier, ...mark.tags },
  });
  return { id, name, cidr, az, vpcId: v.id, place: v.place };
}

function internetGateway(inv: Inventory, v: VpcRef, name: string): string {
  const id = ec2Id('igw', v.place, name);
  inv.add(v.place, {
    type: 'AWS::EC2::InternetGateway',
    id,
    arn: ec2Arn(v.place, `internet-gateway/${id}`),
    name,
    props: { VpcId: v.id },
    observed: { Attachments: [{ VpcId: v.id, State: 'available' }], OwnerId: v.place.account },
  });
  return id;
}

export interface EipOptions extends Mark {
  publicIp: string;
  instanceId?: string;
  networkInterfaceId?: string;
  privateIp?: string;
}

/** An Elastic IP (id = allocation id); an address with no association is idle and billed. */
export function elasticIp(inv: Inventory, place: Place, name: string, o: EipOptions): string {
  const id = ec2Id('eipalloc', place, name);
  const observed: Record<string, unknown> = { PublicIp: o.publicIp, AllocationId: id };
  if (o.networkInterfaceId) {
    Object.assign(observed, {
      AssociationId: ec2Id('eipassoc', place, name),
      NetworkInterfaceId: o.networkInterfaceId,
      NetworkInterfaceOwnerId: place.account,
      PrivateIpAddress: o.privateIp,
    });
  }
  inv.add(place, {
    type: 'AWS::EC2::EIP',
    id,
    arn: ec2Arn(place, `elastic-ip/${id}`),
    name,
    props: { Domain: 'vpc', ...(o.instanceId ? { InstanceId: o.instanceId } : {}) },
    observed,
    problem: o.problem,
    twin: o.twin,
    tags: o.tags,
  });
  return id;
}

function natGateway(
  inv: Inventory,
  v: VpcRef,
  name: string,
  where: SubnetRef,
  privateIp: string,
  publicIp: string,
  metrics: Record<string, MetricSeries>,
  mark: Mark = {},
  eipMark: Mark = {},
): string {
  const id = ec2Id('nat', v.place, name);
  const eni = ec2Id('eni', v.place, `${name}-eni`);
  const allocation = elasticIp(inv, v.place, `${name}-eip`, {
    publicIp,
    networkInterfaceId: eni,
    privateIp,
    ...eipMark,
  });
  inv.add(v.place, {
    type: 'AWS::EC2::NatGateway',
    id,
    arn: ec2Arn(v.place, `natgateway/${id}`),
    name,
    props: {
      SubnetId: where.id,
      VpcId: v.id,
      ConnectivityType: 'public',
      AllocationId: allocation,
      PrivateIpAddress: privateIp,
    },
    observed: {
      State: 'available',
      CreateTime: daysAgo(600),
      NatGatewayAddresses: [
        {
          AllocationId: allocation,
          NetworkInterfaceId: eni,
          PrivateIp: privateIp,
          PublicIp: publicIp,
          IsPrimary: true,
          Status: 'succeeded',
        },
      ],
      Metrics: metrics,
    },
    ...mark,
  });
  return id;
}

/** NAT gateway traffic over the 32 days Compute Optimizer looks at for idleness. */
function natMetrics(key: string, busy: boolean): Record<string, MetricSeries> {
  return {
    BytesOutToDestination: busy
      ? dailyMetric(`${key}/bytes`, 'AWS/NATGateway', 'Sum', 'Bytes', 32, 38e9, 9e9, 0)
      : dailyMetric(`${key}/bytes`, 'AWS/NATGateway', 'Sum', 'Bytes', 32, 2000, 1500, 0),
    ActiveConnectionCount: busy
      ? dailyMetric(`${key}/conns`, 'AWS/NATGateway', 'Maximum', 'Count', 32, 900, 300, 0)
      : dailyMetric(`${key}/conns`, 'AWS/NATGateway', 'Maximum', 'Count', 32, 0.4, 0.4, 0),
  };
}

type Route = Record<string, string>;

function routeTable(
  inv: Inventory,
  v: VpcRef,
  name: string,
  routes: Route[],
  associations: { main?: boolean; subnets?: SubnetRef[] },
  mark: Mark = {},
): string {
  const id = ec2Id('rtb', v.place, name);
  const assoc: Array<Record<string, unknown>> = [];
  if (associations.main) assoc.push({ Main: true });
  for (const s of associations.subnets ?? []) assoc.push({ SubnetId: s.id });
  // Describe output lists the VPC's local route first; templates leave it implicit.
  const all: Route[] = [{ DestinationCidrBlock: v.cidr, GatewayId: 'local' }, ...routes];
  inv.add(v.place, {
    type: 'AWS::EC2::RouteTable',
    id,
    arn: ec2Arn(v.place, `route-table/${id}`),
    name,
    props: { VpcId: v.id, Routes: all, Associations: assoc },
    observed: {
      Routes: all.map((r) => ({
        State: 'active',
        Origin: r.GatewayId === 'local' ? 'CreateRouteTable' : 'CreateRoute',
      })),
      OwnerId: v.place.account,
    },
    ...mark,
  });
  return id;
}

function networkAcl(
  inv: Inventory,
  v: VpcRef,
  name: string,
  entries: Array<Record<string, unknown>>,
  subnets: SubnetRef[],
  isDefault = false,
  mark: Mark = {},
): string {
  const id = ec2Id('acl', v.place, name);
  inv.add(v.place, {
    type: 'AWS::EC2::NetworkAcl',
    id,
    arn: ec2Arn(v.place, `network-acl/${id}`),
    name,
    props: {
      VpcId: v.id,
      Entries: [...entries, ...DEFAULT_DENY],
      Associations: subnets.map((s) => ({ SubnetId: s.id })),
    },
    observed: { IsDefault: isDefault, OwnerId: v.place.account },
    ...mark,
  });
  return id;
}

/** Flow logs of every VPC go to the log-archive bucket of the security account. */
export const FLOW_LOG_BUCKET = `companya-log-archive-${SECURITY.id}`;

function flowLog(inv: Inventory, v: VpcRef): void {
  const id = ec2Id('fl', v.place, v.name);
  inv.add(v.place, {
    type: 'AWS::EC2::FlowLog',
    id,
    arn: ec2Arn(v.place, `vpc-flow-log/${id}`),
    name: `${v.name}-flow-log`,
    props: {
      ResourceId: v.id,
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: `arn:aws:s3:::${FLOW_LOG_BUCKET}/flow-logs/`,
      MaxAggregationInterval: 600,
    },
    observed: { FlowLogStatus: 'ACTIVE', DeliverLogsStatus: 'SUCCESS', CreationTime: daysAgo(700) },
  });
}

function s3GatewayEndpoint(inv: Inventory, v: VpcRef, name: string, routeTableIds: string[]): string {
  const id = ec2Id('vpce', v.place, name);
  inv.add(v.place, {
    type: 'AWS::EC2::VPCEndpoint',
    id,
    arn: ec2Arn(v.place, `vpc-endpoint/${id}`),
    name,
    props: {
      VpcId: v.id,
      ServiceName: `com.amazonaws.${v.place.region}.s3`,
      VpcEndpointType: 'Gateway',
      RouteTableIds: routeTableIds,
      PolicyDocument: policyDocument({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
    },
    observed: { State: 'available', OwnerId: v.place.account },
  });
  return id;
}

// ---------------------------------------------------------------------------------------------
// The VPCs

/** What later modules need from the network: subnets, security groups, VPC ids. */
export interface NetworkRefs {
  vpcs: { prod: string; dev: string; devApac: string; prodDr: string; security: string };
  subnets: {
    prodPublicA: SubnetRef;
    prodPublicB: SubnetRef;
    prodPrivateA: SubnetRef;
    prodPrivateB: SubnetRef;
    prodAnalyticsA: SubnetRef;
    prodAnalyticsB: SubnetRef;
    devPublicA: SubnetRef;
    devPublicB: SubnetRef;
    devPrivateA: SubnetRef;
    devPrivateB: SubnetRef;
    devDataA: SubnetRef;
    devApacPrivateA: SubnetRef;
    secPrivateA: SubnetRef;
    drPrivateA: SubnetRef;
    drPrivateB: SubnetRef;
  };
  sgs: {
    prodBastion: string;
    prodWindowsAdmin: string;
    prodAlb: string;
    prodWeb: string;
    prodApiAlb: string;
    prodApp: string;
    prodDb: string;
    prodRedshift: string;
    prodLambda: string;
    prodEcs: string;
    prodLegacy: string;
    prodEtl: string;
    devBastion: string;
    devApp: string;
    devDb: string;
    devWindows: string;
    devAlb: string;
    devWeb: string;
    devLambda: string;
    devCi: string;
    secScanner: string;
    drApp: string;
    drDb: string;
  };
  natGatewayEips: { prod: string };
}

const DEV_PRIMARY = at(DEV);
const PROD_PRIMARY = at(PROD);
/** The dev↔prod peering is requested by dev, so it is a dev resource. */
const PEERING_ID = ec2Id('pcx', DEV_PRIMARY, 'dev-to-prod');

export function addNetwork(inv: Inventory): NetworkRefs {
  const prod = addProdVpc(inv);
  const dev = addDevVpc(inv, prod.vpc);
  const security = addSecurityVpc(inv);
  const dr = addProdDrVpc(inv);
  const devApac = addDevApacVpc(inv);
  return {
    vpcs: {
      prod: prod.vpc.id,
      dev: dev.vpc.id,
      devApac: devApac.vpc.id,
      prodDr: dr.vpc.id,
      security: security.vpc.id,
    },
    subnets: { ...prod.subnets, ...dev.subnets, ...security.subnets, ...dr.subnets, ...devApac.subnets },
    sgs: { ...prod.sgs, ...dev.sgs, ...security.sgs, ...dr.sgs },
    natGatewayEips: { prod: prod.natEip },
  };
}

function addProdVpc(inv: Inventory) {
  const v = vpc(inv, PROD_PRIMARY, 'prod-vpc', '10.0.0.0/16', {
    twin: ['vpc-flow-logs-disabled', 'vpc-no-s3-gateway-endpoint'],
  });
  defaultSecurityGroup(inv, v, true, { twin: 'vpc-default-sg-allows-traffic' });
  const subnets = {
    prodPublicA: subnet(inv, v, 'prod-public-a', '10.0.2.0/24', 'us-east-1a', 'public'),
    prodPublicB: subnet(inv, v, 'prod-public-b', '10.0.3.0/24', 'us-east-1b', 'public'),
    prodPrivateA: subnet(inv, v, 'prod-private-a', '10.0.1.0/24', 'us-east-1a', 'private', {
      twin: 'ec2-private-subnet-routes-to-igw',
    }),
    prodPrivateB: subnet(inv, v, 'prod-private-b', '10.0.4.0/24', 'us-east-1b', 'private'),
    prodAnalyticsA: subnet(inv, v, 'prod-analytics-a', '10.0.5.0/24', 'us-east-1a', 'private'),
    prodAnalyticsB: subnet(inv, v, 'prod-analytics-b', '10.0.6.0/24', 'us-east-1b', 'private'),
  };
  const igw = internetGateway(inv, v, 'prod-igw');
  const nat = natGateway(
    inv,
    v,
    'prod-nat-a',
    subnets.prodPublicA,
    '10.0.2.10',
    '198.51.100.10',
    natMetrics('prod-nat-a', true),
    {
      twin: ['ec2-nat-gateway-in-private-subnet', 'ec2-nat-gateway-idle'],
    },
    { twin: 'ec2-eip-unassociated' },
  );
  const natEip = ec2Id('eipalloc', v.place, 'prod-nat-a-eip');

  const mainRt = ec2Id('rtb', v.place, 'prod-main-rt');
  const analyticsRt = ec2Id('rtb', v.place, 'prod-analytics-rt');
  const s3Endpoint = s3GatewayEndpoint(inv, v, 'prod-s3-endpoint', [mainRt, analyticsRt]);
  const s3Route = { DestinationPrefixListId: S3_PREFIX_LISTS[PRIMARY]!, VpcEndpointId: s3Endpoint };
  // Private subnets use the main table (the notebook: "Main Route Table: Nat Gateway ID - Private subnet").
  routeTable(
    inv,
    v,
    'prod-main-rt',
    [
      { DestinationCidrBlock: ANY, NatGatewayId: nat },
      { DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: PEERING_ID },
      s3Route,
    ],
    { main: true },
    { twin: 'vpc-peering-return-route-missing' },
  );
  routeTable(inv, v, 'prod-public-rt', [{ DestinationCidrBlock: ANY, GatewayId: igw }], {
    subnets: [subnets.prodPublicA, subnets.prodPublicB],
  });
  // Isolated analytics subnets: no default route, and nobody added the route back to dev over the
  // peering when the analytics tier moved here.
  routeTable(
    inv,
    v,
    'prod-analytics-rt',
    [s3Route],
    { subnets: [subnets.prodAnalyticsA, subnets.prodAnalyticsB] },
    {
      problem: 'vpc-peering-return-route-missing',
    },
  );

  networkAcl(inv, v, 'prod-default-nacl', ALLOW_ALL, [subnets.prodAnalyticsA, subnets.prodAnalyticsB], true);
  networkAcl(
    inv,
    v,
    'prod-public-nacl',
    [
      // Rule 90 comes before the allow rules: the /32 is really blocked.
      aclEntry(90, 'deny', 'in', ALL, BLOCKED_CIDR),
      aclEntry(100, 'allow', 'in', TCP, ANY, 80),
      aclEntry(110, 'allow', 'in', TCP, ANY, 443),
      aclEntry(120, 'allow', 'in', TCP, OFFICE_CIDR, 22),
      aclEntry(125, 'allow', 'in', TCP, OFFICE_CIDR, 3389),
      aclEntry(130, 'allow', 'in', TCP, ANY, EPHEMERAL),
      aclEntry(140, 'allow', 'in', ALL, '10.0.0.0/16'),
      aclEntry(100, 'allow', 'out', ALL, ANY),
    ],
    [subnets.prodPublicA, subnets.prodPublicB],
    false,
    { twin: 'ec2-nacl-deny-rule-shadowed' },
  );
  networkAcl(
    inv,
    v,
    'prod-private-nacl',
    [
      aclEntry(100, 'allow', 'in', ALL, '10.0.0.0/16'),
      aclEntry(110, 'allow', 'in', TCP, '10.1.0.0/16', 8080),
      aclEntry(120, 'allow', 'in', TCP, ANY, EPHEMERAL),
      aclEntry(100, 'allow', 'out', ALL, '10.0.0.0/16'),
      aclEntry(110, 'allow', 'out', TCP, ANY, 443),
      aclEntry(120, 'allow', 'out', TCP, ANY, 80),
      aclEntry(130, 'allow', 'out', TCP, '10.1.0.0/16', EPHEMERAL),
    ],
    [subnets.prodPrivateA, subnets.prodPrivateB],
    false,
    { twin: 'ec2-nacl-blocks-ephemeral-return' },
  );

  const sg = (
    name: string,
    description: string,
    ingress: Array<Record<string, unknown>>,
    egress?: Array<Record<string, unknown>>,
    mark?: Mark,
  ) => securityGroup(inv, v, name, description, ingress, egress, mark);
  const prodBastion = sg(
    'prod-bastion-sg',
    'SSH to the bastion from the admin workstation only',
    [tcpIn(22, ADMIN_SSH_CIDR, 'admin workstation')],
    undefined,
    {
      twin: 'ec2-sg-ssh-open-to-internet',
    },
  );
  const prodWindowsAdmin = sg(
    'prod-windows-admin-sg',
    'RDP from the admin workstation only',
    [tcpIn(3389, ADMIN_RDP_CIDR, 'admin workstation')],
    undefined,
    {
      twin: 'ec2-sg-rdp-open-to-internet',
    },
  );
  const prodWeb = ec2Id('sg', v.place, 'prod-web-sg');
  const prodApp = ec2Id('sg', v.place, 'prod-app-sg');
  const prodDb = ec2Id('sg', v.place, 'prod-db-sg');
  const prodAlb = sg(
    'prod-alb-sg',
    'Public web load balancer',
    [tcpIn(443, ANY), tcpIn(80, ANY)],
    [tcpOut(80, prodWeb, 'to web tier')],
  );
  sg('prod-web-sg', 'Web servers: HTTP from the load balancer, SSH from the bastion', [
    tcpIn(80, prodAlb),
    tcpIn(22, prodBastion),
  ]);
  const prodApiAlb = sg(
    'prod-api-alb-sg',
    'Internal API load balancer',
    [tcpIn(443, '10.0.0.0/16')],
    [tcpOut(8080, prodApp, 'to API tier')],
  );
  // The notebook's private instance: HTTPS out to the internet through the NAT gateway.
  sg(
    'prod-app-sg',
    'API servers in the private subnet',
    [
      tcpIn(8080, prodApiAlb),
      tcpIn(8080, '10.1.0.0/16', 'dev CI smoke tests over the peering'),
      tcpIn(22, prodBastion),
    ],
    [
      tcpOut(443, ANY, 'HTTPS updates via NAT'),
      tcpOut(80, ANY, 'package mirrors via NAT'),
      tcpOut(3306, prodDb, 'MySQL'),
    ],
  );
  const prodLambda = ec2Id('sg', v.place, 'prod-lambda-sg');
  sg('prod-db-sg', 'MySQL from the API tier, Lambda and the bastion', [
    tcpIn(3306, prodApp),
    tcpIn(3306, prodLambda),
    tcpIn(3306, prodBastion),
  ]);
  const prodRedshift = sg('prod-redshift-sg', 'Redshift from the API tier and dev CI loads', [
    tcpIn(5439, prodApp),
    tcpIn(5439, '10.1.0.0/16', 'dev CI loads'),
  ]);
  const prodEtl = sg('prod-etl-sg', 'ETL host: dataset uploads from dev CI', [
    tcpIn(8080, '10.1.0.0/16', 'dev CI dataset uploads'),
    tcpIn(22, prodBastion),
  ]);
  const prodEndpoints = sg('prod-endpoints-sg', 'Interface endpoints', [tcpIn(443, '10.0.0.0/16')]);
  sg('prod-lambda-sg', 'Lambda functions in the VPC', []);
  const prodEcs = sg('prod-ecs-sg', 'ECS workers (no inbound)', []);
  const prodLegacy = sg('prod-legacy-sg', 'Legacy workers: SSH from the bastion', [tcpIn(22, prodBastion)]);

  // The notebook's Kinesis case: an interface endpoint keeps the traffic inside the AWS network.
  const kinesis = ec2Id('vpce', v.place, 'prod-kinesis-endpoint');
  inv.add(v.place, {
    type: 'AWS::EC2::VPCEndpoint',
    id: kinesis,
    arn: ec2Arn(v.place, `vpc-endpoint/${kinesis}`),
    name: 'prod-kinesis-endpoint',
    props: {
      VpcId: v.id,
      ServiceName: 'com.amazonaws.us-east-1.kinesis-streams',
      VpcEndpointType: 'Interface',
      SubnetIds: [subnets.prodPrivateA.id, subnets.prodPrivateB.id],
      SecurityGroupIds: [prodEndpoints],
      PrivateDnsEnabled: true,
    },
    observed: { State: 'available', OwnerId: v.place.account },
  });
  flowLog(inv, v);
  return {
    vpc: v,
    subnets,
    natEip,
    sgs: {
      prodBastion,
      prodWindowsAdmin,
      prodAlb,
      prodWeb,
      prodApiAlb,
      prodApp,
      prodDb,
      prodRedshift,
      prodLambda,
      prodEcs,
      prodLegacy,
      prodEtl,
    },
  };
}

function addDevVpc(inv: Inventory, prodVpc: VpcRef) {
  const v = vpc(inv, DEV_PRIMARY, 'dev-vpc', '10.1.0.0/16', {
    problem: ['vpc-flow-logs-disabled', 'vpc-no-s3-gateway-endpoint'],
  });
  defaultSecurityGroup(inv, v, false, { problem: 'vpc-default-sg-allows-traffic' });
  const subnets = {
    devPublicA: subnet(inv, v, 'dev-public-a', '10.1.2.0/24', 'us-east-1a', 'public'),
    devPublicB: subnet(inv, v, 'dev-public-b', '10.1.5.0/24', 'us-east-1b', 'public'),
    devPrivateA: subnet(inv, v, 'dev-private-a', '10.1.1.0/24', 'us-east-1a', 'private'),
    devPrivateB: subnet(inv, v, 'dev-private-b', '10.1.3.0/24', 'us-east-1b', 'private'),
    // Meant for the dev databases, but associated with the public route table by mistake.
    devDataA: subnet(inv, v, 'dev-data-a', '10.1.4.0/24', 'us-east-1a', 'private', {
      problem: 'ec2-private-subnet-routes-to-igw',
    }),
  };
  const igw = internetGateway(inv, v, 'dev-igw');

  const sg = (
    name: string,
    description: string,
    ingress: Array<Record<string, unknown>>,
    egress?: Array<Record<string, unknown>>,
    mark?: Mark,
  ) => securityGroup(inv, v, name, description, ingress, egress, mark);
  const devBastion = sg(
    'dev-bastion-sg',
    'Bastion',
    [tcpIn(22, ANY, 'temporary: open for the offsite')],
    undefined,
    {
      problem: 'ec2-sg-ssh-open-to-internet',
    },
  );
  // A NAT instance must accept the private subnets' traffic on every port it forwards; only HTTP was opened.
  const devNat = sg(
    'dev-nat-sg',
    'NAT instance',
    [tcpIn(80, '10.1.0.0/16', 'HTTP from the VPC')],
    [tcpOut(80, ANY), tcpOut(443, ANY)],
    {
      problem: 'ec2-nat-instance-sg-blocks-https',
    },
  );
  const devApp = sg('dev-app-sg', 'Dev application servers', [
    tcpIn(8080, '10.1.0.0/16'),
    tcpIn(22, devBastion),
  ]);
  const devLambda = sg('dev-lambda-sg', 'Lambda functions in the dev VPC', []);
  const devDb = sg('dev-db-sg', 'MySQL from the bastion, app servers and Lambda', [
    tcpIn(3306, devBastion),
    tcpIn(3306, devApp),
    tcpIn(3306, devLambda),
  ]);
  const devWindows = sg('dev-windows-sg', 'Windows jump host', [tcpIn(3389, ANY)], undefined, {
    problem: 'ec2-sg-rdp-open-to-internet',
  });
  const devAlb = sg('dev-alb-sg', 'Legacy dev load balancer', [tcpIn(80, ANY)]);
  const devWeb = sg('dev-web-sg', 'Dev web server', [tcpIn(80, ANY), tcpIn(22, devBastion)]);
  const devCi = sg('dev-ci-sg', 'CI runners', [tcpIn(22, devBastion)]);

  const nat = instance(inv, {
    name: 'dev-nat-instance',
    subnet: subnets.devPublicA,
    securityGroups: [devNat],
    instanceType: 't3.small',
    imageId: PUBLIC_AMIS.natInstance['us-east-1'],
    privateIp: '10.1.2.10',
    publicIp: '198.51.100.20',
    sourceDestCheck: false,
    launchedDaysAgo: 420,
    credits: 'unlimited',
  });
  elasticIp(inv, v.place, 'dev-nat-eip', {
    publicIp: '198.51.100.20',
    instanceId: nat.id,
    networkInterfaceId: ec2Id('eni', v.place, 'dev-nat-instance-eni'),
    privateIp: '10.1.2.10',
  });

  routeTable(
    inv,
    v,
    'dev-main-rt',
    [
      { DestinationCidrBlock: ANY, InstanceId: nat.id },
      { DestinationCidrBlock: prodVpc.cidr, VpcPeeringConnectionId: PEERING_ID },
    ],
    { main: true },
  );
  routeTable(inv, v, 'dev-public-rt', [{ DestinationCidrBlock: ANY, GatewayId: igw }], {
    subnets: [subnets.devPublicA, subnets.devPublicB, subnets.devDataA],
  });

  networkAcl(inv, v, 'dev-default-nacl', ALLOW_ALL, [], true);
  networkAcl(
    inv,
    v,
    'dev-public-nacl',
    [
      aclEntry(100, 'allow', 'in', ALL, ANY),
      // Evaluated after rule 100, which already allowed everything: this deny never matches.
      aclEntry(200, 'deny', 'in', ALL, BLOCKED_CIDR),
      aclEntry(100, 'allow', 'out', ALL, ANY),
    ],
    [subnets.devPublicA, subnets.devPublicB, subnets.devDataA],
    false,
    { problem: 'ec2-nacl-deny-rule-shadowed' },
  );
  networkAcl(
    inv,
    v,
    'dev-private-nacl',
    [
      aclEntry(100, 'allow', 'in', TCP, '10.1.2.0/24', 3306),
      aclEntry(105, 'allow', 'in', TCP, '10.1.2.0/24', 22),
      aclEntry(110, 'allow', 'in', TCP, '10.1.0.0/16', 8080),
      aclEntry(120, 'allow', 'in', TCP, ANY, EPHEMERAL),
      aclEntry(100, 'allow', 'out', TCP, ANY, 443),
      aclEntry(110, 'allow', 'out', TCP, ANY, 80),
      aclEntry(120, 'allow', 'out', ALL, prodVpc.cidr),
      // Missing: outbound 1024-65535 to 10.1.2.0/24 for the replies to the bastion.
    ],
    [subnets.devPrivateA, subnets.devPrivateB],
    false,
    { problem: 'ec2-nacl-blocks-ephemeral-return' },
  );

  inv.add(v.place, {
    type: 'AWS::EC2::VPCPeeringConnection',
    id: PEERING_ID,
    arn: ec2Arn(v.place, `vpc-peering-connection/${PEERING_ID}`),
    name: 'dev-to-prod',
    props: { VpcId: v.id, PeerVpcId: prodVpc.id, PeerOwnerId: PROD.id, PeerRegion: PRIMARY },
    observed: {
      Status: 'active',
      StatusMessage: 'Active',
      RequesterVpcInfo: { VpcId: v.id, OwnerId: DEV.id, Region: PRIMARY, CidrBlock: v.cidr },
      AccepterVpcInfo: { VpcId: prodVpc.id, OwnerId: PROD.id, Region: PRIMARY, CidrBlock: prodVpc.cidr },
    },
  });
  return {
    vpc: v,
    subnets,
    sgs: { devBastion, devApp, devDb, devWindows, devAlb, devWeb, devLambda, devCi },
  };
}

function addSecurityVpc(inv: Inventory) {
  const v = vpc(inv, at(SECURITY), 'security-tools-vpc', '10.3.0.0/16');
  defaultSecurityGroup(inv, v, true);
  const publicA = subnet(inv, v, 'sec-public-a', '10.3.2.0/24', 'us-east-1a', 'public');
  const secPrivateA = subnet(inv, v, 'sec-private-a', '10.3.1.0/24', 'us-east-1a', 'private');
  const igw = internetGateway(inv, v, 'sec-igw');
  // The notebook's NAT security group: in from the private subnet on 443 (and 80), out to anywhere.
  const natSg = securityGroup(
    inv,
    v,
    'sec-nat-sg',
    'NAT instance',
    [
      tcpIn(443, secPrivateA.cidr, 'HTTPS from the private subnet'),
      tcpIn(80, secPrivateA.cidr, 'HTTP from the private subnet'),
    ],
    [tcpOut(443, ANY), tcpOut(80, ANY)],
    { twin: 'ec2-nat-instance-sg-blocks-https' },
  );
  const secScanner = securityGroup(inv, v, 'sec-scanner-sg', 'Vulnerability scanner (outbound only)', []);
  const nat = instance(inv, {
    name: 'sec-nat-instance',
    subnet: publicA,
    securityGroups: [natSg],
    instanceType: 't3.micro',
    imageId: PUBLIC_AMIS.natInstance['us-east-1'],
    privateIp: '10.3.2.10',
    publicIp: '198.51.100.30',
    sourceDestCheck: false,
    launchedDaysAgo: 300,
    credits: 'unlimited',
  });
  elasticIp(inv, v.place, 'sec-nat-eip', {
    publicIp: '198.51.100.30',
    instanceId: nat.id,
    networkInterfaceId: ec2Id('eni', v.place, 'sec-nat-instance-eni'),
    privateIp: '10.3.2.10',
  });
  routeTable(inv, v, 'sec-main-rt', [{ DestinationCidrBlock: ANY, InstanceId: nat.id }], { main: true });
  routeTable(inv, v, 'sec-public-rt', [{ DestinationCidrBlock: ANY, GatewayId: igw }], {
    subnets: [publicA],
  });
  networkAcl(inv, v, 'sec-default-nacl', ALLOW_ALL, [publicA, secPrivateA], true);
  flowLog(inv, v);
  return { vpc: v, subnets: { secPrivateA }, sgs: { secScanner } };
}

function addProdDrVpc(inv: Inventory) {
  const v = vpc(inv, at(PROD, DR), 'prod-dr-vpc', '10.2.0.0/16');
  defaultSecurityGroup(inv, v, true);
  const publicA = subnet(inv, v, 'dr-public-a', '10.2.2.0/24', 'ap-southeast-1a', 'public');
  const drPrivateA = subnet(inv, v, 'dr-private-a', '10.2.1.0/24', 'ap-southeast-1a', 'private');
  const drPrivateB = subnet(inv, v, 'dr-private-b', '10.2.3.0/24', 'ap-southeast-1b', 'private');
  const igw = internetGateway(inv, v, 'dr-igw');
  // Placed in a private subnet: its own subnet's table sends 0.0.0.0/0 back to itself, never to the IGW.
  const nat = natGateway(
    inv,
    v,
    'dr-nat',
    drPrivateA,
    '10.2.1.10',
    '198.51.100.40',
    natMetrics('dr-nat', false),
    {
      problem: 'ec2-nat-gateway-in-private-subnet',
    },
  );
  routeTable(inv, v, 'dr-main-rt', [{ DestinationCidrBlock: ANY, NatGatewayId: nat }], { main: true });
  routeTable(inv, v, 'dr-public-rt', [{ DestinationCidrBlock: ANY, GatewayId: igw }], { subnets: [publicA] });
  networkAcl(inv, v, 'dr-default-nacl', ALLOW_ALL, [publicA, drPrivateA, drPrivateB], true);
  const drApp = securityGroup(
    inv,
    v,
    'dr-app-sg',
    'DR application servers',
    [tcpIn(8080, v.cidr)],
    [tcpOut(443, ANY), tcpOut(3306, v.cidr)],
  );
  const drDb = securityGroup(inv, v, 'dr-db-sg', 'DR MySQL replica', [tcpIn(3306, drApp)]);
  flowLog(inv, v);
  return { vpc: v, subnets: { drPrivateA, drPrivateB }, sgs: { drApp, drDb } };
}

function addDevApacVpc(inv: Inventory) {
  const v = vpc(inv, at(DEV, DR), 'dev-apac-vpc', '10.4.0.0/16', {
    problem: ['vpc-flow-logs-disabled', 'vpc-no-s3-gateway-endpoint'],
  });
  defaultSecurityGroup(inv, v, false, { problem: 'vpc-default-sg-allows-traffic' });
  const publicA = subnet(inv, v, 'dev-apac-public-a', '10.4.2.0/24', 'ap-southeast-1a', 'public');
  const devApacPrivateA = subnet(inv, v, 'dev-apac-private-a', '10.4.1.0/24', 'ap-southeast-1a', 'private');
  const igw = internetGateway(inv, v, 'dev-apac-igw');
  // Created for an APAC test that ended months ago; nothing routes through it any more.
  const nat = natGateway(
    inv,
    v,
    'dev-apac-nat',
    publicA,
    '10.4.2.10',
    '198.51.100.50',
    natMetrics('dev-apac-nat', false),
    {
      problem: 'ec2-nat-gateway-idle',
    },
  );
  routeTable(inv, v, 'dev-apac-main-rt', [{ DestinationCidrBlock: ANY, NatGatewayId: nat }], { main: true });
  routeTable(inv, v, 'dev-apac-public-rt', [{ DestinationCidrBlock: ANY, GatewayId: igw }], {
    subnets: [publicA],
  });
  networkAcl(inv, v, 'dev-apac-default-nacl', ALLOW_ALL, [publicA, devApacPrivateA], true);
  return { vpc: v, subnets: { devApacPrivateA } };
}
