import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudtrail-trail-bucket-not-public.js';

describe('cloudtrail-trail-bucket-not-public', () => {
  it('fails a trail bucket that a policy or ACL makes public, unless Block Public Access stops it', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudtrail-trail-bucket-not-public.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailPolicyAllowsEveryone')).toContain('policy statement AnyoneReads allows everyone');
    expect(reason('FailPublicReadAcl')).toContain('canned ACL PublicRead');
    expect(reason('PassNothingGrantsPublicAccess')).toContain('Block Public Access is not fully on');
  });
});
