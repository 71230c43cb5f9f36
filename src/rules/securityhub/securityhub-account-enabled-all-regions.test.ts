import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './securityhub-account-enabled-all-regions.js';

const ORG_ACCOUNT = 'AWS::Organizations::Account';
const HUB = 'AWS::SecurityHub::Hub';
const MANAGEMENT = '111122223333';

const member = (id: string, outcome: string, observed?: Record<string, unknown>) =>
  resource(
    ORG_ACCOUNT,
    id,
    {},
    {
      account: MANAGEMENT,
      region: 'global',
      origin: { source: 'aws', logicalId: outcome },
      ...(observed ? { observed } : {}),
    },
  );
const vpc = (account: string, region: string) =>
  resource('AWS::EC2::VPC', `vpc-${account}-${region}`, {}, { account, region });
const hub = (account: string, region: string) =>
  resource(
    HUB,
    `arn:aws:securityhub:${region}:${account}:hub/default`,
    { EnableDefaultStandards: true },
    { account, region },
  );

describe('securityhub-account-enabled-all-regions', () => {
  it('needs a hub in every region with resources', () => {
    const findings = expectResources(rule, [
      member('222222222222', 'PassBothRegions'),
      vpc('222222222222', 'us-east-1'),
      vpc('222222222222', 'ap-southeast-1'),
      hub('222222222222', 'us-east-1'),
      hub('222222222222', 'ap-southeast-1'),
      member('333333333333', 'FailDrRegionWithoutHub'),
      vpc('333333333333', 'us-east-1'),
      vpc('333333333333', 'ap-southeast-1'),
      hub('333333333333', 'us-east-1'),
      member('444444444444', 'FailNoHubAnywhere'),
      vpc('444444444444', 'us-east-1'),
      member('555555555555', 'NotApplicableClosed', { Status: 'PENDING_CLOSURE' }),
      member('666666666666', 'ErrorNothingCollected'),
    ]);
    expect(findings.find((f) => f.resource.id === '333333333333')?.reason).toContain(
      'no Security Hub in ap-southeast-1',
    );
  });
  it('does not call a region without a hub when its hub listing failed', () => {
    const findings = expectResources(
      rule,
      [
        member('222222222222', 'ErrorHubUnreadInOneRegion'),
        vpc('222222222222', 'us-east-1'),
        vpc('222222222222', 'eu-west-1'),
        hub('222222222222', 'us-east-1'),
        member('333333333333', 'FailMissingWhereRead'),
        vpc('333333333333', 'us-east-1'),
        vpc('333333333333', 'eu-west-1'),
      ],
      {
        coverage: [
          deniedListing(HUB, '222222222222', 'eu-west-1'),
          deniedListing(HUB, '333333333333', 'eu-west-1'),
        ],
      },
    );
    expect(findings.find((f) => f.resource.id === '222222222222')?.reason).toContain(
      'whether Security Hub is enabled in eu-west-1 (AWS::SecurityHub::Hub not collected',
    );
    expect(findings.find((f) => f.resource.id === '333333333333')?.reason).toContain(
      'no Security Hub in us-east-1; whether it has one in eu-west-1',
    );
  });
});
