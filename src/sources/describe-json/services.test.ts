import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Resource, type Snapshot } from '../../model/index.js';
import { loadDescribeJson } from './index.js';
import { tunnelsFromConfiguration } from './mappers/vpn.js';

const fixture = join(import.meta.dirname, 'fixtures', 'misc');

function find(snapshot: Snapshot, type: string, id: string): Resource {
  const found = snapshot.resources.find((r) => r.type === type && r.id === id);
  if (!found) throw new Error(`no ${type} ${id}`);
  return found;
}

const ACCOUNT = '123456789012';
const LB = `arn:aws:elasticloadbalancing:eu-central-1:${ACCOUNT}:loadbalancer/app/web-alb/50dc6c495c0c9188`;
const TG = `arn:aws:elasticloadbalancing:eu-central-1:${ACCOUNT}:targetgroup/web-tg/73e2d6bc24d8a067`;

describe('load balancing', () => {
  it('maps load balancers, target groups and listeners with ARNs as ids', async () => {
    const snapshot = await loadDescribeJson(fixture);
    const lb = find(snapshot, 'AWS::ElasticLoadBalancingV2::LoadBalancer', LB);
    expect(lb).toMatchObject({ arn: LB, name: 'web-alb', account: ACCOUNT, region: 'eu-central-1' });
    expect(lb.props).toEqual({
      Name: 'web-alb',
      Type: 'application',
      Scheme: 'internet-facing',
      IpAddressType: 'ipv4',
      Subnets: ['subnet-0pa', 'subnet-0pb'],
      SecurityGroups: ['sg-0alb'],
    });
    expect(lb.observed).toMatchObject({ State: 'active', VpcId: 'vpc-0misc' });
    const listener = snapshot.resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::Listener');
    expect(listener?.props).toMatchObject({
      LoadBalancerArn: LB,
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: `arn:aws:acm:eu-central-1:${ACCOUNT}:certificate/abc` }],
      DefaultActions: [expect.objectContaining({ Type: 'forward', TargetGroupArn: TG })],
    });
  });

  it('takes targets from describe-target-health output named after the target group', async () => {
    const group = find(await loadDescribeJson(fixture), 'AWS::ElasticLoadBalancingV2::TargetGroup', TG);
    expect(group.props).toMatchObject({
      Name: 'web-tg',
      Port: 8080,
      Protocol: 'HTTP',
      HealthCheckPath: '/health',
    });
    expect(group.props.Targets).toEqual([
      { Id: 'i-0web1', Port: 8080 },
      { Id: 'i-0web2', Port: 8080 },
    ]);
    expect(group.observed?.TargetHealth).toEqual([
      { Id: 'i-0web1', Port: 8080, State: 'healthy', HealthCheckPort: '8080' },
      {
        Id: 'i-0web2',
        Port: 8080,
        State: 'unhealthy',
        Reason: 'Target.ResponseCodeMismatch',
        Description: 'Health checks failed with these codes: [502]',
        HealthCheckPort: '8080',
      },
    ]);
  });
});

describe('databases and search domains', () => {
  it('maps rds describe-db-instances and the subnet group it names', async () => {
    const snapshot = await loadDescribeJson(fixture);
    const db = find(snapshot, 'AWS::RDS::DBInstance', 'orders-db');
    expect(db).toMatchObject({
      arn: `arn:aws:rds:eu-central-1:${ACCOUNT}:db:orders-db`,
      tags: { team: 'orders' },
    });
    expect(db.props).toMatchObject({
      Engine: 'postgres',
      AllocatedStorage: '100',
      Port: '5432',
      MultiAZ: true,
      PubliclyAccessible: false,
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      DeletionProtection: true,
      VPCSecurityGroups: ['sg-0db'],
      DBSubnetGroupName: 'orders-subnets',
      DBParameterGroupName: 'default.postgres15',
    });
    expect(db.observed).toMatchObject({
      DBInstanceStatus: 'available',
      VpcId: 'vpc-0misc',
      SubnetIds: ['subnet-0da', 'subnet-0db'],
    });
    expect(find(snapshot, 'AWS::RDS::DBSubnetGroup', 'orders-subnets').props).toEqual({
      DBSubnetGroupName: 'orders-subnets',
      DBSubnetGroupDescription: 'orders',
      SubnetIds: ['subnet-0da', 'subnet-0db'],
    });
  });

  it('maps OpenSearch domains with the access policy parsed', async () => {
    const domain = find(await loadDescribeJson(fixture), 'AWS::OpenSearchService::Domain', 'search');
    expect(domain.props).toMatchObject({
      EngineVersion: 'OpenSearch_2.11',
      ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 2 },
      VPCOptions: { SecurityGroupIds: ['sg-0search'], SubnetIds: ['subnet-0da'] },
      AccessPolicies: {
        Version: '2012-10-17',
        Statement: [expect.objectContaining({ Principal: { AWS: '*' } })],
      },
      NodeToNodeEncryptionOptions: { Enabled: true },
    });
    expect(domain.observed).toMatchObject({ VpcId: 'vpc-0misc' });
  });

  it('leaves out a domain being deleted, as the live collector does', async () => {
    const snapshot = await loadDescribeJson(fixture);
    const domains = snapshot.resources.filter((r) => r.type === 'AWS::OpenSearchService::Domain');
    expect(domains.map((d) => d.id)).toEqual(['search']);
    expect(snapshot.coverage.filter((g) => g.message.includes('retired'))).toEqual([]);
  });
});

describe('VPN connections', () => {
  it('reads tunnel addresses from the customer gateway configuration and never keeps a pre-shared key', async () => {
    const snapshot = await loadDescribeJson(fixture);
    const vpn = find(snapshot, 'AWS::EC2::VPNConnection', 'vpn-0misc');
    expect(vpn.props).toEqual({
      Type: 'ipsec.1',
      CustomerGatewayId: 'cgw-0misc',
      VpnGatewayId: 'vgw-0misc',
      StaticRoutesOnly: true,
      VpnTunnelOptionsSpecifications: [{ TunnelInsideCidr: '169.254.10.0/30' }],
    });
    expect(vpn.observed?.Tunnels).toEqual([
      {
        TunnelInsideCidr: '169.254.10.0/30',
        CustomerGateway: {
          OutsideIpAddress: '198.51.100.7',
          InsideIpAddress: '169.254.10.2',
          InsidePrefixLength: 30,
          Asn: 65000,
        },
        AwsSide: {
          OutsideIpAddress: '3.120.0.1',
          InsideIpAddress: '169.254.10.1',
          InsidePrefixLength: 30,
          Asn: 64512,
        },
      },
    ]);
    expect(JSON.stringify(snapshot)).not.toMatch(/SECRET-PSK|pre_shared_key|PreSharedKey/);
  });

  it('reads no tunnels from an absent or foreign configuration', () => {
    expect(tunnelsFromConfiguration(undefined)).toEqual([]);
    expect(tunnelsFromConfiguration('<other/>')).toEqual([]);
  });
});

describe('transit gateway route tables', () => {
  it('folds bare per-table outputs found by the tgw-rtb id in the path, and marks what is missing', async () => {
    const snapshot = await loadDescribeJson(fixture);
    const table = find(snapshot, 'AWS::EC2::TransitGatewayRouteTable', 'tgw-rtb-0abc');
    expect(table.props).toEqual({
      TransitGatewayId: 'tgw-0misc',
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', TransitGatewayAttachmentId: 'tgw-attach-0a' },
        { DestinationCidrBlock: '10.66.0.0/16', Blackhole: true },
      ],
      Associations: [{ TransitGatewayAttachmentId: 'tgw-attach-0a' }],
      Propagations: [{ TransitGatewayAttachmentId: 'tgw-attach-0a' }],
    });
    expect(table.observed?.Routes).toEqual([
      { State: 'active', Type: 'propagated' },
      { State: 'blackhole', Type: 'static' },
    ]);
    const other = find(snapshot, 'AWS::EC2::TransitGatewayRouteTable', 'tgw-rtb-0def');
    for (const prop of ['Routes', 'Associations', 'Propagations'])
      expect(isUnresolved(other.props[prop]), prop).toBe(true);
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'api-error',
        resourceId: 'tgw-rtb-0abc',
        file: 'tgw/tgw-rtb-0abc/routes.json',
      }),
    );
  });
});
