import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './ecs-task-definition-host-network-non-root.js';

describe('ecs-task-definition-host-network-non-root', () => {
  it('fails root users (or no user) in host network mode', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ecs-task-definition-host-network-non-root.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailHostModeDefaultUser')?.reason).toContain(
      'proxy (no User), agent',
    );
  });
});
