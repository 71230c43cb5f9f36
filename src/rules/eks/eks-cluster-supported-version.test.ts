import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './eks-cluster-supported-version.js';

const CLUSTER = 'AWS::EKS::Cluster';

describe('eks-cluster-supported-version', () => {
  it('fails versions in extended support or past it', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/eks-cluster-supported-version.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailExtendedSupport')?.reason).toContain(
      'in extended support since 2025-11-26',
    );
    // EKS's default version "might not be the latest version available" (CreateCluster).
    expect(findings.find((f) => f.resource.id === 'PassDefaultVersion')?.reason).toBe(
      "EKS cluster PassDefaultVersion takes EKS's default Kubernetes version when it is created.",
    );
  });

  it('orders versions missing from the calendar, and warns ahead when asked', () => {
    expectResources(rule, [
      resource(CLUSTER, 'FailAncient', { Version: '1.21' }),
      resource(CLUSTER, 'PassNewerThanCalendar', { Version: '1.37' }),
      resource(CLUSTER, 'ErrorNotAVersion', { Version: 'latest' }),
    ]);
    expectResources(rule, [resource(CLUSTER, 'FailEndsWithinNotice', { Version: '1.33' })], {
      params: { daysBefore: 90 },
    });
  });
});
