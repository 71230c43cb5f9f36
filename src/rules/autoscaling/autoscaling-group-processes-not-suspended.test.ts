import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-processes-not-suspended.js';

const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const suspended = (id: string, processes: Array<[string, string]>) =>
  resource(
    ASG,
    id,
    {},
    {
      observed: {
        SuspendedProcesses: processes.map(([ProcessName, SuspensionReason]) => ({
          ProcessName,
          SuspensionReason,
        })),
      },
    },
  );

describe('autoscaling-group-processes-not-suspended', () => {
  it('fails processes suspended for more than a day (clock 2026-06-01T12:00Z)', () => {
    const findings = expectResources(rule, [
      suspended('FailSuspendedToDebug', [
        ['Launch', 'User suspended at 2026-05-11T12:00:00Z'],
        ['ReplaceUnhealthy', 'User suspended at 2026-05-11T12:00:00Z'],
        ['AZRebalance', 'User suspended at 2026-05-11T12:00:00Z'],
      ]),
      suspended('PassSuspendedThisMorning', [['ReplaceUnhealthy', 'User suspended at 2026-06-01T08:00:00Z']]),
      suspended('FailNoTimeRecorded', [['AlarmNotification', '']]),
      resource(ASG, 'PassNoneSuspended', {}, { observed: { SuspendedProcesses: [] } }),
      resource(ASG, 'NotApplicableTemplate', { MinSize: '1' }, { origin: { source: 'cloudformation' } }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailSuspendedToDebug')?.reason).toBe(
      'Auto Scaling group FailSuspendedToDebug has had Launch, ReplaceUnhealthy, AZRebalance suspended since 2026-05-11 (21 days): unhealthy instances are not replaced.',
    );
  });
});
