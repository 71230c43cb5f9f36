import { describe, expect, it } from 'vitest';
import { rescanFixed } from '../../../test/fix-fixtures.js';
import { resource, TEST_ACCOUNT, TEST_REGION } from '../../../test/rule-fixtures.js';
import { createGraph } from '../../engine/index.js';
import { callsOf, stepsOf } from '../fix-testing.js';
import fix from './s3-bucket-public-access-blocked.fix.js';
import rule from './s3-bucket-public-access-blocked.js';

const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ctx = { params: {}, graph: createGraph([]) };
const live = resource('AWS::S3::Bucket', 'reports', {
  PublicAccessBlockConfiguration: { ...ALL_ON, BlockPublicPolicy: false },
});

describe('fix s3-bucket-public-access-blocked', () => {
  it('puts all four settings on the bucket', () => {
    const plan = fix.plan(live, ctx);
    expect(callsOf(plan)).toEqual([
      {
        client: 's3',
        operation: 'PutPublicAccessBlock',
        input: { Bucket: 'reports', PublicAccessBlockConfiguration: ALL_ON },
      },
    ]);
    const [step] = stepsOf(plan);
    expect(step!.call).toMatchObject({
      action: 's3:PutBucketPublicAccessBlock',
      account: TEST_ACCOUNT,
      region: TEST_REGION,
    });
    expect(step!.capture).toMatchObject({ operation: 'GetPublicAccessBlock', input: { Bucket: 'reports' } });
  });

  it('undoes to the captured settings, or deletes the configuration when there was none', () => {
    const [step] = stepsOf(fix.plan(live, ctx));
    const previous = { ...ALL_ON, BlockPublicPolicy: false };
    expect(step!.undo!({ PublicAccessBlockConfiguration: previous })).toMatchObject({
      call: {
        operation: 'PutPublicAccessBlock',
        input: { Bucket: 'reports', PublicAccessBlockConfiguration: previous },
      },
    });
    expect(step!.undo!(undefined)).toMatchObject({
      call: {
        operation: 'DeletePublicAccessBlock',
        input: { Bucket: 'reports' },
        action: 's3:PutBucketPublicAccessBlock',
      },
    });
  });

  it('refuses a template bucket and a bucket of an unknown account', () => {
    expect(
      fix.plan({ ...live, origin: { source: 'cloudformation', logicalId: 'Reports' } }, ctx),
    ).toHaveProperty('cannot');
    expect(fix.plan({ ...live, account: 'unknown' }, ctx)).toMatchObject({
      cannot: expect.stringContaining('account'),
    });
  });

  it('makes the failing template buckets pass', () => {
    const fixed = rescanFixed(
      rule,
      fix,
      new URL('./fixtures/s3-bucket-public-access-blocked.yaml', import.meta.url),
      {
        deployed: true,
        // As in the rule's test: the account blocks ACLs only.
        resources: [
          resource(
            'AWS::S3::AccountPublicAccessBlock',
            TEST_ACCOUNT,
            { ...ALL_ON, BlockPublicPolicy: false, RestrictPublicBuckets: false },
            { region: 'global' },
          ),
        ],
      },
    );
    expect(fixed.outcomes).toEqual({ FailPolicyFlagsOff: 'pass', FailOmittedFlagsDefaultToOff: 'pass' });
  });
});
