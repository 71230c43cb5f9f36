import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './ecs-task-definition-not-privileged.js';

describe('ecs-task-definition-not-privileged', () => {
  it('names privileged containers', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ecs-task-definition-not-privileged.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailPrivilegedSidecar')?.reason).toContain(
      'monitoring-agent',
    );
  });
});
