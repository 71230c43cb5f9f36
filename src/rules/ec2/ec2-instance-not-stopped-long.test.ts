import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-not-stopped-long.js';

const stopped = (id: string, reason: string) =>
  resource('AWS::EC2::Instance', id, {}, { observed: { State: 'stopped', StateTransitionReason: reason } });

describe('ec2-instance-not-stopped-long', () => {
  it('reads the stop time from StateTransitionReason (clock 2026-06-01)', () => {
    const findings = expectResources(rule, [
      stopped('FailStoppedInMarch', 'User initiated (2026-03-01 09:15:00 GMT)'),
      stopped('PassStoppedLastWeek', 'User initiated (2026-05-25 18:00:00 GMT)'),
      stopped('ErrorNoStopTime', 'Server.ScheduledStop: Stopped due to scheduled retirement'),
      resource(
        'AWS::EC2::Instance',
        'PassLaunchedLastWeek',
        {},
        {
          observed: { State: 'stopped', StateTransitionReason: '', LaunchTime: '2026-05-25T00:00:00Z' },
        },
      ),
      resource('AWS::EC2::Instance', 'PassRunning', {}, { observed: { State: 'running' } }),
      resource(
        'AWS::EC2::Instance',
        'NotApplicableTemplate',
        { ImageId: 'ami-1' },
        { origin: { source: 'cloudformation' } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailStoppedInMarch')?.reason).toBe(
      'EC2 instance FailStoppedInMarch has been stopped for 92 days (since 2026-03-01; limit 30).',
    );
  });

  it('takes the limit from its parameters', () => {
    expectResources(rule, [stopped('FailStoppedLastWeek', 'User initiated (2026-05-25 18:00:00 GMT)')], {
      params: { maxStoppedDays: 3 },
    });
  });
});
