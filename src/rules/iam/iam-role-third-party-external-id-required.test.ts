import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './iam-role-third-party-external-id-required.js';

describe('iam-role-third-party-external-id-required', () => {
  it('requires sts:ExternalId pinned to a value for outside accounts', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-role-third-party-external-id-required.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailMonitoringVendorNoCondition')?.reason).toContain(
      "account 777788889999 (the template's own account is not known) in trust policy statement 0",
    );
  });

  it('knows the account when the template is deployed', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/iam-role-third-party-external-id-required.yaml', import.meta.url),
      { deployed: true },
    );
    expect(findings.find((f) => f.resource.id === 'FailMonitoringVendorNoCondition')?.reason).toContain(
      'account 777788889999 (outside the organisation)',
    );
  });
});
