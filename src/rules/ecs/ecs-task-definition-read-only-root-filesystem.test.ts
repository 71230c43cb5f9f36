import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './ecs-task-definition-read-only-root-filesystem.js';

describe('ecs-task-definition-read-only-root-filesystem', () => {
  it('requires ReadonlyRootFilesystem on every container', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ecs-task-definition-read-only-root-filesystem.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailWritableByDefault')?.reason).toContain(
      'gives log-router a writable',
    );
  });
});
