import { describe, expect, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './cloudtrail-trail-multi-region-enabled.js';

const TRAIL = 'AWS::CloudTrail::Trail';
const ORG_ACCOUNT = 'AWS::Organizations::Account';
const MANAGEMENT = '111122223333';
const MEMBER = '444455556666';
const dataOnly = {
  IsLogging: true,
  IsMultiRegionTrail: true,
  EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false }],
};

describe('cloudtrail-trail-multi-region-enabled', () => {
  it('requires multi-region, logging and management events', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudtrail-trail-multi-region-enabled.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailSingleRegion')).toContain('records only its home region');
    expect(reason('FailSingleRegion')).toContain('PassAllRegions records');
    expect(reason('PassDataEventsWhileAnotherTrailRecordsManagement')).toContain('data events only');
    expect(reason('ErrorMultiRegionGivenAtDeploy')).toContain('IsMultiRegionTrail is not known');
  });

  it('counts an organisation trail of the management account for its members', () => {
    const findings = expectResources(rule, [
      resource(ORG_ACCOUNT, MEMBER, {}, { account: MANAGEMENT, region: 'global' }),
      resource(
        TRAIL,
        'PassOrgTrail',
        { IsLogging: true, IsMultiRegionTrail: true, IsOrganizationTrail: true },
        { account: MANAGEMENT },
      ),
      resource(TRAIL, 'PassMemberDataTrail', dataOnly, { account: MEMBER }),
      resource(TRAIL, 'FailDataTrailOfAnotherAccount', dataOnly, { account: '999988887777' }),
      resource(
        TRAIL,
        'FailReadOnlyManagement',
        { IsLogging: true, IsMultiRegionTrail: true, EventSelectors: [{ ReadWriteType: 'ReadOnly' }] },
        { account: '999988887777' },
      ),
      resource(
        TRAIL,
        'FailStoppedLive',
        { IsLogging: true, IsMultiRegionTrail: true },
        { account: '999988887777', observed: { IsLogging: false } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailReadOnlyManagement')?.reason).toContain(
      'only read-only management events',
    );
  });

  it('cannot decide a live trail whose status or selectors were not read', () => {
    const notRead = unresolved('cloudtrail get-trail-status --name audit', 'the trail status was not read');
    const selectorsNotRead = unresolved(
      'cloudtrail get-event-selectors --trail-name audit',
      'the event selectors were not read',
    );
    const findings = expectResources(rule, [
      resource(TRAIL, 'ErrorStatusNotRead', {
        IsMultiRegionTrail: true,
        IsLogging: notRead,
        EventSelectors: [],
      }),
      resource(
        TRAIL,
        'ErrorSelectorsNotRead',
        {
          IsMultiRegionTrail: true,
          IsLogging: true,
          EventSelectors: selectorsNotRead,
          AdvancedEventSelectors: selectorsNotRead,
        },
        { account: '999988887777' },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'ErrorStatusNotRead')?.reason).toContain(
      'the trail status was not read',
    );
  });
  it('does not fail a trail of data events for want of another trail when a trail listing failed', () => {
    const findings = expectResources(
      rule,
      [
        resource(TRAIL, 'ErrorDataTrailOtherTrailsUnread', dataOnly, { account: MEMBER }),
        resource(TRAIL, 'FailDataTrailAllRead', dataOnly, { account: '999988887777' }),
      ],
      { coverage: [deniedListing(TRAIL, MEMBER, 'eu-central-1')] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorDataTrailOtherTrailsUnread')?.reason).toContain(
      'whether another trail records the rest is not known: AWS::CloudTrail::Trail not collected',
    );
  });
});
