/**
 * The CloudTrail collector driven through the real SDK against the local endpoint with recorded
 * responses, and the CloudTrail rules run on what it collected: what the collector yields (and what
 * it could not read) is what the rules judge.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Resource, type Snapshot } from '../../../../model/index.js';
import { RECORDED_ACCOUNT_ID, type Faults } from '../../../../../test/aws-endpoint/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { resource, statusesByRule } from '../../../../../test/rule-fixtures.js';
import { trails } from './trails.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collectRecorded = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [trails],
  now: NOW,
});

async function collect(faults: Faults = {}): Promise<Snapshot> {
  return (await collectRecorded(faults)).snapshot;
}

const RULES = [
  'cloudtrail-trail-multi-region-enabled',
  'cloudtrail-account-multi-region-trail-present',
  'cloudtrail-trail-cloudwatch-logs-enabled',
  'cloudwatch-trail-root-usage-monitored',
];

/** Rule id → resource id → status, with the account as an organisation member to judge. */
function run(snapshot: Snapshot) {
  const member = resource('AWS::Organizations::Account', RECORDED_ACCOUNT_ID, {}, { region: 'global' });
  return statusesByRule({ ...snapshot, resources: [...snapshot.resources, member] }, RULES, NOW);
}

const trail = (snapshot: Snapshot): Resource =>
  snapshot.resources.find((r) => r.type === 'AWS::CloudTrail::Trail' && r.id === 'org-audit')!;

describe('cloudtrail/trails', () => {
  it('copies the CloudWatch Logs delivery error of the trail status, which fails CloudTrail.5', async () => {
    const snapshot = await collect();
    expect(snapshot.coverage).toEqual([]);
    expect(trail(snapshot).props).toMatchObject({ IsLogging: true, IsMultiRegionTrail: true });
    expect(trail(snapshot).observed).toMatchObject({
      LatestCloudWatchLogsDeliveryError: 'AccessDeniedException',
      LatestCloudWatchLogsDeliveryTime: '2026-11-21T23:00:00.000Z',
      LatestDeliveryError: null,
    });
    const { statuses, findings } = run(snapshot);
    expect(statuses['cloudtrail-trail-multi-region-enabled']).toEqual({ 'org-audit': 'pass' });
    expect(statuses['cloudtrail-account-multi-region-trail-present']).toEqual({
      [RECORDED_ACCOUNT_ID]: 'pass',
    });
    expect(statuses['cloudtrail-trail-cloudwatch-logs-enabled']).toEqual({ 'org-audit': 'fail' });
    expect(findings.find((f) => f.ruleId === 'cloudtrail-trail-cloudwatch-logs-enabled')?.reason).toContain(
      'fails to deliver to CloudWatch Logs: AccessDeniedException',
    );
  });

  it('leaves the status and selectors unresolved when they cannot be read, and the rules give errors', async () => {
    const snapshot = await collect({ deny: ['cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'] });
    expect(snapshot.coverage.filter((g) => g.kind === 'access-denied')).toHaveLength(2);
    const props = trail(snapshot).props;
    expect(isUnresolved(props.IsLogging)).toBe(true);
    expect(isUnresolved(props.EventSelectors)).toBe(true);
    expect(isUnresolved(props.AdvancedEventSelectors)).toBe(true);
    const { statuses } = run(snapshot);
    expect(statuses).toEqual({
      'cloudtrail-trail-multi-region-enabled': { 'org-audit': 'error' },
      'cloudtrail-account-multi-region-trail-present': { [RECORDED_ACCOUNT_ID]: 'error' },
      'cloudtrail-trail-cloudwatch-logs-enabled': { 'org-audit': 'error' },
      'cloudwatch-trail-root-usage-monitored': { 'org-audit': 'error' },
    });
  });
});
