import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-multi-az-enabled.js';

describe('rds-instance-multi-az-enabled', () => {
  it('passes Multi-AZ, fails Single-AZ (set or defaulted), skips cluster members', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-multi-az-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailNotSet')?.reason).toContain('MultiAZ not set');
  });
});
