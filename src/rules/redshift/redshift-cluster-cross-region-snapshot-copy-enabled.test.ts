import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-cross-region-snapshot-copy-enabled.js';

describe('redshift-cluster-cross-region-snapshot-copy-enabled', () => {
  it('passes a copy to another region and fails none or the same region', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/redshift-cluster-cross-region-snapshot-copy-enabled.yaml', import.meta.url),
      { deployed: true },
    );
    expect(findings.find((f) => f.resource.id === 'PassCopiesToDr')?.reason).toContain(
      'ap-southeast-1 and keeps them 7 days',
    );
  });

  it('says why Multi-AZ and replicas do not replace it', () => {
    expect(rule.rationale).toMatch(/no read replicas/);
    expect(rule.rationale).toMatch(/Multi-AZ/);
  });
});
