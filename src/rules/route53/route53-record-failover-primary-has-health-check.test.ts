import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './route53-record-failover-primary-has-health-check.js';

describe('route53-record-failover-primary-has-health-check', () => {
  it('requires a health check (or target health) on PRIMARY failover records', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/route53-record-failover-primary-has-health-check.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailGroupWithUncheckedPrimary')?.reason).toContain(
      'docs.example.com. A (docs-a)',
    );
  });
});
