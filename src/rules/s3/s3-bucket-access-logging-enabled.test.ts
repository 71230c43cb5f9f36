import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-access-logging-enabled.js';

describe('s3-bucket-access-logging-enabled', () => {
  it('passes logging buckets, fails silent ones and leaves log targets out', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-access-logging-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'NotApplicableAccessLogBucket')?.reason).toContain(
      "receives other buckets' server access logs",
    );
  });

  it('finds log targets of live buckets by name', () => {
    expectResources(rule, [
      resource('AWS::S3::Bucket', 'NotApplicableLogs', { BucketName: 'logs-use1' }, { name: 'logs-use1' }),
      resource('AWS::S3::Bucket', 'PassSource', {
        LoggingConfiguration: { DestinationBucketName: 'logs-use1' },
      }),
      resource('AWS::S3::Bucket', 'FailUnlogged', {}),
    ]);
  });
});
