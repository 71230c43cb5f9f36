import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-alarm-ok.js';

const ALARM = 'AWS::CloudWatch::Alarm';
const state = (StateValue: string, StateUpdatedTimestamp: string, StateReason?: string) => ({
  observed: { StateValue, StateUpdatedTimestamp, ...(StateReason ? { StateReason } : {}) },
});

describe('cloudwatch-alarm-ok', () => {
  it('fails alarms in ALARM with how long and why', () => {
    const findings = expectResources(rule, [
      resource(
        ALARM,
        'FailUnhealthyHosts',
        { MetricName: 'UnHealthyHostCount' },
        state(
          'ALARM',
          '2026-05-12T12:00:00Z',
          'Threshold Crossed: 5 datapoints [1.0, 1.0, 1.0, 1.0, 1.0] were greater than the threshold (0.0).',
        ),
      ),
      resource(ALARM, 'PassOk', {}, state('OK', '2026-05-26T12:00:00Z')),
      resource(
        ALARM,
        'NotApplicableInsufficientData',
        {},
        state('INSUFFICIENT_DATA', '2026-04-01T00:00:00Z'),
      ),
      resource(ALARM, 'NotApplicableTemplateAlarm', { MetricName: 'CPUUtilization' }),
      resource(
        'AWS::CloudWatch::CompositeAlarm',
        'FailCompositeInAlarm',
        {},
        state('ALARM', '2026-06-01T09:00:00Z'),
      ),
      resource(ALARM, 'ErrorUnknownState', {}, state('BROKEN', '2026-06-01T09:00:00Z')),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailUnhealthyHosts')?.reason).toBe(
      'CloudWatch alarm FailUnhealthyHosts is in ALARM since 2026-05-12 (20 days): Threshold Crossed: 5 datapoints [1.0, 1.0, 1.0, 1.0, 1.0] were greater than the threshold (0.0).',
    );
    expect(findings.find((f) => f.resource.id === 'FailCompositeInAlarm')?.reason).toContain('(3 hours)');
  });
});
