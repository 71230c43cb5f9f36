import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-alarm-has-data.js';

const ALARM = 'AWS::CloudWatch::Alarm';
const statusCheck = (instance: string) => ({
  Namespace: 'AWS/EC2',
  MetricName: 'StatusCheckFailed_System',
  Dimensions: [{ Name: 'InstanceId', Value: instance }],
});
const state = (StateValue: string, StateUpdatedTimestamp?: string) => ({
  observed: { StateValue, ...(StateUpdatedTimestamp ? { StateUpdatedTimestamp } : {}) },
});

describe('cloudwatch-alarm-has-data', () => {
  it('fails alarms without data for longer than the threshold and names a vanished instance', () => {
    const findings = expectResources(rule, [
      resource('AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa1', {}),
      resource(
        ALARM,
        'FailWatchesTerminatedInstance',
        statusCheck('i-0bbbbbbbbbbbbbbb2'),
        state('INSUFFICIENT_DATA', '2026-04-17T12:00:00Z'),
      ),
      resource(
        ALARM,
        'PassWatchesLiveInstance',
        statusCheck('i-0aaaaaaaaaaaaaaa1'),
        state('OK', '2026-05-01T00:00:00Z'),
      ),
      resource(
        ALARM,
        'PassJustCreated',
        statusCheck('i-0aaaaaaaaaaaaaaa1'),
        state('INSUFFICIENT_DATA', '2026-06-01T10:00:00Z'),
      ),
      resource(ALARM, 'PassInAlarm', {}, state('ALARM', '2026-06-01T10:00:00Z')),
      resource(ALARM, 'ErrorSinceUnknown', {}, state('INSUFFICIENT_DATA')),
      resource(ALARM, 'NotApplicableTemplate', statusCheck('Instance')),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailWatchesTerminatedInstance')?.reason).toBe(
      'CloudWatch alarm FailWatchesTerminatedInstance has had insufficient data since 2026-04-17 (45 days); the instance it watches, i-0bbbbbbbbbbbbbbb2, is not in the snapshot (terminated?).',
    );
  });

  it('takes the threshold from its parameters', () => {
    expectResources(
      rule,
      [resource(ALARM, 'FailAfterOneHour', {}, state('INSUFFICIENT_DATA', '2026-06-01T10:00:00Z'))],
      {
        params: { maxHours: 1 },
      },
    );
  });
});
