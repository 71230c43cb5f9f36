import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './config-account-recording-all-regions.js';

const ORG_ACCOUNT = 'AWS::Organizations::Account';
const RECORDER = 'AWS::Config::ConfigurationRecorder';
const MANAGEMENT = '111122223333';

const member = (id: string, outcome: string) =>
  resource(
    ORG_ACCOUNT,
    id,
    {},
    { account: MANAGEMENT, region: 'global', origin: { source: 'aws', logicalId: outcome } },
  );
const vpc = (account: string, region: string) =>
  resource('AWS::EC2::VPC', `vpc-${account}-${region}`, {}, { account, region });
const recorder = (
  account: string,
  region: string,
  props: Record<string, unknown> = {},
  observed?: Record<string, unknown>,
) =>
  resource(RECORDER, `default-${account}-${region}`, props, {
    account,
    region,
    ...(observed ? { observed } : {}),
  });
const withGlobal = { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true } };

describe('config-account-recording-all-regions', () => {
  it('needs a working recorder in every region in use, and global types in one of them', () => {
    const findings = expectResources(rule, [
      member('222222222222', 'PassEveryRegion'),
      vpc('222222222222', 'us-east-1'),
      vpc('222222222222', 'ap-southeast-1'),
      recorder('222222222222', 'us-east-1', withGlobal),
      recorder('222222222222', 'ap-southeast-1'),

      member('333333333333', 'FailDrRegionWithoutRecorder'),
      vpc('333333333333', 'us-east-1'),
      vpc('333333333333', 'ap-southeast-1'),
      recorder('333333333333', 'us-east-1', withGlobal),

      member('444444444444', 'FailNoGlobalTypes'),
      vpc('444444444444', 'us-east-1'),
      recorder('444444444444', 'us-east-1'),

      member('555555555555', 'FailStoppedRecorder'),
      vpc('555555555555', 'us-east-1'),
      recorder('555555555555', 'us-east-1', withGlobal, { Recording: false }),

      member('666666666666', 'ErrorNothingCollected'),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('333333333333')).toContain('no recorder in ap-southeast-1');
    expect(reason('555555555555')).toContain('is stopped');
  });
  it('does not call a region without a recorder when its recorder listing failed', () => {
    const findings = expectResources(
      rule,
      [
        member('222222222222', 'ErrorRecordersUnreadInDrRegion'),
        vpc('222222222222', 'us-east-1'),
        vpc('222222222222', 'ap-southeast-1'),
        recorder('222222222222', 'us-east-1', withGlobal),
      ],
      { coverage: [deniedListing(RECORDER, '222222222222', 'ap-southeast-1')] },
    );
    expect(findings[0]?.reason).toContain('ap-southeast-1: whether a recorder runs there is not known');
  });
});
