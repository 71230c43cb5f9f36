import { describe, expect, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './cloudtrail-account-multi-region-trail-present.js';

const TRAIL = 'AWS::CloudTrail::Trail';
const ORG_ACCOUNT = 'AWS::Organizations::Account';
const ORG_A = '111122223333';
const ORG_B = '999988880000';

/** A member account (id = account id) of the organisation managed from `org`; `outcome` names the expected result. */
const member = (
  id: string,
  outcome: string,
  org = ORG_A,
  observed: Record<string, unknown> = { Status: 'ACTIVE' },
) =>
  resource(
    ORG_ACCOUNT,
    id,
    { AccountName: outcome },
    {
      account: org,
      region: 'global',
      observed,
      origin: { source: 'aws', logicalId: outcome },
    },
  );
const everywhere = { IsLogging: true, IsMultiRegionTrail: true };

describe('cloudtrail-account-multi-region-trail-present', () => {
  it('accepts the account’s own trail or the organisation trail, and says why others do not count', () => {
    const findings = expectResources(rule, [
      member(ORG_A, 'PassManagementAccount'),
      member('222233334444', 'PassMemberCoveredByOrgTrail'),
      member('555566667777', 'NotApplicableSuspended', ORG_A, { Status: 'SUSPENDED' }),
      member('333344445555', 'PassOwnTrail', ORG_B),
      member('666677778888', 'FailOnlySingleRegionTrail', ORG_B),
      member('777788889999', 'FailNoTrail', ORG_B),
      member('444400001111', 'ErrorNothingCollected', '888800001111'),
      resource(
        'AWS::Organizations::Account',
        'NotApplicableFromTemplate',
        {},
        { account: 'unknown', region: 'global' },
      ),
      resource(TRAIL, 'org-trail', { ...everywhere, IsOrganizationTrail: true }, { account: ORG_A }),
      // An organisation trail that is stopped covers nobody.
      resource(
        TRAIL,
        'org-b-trail',
        { IsLogging: false, IsMultiRegionTrail: true, IsOrganizationTrail: true },
        { account: ORG_B },
      ),
      resource(TRAIL, 'own-trail', everywhere, { account: '333344445555' }),
      resource(TRAIL, 'single-region', { IsLogging: true }, { account: '666677778888' }),
      resource('AWS::EC2::VPC', 'vpc-1', {}, { account: '777788889999' }),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('222233334444')).toContain('the organisation trail org-trail');
    expect(reason('666677778888')).toContain('single-region is single-region');
    expect(reason('666677778888')).toContain('org-b-trail is not logging');
    expect(reason('777788889999')).toContain('org-b-trail is not logging');
  });

  it('cannot decide when the only multi-region trail has a status that was not read', () => {
    const findings = expectResources(rule, [
      member('121200003434', 'ErrorTrailStatusNotRead', '121200003434'),
      resource(
        TRAIL,
        'audit',
        {
          IsMultiRegionTrail: true,
          IsLogging: unresolved('cloudtrail get-trail-status --name audit', 'the trail status was not read'),
        },
        { account: '121200003434' },
      ),
    ]);
    expect(findings[0]?.reason).toContain('audit (IsLogging is not known');
  });
  it('does not say no trail covers the account when a trail listing failed where one could be', () => {
    const findings = expectResources(
      rule,
      [
        // Its own trail listing failed in one region: a multi-region trail may have its home there.
        member('777788889999', 'ErrorOwnTrailsUnread', ORG_B),
        resource('AWS::EC2::VPC', 'vpc-1', {}, { account: '777788889999' }),
        // The management account's listing failed: the organisation trail may be there.
        member('666677778888', 'ErrorOrganisationTrailUnread', ORG_A),
        resource('AWS::EC2::VPC', 'vpc-2', {}, { account: '666677778888' }),
        member('555566667777', 'FailNoTrailAndAllRead', ORG_B),
        resource('AWS::EC2::VPC', 'vpc-3', {}, { account: '555566667777' }),
      ],
      {
        coverage: [
          deniedListing(TRAIL, '777788889999', 'ap-south-1'),
          deniedListing(TRAIL, ORG_A, 'eu-west-1'),
        ],
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('777788889999')).toContain(
      'AWS::CloudTrail::Trail not collected in 777788889999 ap-south-1',
    );
    expect(reason('666677778888')).toContain(`not collected in ${ORG_A} eu-west-1`);
  });
});
