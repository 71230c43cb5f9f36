import { describe, expect, it } from 'vitest';
import { makeSnapshot, unresolved } from '../../model/index.js';
import { createGraph } from '../../engine/graph.js';
import { resource } from '../../../test/rule-fixtures.js';
import {
  bucketNameFromArn,
  referencedIds,
  resolveTarget,
  s3Endpoint,
  sameRegion,
  siblingId,
} from './refs.js';

describe('S3 names, ARNs and endpoints', () => {
  it('reads bucket names from ARNs and host names', () => {
    expect(bucketNameFromArn('arn:aws:s3:::acme-logs')).toBe('acme-logs');
    expect(bucketNameFromArn('arn:aws-cn:s3:::acme-logs/AWSLogs/*')).toBe('acme-logs');
    expect(bucketNameFromArn('arn:aws:iam::123456789012:root')).toBeUndefined();
    expect(s3Endpoint('acme-images.s3.amazonaws.com')).toEqual({ bucket: 'acme-images', website: false });
    expect(s3Endpoint('acme.images.s3.us-east-1.amazonaws.com')).toEqual({
      bucket: 'acme.images',
      website: false,
    });
    expect(s3Endpoint('acme-images.s3-eu-west-1.amazonaws.com')).toEqual({
      bucket: 'acme-images',
      website: false,
    });
    expect(s3Endpoint('acme-images.s3.dualstack.ap-southeast-1.amazonaws.com')?.bucket).toBe('acme-images');
    expect(s3Endpoint('companya.com.s3-website-us-east-1.amazonaws.com')).toEqual({
      bucket: 'companya.com',
      website: true,
    });
    expect(s3Endpoint('companya.com.s3-website.eu-central-1.amazonaws.com')?.website).toBe(true);
    expect(s3Endpoint('web-123.us-east-1.elb.amazonaws.com')).toBeUndefined();
  });

  it('finds the resources a template expression names', () => {
    expect(referencedIds({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toEqual(['Bucket']);
    expect(referencedIds({ 'Fn::GetAtt': 'Bucket.DomainName' })).toEqual(['Bucket']);
    expect(referencedIds({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Logs}/${Bucket.Arn}/*' }).sort()).toEqual(
      ['Bucket', 'Logs'],
    );
    expect(referencedIds({ 'Fn::Join': ['', [{ Ref: 'Bucket' }, '/*']] })).toEqual(['Bucket']);
    expect(referencedIds({ Ref: 'AWS::AccountId' })).toEqual([]);
  });

  it('finds the resources a Terraform reference names, by full address', () => {
    expect(referencedIds('aws_s3_bucket.dr.arn')).toEqual(['aws_s3_bucket.dr']);
    expect(referencedIds('module.dr.aws_s3_bucket.this["a"].arn')).toEqual([
      'module.dr.aws_s3_bucket.this["a"]',
    ]);
    expect(referencedIds('aws_s3_bucket.a.arn, aws_s3_bucket.b.arn')).toEqual([
      'aws_s3_bucket.a',
      'aws_s3_bucket.b',
    ]);
    expect(referencedIds('aws_s3_bucket_logging.l.target_bucket (from aws_s3_bucket.logs, var.env)')).toEqual(
      ['aws_s3_bucket.logs'],
    );
    expect(referencedIds('data.aws_s3_bucket.shared.arn')).toEqual([]);
    expect(referencedIds('module.dr.bucket_arn')).toEqual([]);
  });
});

describe('resolveTarget', () => {
  const logs = resource(
    'AWS::S3::Bucket',
    'dir/web.yaml#Logs',
    { BucketName: 'acme-logs' },
    {
      origin: { source: 'cloudformation', file: 'dir/web.yaml', logicalId: 'Logs' },
    },
  );
  const site = resource(
    'AWS::S3::Bucket',
    'dir/web.yaml#Site',
    {},
    {
      origin: { source: 'cloudformation', file: 'dir/web.yaml', logicalId: 'Site' },
    },
  );
  const graph = createGraph(makeSnapshot([logs, site]).resources);

  it('follows names, ARNs, host names and template references', () => {
    expect(resolveTarget('acme-logs', 'AWS::S3::Bucket', graph, site, 'x')).toEqual({ found: logs });
    expect(resolveTarget('arn:aws:s3:::acme-logs', 'AWS::S3::Bucket', graph, site, 'x')).toEqual({
      found: logs,
    });
    expect(resolveTarget('acme-logs.s3.amazonaws.com', 'AWS::S3::Bucket', graph, site, 'x')).toEqual({
      found: logs,
    });
    const getAtt = unresolved({ 'Fn::GetAtt': ['dir/web.yaml#Logs', 'Arn'] }, 'generated name');
    expect(resolveTarget(getAtt, 'AWS::S3::Bucket', graph, site, 'x')).toEqual({ found: logs });
    // Inside Sub text the logical id is bare: it is looked up in the same template.
    const sub = unresolved({ 'Fn::Sub': '${Logs}.s3.amazonaws.com' }, 'generated name');
    expect(resolveTarget(sub, 'AWS::S3::Bucket', graph, site, 'x')).toEqual({ found: logs });
    expect(siblingId(site, 'Logs')).toBe('dir/web.yaml#Logs');
  });

  it('says what is missing or not known', () => {
    expect(resolveTarget('arn:aws:s3:::elsewhere', 'AWS::S3::Bucket', graph, site, 'x')).toEqual({
      missing: 'elsewhere',
    });
    const imported = unresolved({ 'Fn::ImportValue': 'shared' }, 'exported by another stack');
    expect(resolveTarget(imported, 'AWS::S3::Bucket', graph, site, 'Destination')).toMatchObject({
      unknown: expect.stringContaining('Destination is not known'),
    });
  });

  it('compares regions, treating one template as one region', () => {
    expect(sameRegion(logs, site)).toBe(true);
    expect(
      sameRegion(
        resource('AWS::S3::Bucket', 'a'),
        resource('AWS::S3::Bucket', 'b', {}, { region: 'eu-west-1' }),
      ),
    ).toBe(false);
    expect(sameRegion(resource('AWS::S3::Bucket', 'a', {}, { region: 'unknown' }), site)).toBeUndefined();
  });

  it('does not take one Terraform file for one region: its providers may be in several', () => {
    const tf = (id: string, region: string) =>
      resource(
        'AWS::S3::Bucket',
        id,
        {},
        { region, origin: { source: 'terraform', file: 'main.tf', logicalId: id } },
      );
    expect(sameRegion(tf('aws_s3_bucket.a', 'unknown'), tf('aws_s3_bucket.b', 'unknown'))).toBeUndefined();
    expect(sameRegion(tf('aws_s3_bucket.a', 'us-east-1'), tf('aws_s3_bucket.b', 'eu-west-1'))).toBe(false);
    expect(sameRegion(tf('aws_s3_bucket.a', 'us-east-1'), tf('aws_s3_bucket.b', 'us-east-1'))).toBe(true);
  });
});
