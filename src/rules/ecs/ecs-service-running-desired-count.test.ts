import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ecs-service-running-desired-count.js';

const SERVICE = 'AWS::ECS::Service';

describe('ecs-service-running-desired-count', () => {
  it('fails a service below its desired count with the failed rollout and the latest event', () => {
    const findings = expectResources(rule, [
      resource(
        SERVICE,
        'FailImageNotFound',
        { DesiredCount: 4 },
        {
          observed: {
            RunningCount: 1,
            PendingCount: 0,
            Deployments: [
              {
                Status: 'PRIMARY',
                RolloutState: 'FAILED',
                RolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
                FailedTasks: 8,
                CreatedAt: '2026-06-01T05:00:00Z',
              },
            ],
            Events: [
              {
                CreatedAt: '2026-06-01T06:00:00Z',
                Message:
                  '(service orders-worker) (task 3f1c) failed to start: CannotPullContainerError: orders-worker:1.43.0: not found',
              },
            ],
          },
        },
      ),
      resource(SERVICE, 'PassSteady', { DesiredCount: 2 }, { observed: { RunningCount: 2 } }),
      resource(
        SERVICE,
        'PassRollingOut',
        { DesiredCount: 3 },
        {
          observed: {
            RunningCount: 1,
            Deployments: [
              { Status: 'PRIMARY', RolloutState: 'IN_PROGRESS', CreatedAt: '2026-06-01T11:50:00Z' },
            ],
          },
        },
      ),
      resource(
        SERVICE,
        'FailRolloutStuck',
        { DesiredCount: 3 },
        {
          observed: {
            RunningCount: 1,
            PendingCount: 2,
            Deployments: [
              { Status: 'PRIMARY', RolloutState: 'IN_PROGRESS', CreatedAt: '2026-06-01T08:00:00Z' },
            ],
          },
        },
      ),
      resource(SERVICE, 'PassScaledToZero', { DesiredCount: 0 }, { observed: { RunningCount: 0 } }),
      resource(SERVICE, 'NotApplicableTemplate', { DesiredCount: 2 }),
      resource(SERVICE, 'ErrorNoDesiredCount', {}, { observed: { RunningCount: 1 } }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailImageNotFound')?.reason).toBe(
      'ECS service FailImageNotFound runs 1 of 4 desired tasks; its latest deployment failed (8 tasks failed to start): ECS deployment circuit breaker: tasks failed to start; latest event: (service orders-worker) (task 3f1c) failed to start: CannotPullContainerError: orders-worker:1.43.0: not found.',
    );
  });
});
