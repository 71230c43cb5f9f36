import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './backup-plan-retention-sufficient.js';

describe('backup-plan-retention-sufficient', () => {
  it('checks rule and copy retention against the minimum', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/backup-plan-retention-sufficient.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailShortCopy')?.reason).toContain(
      'the copy of rule daily keeps 3 days',
    );
  });
});
