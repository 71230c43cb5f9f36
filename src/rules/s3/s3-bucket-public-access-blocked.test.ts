import { describe, expect, it } from 'vitest';
import {
  expectFixture,
  expectResources,
  resource,
  TEST_ACCOUNT,
  deniedListing,
} from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-public-access-blocked.js';

const BUCKET = 'AWS::S3::Bucket';
const ACCOUNT_BLOCK = 'AWS::S3::AccountPublicAccessBlock';
const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ALL_OFF = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};

/** The account-level settings as the s3control API and the demo source shape them: flags at the top level. */
const accountBlock = (flags: Record<string, boolean>, account = TEST_ACCOUNT) =>
  resource(ACCOUNT_BLOCK, account, flags, { account, region: 'global' });

describe('s3-bucket-public-access-blocked', () => {
  it('combines bucket and account settings, most restrictive wins', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-public-access-blocked.yaml', import.meta.url),
      {
        deployed: true,
        resources: [accountBlock({ ...ALL_OFF, BlockPublicAcls: true, IgnorePublicAcls: true })],
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailPolicyFlagsOff')).toContain('BlockPublicPolicy, RestrictPublicBuckets off');
    expect(reason('PassAclFlagsCoveredByAccount')).toContain('account-level settings');
    expect(reason('ErrorPolicyFlagChosenAtDeploy')).toContain('BlockPublicPolicy is not known');
  });

  it('lets the account-level block cover a live bucket without its own configuration', () => {
    expectResources(rule, [
      accountBlock(ALL_ON),
      resource(BUCKET, 'PassCoveredByAccount', {}),
      resource(BUCKET, 'PassCoveredDespiteBucketOff', { PublicAccessBlockConfiguration: ALL_OFF }),
    ]);
  });

  it('fails a live bucket without configuration when the account blocks nothing or is not in the snapshot', () => {
    const findings = expectResources(rule, [
      accountBlock({ ...ALL_OFF, BlockPublicPolicy: true }),
      resource(BUCKET, 'FailNoBucketConfigAccountPartial', {}),
      resource(BUCKET, 'FailAccountNotInSnapshot', {}, { account: '210987654321' }),
      resource(
        BUCKET,
        'PassOwnConfig',
        { PublicAccessBlockConfiguration: ALL_ON },
        { account: '210987654321' },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailAccountNotInSnapshot')?.reason).toContain(
      'no account-level settings for 210987654321 are in the snapshot',
    );
  });

  it('reads the account settings in the bucket shape too', () => {
    expectResources(rule, [
      resource(ACCOUNT_BLOCK, TEST_ACCOUNT, { PublicAccessBlockConfiguration: ALL_ON }, { region: 'global' }),
      resource(BUCKET, 'PassCovered', {}),
    ]);
  });
  it('does not fail a live bucket without configuration when the account settings were not read', () => {
    const findings = expectResources(
      rule,
      [
        resource(BUCKET, 'ErrorAccountSettingsUnread', {}),
        resource(BUCKET, 'PassOwnSettingsOn', { PublicAccessBlockConfiguration: ALL_ON }),
        resource(BUCKET, 'FailAccountSettingsRead', {}, { account: '210987654321' }),
      ],
      { coverage: [deniedListing(ACCOUNT_BLOCK, TEST_ACCOUNT, 'global')] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorAccountSettingsUnread')?.reason).toBe(
      `S3 bucket ErrorAccountSettingsUnread: the account-level Block Public Access settings were not read (${ACCOUNT_BLOCK} not collected in ${TEST_ACCOUNT} global: the listing failed with AccessDenied: not authorized).`,
    );
  });
});
