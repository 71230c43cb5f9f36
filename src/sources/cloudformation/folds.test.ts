import { describe, expect, it } from 'vitest';
import type { Resource } from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import { loadTemplate } from './index.js';

function load(text: string, options: SourceOptions = {}) {
  const { resources, coverage } = loadTemplate(text, 'test.yaml', options);
  const byId: Record<string, Resource> = Object.fromEntries(resources.map((r) => [r.id, r]));
  return { byId, resources, coverage };
}

const NETWORK = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  DefaultRoute:
    Type: AWS::EC2::Route
    DependsOn: Attach
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { RouteTableId: !Ref Rt, SubnetId: !Ref Subnet }
  Acl: { Type: AWS::EC2::NetworkAcl, Properties: { VpcId: !Ref Vpc } }
  AclIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: "100"
      Protocol: "6"
      RuleAction: ALLOW
      CidrBlock: 0.0.0.0/0
      PortRange: { From: "443", To: "443" }
  AclOut:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: -1, RuleAction: deny, Egress: true, CidrBlock: 0.0.0.0/0 }
  AclAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: { NetworkAclId: !Ref Acl, SubnetId: !Ref Subnet }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: TCP, FromPort: "80", ToPort: "80", CidrIp: 0.0.0.0/0 }]
  SgIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !GetAtt Sg.GroupId, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
  SgOut:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: { GroupId: !Ref Sg, IpProtocol: -1, DestinationSecurityGroupId: !Ref Sg }
  Imported:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !ImportValue shared-sg, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8 }
`;

describe('network folds', () => {
  const { byId, resources, coverage } = load(NETWORK);

  it('folds the standalone resources away, except one whose target is not in the template', () => {
    expect(resources.map((r) => r.id).sort()).toEqual([
      'Acl',
      'Igw',
      'Imported',
      'Rt',
      'Sg',
      'Subnet',
      'Vpc',
    ]);
    expect(coverage).toContainEqual(
      expect.objectContaining({ kind: 'missing-reference', resourceId: 'Imported', line: 45 }),
    );
  });

  it('puts routes and associations on the route table', () => {
    expect(byId.Rt?.props.Routes).toEqual([{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'Igw' }]);
    expect(byId.Rt?.props.Associations).toEqual([{ SubnetId: 'Subnet' }]);
  });

  it('records where each fold came from', () => {
    expect(byId.Rt?.props.$folds).toEqual([
      {
        property: 'Routes',
        index: 0,
        logicalId: 'DefaultRoute',
        type: 'AWS::EC2::Route',
        file: 'test.yaml',
        line: 10,
      },
      {
        property: 'Associations',
        index: 0,
        logicalId: 'Assoc',
        type: 'AWS::EC2::SubnetRouteTableAssociation',
        file: 'test.yaml',
        line: 14,
      },
    ]);
  });

  it('normalises NACL entries and associations', () => {
    expect(byId.Acl?.props.Entries).toEqual([
      {
        RuleNumber: 100,
        Protocol: 6,
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 443, To: 443 },
      },
      { RuleNumber: 100, Protocol: -1, RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
    ]);
    expect(byId.Acl?.props.Associations).toEqual([{ SubnetId: 'Subnet' }]);
  });

  it('appends security group rules to the inline ones, normalised', () => {
    expect(byId.Sg?.props.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
    ]);
    expect(byId.Sg?.props.SecurityGroupEgress).toEqual([
      { IpProtocol: '-1', DestinationSecurityGroupId: 'Sg' },
    ]);
  });

  it('attaches the internet gateway to the VPC', () => {
    expect(byId.Igw?.props.VpcId).toBe('Vpc');
  });
});

describe('policy folds', () => {
  const { byId, resources, coverage } = load(`
Parameters:
  AppName: { Type: String }
Resources:
  Role: { Type: AWS::IAM::Role, Properties: { RoleName: app, AssumeRolePolicyDocument: {} } }
  User: { Type: AWS::IAM::User }
  Inline:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: read
      PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }] }
      Roles: [app]
      Users: [!Ref User, someone-else]
  RoleInline:
    Type: AWS::IAM::RolePolicy
    Properties: { RoleName: !Ref Role, PolicyName: extra, PolicyDocument: { Statement: [] } }
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties: { PolicyDocument: { Statement: [] }, Roles: [!Ref Role] }
  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: !Sub '\${AppName}-data' } }
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Sub '\${AppName}-data'
      PolicyDocument: { Statement: [{ Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*' }] }
  Queue: { Type: AWS::SQS::Queue }
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties: { Queues: [!Ref Queue], PolicyDocument: { Statement: [] } }
`);

  it('adds inline policies to the roles and users named by reference or by name', () => {
    expect(byId.Role?.props.Policies).toEqual([
      {
        PolicyName: 'read',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
      },
      { PolicyName: 'extra', PolicyDocument: { Statement: [] } },
    ]);
    expect(byId.User?.props.Policies).toHaveLength(1);
  });

  it('keeps a policy that also targets a principal outside the template, with a gap', () => {
    expect(byId.Inline).toBeDefined();
    expect(coverage).toContainEqual(
      expect.objectContaining({ kind: 'missing-reference', resourceId: 'Inline' }),
    );
    expect(byId.RoleInline).toBeUndefined();
  });

  it('lists managed policies on the role and keeps the managed policy', () => {
    expect(byId.Role?.props.ManagedPolicyArns).toEqual(['Managed']);
    expect(byId.Managed).toBeDefined();
  });

  it('sets resource policies, matching a bucket named by the same unresolved expression', () => {
    expect(byId.Bucket?.props.PolicyDocument).toMatchObject({ Statement: [{ Effect: 'Deny' }] });
    expect(byId.Queue?.props.PolicyDocument).toEqual({ Statement: [] });
    expect(resources.map((r) => r.type)).not.toContain('AWS::S3::BucketPolicy');
  });
});
