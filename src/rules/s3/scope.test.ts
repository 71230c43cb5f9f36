import { describe, expect, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { resource } from '../../../test/rule-fixtures.js';
import { inScope, outOfScope, type ScopeParams } from './scope.js';

const params: ScopeParams = {
  tagKey: 'data-classification',
  tagValues: ['critical'],
  bucketNamePatterns: ['*-ledger'],
  allBuckets: false,
};

describe('inScope', () => {
  it('selects by tag (case-insensitive), by name pattern, or everything', () => {
    expect(
      inScope(resource('AWS::S3::Bucket', 'a', {}, { tags: { 'Data-Classification': 'Critical' } }), params),
    ).toEqual({
      known: true,
      value: 'it is tagged Data-Classification=Critical',
    });
    expect(inScope(resource('AWS::S3::Bucket', 'b', { BucketName: 'acme-ledger' }), params).known).toBe(true);
    expect(inScope(resource('AWS::S3::Bucket', 'b', { BucketName: 'acme-ledger' }), params)).toMatchObject({
      value: 'its name matches *-ledger',
    });
    expect(inScope(resource('AWS::S3::Bucket', 'c', {}), params)).toEqual({ known: true, value: undefined });
    expect(inScope(resource('AWS::S3::Bucket', 'c', {}), { ...params, allBuckets: true }).known).toBe(true);
    expect(outOfScope(params)).toBe('it has no data-classification tag of critical or a name like *-ledger');
  });

  it('does not guess a classification tag the template leaves open', () => {
    const bucket = resource('AWS::S3::Bucket', 'd', {
      Tags: [{ Key: 'data-classification', Value: unresolved({ Ref: 'Level' }, 'no default') }],
    });
    expect(inScope(bucket, params)).toMatchObject({
      known: false,
      reason: expect.stringContaining('tag data-classification is not known'),
    });
  });
});
