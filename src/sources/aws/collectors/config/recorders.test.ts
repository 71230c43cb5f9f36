/**
 * The AWS Config collector driven through the real SDK against the local endpoint with recorded
 * responses, and the Config rules run on what it collected: the rules read CloudFormation's
 * `RecordingGroup` names, so the API's camelCase group must arrive renamed.
 */
import { describe, expect, it } from 'vitest';
import { RECORDED_ACCOUNT_ID, type Faults } from '../../../../../test/aws-endpoint/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { resource } from '../../../../../test/rule-fixtures.js';
import { isUnresolved, type Resource, type Snapshot } from '../../../../model/index.js';
import { runRules } from '../../../../engine/index.js';
import recordsAll from '../../../../rules/config/config-recorder-records-all-resources.js';
import allRegions from '../../../../rules/config/config-account-recording-all-regions.js';
import { recorders } from './recorders.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collectRecorded = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [recorders],
  now: NOW,
  regions: ['us-east-1', 'eu-west-1'],
});

async function collect(faults: Faults = {}): Promise<Snapshot> {
  return (await collectRecorded(faults)).snapshot;
}

const recorderIn = (snapshot: Snapshot, region: string): Resource => {
  const r = snapshot.resources.find(
    (x) => x.type === 'AWS::Config::ConfigurationRecorder' && x.region === region,
  );
  if (!r) throw new Error(`no recorder collected in ${region}`);
  return r;
};

describe('config/recorders', () => {
  it('renames the recording group and mode to CloudFormation names, and the rules judge them', async () => {
    const snapshot = await collect();
    expect(snapshot.coverage).toEqual([]);
    expect(recorderIn(snapshot, 'us-east-1').props.RecordingGroup).toEqual({
      AllSupported: true,
      IncludeGlobalResourceTypes: true,
      ResourceTypes: [],
      ExclusionByResourceTypes: { ResourceTypes: [] },
      RecordingStrategy: { UseOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
    });
    const listed = recorderIn(snapshot, 'eu-west-1');
    expect(listed.props.RecordingGroup).toEqual({
      AllSupported: false,
      IncludeGlobalResourceTypes: false,
      ResourceTypes: ['AWS::EC2::Instance'],
      ExclusionByResourceTypes: { ResourceTypes: [] },
      RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
    expect(listed.props.RecordingMode).toEqual({
      RecordingFrequency: 'CONTINUOUS',
      RecordingModeOverrides: [
        {
          Description: 'daily is enough',
          RecordingFrequency: 'DAILY',
          ResourceTypes: ['AWS::EC2::Instance'],
        },
      ],
    });
    expect(listed.observed).toMatchObject({ Recording: true, LastStatus: 'SUCCESS' });

    const member = resource('AWS::Organizations::Account', RECORDED_ACCOUNT_ID, {}, { region: 'global' });
    const { findings } = runRules(
      { ...snapshot, resources: [...snapshot.resources, member] },
      { rules: [recordsAll, allRegions], now: NOW },
    );
    const status = (ruleId: string, region?: string) =>
      findings.find((f) => f.ruleId === ruleId && (region === undefined || f.resource.region === region));
    expect(status(recordsAll.id, 'us-east-1')?.status).toBe('pass');
    expect(status(recordsAll.id, 'us-east-1')?.reason).toContain('including global IAM types');
    expect(status(recordsAll.id, 'eu-west-1')?.status).toBe('fail');
    expect(status(recordsAll.id, 'eu-west-1')?.reason).toContain('records only the resource types it lists');
    expect(status(allRegions.id)?.reason).toContain(
      'eu-west-1: default records only the resource types it lists',
    );
    // us-east-1's recorder records every type and the global IAM types: the account passes there.
    const east = runRules(
      { ...snapshot, resources: [recorderIn(snapshot, 'us-east-1'), member] },
      { rules: [allRegions], now: NOW },
    );
    expect(east.findings.map((f) => f.status)).toEqual(['pass']);
  });

  it('leaves the recording status unknown when it cannot be read, and the rules give errors', async () => {
    const snapshot = await collect({ deny: ['config:DescribeConfigurationRecorderStatus'] });
    expect(snapshot.coverage.some((g) => g.kind === 'access-denied')).toBe(true);
    const east = recorderIn(snapshot, 'us-east-1');
    expect(isUnresolved(east.observed?.Recording)).toBe(true);
    const member = resource('AWS::Organizations::Account', RECORDED_ACCOUNT_ID, {}, { region: 'global' });
    const { findings } = runRules(
      { ...snapshot, resources: [east, member] },
      { rules: [recordsAll, allRegions], now: NOW },
    );
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([
      [recordsAll.id, 'error'],
      [allRegions.id, 'error'],
    ]);
    expect(findings[0]?.reason).toContain('whether it is recording is not known');
  });
});
