import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
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

  it('does not take OK for data when missing data was treated as not breaching', () => {
    const noData = (StateValue: string) => ({
      observed: {
        StateValue,
        StateUpdatedTimestamp: '2026-05-01T00:00:00Z',
        StateReason:
          'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
      },
    });
    const findings = expectResources(rule, [
      resource('AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa1', {}),
      resource(
        ALARM,
        'FailNotBreachingOnTerminatedInstance',
        { ...statusCheck('i-0bbbbbbbbbbbbbbb2'), TreatMissingData: 'notBreaching' },
        noData('OK'),
      ),
      resource(ALARM, 'PassSparseMetricWithoutData', { TreatMissingData: 'notBreaching' }, noData('OK')),
      resource(ALARM, 'PassWithDatapoints', statusCheck('i-0aaaaaaaaaaaaaaa1'), {
        observed: {
          StateValue: 'OK',
          StateReason:
            'Threshold Crossed: 1 datapoint [0.0 (01/06/26 11:55:00)] was not greater than or equal to the threshold (1.0).',
        },
      }),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailNotBreachingOnTerminatedInstance')).toContain(
      'i-0bbbbbbbbbbbbbbb2, is not in the snapshot',
    );
    expect(reason('PassSparseMetricWithoutData')).toContain('is in state OK without datapoints');
    expect(reason('PassSparseMetricWithoutData')).not.toContain('has data');
    expect(reason('PassWithDatapoints')).toContain('is in state OK: Threshold Crossed: 1 datapoint');
  });
  it('does not call the watched instance gone when the instances were not listed', () => {
    const findings = expectResources(
      rule,
      [
        resource(
          ALARM,
          'ErrorInstanceMayExist',
          { ...statusCheck('i-0bbbbbbbbbbbbbbb2'), TreatMissingData: 'notBreaching' },
          {
            observed: {
              StateValue: 'OK',
              StateUpdatedTimestamp: '2026-05-01T00:00:00Z',
              StateReason: 'Threshold Crossed: no datapoints were received for 1 period.',
            },
          },
        ),
        resource(
          ALARM,
          'FailStuckWithoutClaimingGone',
          statusCheck('i-0bbbbbbbbbbbbbbb2'),
          state('INSUFFICIENT_DATA', '2026-04-17T12:00:00Z'),
        ),
      ],
      { coverage: [deniedListing('AWS::EC2::Instance')] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorInstanceMayExist')?.reason).toContain(
      'whether the instance it watches still exists is not known',
    );
    expect(findings.find((f) => f.resource.id === 'FailStuckWithoutClaimingGone')?.reason).not.toContain(
      'terminated',
    );
  });
});
