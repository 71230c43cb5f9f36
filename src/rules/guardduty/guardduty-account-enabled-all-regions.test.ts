import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './guardduty-account-enabled-all-regions.js';

const ORG_ACCOUNT = 'AWS::Organizations::Account';
const DETECTOR = 'AWS::GuardDuty::Detector';
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
const detector = (account: string, region: string, status: 'ENABLED' | 'DISABLED') =>
  resource(
    DETECTOR,
    `det-${account}-${region}`,
    { Enable: status === 'ENABLED' },
    { account, region, observed: { Status: status } },
  );

describe('guardduty-account-enabled-all-regions', () => {
  it('needs an enabled detector in every region with resources', () => {
    const findings = expectResources(rule, [
      member('222222222222', 'PassBothRegions'),
      vpc('222222222222', 'us-east-1'),
      vpc('222222222222', 'ap-southeast-1'),
      detector('222222222222', 'us-east-1', 'ENABLED'),
      detector('222222222222', 'ap-southeast-1', 'ENABLED'),

      member('333333333333', 'FailSuspendedInDrRegion'),
      vpc('333333333333', 'us-east-1'),
      detector('333333333333', 'us-east-1', 'ENABLED'),
      detector('333333333333', 'ap-southeast-1', 'DISABLED'),

      member('444444444444', 'FailNoDetectorInOneRegion'),
      vpc('444444444444', 'us-east-1'),
      vpc('444444444444', 'eu-west-1'),
      detector('444444444444', 'us-east-1', 'ENABLED'),

      member('555555555555', 'ErrorNothingCollected'),
      resource(ORG_ACCOUNT, 'NotApplicableTemplateAccount', {}, { account: 'unknown', region: 'global' }),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('333333333333')).toContain('suspended in ap-southeast-1');
    expect(reason('444444444444')).toContain('no detector in eu-west-1');
  });
  it('does not call a region without a detector when its detector listing failed', () => {
    const findings = expectResources(
      rule,
      [
        member('222222222222', 'ErrorDetectorsUnreadInOneRegion'),
        vpc('222222222222', 'us-east-1'),
        vpc('222222222222', 'eu-west-1'),
        detector('222222222222', 'us-east-1', 'ENABLED'),
        // A region the account certainly leaves unwatched fails, whatever another region hides.
        member('333333333333', 'FailMissingElsewhere'),
        vpc('333333333333', 'eu-west-1'),
        vpc('333333333333', 'us-east-1'),
      ],
      {
        coverage: [
          deniedListing(DETECTOR, '222222222222', 'eu-west-1'),
          deniedListing(DETECTOR, '333333333333', 'eu-west-1'),
        ],
      },
    );
    const reason = findings.find((f) => f.resource.id === '222222222222')?.reason;
    expect(reason).toContain('whether GuardDuty is enabled in eu-west-1');
    expect(reason).toContain('AWS::GuardDuty::Detector not collected in 222222222222 eu-west-1');
    expect(reason).not.toContain('..');
  });
});
