import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './eks-cluster-control-plane-logging-enabled.js';

describe('eks-cluster-control-plane-logging-enabled', () => {
  it('requires the api, audit and authenticator logs by default', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/eks-cluster-control-plane-logging-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailApiOnly')?.reason).toContain(
      'audit, authenticator control plane logs',
    );
  });
});
