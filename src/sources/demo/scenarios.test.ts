import { describe, expect, it } from 'vitest';
import type { Resource } from '../../model/index.js';
import { buildDemoOrganisation } from './index.js';

/*
 * The seed scenarios as the data lays them out: each test states the notebook's situation in the
 * model's terms, so a change to the demo that would break a scenario (not only a tag) fails here.
 */

const resources = buildDemoOrganisation().resources;

function named(type: string, name: string): Resource {
  const found = resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${type} named ${name}`);
  return found[0]!;
}
const byId = (id: unknown): Resource => {
  const found = resources.find((r) => r.id === id);
  if (!found) throw new Error(`no resource ${String(id)}`);
  return found;
};

type Route = Record<string, string>;
type AclEntry = {
  RuleNumber: number;
  Protocol: number;
  RuleAction: string;
  Egress: boolean;
  CidrBlock: string;
  PortRange?: { From: number; To: number };
};
type SgRule = {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIp?: string;
  SourceSecurityGroupId?: string;
};

const routes = (table: Resource) => table.props.Routes as Route[];
const entries = (acl: Resource) => acl.props.Entries as AclEntry[];

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipToInt(ip) / size) === Math.floor(ipToInt(base!) / size);
}

/** First-match NACL evaluation of one TCP packet (rule numbers ascending, `*` = 32767 deny). */
function aclVerdict(
  acl: Resource,
  egress: boolean,
  peerIp: string,
  port: number,
): { action: string; rule: number } {
  const match = entries(acl)
    .filter((e) => e.Egress === egress)
    .sort((a, b) => a.RuleNumber - b.RuleNumber)
    .find(
      (e) =>
        inCidr(peerIp, e.CidrBlock) &&
        (e.Protocol === -1 ||
          (e.Protocol === 6 &&
            e.PortRange !== undefined &&
            e.PortRange.From <= port &&
            port <= e.PortRange.To)),
    );
  return { action: match!.RuleAction, rule: match!.RuleNumber };
}

/** The route table of a subnet: its explicit association, else the VPC's main table. */
function tableOf(subnet: Resource): Resource {
  const tables = resources.filter(
    (r) => r.type === 'AWS::EC2::RouteTable' && r.props.VpcId === subnet.props.VpcId,
  );
  const associations = (t: Resource) => t.props.Associations as Array<{ SubnetId?: string; Main?: boolean }>;
  return (
    tables.find((t) => associations(t).some((a) => a.SubnetId === subnet.id)) ??
    tables.find((t) => associations(t).some((a) => a.Main === true))!
  );
}

function defaultRoute(table: Resource): Route | undefined {
  return routes(table).find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
}

describe('seed scenarios in the demo data', () => {
  it('prod VPC: public 10.0.2.0/24 on a custom table to the IGW, private 10.0.1.0/24 on the main table to a NAT gateway', () => {
    const vpc = named('AWS::EC2::VPC', 'prod-vpc');
    expect(vpc.props.CidrBlock).toBe('10.0.0.0/16');
    const publicSubnet = named('AWS::EC2::Subnet', 'prod-public-a');
    const privateSubnet = named('AWS::EC2::Subnet', 'prod-private-a');
    expect([publicSubnet.props.CidrBlock, privateSubnet.props.CidrBlock]).toEqual([
      '10.0.2.0/24',
      '10.0.1.0/24',
    ]);

    const publicTable = tableOf(publicSubnet);
    expect(publicTable.props.Associations).not.toContainEqual({ Main: true });
    expect(byId(defaultRoute(publicTable)?.GatewayId).type).toBe('AWS::EC2::InternetGateway');

    const mainTable = tableOf(privateSubnet);
    expect(mainTable.props.Associations).toContainEqual({ Main: true });
    const nat = byId(defaultRoute(mainTable)?.NatGatewayId);
    expect(nat.props.SubnetId).toBe(publicSubnet.id);
    expect(byId(nat.props.AllocationId).type).toBe('AWS::EC2::EIP');
  });

  it('peering: both sides route to the peer except the prod analytics table', () => {
    const pcx = named('AWS::EC2::VPCPeeringConnection', 'dev-to-prod');
    const toPeer = (table: string, cidr: string) =>
      routes(named('AWS::EC2::RouteTable', table)).some(
        (r) => r.DestinationCidrBlock === cidr && r.VpcPeeringConnectionId === pcx.id,
      );
    expect(toPeer('dev-main-rt', '10.0.0.0/16')).toBe(true);
    expect(toPeer('prod-main-rt', '10.1.0.0/16')).toBe(true);
    expect(toPeer('prod-analytics-rt', '10.1.0.0/16')).toBe(false);
    expect(named('AWS::Redshift::ClusterSubnetGroup', 'prod-analytics-subnets').props.SubnetIds).toContain(
      named('AWS::EC2::Subnet', 'prod-analytics-a').id,
    );
  });

  it('blocking one IP with a NACL /32: effective in prod (rule 90), shadowed by rule 100 in dev', () => {
    expect(aclVerdict(named('AWS::EC2::NetworkAcl', 'prod-public-nacl'), false, '192.0.2.66', 443)).toEqual({
      action: 'deny',
      rule: 90,
    });
    const dev = named('AWS::EC2::NetworkAcl', 'dev-public-nacl');
    expect(entries(dev).some((e) => e.CidrBlock === '192.0.2.66/32' && e.RuleAction === 'deny')).toBe(true);
    expect(aclVerdict(dev, false, '192.0.2.66', 80)).toEqual({ action: 'allow', rule: 100 });
  });

  it('bastion → MySQL: the reply is allowed out of prod-private-nacl, not out of dev-private-nacl', () => {
    const devAcl = named('AWS::EC2::NetworkAcl', 'dev-private-nacl');
    expect(aclVerdict(devAcl, false, '10.1.2.20', 3306).action).toBe('allow');
    expect(aclVerdict(devAcl, true, '10.1.2.20', 40000)).toEqual({ action: 'deny', rule: 32767 });
    const prodAcl = named('AWS::EC2::NetworkAcl', 'prod-private-nacl');
    expect(aclVerdict(prodAcl, false, '10.0.2.20', 3306).action).toBe('allow');
    expect(aclVerdict(prodAcl, true, '10.0.2.20', 40000).action).toBe('allow');
  });

  it("NAT instance security group: the notebook's 443 from the private subnet in security, only 80 in dev", () => {
    const allows443 = (sg: Resource, from: string) =>
      (sg.props.SecurityGroupIngress as SgRule[]).some(
        (r) =>
          r.IpProtocol === 'tcp' &&
          r.FromPort! <= 443 &&
          443 <= r.ToPort! &&
          r.CidrIp !== undefined &&
          inCidr(from, r.CidrIp),
      );
    expect(allows443(named('AWS::EC2::SecurityGroup', 'sec-nat-sg'), '10.3.1.20')).toBe(true);
    expect(allows443(named('AWS::EC2::SecurityGroup', 'dev-nat-sg'), '10.1.1.30')).toBe(false);
    for (const name of ['sec-nat-instance', 'dev-nat-instance'])
      expect(named('AWS::EC2::Instance', name).props.SourceDestCheck).toBe(false);
  });

  it('NAT gateway in a private subnet: its own subnet has no route to an internet gateway', () => {
    const nat = named('AWS::EC2::NatGateway', 'dr-nat');
    const table = tableOf(byId(nat.props.SubnetId));
    expect(routes(table).some((r) => r.GatewayId?.startsWith('igw-'))).toBe(false);
    const good = named('AWS::EC2::NatGateway', 'prod-nat-a');
    expect(byId(defaultRoute(tableOf(byId(good.props.SubnetId)))?.GatewayId).type).toBe(
      'AWS::EC2::InternetGateway',
    );
  });

  it('SSH and RDP: open to 0.0.0.0/0 in dev, a /32 in prod', () => {
    const sources = (name: string) =>
      (named('AWS::EC2::SecurityGroup', name).props.SecurityGroupIngress as SgRule[]).map((r) => r.CidrIp);
    expect(sources('dev-bastion-sg')).toEqual(['0.0.0.0/0']);
    expect(sources('dev-windows-sg')).toEqual(['0.0.0.0/0']);
    expect(sources('prod-bastion-sg')).toEqual(['203.0.113.10/32']);
    expect(sources('prod-windows-admin-sg')).toEqual(['203.0.113.25/32']);
  });

  it('consultant: minimum session (3600 s), external id, read-only on one bucket', () => {
    const role = named('AWS::IAM::Role', 'consultant-s3-read');
    expect(role.props.MaxSessionDuration).toBe(3600);
    expect(JSON.stringify(role.props.AssumeRolePolicyDocument)).toContain('sts:ExternalId');
    expect(JSON.stringify(role.props.Policies)).not.toMatch(/s3:(Put|Delete)/);
    expect(named('AWS::IAM::Role', 'vendor-audit-readonly').props.MaxSessionDuration).toBe(43200);
  });

  it('Lambda VPC guardrail: dev-team denies outside VPCs 1 & 2; dev-contractors has the notebook text', () => {
    const vpc = (name: string) => named('AWS::EC2::VPC', name).id;
    const statement = (group: string) =>
      (
        named('AWS::IAM::Group', group).props.Policies as Array<{
          PolicyDocument: { Statement: Array<Record<string, unknown>> };
        }>
      )[0]!.PolicyDocument.Statement[0]!;
    expect(statement('dev-team')).toMatchObject({
      Effect: 'Deny',
      Action: ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'],
      Condition: { StringNotEquals: { 'lambda:VpcIds': [vpc('dev-vpc'), vpc('dev-apac-vpc')] } },
    });
    expect(statement('dev-contractors')).toMatchObject({
      Effect: 'Deny',
      Condition: { StringEquals: { 'lambda:VpcIds': [vpc('dev-vpc'), vpc('dev-apac-vpc')] } },
    });
  });

  it('Block Public Access: off on the bucket but on for the account is still blocked (security); off on both in dev', () => {
    const account = (id: string) =>
      resources.find((r) => r.type === 'AWS::S3::AccountPublicAccessBlock' && r.id === id)!;
    const tools = named('AWS::S3::Bucket', 'companya-security-tools');
    expect(Object.values(tools.props.PublicAccessBlockConfiguration as object)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(Object.values(account(tools.account).props)).toEqual([true, true, true, true]);
    const scratch = named('AWS::S3::Bucket', 'companya-dev-scratch');
    expect(Object.values(account(scratch.account).props)).toEqual([false, false, false, false]);
  });

  it('static website on the root domain: bucket companya.com, and a blog record whose bucket is misnamed', () => {
    expect(named('AWS::S3::Bucket', 'companya.com').props.WebsiteConfiguration).toBeDefined();
    expect(resources.some((r) => r.type === 'AWS::S3::Bucket' && r.id === 'blog.companya.com')).toBe(false);
    expect(resources.some((r) => r.type === 'AWS::S3::Bucket' && r.id === 'companya-blog')).toBe(true);
  });

  it('social-media table: fixed capacity, no auto scaling, throttled; its twin scales', () => {
    const scaled = new Set(
      resources
        .filter((r) => r.type === 'AWS::ApplicationAutoScaling::ScalableTarget')
        .map((r) => r.props.ResourceId),
    );
    const feed = named('AWS::DynamoDB::Table', 'social-feed');
    expect(feed.props.BillingMode).toBe('PROVISIONED');
    expect(scaled.has('table/social-feed')).toBe(false);
    const throttles = (feed.observed!.Metrics as Record<string, { Values: number[] }>).ThrottledRequests!
      .Values;
    expect(Math.min(...throttles)).toBeGreaterThan(0);
    expect(scaled.has('table/social-users')).toBe(true);
  });

  it("the notebook's cost alarm: average CPU low → stop the instance", () => {
    const alarm = named('AWS::CloudWatch::Alarm', 'dev-ci-runner-idle-stop');
    expect(alarm.props).toMatchObject({
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      ComparisonOperator: 'LessThanThreshold',
      AlarmActions: ['arn:aws:automate:us-east-1:ec2:stop'],
      Dimensions: [{ Name: 'InstanceId', Value: named('AWS::EC2::Instance', 'dev-ci-runner').id }],
    });
  });

  it('stuck pipeline: the Deploy stage failed with an error message', () => {
    const pipeline = named('AWS::CodePipeline::Pipeline', 'orders-service-pipeline');
    const deploy = (pipeline.observed!.StageStates as Array<Record<string, unknown>>).find(
      (s) => s.StageName === 'Deploy',
    );
    expect(deploy).toMatchObject({
      LatestExecution: { Status: 'Failed' },
      ActionStates: [
        {
          ActionName: 'DeployToECS',
          LatestExecution: { Status: 'Failed', ErrorDetails: { Code: 'JobFailed' } },
        },
      ],
    });
  });

  it('S3 logs: the problem bucket logs to itself, the twin to another bucket of the same region', () => {
    const target = (name: string) =>
      (named('AWS::S3::Bucket', name).props.LoggingConfiguration as { DestinationBucketName: string })
        .DestinationBucketName;
    expect(target('companya-critical-docs')).toBe('companya-critical-docs');
    expect(named('AWS::S3::Bucket', target('companya-audit-evidence')).region).toBe('ap-southeast-1');
    const twin = named('AWS::S3::Bucket', target('companya-prod-contracts'));
    expect([twin.name === 'companya-prod-contracts', twin.region]).toEqual([false, 'us-east-1']);
  });
});
