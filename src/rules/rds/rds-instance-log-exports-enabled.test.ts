import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-log-exports-enabled.js';

describe('rds-instance-log-exports-enabled', () => {
  it("requires each engine's log types", async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-log-exports-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailMysqlErrorOnly')?.reason).toContain(
      'audit, general, slowquery',
    );
  });
});
