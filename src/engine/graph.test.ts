import { describe, expect, it } from 'vitest';
import { unresolved, type Resource } from '../model/index.js';
import { createGraph } from './graph.js';

function r(type: string, id: string, more: Partial<Resource> = {}): Resource {
  return {
    type,
    id,
    account: '111122223333',
    region: 'eu-west-1',
    tags: {},
    props: {},
    origin: { source: 'aws' },
    ...more,
  };
}

const vpc = r('AWS::EC2::VPC', 'vpc-1');
const sg = r('AWS::EC2::SecurityGroup', 'sg-1', { props: { VpcId: 'vpc-1' } });
const role = r('AWS::IAM::Role', 'Role', {
  arn: 'arn:aws:iam::111122223333:role/app',
  props: { RoleName: 'app' },
});
const fn = r('AWS::Lambda::Function', 'Fn', {
  props: { Role: unresolved({ 'Fn::GetAtt': ['Role', 'Arn'] }, 'attribute') },
});
const user = r('AWS::IAM::User', 'u', {
  props: { ManagedPolicyArns: ['arn:aws:iam::111122223333:role/app'] },
});
const bucketA = r('AWS::S3::Bucket', 'Logs', {
  origin: { source: 'cloudformation', file: 'a.yaml' },
  props: { BucketName: 'a-logs' },
});
const bucketB = r('AWS::S3::Bucket', 'Logs', {
  origin: { source: 'cloudformation', file: 'b.yaml' },
  name: 'tagged',
});
const accountBlock = r('AWS::S3::AccountPublicAccessBlock', '111122223333', { region: 'global' });
const passwordPolicy = r('AWS::IAM::AccountPasswordPolicy', '111122223333', { region: 'global' });
const graph = createGraph([vpc, sg, role, fn, user, bucketA, bucketB, accountBlock, passwordPolicy]);

describe('graph view', () => {
  it('indexes by type', () => {
    expect(graph.byType('AWS::S3::Bucket')).toEqual([bucketA, bucketB]);
    expect(graph.byType('AWS::RDS::DBInstance')).toEqual([]);
    expect(graph.find('AWS::S3::Bucket', (b) => b.name === 'tagged')).toBe(bucketB);
    expect(graph.filter('AWS::EC2::SecurityGroup', (s) => s.props.VpcId === 'vpc-1')).toEqual([sg]);
  });

  it('gets by id, by type, and nearest to the asking resource when ids repeat', () => {
    expect(graph.get('vpc-1')).toBe(vpc);
    expect(graph.get('111122223333', 'AWS::IAM::AccountPasswordPolicy')).toBe(passwordPolicy);
    expect(graph.get('Logs', undefined, bucketB)).toBe(bucketB);
    expect(graph.get('Logs', 'AWS::S3::Bucket', bucketA)).toBe(bucketA);
    expect(graph.get('nope')).toBeUndefined();
  });

  it('resolves references by id, ARN, name and <Type>Name property', () => {
    expect(graph.resolve('arn:aws:iam::111122223333:role/app', 'AWS::IAM::Role')).toBe(role);
    expect(graph.resolve('app', 'AWS::IAM::Role')).toBe(role);
    expect(graph.resolve('a-logs', 'AWS::S3::Bucket')).toBe(bucketA);
    expect(graph.resolve('tagged', 'AWS::S3::Bucket')).toBe(bucketB);
    expect(graph.resolve('app', 'AWS::S3::Bucket')).toBeUndefined();
  });

  it('finds account-level settings by account', () => {
    expect(graph.accountResource('AWS::S3::AccountPublicAccessBlock', '111122223333')).toBe(accountBlock);
    expect(graph.accountResource('AWS::S3::AccountPublicAccessBlock', '999999999999')).toBeUndefined();
  });

  it('lists the resources of a type in one account, in snapshot order', () => {
    const other = r('AWS::S3::Bucket', 'Other', { account: '444455556666' });
    const g = createGraph([bucketA, other, bucketB]);
    expect(g.inAccount('AWS::S3::Bucket', '111122223333')).toEqual([bucketA, bucketB]);
    expect(g.inAccount('AWS::S3::Bucket', '444455556666')).toEqual([other]);
    expect(g.inAccount('AWS::S3::Bucket', '999999999999')).toEqual([]);
    expect(g.inAccount('AWS::EC2::VPC', '444455556666')).toEqual([]);
  });

  it('finds referrers by id and ARN, including inside unresolved expressions', () => {
    expect(graph.referencing(vpc)).toEqual([sg]);
    expect(graph.referencing(role)).toEqual([fn, user]);
    expect(graph.referencing('sg-1')).toEqual([]);
  });
  it('lists referrers once each, in snapshot order, across accounts that repeat ids', () => {
    const inA = r('AWS::EC2::VPC', 'vpc-9', { arn: 'arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-9' });
    const inB = r('AWS::EC2::VPC', 'vpc-9', {
      account: '444455556666',
      arn: 'arn:aws:ec2:eu-west-1:444455556666:vpc/vpc-9',
    });
    const byId = r('AWS::EC2::Subnet', 'subnet-1', { props: { VpcId: 'vpc-9', Again: ['vpc-9'] } });
    const byArnB = r('AWS::EC2::FlowLog', 'fl-1', {
      account: '444455556666',
      props: { ResourceId: 'arn:aws:ec2:eu-west-1:444455556666:vpc/vpc-9' },
    });
    const both = r('AWS::EC2::RouteTable', 'rtb-1', {
      props: { VpcId: 'vpc-9', Note: { nested: ['arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-9'] } },
    });
    const g = createGraph([byArnB, inA, byId, inB, both]);
    expect(g.referencing(inA)).toEqual([byId, both]);
    expect(g.referencing(inB)).toEqual([byId, both, byArnB]);
    expect(g.referencing('vpc-9')).toEqual([byId, both]);
    expect(g.referencing('arn:aws:ec2:eu-west-1:444455556666:vpc/vpc-9')).toEqual([byArnB]);
    // Strings that are no resource's id or ARN have no referrers, even when props hold them.
    expect(g.referencing('eu-west-1')).toEqual([]);
    expect(g.referencing('')).toEqual([]);
    expect(g.get('vpc-9', 'AWS::EC2::VPC', byArnB)).toBe(inB);
    expect(g.get('vpc-9', undefined, byId)).toBe(inA);
    expect(g.get('arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-9')).toBeUndefined();
  });

  it('does not count a tag naming a resource as a reference to it', () => {
    const volume = r('AWS::EC2::Volume', 'vol-1');
    const snapshot = r('AWS::EC2::Snapshot', 'snap-1', {
      props: { Tags: [{ Key: 'SourceVolume', Value: 'vol-1' }] },
    });
    const instance = r('AWS::EC2::Instance', 'i-1', {
      props: { Volumes: [{ VolumeId: 'vol-1' }], Tags: [{ Key: 'Name', Value: 'web' }] },
    });
    const g = createGraph([volume, snapshot, instance]);
    expect(g.referencing(volume)).toEqual([instance]);
  });

  it('does not list a resource as its own referrer', () => {
    const self = r('AWS::SNS::Topic', 'arn:aws:sns:eu-west-1:111122223333:t', {
      arn: 'arn:aws:sns:eu-west-1:111122223333:t',
      props: { TopicArn: 'arn:aws:sns:eu-west-1:111122223333:t' },
    });
    const sub = r('AWS::SNS::Subscription', 's-1', {
      props: { TopicArn: 'arn:aws:sns:eu-west-1:111122223333:t' },
    });
    const g = createGraph([self, sub]);
    expect(g.referencing(self)).toEqual([sub]);
    expect(g.referencing(sub)).toEqual([]);
  });

  it('answers which properties of a resource were not read, apart from listings', () => {
    const metrics = { kind: 'access-denied' as const, message: 'metrics denied', path: 'observed.Metrics' };
    const g = createGraph(
      [],
      [
        { ...metrics, account: '1', region: 'eu-west-1', resourceType: 'AWS::EC2::Instance' },
        {
          ...metrics,
          message: 'one',
          account: '1',
          resourceType: 'AWS::RDS::DBInstance',
          resourceId: 'db-1',
        },
        {
          kind: 'unresolved-value',
          message: 'open',
          resourceType: 'AWS::EC2::Volume',
          path: 'observed.Metrics',
        },
      ],
    );
    const at = (type: string, id: string, account = '1', region = 'eu-west-1') =>
      r(type, id, { account, region });
    expect(g.unreadProperty(at('AWS::EC2::Instance', 'i-1'), 'observed.Metrics')?.message).toBe(
      'metrics denied',
    );
    expect(g.unreadProperty(at('AWS::EC2::Instance', 'i-1', '2'), 'observed.Metrics')).toBeUndefined();
    expect(
      g.unreadProperty(at('AWS::EC2::Instance', 'i-1', '1', 'us-east-1'), 'observed.Metrics'),
    ).toBeUndefined();
    expect(g.unreadProperty(at('AWS::EC2::Instance', 'i-1'), 'observed.Events')).toBeUndefined();
    expect(g.unreadProperty(at('AWS::RDS::DBInstance', 'db-1'), 'observed.Metrics')?.message).toBe('one');
    expect(g.unreadProperty(at('AWS::RDS::DBInstance', 'db-2'), 'observed.Metrics')).toBeUndefined();
    // A value a template left open is not a failed read; nor is a property gap a failed listing.
    expect(g.unreadProperty(at('AWS::EC2::Volume', 'vol-1'), 'observed.Metrics')).toBeUndefined();
    expect(g.unread('AWS::EC2::Instance', '1', 'eu-west-1')).toBeUndefined();
  });

  it('answers which listings were not read, by type, account and region', () => {
    const g = createGraph(
      [],
      [
        {
          kind: 'access-denied',
          message: 'denied',
          account: '1',
          region: 'eu-west-1',
          resourceType: 'AWS::GuardDuty::Detector',
        },
        {
          kind: 'throttled',
          message: 'slow',
          account: '1',
          region: 'global',
          resourceType: 'AWS::IAM::Role',
        },
        // A detail call that failed for one resource is not a listing gap.
        {
          kind: 'access-denied',
          message: 'one',
          account: '1',
          region: 'us-east-1',
          resourceType: 'AWS::S3::Bucket',
          resourceId: 'b',
        },
        // A value a template left open is not a listing gap.
        { kind: 'unresolved-value', message: 'open', resourceType: 'AWS::EC2::VPC' },
      ],
    );
    expect(g.unread('AWS::GuardDuty::Detector', '1', 'eu-west-1')?.message).toBe('denied');
    expect(g.unread('AWS::GuardDuty::Detector', '1', 'us-east-1')).toBeUndefined();
    expect(g.unread('AWS::GuardDuty::Detector', '2', 'eu-west-1')).toBeUndefined();
    expect(g.unread('AWS::GuardDuty::Detector', '1')?.message).toBe('denied');
    expect(g.unread('AWS::IAM::Role', '1', 'ap-south-1')?.message).toBe('slow');
    expect(g.unread('AWS::S3::Bucket', '1', 'us-east-1')).toBeUndefined();
    expect(g.unread('AWS::EC2::VPC', '1')).toBeUndefined();
    // Asked about the listing under one resource, the gap naming that resource answers.
    expect(g.unread('AWS::S3::Bucket', '1', 'us-east-1', 'b')?.message).toBe('one');
    expect(g.unread('AWS::S3::Bucket', '1', 'eu-west-1', 'b')).toBeUndefined();
    expect(g.unread('AWS::S3::Bucket', '1', 'us-east-1', 'c')).toBeUndefined();
    expect(g.unread('AWS::GuardDuty::Detector', '1', 'eu-west-1', 'x')?.message).toBe('denied');
  });
});
