import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudtrail-trail-bucket-access-logging-enabled.js';

describe('cloudtrail-trail-bucket-access-logging-enabled', () => {
  it('follows the trail to its bucket and checks the bucket logging', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudtrail-trail-bucket-access-logging-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'ErrorBucketOfAnotherAccount')?.reason).toContain(
      'not in the snapshot',
    );
  });
});
