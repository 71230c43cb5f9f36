import { describe, expect, it } from 'vitest';
import { sampleFindings } from './fixtures/sample.js';
import {
  findingHash,
  findingKey,
  partitionOf,
  requirementName,
  resourceKey,
  standardOf,
  truncate,
} from './identity.js';

describe('finding identity', () => {
  it('identifies template resources by file and logical id, live ones by ARN', () => {
    const [sg, bucket] = sampleFindings();
    expect(resourceKey(sg!.resource)).toBe('templates/app stack.yaml#WebSg');
    expect(resourceKey({ ...sg!.resource, line: 99 })).toBe('templates/app stack.yaml#WebSg');
    expect(resourceKey(bucket!.resource)).toBe('arn:aws:s3:::acme-data');
    expect(resourceKey({ type: 'T', id: 'i', account: 'a', region: 'r' })).toBe('a/r/T/i');
    expect(findingKey(bucket!)).toBe('s3-bucket-public-access-blocked/arn:aws:s3:::acme-data');
    expect(findingHash(bucket!)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names standards and requirements', () => {
    expect(standardOf('cis-aws-v5.0:2.1.4')).toEqual({
      standard: 'CIS AWS Foundations Benchmark v5.0.0',
      asffClassifier: 'CIS AWS Foundations Benchmark',
      control: '2.1.4',
    });
    expect(requirementName('aws-fsbp:S3.8')).toBe('AWS Foundational Security Best Practices v1.0.0/S3.8');
    expect(standardOf('nist-800-53:AC-3').standard).toBe('nist-800-53');
  });

  it('finds the partition', () => {
    expect(partitionOf('eu-west-1')).toBe('aws');
    expect(partitionOf('cn-northwest-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-east-1')).toBe('aws-us-gov');
    expect(partitionOf('global', 'arn:aws-cn:iam::123456789012:role/x')).toBe('aws-cn');
  });

  it('truncates to a length without splitting a character', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    const emoji = 'ab😀cd';
    const cut = truncate(emoji, 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});
